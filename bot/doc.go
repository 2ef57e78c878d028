// Package bot is advisorbot's platform-neutral conversation engine. A chat
// adapter (terminal, Slack, Teams) turns what a person typed or clicked into
// an [Inbound] event and hands it to [Engine.Handle] with a [Replier]; the
// engine loads the conversation, applies the message, stores the new state
// (durably, before it answers) and replies with [Outbound] messages that the
// adapter renders in its own way.
//
// The flow: description -> fields read from it -> the planner's questions
// (at most six, fewer when the outcome is settled, each skippable) ->
// recommendation with ROI -> explanation, streamed -> feedback. At any time
// people may say "restart", "skip", "why?", "what if the volume is 50k?",
// "show roi" or "help". Messages of one conversation are handled in order;
// different conversations run in parallel.
package bot
