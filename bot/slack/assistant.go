package slack

import (
	"context"

	goslack "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/advisorbot/advisorbot/bot"
)

// Slack's assistant pane: a thread in the user's DM with the bot. Opening
// it sends assistant_thread_started, answered with suggested prompts and a
// title; what the user types there arrives as a DM thread reply, which
// message() hands to the engine with the thread as the conversation, after
// setting the "is thinking..." status that Slack clears on the bot's reply.

// Texts of the assistant pane.
const (
	assistantTitle        = "Automation advice"
	assistantPromptsTitle = "Try one of these:"
	assistantThinking     = "is thinking..."
)

// assistantPrompts are the suggested prompts of a new assistant thread.
var assistantPrompts = []goslack.AssistantThreadsPrompt{
	{Title: "Is fine-tuning worth it?", Message: "Is fine-tuning worth it for my use case?"},
	{Title: "RAG for our internal docs?", Message: "Should we use RAG for our internal docs?"},
	{Title: "Automate ticket triage?", Message: "What would automating our ticket triage save?"},
}

// assistantStarted sets up a new assistant thread: suggested prompts and a
// title, nothing posted.
func (a *Server) assistantStarted(ctx context.Context, e *slackevents.AssistantThreadStartedEvent) {
	t := e.AssistantThread
	if t.ChannelID == "" || t.ThreadTimeStamp == "" {
		return
	}
	if refusal, ok := a.engine.Check(a.inbound(ctx, t.ChannelID, t.UserID)); !ok {
		r := &replier{a: a, channel: t.ChannelID, thread: t.ThreadTimeStamp, user: t.UserID}
		_ = r.Send(ctx, bot.Outbound{Kind: bot.KindText, Text: refusal})
		return
	}
	if err := a.api.SetAssistantThreadsSuggestedPromptsContext(ctx, goslack.AssistantThreadsSetSuggestedPromptsParameters{
		ChannelID: t.ChannelID, ThreadTS: t.ThreadTimeStamp, Title: assistantPromptsTitle, Prompts: assistantPrompts,
	}); err != nil {
		a.log(ctx).Error("slack: assistant.threads.setSuggestedPrompts", "err", err)
	}
	if err := a.api.SetAssistantThreadsTitleContext(ctx, goslack.AssistantThreadsSetTitleParameters{
		ChannelID: t.ChannelID, ThreadTS: t.ThreadTimeStamp, Title: assistantTitle,
	}); err != nil {
		a.log(ctx).Error("slack: assistant.threads.setTitle", "err", err)
	}
}

// setThinking shows "is thinking..." in an assistant thread while the
// engine works; Slack clears it when the bot replies. DM threads that are
// not assistant threads may refuse it, which is harmless, so a failure is
// only a debug line.
func (a *Server) setThinking(ctx context.Context, channel, thread string) {
	if err := a.api.SetAssistantThreadsStatusContext(ctx, goslack.AssistantThreadsSetStatusParameters{
		ChannelID: channel, ThreadTS: thread, Status: assistantThinking,
	}); err != nil {
		a.log(ctx).Debug("slack: assistant.threads.setStatus", "channel", channel, "thread", thread, "err", err)
	}
}
