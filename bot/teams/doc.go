// Package teams will be the Microsoft Teams adapter, speaking the Bot
// Framework's documented HTTP protocol directly (there is no maintained Go
// SDK). So far it holds the parts every other piece depends on: the
// messaging endpoint that verifies each request's token before anything in
// it is used and answers at once (endpoint.go, auth.go), the activity
// model (activity.go), and the outgoing side, the client-credentials token
// and the Bot Connector calls with Teams' retry rules (connector.go), and
// the Adaptive Cards for questions and the recommendation (cards.go), and
// the engine's Replier over the connector (reply.go). `advisorbot teams`
// (the wiring to the engine, access lists and commands) and proactive
// posts are still to come (issue 8).
package teams
