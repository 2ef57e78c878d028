package slack

import (
	"context"
	"fmt"
	"time"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// Courier reaches an assessment's owner in their direct messages with the
// bot, for follow-ups (bot.Followups). Their time zone is their Slack
// profile's (users.info, users:read).
func (a *Server) Courier() bot.Courier { return courier{a} }

type courier struct{ a *Server }

// Location implements bot.Courier.
func (c courier) Location(ctx context.Context, ref store.AssessmentRef) (*time.Location, error) {
	u, err := c.a.api.GetUserInfoContext(ctx, ref.User)
	if err != nil {
		return nil, fmt.Errorf("slack: users.info: %w", err)
	}
	if u.TZ == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(u.TZ)
	if err != nil {
		return nil, nil // a zone this machine does not know: the configured one serves
	}
	return loc, nil
}

// Direct implements bot.Courier: the owner's DM with the bot, whose
// top-level messages are one conversation (as events.go keys them), so a
// typed answer to the follow-up lands where it waits.
func (c courier) Direct(ctx context.Context, ref store.AssessmentRef) (store.ConvKey, bot.Replier, error) {
	ch, _, _, err := c.a.api.OpenConversationContext(ctx, &goslack.OpenConversationParameters{Users: []string{ref.User}})
	if err != nil {
		return store.ConvKey{}, nil, fmt.Errorf("slack: conversations.open: %w", err)
	}
	team := ref.Conv.Team
	if team == "" {
		team = c.a.teamID
	}
	key := store.ConvKey{Platform: "slack", Team: team, Channel: ch.ID}
	return key, &replier{a: c.a, channel: ch.ID, user: ref.User, team: team, followup: true}, nil
}

// followupThreadTTL is how long a reply in a thread under a follow-up is
// taken as its answer: longer than the gap between two follow-ups.
const followupThreadTTL = 120 * 24 * time.Hour

// followupThreadKey is the cache entry marking one follow-up message:
// under its owner, so ForgetUser deletes it.
func followupThreadKey(user, channel, ts string) string {
	return store.UserCacheKey(user, "slack/followup/"+channel+"/"+ts)
}

// rememberFollowup marks a follow-up message the bot posted in user's DM.
// Failing costs only the thread replies under it, which the log says.
func (a *Server) rememberFollowup(ctx context.Context, user, channel, ts string) {
	if a.store == nil {
		return
	}
	if err := a.store.CachePut(ctx, followupThreadKey(user, channel, ts), "1", followupThreadTTL); err != nil {
		a.log(ctx).Warn("slack: could not mark a follow-up; a reply in a thread under it will start a conversation of its own", "err", err)
	}
}

// followupThread reports whether thread, in user's DM, hangs under a
// follow-up message. Slack people often answer a message in a thread under
// it; a follow-up waits in the DM's top-level conversation, where a
// thread's reply would otherwise never arrive.
func (a *Server) followupThread(ctx context.Context, user, channel, thread string) bool {
	if a.store == nil {
		return false
	}
	_, ok, err := a.store.CacheGet(ctx, followupThreadKey(user, channel, thread))
	if err != nil {
		a.log(ctx).Warn("slack: could not look up a follow-up thread", "err", err)
	}
	return ok
}
