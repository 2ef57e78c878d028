package teams

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// Follow-ups in Teams (bot.Followups). Weeks after an assessment its owner
// is asked, in their personal chat with the bot, what was built. The bot
// opens that chat itself (createConversation, as for private notes), which
// needs the connector's serviceUrl for the owner's tenant: Microsoft asks
// bots to keep the serviceUrl of a real conversation and use it for
// proactive messages. So when a turn makes an assessment, the owner's
// reference (serviceUrl, tenant, the bot's id; no words of theirs) is
// kept as a cache entry filed under them, which "forget me" deletes with
// the rest of their data. Assessments made before that, or whose entry
// expired, fall back to a channel of the same tenant the bot knows, then
// to Teams' public proactive endpoint.

// ownerRefTTL is how long an owner's reference is kept after their last
// assessment: the stores' default retention, and longer than the last
// follow-up of the default FOLLOWUP_DAYS (90 days, plus 14 late).
const ownerRefTTL = 365 * 24 * time.Hour

// publicServiceURL is the connector of Teams' public cloud, for proactive
// messages when no serviceUrl of the tenant is known (Microsoft's
// TeamsProactiveServiceEndpoints.publicGlobal).
const publicServiceURL = "https://smba.trafficmanager.net/teams/"

// ownerRefKey is the cache key of user's reference: under the user, so
// ForgetUser deletes it.
func ownerRefKey(user string) string { return store.UserCacheKey(user, "teams/reach") }

// rememberOwner keeps what reaching the sender of act later needs.
func (a *Adapter) rememberOwner(ctx context.Context, act Activity) error {
	if a.Store == nil || act.ServiceURL == "" || act.From == nil || act.From.ID == "" {
		return nil
	}
	ref := Ref{ServiceURL: act.ServiceURL, TenantID: tenantOf(act)}
	if act.Recipient != nil {
		ref.Bot = act.Recipient.ID
	}
	b, err := json.Marshal(ref)
	if err != nil {
		return fmt.Errorf("teams: encode the owner's reference: %w", err)
	}
	if err := a.Store.CachePut(ctx, ownerRefKey(act.From.ID), string(b), ownerRefTTL); err != nil {
		return fmt.Errorf("teams: keep the owner's reference: %w", err)
	}
	return nil
}

// tenantOf is the tenant of an activity: its conversation's, else
// channelData's.
func tenantOf(act Activity) string {
	if act.Conversation != nil && act.Conversation.TenantID != "" {
		return act.Conversation.TenantID
	}
	if cd := act.channelData(); cd.Tenant != nil {
		return cd.Tenant.ID
	}
	return ""
}

// Courier reaches assessment owners in their personal chats with the bot;
// it implements bot.Courier.
type Courier struct {
	Conn  *Connector
	Store store.Store
	// AppID names the bot ("28:" + AppID) when no reference does.
	AppID    string
	Observer Observer // nil: none
}

// Courier is the server's courier, for bot.Followups.
func (t *Server) Courier() bot.Courier {
	return &Courier{Conn: t.conn, Store: t.st, AppID: t.cfg.AppID, Observer: t.cfg.Observer}
}

// Location implements bot.Courier. Teams gives no profile time zone to a
// bot; the zone each message carries (localTimezone) is stored with the
// assessment instead.
func (c *Courier) Location(context.Context, store.AssessmentRef) (*time.Location, error) {
	return nil, nil
}

// Direct implements bot.Courier: it opens (or finds) the owner's personal
// chat and returns its key as the adapter builds it for the owner's own
// messages there, so their typed answers reach the waiting follow-up.
func (c *Courier) Direct(ctx context.Context, ref store.AssessmentRef) (store.ConvKey, bot.Replier, error) {
	if ref.Conv.Platform != platform {
		return store.ConvKey{}, nil, fmt.Errorf("teams: assessment %s was made on %q, not in Teams", ref.ID, ref.Conv.Platform)
	}
	to, err := c.reference(ctx, ref)
	if err != nil {
		return store.ConvKey{}, nil, err
	}
	conv, err := c.Conn.openPersonalChat(ctx, to.ServiceURL, to.Bot, ref.User, to.TenantID)
	if err != nil {
		return store.ConvKey{}, nil, fmt.Errorf("teams: open the owner's personal chat: %w", err)
	}
	act := Activity{Type: "message", ChannelID: teamsChannel, ServiceURL: to.ServiceURL,
		From: &Account{ID: ref.User}, Recipient: &Account{ID: to.Bot},
		Conversation: &Conversation{ID: conv, ConversationType: "personal", TenantID: ref.Conv.Team}}
	return convKey(act), &Replier{Conn: c.Conn, To: act, Observer: c.Observer}, nil
}

