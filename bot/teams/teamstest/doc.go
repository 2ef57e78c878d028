// Package teamstest is a local stand-in for the Microsoft services a Teams
// bot talks to, speaking their documented wire formats: an identity service
// (OpenID metadata and a JWT key set with endorsements, and tokens signed
// with its keys, as login.botframework.com issues them to the Bot
// Framework) and a Bot Framework (the Entra ID token endpoint for client
// credentials and a connector that records the activities it receives).
//
// The connector refuses what Teams refuses, so a regression fails a test
// rather than a chat: messages over 100 KB of UTF-16 (pictures not
// counted) get 413 MessageSizeTooBig; streaming follows Teams' rules
// (personal chats only, sequence numbers that grow, a final message that
// ends the stream); updates must name an activity of the conversation.
// Every Adaptive Card is checked against Microsoft's Adaptive Cards 1.5
// schema and Teams' host config (spec/): a card with more actions than
// Teams shows (six, nested action sets counted), a required input without
// a label, or one the schema refuses, gets 400 BadArgument, as a validator
// would refuse it where Teams would only show it cut short. Each such
// refusal is a problem that fails the sending test when it ends, unless
// the test took it (TakeProblems); Tally counts them over a whole run.
//
// activities.go builds what Teams sends the bot, in the documented shapes:
// a team install (the chosen channel as the conversation, with its name,
// and the team in channelData), personal messages, channel mentions and
// card clicks.
//
// It knows nothing of package teams, so that package's own tests can use it.
package teamstest
