package slack

import (
	"context"
	"errors"
	"regexp"
	"strings"

	goslack "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// handle does the work of one acknowledged envelope.
func (a *Server) handle(ctx context.Context, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok {
			return
		}
		a.handleEvent(ctx, ev)
	case socketmode.EventTypeInteractive:
		cb, ok := evt.Data.(goslack.InteractionCallback)
		if !ok {
			return
		}
		a.handleInteraction(ctx, cb)
	case socketmode.EventTypeSlashCommand:
		cmd, ok := evt.Data.(goslack.SlashCommand)
		if !ok {
			return
		}
		a.handleSlash(ctx, cmd)
	}
}

// handleEvent routes the Events API: mentions, messages, the assistant pane.
func (a *Server) handleEvent(ctx context.Context, ev slackevents.EventsAPIEvent) {
	// The engine's duplicate check is a synced write, so it runs after the
	// filters below have dropped what is not ours.
	eventID := ""
	if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok {
		eventID = cb.EventID
	}
	team := ev.TeamID
	switch e := ev.InnerEvent.Data.(type) {
	case *slackevents.AppHomeOpenedEvent:
		if e.Tab == "home" {
			a.homeOpened(ctx, e.User)
		}
	case *slackevents.AssistantThreadStartedEvent:
		a.assistantStarted(ctx, e)
	case *slackevents.AppMentionEvent:
		if e.BotID != "" || e.User == a.botUserID {
			return
		}
		thread := e.ThreadTimeStamp
		if thread == "" {
			thread = e.TimeStamp // the mention starts a thread under itself
		}
		a.message(ctx, eventID, team, e.Channel, thread, e.User, e.TimeStamp, e.Text, true)
	case *slackevents.MessageEvent:
		switch e.SubType {
		case "", "file_share", "thread_broadcast": // people's messages
		default:
			return // edits, deletions, joins, bot messages
		}
		if e.BotID != "" || e.User == "" || e.User == a.botUserID {
			return // bots and our own messages
		}
		switch {
		case e.ChannelType == "im":
			a.message(ctx, eventID, team, e.Channel, e.ThreadTimeStamp, e.User, e.TimeStamp, e.Text, true)
		case e.ThreadTimeStamp != "" && !mentions(e.Text, a.botUserID):
			// A reply in a channel thread without a mention: the engine
			// lets it continue only its owner's conversation there.
			a.message(ctx, eventID, team, e.Channel, e.ThreadTimeStamp, e.User, e.TimeStamp, e.Text, false)
		}
	}
}

// message hands one person's message to the engine, which runs the
// inbound check (duplicates, access lists, owner).
func (a *Server) message(ctx context.Context, eventID, team, channel, thread, user, ts, text string, addressed bool) {
	// A mention in a DM or thread arrives as both app_mention and message,
	// seconds apart; memory is enough to catch that, and spares a synced
	// write on every message.
	if !a.recent.first(channel+":"+ts, a.now()) {
		return
	}
	r := &replier{a: a, channel: channel, thread: thread, user: user, team: team, replyTo: ts}
	in := bot.Inbound{
		Conv: store.ConvKey{Platform: "slack", Team: team, Channel: channel, Thread: thread},
		User: user, Text: cleanText(text), EventID: eventID, Private: isDM(channel), Overheard: !addressed,
	}
	if isDM(channel) && thread != "" && a.followupThread(ctx, user, channel, thread) {
		// An answer typed under a follow-up belongs to the DM's own
		// conversation, where the follow-up waits; the reply stays in the
		// thread the person chose.
		in.Conv.Thread = ""
	} else if isDM(channel) && thread != "" {
		a.setThinking(ctx, channel, thread) // the assistant pane's status while the engine works
	}
	if err := a.engine.Handle(ctx, in, r); err != nil && !errors.Is(err, context.Canceled) {
		a.log(ctx).Error("slack: turn failed", "channel", channel, "thread", thread, "err", err)
	}
}

// isDM reports a direct message channel, where only the person reads along.
func isDM(channel string) bool { return strings.HasPrefix(channel, "D") }

var mentionRE = regexp.MustCompile(`<@[A-Z0-9]+(?:\|[^>]*)?>`)

// cleanText removes mentions and Slack's escapes from a message.
func cleanText(s string) string {
	s = mentionRE.ReplaceAllString(s, "")
	s = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "\u00a0", " ").Replace(s)
	return strings.TrimSpace(s)
}

func mentions(text, userID string) bool {
	return userID != "" && strings.Contains(text, "<@"+userID)
}
