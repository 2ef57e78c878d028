// Package teams serves the conversation engine in Microsoft Teams,
// speaking the Bot Framework's documented HTTP protocol directly (there is
// no maintained Go SDK).
//
// An activity's path: the messaging endpoint verifies the request's token
// before anything in it is used and answers at once (endpoint.go,
// auth.go); the adapter translates the activity (activity.go) into the
// engine's platform-neutral Inbound: who, where, the text with the bot's
// mention removed, a card's choice (adapter.go, places.go). Everything
// else — commands, de-duplication of a redelivered activity, access
// lists, owners — is the engine's. The engine answers through the
// Replier (reply.go), which renders Adaptive Cards that Teams' host
// config accepts (cards.go, cards_more.go), streams explanations natively
// in personal chats (stream.go) and sends them through the Bot Connector
// with Teams' retry rules (connector.go); a card whose click the engine
// took becomes a read-only copy (answered.go).
//
// Server (server.go) is the listener the command line runs; Poster
// (summary.go) posts the weekly summary to a channel; Courier
// (followup.go) opens an assessment owner's personal chat for a
// follow-up; package.go builds the app package that installs the bot.
package teams
