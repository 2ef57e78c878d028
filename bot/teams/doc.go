// Package teams is the Microsoft Teams adapter, speaking the Bot
// Framework's documented HTTP protocol directly (there is no maintained Go
// SDK): the messaging endpoint that verifies each request's token before
// anything in it is used and answers at once (endpoint.go, auth.go), the
// activity model (activity.go), the adapter that turns activities into the
// engine's inbound events with de-duplication, mentions and access lists
// (adapter.go), the Adaptive Cards (cards.go), the engine's Replier
// (reply.go), and the outgoing side: the client-credentials token and the
// Bot Connector calls with Teams' retry rules (connector.go).
//
// Still to come (issue 8): `advisorbot teams` wiring it to a listener and
// settings, the Slack adapter's extra commands (new, history, forget me),
// proactive summary posts and the app package.
package teams
