package teams

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/logctx"
	"github.com/advisorbot/advisorbot/bot/store"
)

// dedupeTTL is how long an activity id is remembered: the Bot Framework
// retries a delivery it thinks failed within minutes.
const dedupeTTL = time.Hour

// Engine is the part of the engine the adapter drives.
type Engine interface {
	Handle(ctx context.Context, in bot.Inbound, r bot.Replier) error
}

// Adapter turns verified activities into the engine's inbound events and
// answers through the connector. It implements Handler.
type Adapter struct {
	Engine Engine
	Conn   *Connector
	Store  store.Store // required: activity ids (a redelivered activity is answered once), places, history
	Log    *slog.Logger
	// AllowedUsers, when not empty, lists the Microsoft Entra object ids
	// the bot serves (TEAMS_ALLOWED_USERS).
	AllowedUsers map[string]bool
	// AllowedChannels, when not empty, lists the teams, channels and group
	// chats (their ids, "19:…") where the bot answers; personal chats are
	// not affected.
	AllowedChannels map[string]bool
	Observer        Observer // nil: none
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
	if act.ID != "" && a.Store != nil {
		// Teams' message ids are unique only within a conversation.
		first, err := a.Store.FirstSeen(ctx, "teams/"+act.Conversation.ID+"/"+act.ID, dedupeTTL)
		if err != nil {
			lg.Error("teams: dedupe", "err", err)
		} else if !first {
			lg.Debug("teams: duplicate activity dropped")
			return
		}
	}
	choice, field := ChoiceOf(act)
	text := act.PlainText()
	if isGroup(act) && choice == "" && !act.Mentions(act.Recipient.ID) {
		return // in channels and group chats, only messages addressed to the bot
	}
	r := &Replier{Conn: a.Conn, To: act, Observer: a.Observer}
	if len(a.AllowedUsers) > 0 && !a.AllowedUsers[act.From.AADObjectID] && !a.AllowedUsers[act.From.ID] {
		if err := r.Send(ctx, textOut(notForYou)); err != nil {
			lg.Error("teams: refusal", "err", err)
		}
		return
	}
	if isGroup(act) && len(a.AllowedChannels) > 0 && !a.channelAllowed(act) {
		if err := r.Send(ctx, textOut(notHere)); err != nil {
			lg.Error("teams: refusal", "err", err)
		}
		return
	}
	if err := a.remember(ctx, act); err != nil {
		lg.Warn("teams: remember the channel", "err", err)
	}
	in := bot.Inbound{Conv: convKey(act), User: act.From.ID, Text: text, Choice: choice, Field: field, EventID: act.ID}
	if choice != "" {
		in.Text = ""
	}
	if done, err := a.command(ctx, act, in, text, choice, r); done {
		if err != nil {
			lg.Error("teams: command failed", "err", err)
		}
		return
	}
	if err := a.Engine.Handle(ctx, in, r); err != nil {
		lg.Error("teams: turn failed", "err", err)
	}
}

const (
	notForYou = "Sorry, advisorbot is not available to you here. Ask your administrator to add you."
	notHere   = "Sorry, advisorbot does not answer in this channel. Ask your administrator to allow it, or message me in a personal chat."
)

// channelAllowed: the conversation, its channel or its team is listed.
func (a *Adapter) channelAllowed(act Activity) bool {
	base, _, _ := strings.Cut(act.Conversation.ID, ";messageid=")
	cd := act.channelData()
	return a.AllowedChannels[base] || cd.Team != nil && a.AllowedChannels[cd.Team.ID] || cd.Channel != nil && a.AllowedChannels[cd.Channel.ID]
}

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
