package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

// FollowupConfig is when follow-ups go out. They are off unless Enabled.
type FollowupConfig struct {
	Enabled bool
	// Days after an assessment each follow-up is due (FOLLOWUP_DAYS,
	// default 30 and 90), ascending.
	Days []int
	// Quiet hours in the owner's time zone, [QuietFrom, QuietTo) in hours
	// of the day, wrapping midnight (default 18 to 9); weekends are quiet
	// too. A follow-up due in quiet hours waits for the next pass outside
	// them.
	QuietFrom, QuietTo int
	// Zone is the time zone of owners whose platform does not say theirs.
	Zone *time.Location
	// Every is how often due follow-ups are looked for (default 15 minutes).
	Every time.Duration
	// Late is how long after its day a follow-up may still go out, after
	// downtime or quiet days (default 14 days); later ones are skipped.
	Late time.Duration
	// Present skips quiet hours: the owner is at the keyboard now (the
	// terminal, at the start of a chat).
	Present bool
	// Owner, when set, limits follow-ups to that person's assessments.
	Owner string
}

// DefaultFollowupDays are FOLLOWUP_DAYS' default.
var DefaultFollowupDays = []int{30, 90}

func (c FollowupConfig) withDefaults() FollowupConfig {
	if len(c.Days) == 0 {
		c.Days = DefaultFollowupDays
	}
	if c.QuietFrom == 0 && c.QuietTo == 0 {
		c.QuietFrom, c.QuietTo = 18, 9
	}
	if c.Zone == nil {
		c.Zone = time.UTC
	}
	if c.Every <= 0 {
		c.Every = 15 * time.Minute
	}
	if c.Late <= 0 {
		c.Late = 14 * 24 * time.Hour
	}
	return c
}

// Validate reports a configuration that cannot work, saying how to fix it.
func (c FollowupConfig) Validate() error {
	if !slices.IsSorted(c.Days) {
		return fmt.Errorf("FOLLOWUP_DAYS must be ascending, like 30,90")
	}
	for _, d := range c.Days {
		if d < 1 || d > 3650 {
			return fmt.Errorf("FOLLOWUP_DAYS: %d is not a number of days from 1 to 3650", d)
		}
	}
	if c.QuietFrom < 0 || c.QuietFrom > 23 || c.QuietTo < 0 || c.QuietTo > 23 {
		return fmt.Errorf("FOLLOWUP_QUIET_HOURS must be two hours of the day, like 18-9")
	}
	return nil
}

// Courier reaches an assessment's owner privately on one platform.
type Courier interface {
	// Location is the owner's time zone, nil when the platform does not
	// say.
	Location(ctx context.Context, ref store.AssessmentRef) (*time.Location, error)
	// Direct opens the owner's direct conversation with the bot and
	// returns its key and a Replier for it.
	Direct(ctx context.Context, ref store.AssessmentRef) (store.ConvKey, Replier, error)
}

// Clock lets tests drive the schedule.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// Followups sends due follow-ups, each at most once across restarts.
type Followups struct {
	Engine   *Engine
	Store    store.Store
	Config   FollowupConfig
	Couriers map[string]Courier // by platform; a platform without one is skipped
	Clock    Clock
	Log      *slog.Logger

	mu    sync.Mutex
	zones map[string]zone // owners' zones from their platform, by platform and user
}

// zone is an owner's time zone as their platform gave it (nil: it did
// not say), and when.
type zone struct {
	loc *time.Location
	at  time.Time
}

// zoneTTL is how long an owner's zone is kept: a follow-up waiting out a
// weekend is looked at every pass, and asking the platform each time
// (Slack's users.info) would be the same answer many times over.
const zoneTTL = 24 * time.Hour

