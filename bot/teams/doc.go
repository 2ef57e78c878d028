// Package teams will be the Microsoft Teams adapter, speaking the Bot
// Framework's documented HTTP protocol directly (there is no maintained Go
// SDK). So far it holds the verification of inbound requests' tokens
// (auth.go), the part every other piece depends on; the messaging endpoint,
// replies, cards and proactive posts are still to come (issue 8).
package teams
