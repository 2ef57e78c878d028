// Package teams will be the Microsoft Teams adapter, speaking the Bot
// Framework's documented HTTP protocol directly (there is no maintained Go
// SDK). So far it holds the parts every other piece depends on: the
// verification of inbound requests' tokens (auth.go) and the outgoing side,
// the client-credentials token and the Bot Connector calls with Teams'
// retry rules (connector.go). The messaging endpoint, cards, the engine's
// replier and proactive posts are still to come (issue 8).
package teams
