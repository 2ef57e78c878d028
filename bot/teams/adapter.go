package teams

import (
	"context"
	"log/slog"
	"strings"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/logctx"
	"github.com/advisorbot/advisorbot/bot/store"
)

// Engine is the part of the engine the adapter drives.
type Engine interface {
	Handle(ctx context.Context, in bot.Inbound, r bot.Replier) error
}

// Adapter turns verified activities into the engine's inbound events and
// answers through the connector. It implements Handler. The engine runs the
// inbound check (duplicates, access lists, owner) and every command.
type Adapter struct {
	Engine   Engine
	Conn     *Connector
	Store    store.Store // places: the channels the bot may post to unprompted
	Log      *slog.Logger
	Observer Observer // nil: none
}

// HandleActivity implements Handler.
func (a *Adapter) HandleActivity(ctx context.Context, act Activity) {
	lg := a.log().With("activity_id", act.ID, "activity_type", act.Type)
	ctx = logctx.With(ctx, lg)
	if act.Conversation == nil || act.From == nil || act.Recipient == nil {
		return
	}
	switch act.Type {
	case "conversationUpdate", "installationUpdate":
		if err := a.membership(ctx, act); err != nil {
			lg.Error("teams: remember the team", "err", err)
		}
		if act.Conversation.ConversationType == "personal" && act.Type == "conversationUpdate" && hasMember(act.MembersAdded, act.Recipient.ID) {
			r := &Replier{Conn: a.Conn, To: act}
			if err := r.Send(ctx, textOut(welcome)); err != nil {
				lg.Error("teams: welcome", "err", err)
			}
		}
		return
	case "message":
	default:
		return // reactions, typing and the rest need no answer
	}
	choice, field := ChoiceOf(act)
	text := act.PlainText()
	if isGroup(act) && choice == "" && !act.Mentions(act.Recipient.ID) {
		return // in channels and group chats, only messages addressed to the bot
	}
	if err := a.remember(ctx, act); err != nil {
		lg.Warn("teams: remember the channel", "err", err)
	}
	r := &Replier{Conn: a.Conn, To: act, Observer: a.Observer}
	sub, clicked := submissionOf(act)
	clicked = clicked && a.Store != nil
	var before store.Conversation
	var had bool
	if clicked {
		before, had = a.conversation(ctx, act)
	}
	err := a.Engine.Handle(ctx, a.inbound(act, text, choice, field), r)
	if r.recommended {
		// An assessment was made: its owner may be followed up later.
		if err := a.rememberOwner(ctx, act); err != nil {
			lg.Warn("teams: remember how to reach the owner", "err", err)
		}
	}
	if err != nil {
		lg.Error("teams: turn failed", "err", err)
		return
	}
	if clicked {
		if err := a.settle(ctx, act, sub, before, had, r); err != nil {
			lg.Warn("teams: the clicked card stays clickable", "err", err)
		}
	}
}

// inbound is the engine's view of a message activity: who, where (the
// conversation, its channel and its team, for the access lists), and
// whether only the person reads along.
func (a *Adapter) inbound(act Activity, text, choice, field string) bot.Inbound {
	in := bot.Inbound{Conv: convKey(act), User: act.From.ID, Text: text, Choice: choice, Field: field,
		RecID: RecOf(act), Private: !isGroup(act), TZ: act.LocalTimezone}
	if act.ID != "" {
		// Teams' message ids are unique only within a conversation.
		in.EventID = act.Conversation.ID + "/" + act.ID
	}
	if choice != "" {
		in.Text = ""
	}
	if act.From.AADObjectID != "" {
		in.Aliases = []string{act.From.AADObjectID}
	}
	base, _, _ := strings.Cut(act.Conversation.ID, ";messageid=")
	in.Places = []string{base}
	cd := act.channelData()
	if cd.Team != nil {
		in.Places = append(in.Places, cd.Team.ID)
	}
	if cd.Channel != nil {
		in.Places = append(in.Places, cd.Channel.ID)
	}
	return in
}

// isGroup: a channel or a group chat, where others read along.
func isGroup(act Activity) bool {
	return act.Conversation.ConversationType == "channel" || act.Conversation.IsGroup
}

func textOut(s string) bot.Outbound { return bot.Outbound{Kind: bot.KindText, Text: s} }

// welcome greets a person who adds the app to a personal chat.
const welcome = "Hi! I'm advisorbot. Tell me what you would like to automate, in a few sentences: what the work is, " +
	"roughly how many items a month and how long each takes. I'll ask a few questions, then recommend an approach " +
	"with its ROI. Say **help** for what else I can do."

func hasMember(ms []Account, id string) bool {
	for _, m := range ms {
		if m.ID == id {
			return true
		}
	}
	return false
}

// convKey names a Teams conversation: a channel thread is the channel's
// conversation id plus the thread's root message id (Teams writes it as
// "19:…@thread.tacv2;messageid=123"); a personal or group chat is its id.
func convKey(act Activity) store.ConvKey {
	k := store.ConvKey{Platform: "teams", Team: act.Conversation.TenantID, Channel: act.Conversation.ID}
	if base, thread, ok := strings.Cut(act.Conversation.ID, ";messageid="); ok {
		k.Channel, k.Thread = base, thread
	}
	return k
}

func (a *Adapter) log() *slog.Logger {
	if a.Log != nil {
		return a.Log
	}
	return slog.New(slog.DiscardHandler)
}
