// Package slack serves the conversation engine in Slack over Socket Mode:
// direct messages, channel mentions continued in their thread, and the
// assistant pane; follow-up questions as Block Kit buttons; the
// recommendation as a card; the explanation streamed as a reply (in a
// direct message, to the person's message), within the rate tiers Slack
// sets per workspace, which every conversation shares (budget.go). It is
// the only importer of github.com/slack-go/slack (imported as goslack, since
// this package is called slack too).
//
// Every envelope is acknowledged before any work starts, so a slow model
// never misses Slack's three-second window.
package slack
