// Package store keeps what advisorbot must remember: conversations (turns,
// state, profile, pending question), recommendations, feedback, processed
// event ids, the explanation cache, summary markers and weekly aggregates.
//
// [Store] is the contract and [Mem] its in-memory implementation, the
// behavioural fake for tests. The on-disk implementation is package
// badgerstore (bot/store/badger), the only importer of Badger, which also
// documents the key layout next to the code that builds the keys. Both
// pass the same conformance suite (storetest).
package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
)

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("store: not found")

// ConvKey identifies one conversation: a direct message, a channel thread,
// an assistant-pane thread, or a terminal session.
type ConvKey struct {
	Platform string `json:"platform"` // "slack", "teams", "terminal"
	Team     string `json:"team"`
	Channel  string `json:"channel"`
	Thread   string `json:"thread"` // thread timestamp; "" for a DM without threads
}

// String is a stable, human-readable form, used in logs and as an id.
func (k ConvKey) String() string {
	return k.Platform + "/" + k.Team + "/" + k.Channel + "/" + k.Thread
}

// Phase is where a conversation stands.
type Phase string

// Phases.
const (
	PhaseDescribe Phase = "describe" // waiting for the use case in the employee's words
	PhaseAsking   Phase = "asking"   // a follow-up question is pending
	PhaseAdvised  Phase = "advised"  // recommended; feedback, "why?", "what if" welcome
	PhaseFinished Phase = "finished" // feedback given
)

// Turn is one message in a conversation.
type Turn struct {
	At   time.Time `json:"at"`
	From string    `json:"from"` // "user" or "bot"
	Text string    `json:"text"`
}