// reference is how to reach ref's owner: their own reference, else a
// channel of their tenant the bot knows (where the assessment was made,
// if it was in one), else Teams' public endpoint.
func (c *Courier) reference(ctx context.Context, ref store.AssessmentRef) (Ref, error) {
	var to Ref
	raw, ok, err := c.Store.CacheGet(ctx, ownerRefKey(ref.User))
	if err != nil {
		return Ref{}, fmt.Errorf("teams: load the owner's reference: %w", err)
	}
	if !ok || json.Unmarshal([]byte(raw), &to) != nil || to.ServiceURL == "" {
		to, err = c.placeOfTenant(ctx, ref)
		if err != nil {
			return Ref{}, err
		}
	}
	to.ServiceURL = cmp.Or(to.ServiceURL, publicServiceURL)
	to.TenantID = cmp.Or(to.TenantID, ref.Conv.Team)
	to.Bot = cmp.Or(to.Bot, "28:"+c.AppID)
	if to.TenantID == "" {
		return Ref{}, errors.New("teams: the owner's tenant is unknown, and a personal chat cannot be opened without it")
	}
	return to, nil
}

// placeOfTenant is the reference of the channel the assessment was made
// in, else of any channel of its tenant; zero when none is known.
func (c *Courier) placeOfTenant(ctx context.Context, ref store.AssessmentRef) (Ref, error) {
	places, err := c.Store.Places(ctx, platform)
	if err != nil {
		return Ref{}, fmt.Errorf("teams: load places: %w", err)
	}
	var found Ref
	for _, p := range places {
		r, err := RefOf(p)
		if err != nil || ref.Conv.Team == "" || r.TenantID != ref.Conv.Team {
			continue
		}
		if found.ServiceURL == "" || p.ID == ref.Conv.Channel {
			found = r
		}
		if p.ID == ref.Conv.Channel {
			break
		}
	}
	return Ref{ServiceURL: found.ServiceURL, TenantID: found.TenantID, Bot: found.Bot}, nil
}

// followupTaken reports whether the engine took s, a click on a follow-up
// card: the step it answers was waiting (or it is a status click, which
// the engine takes on any of the owner's follow-up cards, as a change of
// mind), and afterwards that step no longer waits.
func followupTaken(before, after store.Conversation, s submission) bool {
	b := before.Followup
	if s.field != followupStatus && (b == nil || b.RecID != s.rec || b.Step != s.field) {
		return false // a stale click: the engine said so and changed nothing
	}
	f := after.Followup
	return f == nil || f.RecID != s.rec || f.Step != s.field
}

// The follow-up questions in short, for their cards once answered.
var followupAsked = map[string]string{
	followupStatus:        "Did your team build it?",
	"followup_approach":   "Which approach did you build it with?",
	"followup_build_cost": "What did it cost to build?",
	"followup_run_cost":   "What does it cost a month to run?",
	"followup_time_saved": "How much time does it save?",
	"followup_reason":     "Why was it dropped?",
}

// The status buttons' values and labels, as the engine offers them.
var followupSaid = map[string]string{
	"built": "We built it", "not yet": "Not yet", "dropped": "We dropped it", "stop asking": "Stop asking",
}

// answeredFollowup is a follow-up card once answered: the question and
// the answer, nothing to click.
func answeredFollowup(s submission) Attachment {
	answer, ok := followupSaid[s.choice]
	switch {
	case ok:
	case s.choice == bot.ChoiceSkip:
		answer = "Skipped"
	default:
		answer = inline(s.choice)
		if a, isApproach := strings.CutPrefix(s.choice, "chose:"); isApproach && advisor.Approach(a).Valid() {
			answer = advisor.Approach(a).Label()
		}
	}
	question := cmp.Or(followupAsked[s.field], "Your answer")
	return card([]any{text(question, "weight", "Bolder"), text("✓ "+answer, "color", "Good")}, nil)
}
