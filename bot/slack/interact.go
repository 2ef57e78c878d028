package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// handleInteraction turns a button click or menu choice into a message of
// the conversation whose thread holds the clicked message.
func (a *Server) handleInteraction(ctx context.Context, cb goslack.InteractionCallback) {
	if cb.Type == goslack.InteractionTypeViewSubmission {
		a.viewSubmitted(ctx, cb)
		return
	}
	if cb.Type != goslack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 {
		return
	}
	act := cb.ActionCallback.BlockActions[0]
	channel := cb.Channel.ID
	if channel == "" {
		channel = cb.Container.ChannelID
	}
	switch act.ActionID {
	case actionNew:
		a.openIntake(ctx, cb)
		return
	case actionForget:
		// The confirm button of "forget me", on a message only its person
		// sees: the answer goes back the same private way.
		in := a.inbound(ctx, channel, cb.User.ID)
		in.Choice, in.Private, in.Command = bot.ChoiceForget, true, true
		a.handlePrivate(ctx, in, cb.ResponseURL)
		return
	}
	value := act.Value
	if act.SelectedOption.Value != "" {
		value = act.SelectedOption.Value
	}
	switch actionPrefix(act.ActionID) {
	case actionAnswer, actionCommand, actionChose:
	default:
		return
	}
	thread := cb.Message.ThreadTimestamp
	if thread == "" && !isDM(channel) {
		thread = cb.Message.Timestamp
	}
	r := &replier{a: a, channel: channel, thread: thread, user: cb.User.ID, team: cb.Team.ID, replyTo: cb.Message.Timestamp}
	in := bot.Inbound{
		Conv:    store.ConvKey{Platform: "slack", Team: cb.Team.ID, Channel: channel, Thread: thread},
		User:    cb.User.ID,
		Choice:  value,
		Private: isDM(channel),
	}
	block, rec := parseBlockID(act.BlockID)
	in.RecID = rec
	if strings.HasPrefix(block, "question_") {
		in.Field = strings.TrimPrefix(block, "question_")
	}
	if err := a.engine.Handle(ctx, in, r); err != nil {
		a.log(ctx).Error("slack: interaction failed", "channel", channel, "err", err)
	}
}

// inbound is the engine's view of someone in a channel ("" for a view of
// their own, such as the Home tab) outside any conversation.
func (a *Server) inbound(_ context.Context, channel, user string) bot.Inbound {
	return bot.Inbound{Conv: store.ConvKey{Platform: "slack", Team: a.teamID, Channel: channel}, User: user,
		Private: channel == "" || isDM(channel)}
}

// handleSlash serves /roi and /advisor: the engine's commands, answered
// privately through the command's response_url. The text goes to the
// engine as it was typed: "/advisor history" is the command "history",
// and another slash command's name is its first word ("/roi 20k a
// month" is "roi 20k a month"). Only where a new assessment lives is
// Slack's to decide.
func (a *Server) handleSlash(ctx context.Context, cmd goslack.SlashCommand) {
	in := a.inbound(ctx, cmd.ChannelID, cmd.UserID)
	in.Conv.Team, in.Private, in.Command = cmd.TeamID, true, true
	in.Text = strings.TrimSpace(cmd.Text)
	if cmd.Command != slashAdvisor {
		in.Text = strings.TrimSpace(strings.TrimPrefix(cmd.Command, "/") + " " + in.Text)
	}
	if desc, ok := bot.NewAssessment(in); ok {
		a.newAssessment(ctx, cmd, desc)
		return
	}
	a.handlePrivate(ctx, in, cmd.ResponseURL)
}

// slashAdvisor is the bot's own slash command, whose text is a command.
const slashAdvisor = "/advisor"

// handlePrivate hands a command to the engine with a replier that answers
// only the person who gave it.
func (a *Server) handlePrivate(ctx context.Context, in bot.Inbound, responseURL string) {
	r := &privateReplier{a: a, responseURL: responseURL, channel: in.Conv.Channel, user: in.User}
	if err := a.engine.Handle(ctx, in, r); err != nil && !errors.Is(err, context.Canceled) {
		a.log(ctx).Error("slack: command failed", "err", err)
	}
}

// newAssessment serves /advisor new <description>: a new assessment in a
// thread of its own under a starting message, or in a DM where the bot
// cannot post.
func (a *Server) newAssessment(ctx context.Context, cmd goslack.SlashCommand, description string) {
	if strings.TrimSpace(description) == "" {
		a.ephemeral(ctx, cmd, "Add the description: `/advisor new Route 2,000 support tickets a week to the right team`")
		return
	}
	in := a.inbound(ctx, cmd.ChannelID, cmd.UserID)
	in.Conv.Team = cmd.TeamID
	if refusal, ok := a.engine.Check(in); !ok {
		a.ephemeral(ctx, cmd, refusal)
		return
	}
	channel := cmd.ChannelID
	_, ts, err := a.api.PostMessageContext(ctx, channel, goslack.MsgOptionText(fmt.Sprintf("<@%s> asked for an assessment.", cmd.UserID), false))
	if err != nil {
		// Not a member there (or a DM between people): use the user's DM.
		dm, _, _, derr := a.api.OpenConversationContext(ctx, &goslack.OpenConversationParameters{Users: []string{cmd.UserID}})
		if derr != nil {
			a.log(ctx).Error("slack: /advisor new", "err", err, "dm_err", derr)
			a.ephemeral(ctx, cmd, "Sorry, I could not start the assessment here; send me a direct message instead.")
			return
		}
		channel = dm.ID
		if _, ts, err = a.api.PostMessageContext(ctx, channel, goslack.MsgOptionText("You asked for an assessment.", false)); err != nil {
			a.log(ctx).Error("slack: /advisor new", "err", err)
			return
		}
	}
	a.message(ctx, "", cmd.TeamID, channel, ts, cmd.UserID, ts+"-cmd", description, true)
}

// ephemeral answers a slash command privately through its response_url,
// which works in every channel, including ones the bot is not a member of.
func (a *Server) ephemeral(ctx context.Context, cmd goslack.SlashCommand, text string, blocks ...goslack.Block) {
	text = escape(text)
	if cmd.ResponseURL == "" {
		_, err := a.api.PostEphemeralContext(ctx, cmd.ChannelID, cmd.UserID, goslack.MsgOptionText(text, false), goslack.MsgOptionBlocks(blocks...))
		if err != nil {
			a.log(ctx).Error("slack: post ephemeral", "err", err)
		}
		return
	}
	if err := a.respond(ctx, cmd.ResponseURL, ephemeralResponse(text, blocks)); err != nil {
		a.log(ctx).Error("slack: reply to slash command", "err", err)
	}
}

// actionForget is the confirm button of "forget me".
const actionForget = "forget_confirm"
