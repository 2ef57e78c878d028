package bot

import (
	"context"
	"slices"
	"time"

	"github.com/advisorbot/advisorbot/bot/logctx"
	"github.com/advisorbot/advisorbot/bot/store"
)

// The inbound check, in one place for every platform: what is not said to
// the bot and not its owner's continues nothing; a platform's retry of a
// delivery is answered once; people and places outside the access lists
// are told the bot is not theirs to use, except to see or delete their own
// data; and a conversation changes only for the person who started it.

// Access is one platform's access lists. Empty lists allow everyone and
// everywhere; personal chats are governed by Users alone.
type Access struct {
	Users    map[string]bool // the people the bot serves
	Channels map[string]bool // the channels, teams or group chats it answers in
	Admins   map[string]bool // the people who may preview the weekly summary
}

// dedupeTTL is how long a delivery id is remembered: platforms retry a
// delivery they think failed within minutes.
const dedupeTTL = time.Hour

// admit runs the inbound check. It returns false when the message is not
// to be handled, having answered it when the person should hear why.
func (e *Engine) admit(ctx context.Context, in *Inbound, r Replier) (bool, error) {
	if in.Overheard {
		// People talking in a thread the bot is in: only the owner's
		// words continue the conversation there, and nobody is answered
		// otherwise.
		c, err := e.cfg.Store.GetConversation(ctx, in.Conv)
		if err != nil || c.User != in.User {
			return false, nil
		}
	}
	// Each person's share comes before any write, so a flood costs its
	// sender and not the disk.
	if ok, err := e.ration(ctx, in, r); !ok {
		return false, err
	}
	if in.EventID != "" {
		first, err := e.cfg.Store.FirstSeen(ctx, in.Conv.Platform+":event:"+in.EventID, dedupeTTL)
		switch {
		case err != nil:
			// Better answered twice than not at all (a full disk is
			// answered politely further on).
			logctx.From(ctx, e.lg).Error("bot: dedupe", "err", err)
		case !first:
			logctx.From(ctx, e.lg).Debug("bot: duplicate delivery dropped", "event_id", in.EventID)
			return false, nil
		}
	}
	if !e.allowed(*in) && !ownData(*in) {
		return false, r.Send(ctx, Outbound{Kind: KindText, Text: e.refusal(*in)})
	}
	return true, nil
}

// Check applies the access lists to in, for an adapter's own views (a
// Slack Home tab, an assistant pane's suggested prompts): ok, or the
// sentence that says why not.
func (e *Engine) Check(in Inbound) (refusal string, ok bool) {
	if e.allowed(in) || ownData(in) {
		return "", true
	}
	return e.refusal(in), false
}

// allowed applies the platform's access lists.
func (e *Engine) allowed(in Inbound) bool {
	a := e.cfg.Access[in.Conv.Platform]
	if len(a.Users) > 0 && !a.Users[in.User] && !slices.ContainsFunc(in.Aliases, func(id string) bool { return a.Users[id] }) {
		return false
	}
	if in.Private || len(a.Channels) == 0 {
		return true
	}
	places := in.Places
	if len(places) == 0 {
		places = []string{in.Conv.Channel}
	}
	return slices.ContainsFunc(places, func(id string) bool { return a.Channels[id] })
}

// refusal says why the bot does not answer: the person, or the place.
func (e *Engine) refusal(in Inbound) string {
	a := e.cfg.Access[in.Conv.Platform]
	if len(a.Users) > 0 && !a.Users[in.User] && !slices.ContainsFunc(in.Aliases, func(id string) bool { return a.Users[id] }) {
		return msgNotForYou
	}
	return msgNotHere
}

// ownData reports a request to see or delete one's own data, which the
// access lists never stand in the way of.
func ownData(in Inbound) bool {
	switch command(in) {
	case cmdHistory, cmdForget, cmdForgetConfirmed:
		return true
	}
	return false
}

// owner checks that a conversation changes only for its owner: anyone
// else addressing the bot in it, by words or by clicking its cards, is
// told privately how to start their own, and nothing of theirs is kept.
func (e *Engine) owner(ctx context.Context, c *store.Conversation, in Inbound, r Replier) (bool, error) {
	if c.User == "" || c.User == in.User {
		return true, nil
	}
	logctx.From(ctx, e.lg).Debug("bot: not the owner; conversation unchanged", "conv", c.Key.String())
	return false, r.Send(ctx, Outbound{Kind: KindText, Text: msgNotYours, Private: true})
}