// Conversation is the state of one conversation.
type Conversation struct {
	Key      ConvKey         `json:"key"`
	User     string          `json:"user"`
	Phase    Phase           `json:"phase"`
	Profile  advisor.UseCase `json:"profile"`
	Inferred []string        `json:"inferred,omitempty"` // fields read from text, not yet confirmed
	// Unverified are inferred fields a model read with no deterministic
	// reading of the same words behind them; they count only once confirmed.
	Unverified []string `json:"unverified,omitempty"`
	// Evidence holds the words each inferred value was read from, so a
	// confirmation can quote them ("2,000 a week").
	Evidence map[string]string `json:"evidence,omitempty"`
	// Confirming lists the fields of the pending confirmation turn;
	// Confirmed is set once the assessment has had its one confirmation.
	Confirming []string `json:"confirming,omitempty"`
	Confirmed  bool     `json:"confirmed,omitempty"`
	Asked      []string `json:"asked,omitempty"`   // fields asked so far, in order ("confirm" for a confirmation)
	Skipped    []string `json:"skipped,omitempty"` // fields the user skipped
	Pending    string   `json:"pending,omitempty"` // the field of the question awaiting an answer
	RecID      string   `json:"rec_id,omitempty"`  // the latest recommendation
	Round      int      `json:"round,omitempty"`   // assessments started here ("restart" adds one)
	Rated      bool     `json:"rated,omitempty"`   // helpful or not was recorded for RecID
	Chose      bool     `json:"chose,omitempty"`   // what the team chose was recorded for RecID
	// Noted marks the feedback recorded for earlier assessments here
	// ("<id> rated", "<id> chose"), so a click on an old card counts once.
	Noted []string `json:"noted,omitempty"`
	// Followup is a follow-up about an earlier assessment awaiting an
	// answer here; nil when none is.
	Followup  *FollowupState `json:"followup,omitempty"`
	Turns     []Turn         `json:"turns,omitempty"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
}

// Assessment is one assessment as it was made: the profile, the advisor's
// recommendation with its ROI snapshot, and who asked.
type Assessment struct {
	ID         string                 `json:"id"`
	Conv       ConvKey                `json:"conv"`
	User       string                 `json:"user"`
	Department string                 `json:"department,omitempty"`
	Title      string                 `json:"title,omitempty"`
	Profile    advisor.UseCase        `json:"profile"`
	Result     advisor.Recommendation `json:"result"`
	CreatedAt  time.Time              `json:"created_at"`
	// TZ is the owner's IANA time zone where their platform said it
	// (Teams' localTimezone), so a follow-up respects their quiet hours.
	TZ string `json:"tz,omitempty"`
}

// Feedback is what a user said about a recommendation.
type Feedback struct {
	RecID   string           `json:"rec_id"`
	User    string           `json:"user"`
	Helpful *bool            `json:"helpful,omitempty"`
	Chosen  advisor.Approach `json:"chosen,omitempty"` // what the team finally chose
	At      time.Time        `json:"at"`
}

// WeekStats are the aggregates of one ISO week ("2026-W48"), kept up to
// date as recommendations and feedback are written, so a summary costs the
// same however many records exist.
type WeekStats struct {
	Week            string                   `json:"week"`
	Assessments     int                      `json:"assessments"`
	ByApproach      map[advisor.Approach]int `json:"by_approach"`
	ByDepartment    map[string]int           `json:"by_department"`
	NetMonthly      float64                  `json:"net_monthly"` // sum over assessments of the recommended approach's net_monthly
	NetByDept       map[string]float64       `json:"net_by_department"`
	Helpful         int                      `json:"helpful"`
	NotHelpful      int                      `json:"not_helpful"`
	Chosen          map[advisor.Approach]int `json:"chosen"`            // what teams finally chose
	ChosenVsAdvised map[string]int           `json:"chosen_vs_advised"` // "rag->prompt_engineering"
	// Top are the week's assessments with the best 12-month ROI, best
	// first (at most topKeep), by id only: the summary loads the few it
	// shows, and a forgotten user's entry simply no longer loads.
	Top []TopRec `json:"top,omitempty"`
	// HostedFineTunes counts fine-tuning and hybrid recommendations for
	// teams that may not self-host: they depend on a vendor's dated
	// fine-tuning availability and base-model retirements.
	HostedFineTunes int `json:"hosted_fine_tunes,omitempty"`
}

// TopRec is one entry of a week's best assessments.
type TopRec struct {
	ID    string  `json:"id"`
	ROI12 float64 `json:"roi_12m"`
}

// Place is a channel the bot was added to, with what its platform needs to
// post there unprompted (for Teams: the conversation reference with its
// serviceUrl and tenant). A scheduled post, such as the weekly summary,
// cannot wait for someone to speak first. Places hold no user ids.
type Place struct {
	Platform string    `json:"platform"`
	ID       string    `json:"id"`                  // the platform's channel or conversation id
	Team     string    `json:"team,omitempty"`      // the team's id
	TeamName string    `json:"team_name,omitempty"` // for people choosing it
	Name     string    `json:"name,omitempty"`      // the channel's name
	Ref      string    `json:"ref,omitempty"`       // the platform's own reference, opaque here
	SavedAt  time.Time `json:"saved_at"`
}

// errPlace explains a Place that cannot be stored.
var errPlace = errors.New("store: a place needs a platform and an id")

// Validate reports whether p can be stored: every implementation refuses
// a place without a platform or an id, since it could never be found again.
func (p Place) Validate() error {
	if p.Platform == "" || p.ID == "" {
		return errPlace
	}
	return nil
}

// Store is everything advisorbot keeps. Every method takes ctx first and is
// safe for concurrent use. Writes that acknowledge a user's turn
// (SaveConversation) are durable when they return.
type Store interface {
	// GetConversation returns ErrNotFound for an unknown key.
	GetConversation(ctx context.Context, key ConvKey) (Conversation, error)
	// SaveConversation writes c durably, stamping UpdatedAt.
	SaveConversation(ctx context.Context, c Conversation) error
	// OpenConversations lists conversations not finished, for resuming.
	OpenConversations(ctx context.Context, platform, user string) ([]Conversation, error)

	// SaveAssessment stores r and updates the aggregates of the week
	// it was made (r.CreatedAt, stamped with the store's clock when zero).
	// Saving an id again replaces the record and counts it once.
	SaveAssessment(ctx context.Context, r Assessment) error
	GetAssessment(ctx context.Context, id string) (Assessment, error)
	// Assessments lists the assessments made at or after since, oldest
	// first, for one user ("" for all), at most limit (0: no limit).
	Assessments(ctx context.Context, user string, since time.Time, limit int) ([]Assessment, error)

	// SaveFeedback stores f and updates the aggregates of the week it was
	// given (f.At, stamped with the store's clock when zero), not its
	// recommendation's week, so a vote cast after a week was reported
	// still reaches the next report.
	SaveFeedback(ctx context.Context, f Feedback) error

	// FirstSeen records an event id and reports whether it is new; ids are
	// forgotten after ttl.
	FirstSeen(ctx context.Context, eventID string, ttl time.Duration) (bool, error)

	// CacheGet and CachePut hold explanations (and other derived text) for ttl.
	CacheGet(ctx context.Context, key string) (string, bool, error)
	CachePut(ctx context.Context, key, value string, ttl time.Duration) error

	// Week returns the aggregates of an ISO week; zero stats when none.
	Week(ctx context.Context, week string) (WeekStats, error)
	// MarkSummary records that week's summary was posted; it reports false
	// when it was already marked (so a restart never posts twice).
	MarkSummary(ctx context.Context, week string) (bool, error)
	SummaryMarked(ctx context.Context, week string) (bool, error)

	// SavePlace remembers (or refreshes) somewhere the bot may post
	// unprompted; Places lists a platform's, by id; DeletePlace forgets one
	// (no error when absent).
	SavePlace(ctx context.Context, p Place) error
	Places(ctx context.Context, platform string) ([]Place, error)
	DeletePlace(ctx context.Context, platform, id string) error

	// Outcomes are the follow-up loop's records: what owners reported
	// after their assessments, follow-up claims and opt-outs.
	Outcomes

	// ForgetUser deletes every record of user: conversations, turns,
	// recommendations, feedback, outcomes, the follow-up claims of their
	// assessments and their follow-up opt-out. Aggregates, which hold no
	// user id, stay. Event ids and cache entries are not searched, so
	// callers must not put user ids into them.
	ForgetUser(ctx context.Context, user string) error

	// Writable reports whether writes would be accepted now: nil, or an
	// error wrapping ErrNoSpace while the disk is too full to write safely.
	// Callers check it before taking on work they could not record.
	Writable(ctx context.Context) error

	Close() error
}

// UserCacheKey is the cache key of an entry made from user's words (an
// explanation of their assessment), so ForgetUser deletes it with the
// rest of their data.
func UserCacheKey(user, key string) string { return UserCachePrefix(user) + key }

// UserCachePrefix is what every UserCacheKey of user starts with.
func UserCachePrefix(user string) string { return "u/" + url.PathEscape(user) + "/" }

// ISOWeek names the ISO week of t, in UTC: "2026-W48".
func ISOWeek(t time.Time) string {
	y, w := t.UTC().ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// ErrClosed is returned by a store after Close.
var ErrClosed = errors.New("store: closed")

// ErrNoSpace is wrapped by every write, and by [Store.Writable], while the
// disk is too full to write safely. A store that writes through
// memory-mapped files (Badger does) would otherwise be killed with SIGBUS
// on a full disk instead of returning an error, so it stops writing while
// there is still room, and says why.
var ErrNoSpace = errors.New("store: not enough free disk space")