// location is ref's owner's zone from the platform, remembered for a day;
// nil when the platform does not say or cannot be asked now.
func (f *Followups) location(ctx context.Context, c Courier, ref store.AssessmentRef, now time.Time) *time.Location {
	key := ref.Conv.Platform + "/" + ref.User
	f.mu.Lock()
	z, ok := f.zones[key]
	f.mu.Unlock()
	if ok && now.Sub(z.at) < zoneTTL {
		return z.loc
	}
	loc, err := c.Location(ctx, ref)
	if err != nil {
		return nil // asked again on the next pass
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.zones == nil {
		f.zones = map[string]zone{}
	}
	for k, old := range f.zones { // bounded by the owners with follow-ups due
		if now.Sub(old.at) >= zoneTTL {
			delete(f.zones, k)
		}
	}
	f.zones[key] = zone{loc, now}
	return loc
}

// Run sends due follow-ups every Config.Every until ctx ends.
func (f *Followups) Run(ctx context.Context) error {
	cfg := f.Config.withDefaults()
	for {
		if _, err := f.Pass(ctx); err != nil && ctx.Err() == nil {
			f.Log.Error("follow-ups: pass failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-f.Clock.After(cfg.Every):
		}
	}
}

// Pass sends the follow-ups due now and reports how many went out.
//
// An assessment gets follow-up n once Days[n-1] have passed, within Late
// of that day; when two are due (after downtime), only the later goes out
// and the earlier is claimed with it. It gets none when its owner opted
// out, or already said it was built or dropped. A claim is recorded before
// sending and released when sending fails, so a follow-up goes out at most
// once even if the process dies while sending, and a failure is retried
// on the next pass.
func (f *Followups) Pass(ctx context.Context) (int, error) {
	cfg := f.Config.withDefaults()
	if !cfg.Enabled {
		return 0, nil
	}
	now := f.Clock.Now()
	first, last := cfg.Days[0], cfg.Days[len(cfg.Days)-1]
	since := now.Add(-day(last) - cfg.Late)
	until := now.Add(-day(first)).Add(time.Nanosecond)
	var due []store.AssessmentRef
	err := f.Store.EachAssessmentRef(ctx, since, until, func(ref store.AssessmentRef) error {
		if f.Couriers[ref.Conv.Platform] != nil && (cfg.Owner == "" || ref.User == cfg.Owner) {
			due = append(due, ref)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("bot: follow-ups: list assessments: %w", err)
	}
	sent := 0
	var errs []error
	for _, ref := range due {
		if ctx.Err() != nil {
			break
		}
		ok, err := f.one(ctx, cfg, now, ref)
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			sent++
		}
	}
	return sent, errors.Join(errs...)
}

// one sends ref's due follow-up, if any, and reports whether it did.
func (f *Followups) one(ctx context.Context, cfg FollowupConfig, now time.Time, ref store.AssessmentRef) (bool, error) {
	n := 0
	for i, d := range cfg.Days {
		at := ref.CreatedAt.Add(day(d))
		if !now.Before(at) && now.Before(at.Add(cfg.Late)) {
			n = i + 1
		}
	}
	if n == 0 {
		return false, nil
	}
	if out, err := f.Store.FollowupOptOut(ctx, ref.User); err != nil || out {
		return false, err
	}
	o, err := f.Store.GetOutcome(ctx, ref.ID)
	switch {
	case err == nil && (o.Status == store.OutcomeBuilt || o.Status == store.OutcomeDropped):
		return false, nil
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return false, fmt.Errorf("bot: follow-ups: outcome of %s: %w", ref.ID, err)
	}
	courier := f.Couriers[ref.Conv.Platform]
	// The zone stored with the assessment (Teams says it), else the
	// platform's (Slack's profile has it), else the configured one.
	loc := cfg.Zone
	if z := validZone(ref.TZ); z != "" {
		loc, _ = time.LoadLocation(z)
	} else if l := f.location(ctx, courier, ref, now); l != nil {
		loc = l
	}
	if !cfg.Present && quiet(now.In(loc), cfg) {
		return false, nil
	}
	claimed, err := f.Store.ClaimFollowup(ctx, ref.ID, n)
	if err != nil || !claimed {
		return false, err
	}
	for earlier := 1; earlier < n; earlier++ {
		if _, err := f.Store.ClaimFollowup(ctx, ref.ID, earlier); err != nil {
			return false, fmt.Errorf("bot: follow-ups: claim %s/%d: %w", ref.ID, earlier, err)
		}
	}
	key, r, err := courier.Direct(ctx, ref)
	if err == nil {
		err = f.Engine.FollowupAsk(ctx, ref, n, key, r)
	}
	if err != nil {
		// Not shown: release the claim so a later pass tries again
		// (after the owner answered the follow-up already waiting, when
		// that was why).
		if rerr := f.Store.ReleaseFollowup(context.WithoutCancel(ctx), ref.ID, n); rerr != nil {
			err = errors.Join(err, rerr)
		}
		if errors.Is(err, ErrFollowupBusy) {
			return false, nil
		}
		return false, fmt.Errorf("bot: follow-ups: send %s/%d: %w", ref.ID, n, err)
	}
	f.Log.Info("follow-up sent", "rec", ref.ID, "n", n, "platform", ref.Conv.Platform)
	return true, nil
}

// quiet reports whether t, in the owner's zone, is in quiet hours or on a
// weekend.
func quiet(t time.Time, cfg FollowupConfig) bool {
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return true
	}
	h := t.Hour()
	if cfg.QuietFrom > cfg.QuietTo {
		return h >= cfg.QuietFrom || h < cfg.QuietTo
	}
	return h >= cfg.QuietFrom && h < cfg.QuietTo
}

func day(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// validZone is tz when it names a time zone this machine knows, else "".
// Zones come from platforms, so an unknown one is dropped rather than
// trusted.
func validZone(tz string) string {
	if tz == "" || len(tz) > 64 {
		return ""
	}
	if _, err := time.LoadLocation(tz); err != nil {
		return ""
	}
	return tz
}
