package bot_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

// fakeCourier is a platform's private channel: each owner's direct
// conversation is "D"+user, and every message to it is recorded.
type fakeCourier struct {
	mu      sync.Mutex
	loc     *time.Location
	fail    error
	sent    map[string]*recorder // by user
	opens   int
	located int // Location calls
}

func (c *fakeCourier) Location(context.Context, store.AssessmentRef) (*time.Location, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.located++
	return c.loc, nil
}

func (c *fakeCourier) Direct(_ context.Context, ref store.AssessmentRef) (store.ConvKey, bot.Replier, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.opens++
	if c.fail != nil {
		return store.ConvKey{}, nil, c.fail
	}
	if c.sent == nil {
		c.sent = map[string]*recorder{}
	}
	r := c.sent[ref.User]
	if r == nil {
		r = &recorder{}
		c.sent[ref.User] = r
	}
	return dm(ref.Conv.Platform, ref.User), r, nil
}

func (c *fakeCourier) to(user string) *recorder {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sent[user] == nil {
		return &recorder{}
	}
	return c.sent[user]
}

func dm(platform, user string) store.ConvKey {
	return store.ConvKey{Platform: platform, Team: "T", Channel: "D" + user}
}

// monday10 is a Monday, 10:00 UTC: outside quiet hours.
var monday10 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

type followupRig struct {
	clock   *storetest.Clock
	st      store.Store
	e       *bot.Engine
	courier *fakeCourier
	f       *bot.Followups
}

func newFollowupRig(t *testing.T, st store.Store, clock *storetest.Clock) *followupRig {
	t.Helper()
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	e := bot.New(lg, bot.Config{
		Advisor: advisor.New(advisor.DefaultAssumptions()), Store: st,
		Explainer: explain.New(lg, explain.Config{KB: kb}), Extractor: extract.New(lg, nil),
		Limits: unlimited, Now: clock.Now,
	})
	c := &fakeCourier{}
	return &followupRig{clock: clock, st: st, e: e, courier: c, f: &bot.Followups{
		Engine: e, Store: st, Clock: clock, Log: lg,
		Config:   bot.FollowupConfig{Enabled: true},
		Couriers: map[string]bot.Courier{"slack": c},
	}}
}

// assess plays an assessment for user in a channel thread at the clock's
// time and returns its id.
func (r *followupRig) assess(t *testing.T, user, thread string) string {
	t.Helper()
	key := store.ConvKey{Platform: "slack", Team: "T", Channel: "C1", Thread: thread}
	converse(t, r.e, key, user)
	c, err := r.st.GetConversation(context.Background(), key)
	if err != nil || c.RecID == "" {
		t.Fatalf("assessment not made: %+v, %v", c, err)
	}
	return c.RecID
}

func (r *followupRig) pass(t *testing.T, at time.Time) int {
	t.Helper()
	r.clock.Set(at)
	n, err := r.f.Pass(context.Background())
	if err != nil {
		t.Fatalf("Pass at %v: %v", at, err)
	}
	return n
}

// say answers in the owner's direct conversation.
func (r *followupRig) say(t *testing.T, in bot.Inbound) *recorder {
	t.Helper()
	if in.Conv == (store.ConvKey{}) {
		in.Conv = dm("slack", in.User)
	}
	rec := r.courier.to(in.User)
	if err := r.e.Handle(context.Background(), in, rec); err != nil {
		t.Fatalf("Handle(%+v): %v", in, err)
	}
	return rec
}

func TestFollowupsGoOutOnceEach(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	id := r.assess(t, "U1", "1")

	if n := r.pass(t, monday10.Add(29*24*time.Hour)); n != 0 {
		t.Fatalf("day 29: sent %d, want 0", n)
	}
	day30 := monday10.Add(30 * 24 * time.Hour) // a Wednesday, 10:00
	if n := r.pass(t, day30); n != 1 {
		t.Fatalf("day 30: sent %d, want 1", n)
	}
	q := r.courier.to("U1").last()
	if q.Kind != bot.KindQuestion || q.RecID != id || q.Question.Field != "followup_status" {
		t.Fatalf("follow-up = %+v", q)
	}
	if n := r.pass(t, day30.Add(time.Hour)); n != 0 {
		t.Fatalf("second pass sent %d, want 0", n)
	}
	// A restart: a new Followups and Engine over the same store.
	r2 := newFollowupRig(t, r.st, clock)
	if n := r2.pass(t, day30.Add(2*time.Hour)); n != 0 {
		t.Fatalf("after restart sent %d, want 0", n)
	}
	day90 := monday10.Add(90 * 24 * time.Hour) // a Sunday: quiet
	if n := r2.pass(t, day90); n != 0 {
		t.Fatalf("day 90 on a Sunday sent %d, want 0", n)
	}
	if n := r2.pass(t, day90.Add(24*time.Hour)); n != 1 {
		t.Fatalf("day 91 sent %d, want 1", n)
	}
	if n := r2.pass(t, day90.Add(25*time.Hour)); n != 0 {
		t.Fatalf("day 91 again sent %d, want 0", n)
	}
	if n := r2.pass(t, day90.Add(200*24*time.Hour)); n != 0 {
		t.Fatalf("long after sent %d, want 0", n)
	}
}

func TestFollowupsAcrossBadgerRestart(t *testing.T) {
	dir := t.TempDir()
	clock := storetest.NewClock(monday10)
	open := func() store.Store {
		st, err := badgerstore.Open(nil, badgerstore.Options{Dir: dir, Now: clock.Now, GCInterval: -1, Create: true})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := open()
	r := newFollowupRig(t, st, clock)
	r.assess(t, "U1", "1")
	day30 := monday10.Add(30 * 24 * time.Hour)
	if n := r.pass(t, day30); n != 1 {
		t.Fatalf("sent %d, want 1", n)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = open()
	defer st.Close()
	if n := newFollowupRig(t, st, clock).pass(t, day30.Add(time.Hour)); n != 0 {
		t.Fatalf("after reopening sent %d, want 0", n)
	}
}

func TestFollowupsQuietHoursInOwnersZone(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	r.assess(t, "U1", "1")
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no time zone database here:", err)
	}
	r.courier.loc = tokyo
	day30 := monday10.Add(30 * 24 * time.Hour) // 19:00 in Tokyo: quiet
	if n := r.pass(t, day30); n != 0 {
		t.Fatalf("Tokyo evening sent %d, want 0", n)
	}
	if n := r.pass(t, day30.Add(15*time.Hour)); n != 1 { // 10:00 Thursday in Tokyo
		t.Fatalf("Tokyo morning sent %d, want 1", n)
	}
}

func TestFollowupsOffUnlessEnabled(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	r.f.Config.Enabled = false
	r.assess(t, "U1", "1")
	if n := r.pass(t, monday10.Add(30*24*time.Hour)); n != 0 {
		t.Fatalf("disabled sent %d", n)
	}
}

func TestFollowupFailedSendIsRetried(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	r.assess(t, "U1", "1")
	r.courier.fail = errors.New("slack: 500")
	day30 := monday10.Add(30 * 24 * time.Hour)
	r.clock.Set(day30)
	if n, err := r.f.Pass(context.Background()); n != 0 || err == nil {
		t.Fatalf("failing courier: sent %d, err %v", n, err)
	}
	r.courier.fail = nil
	if n := r.pass(t, day30.Add(15*time.Minute)); n != 1 {
		t.Fatalf("retry sent %d, want 1", n)
	}
}

func TestFollowupBuiltInWords(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	id := r.assess(t, "U1", "1")
	r.pass(t, monday10.Add(30*24*time.Hour))
	steps := []struct{ say, field string }{
		{"yes, we built it with rag", "followup_build_cost"},
		{"it cost us about $15k", "followup_run_cost"},
		{"lots", "followup_run_cost"}, // unreadable: asked again
		{"$300 a month", "followup_time_saved"},
		{"3 minutes an item", ""},
	}
	for _, s := range steps {
		rec := r.say(t, bot.Inbound{User: "U1", Text: s.say})
		m := rec.last()
		if s.field == "" {
			if m.Kind != bot.KindText {
				t.Fatalf("after %q: %+v, want thanks", s.say, m)
			}
			continue
		}
		if m.Kind != bot.KindQuestion || m.Question.Field != s.field || m.RecID != id {
			t.Fatalf("after %q: %+v, want question %s", s.say, m, s.field)
		}
	}
	o, err := r.st.GetOutcome(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	// The HR handbook case: 3,000 items a month, so 3 minutes an item is
	// 150 hours a month.
	if o.Status != store.OutcomeBuilt || o.Approach != advisor.RAG || o.OneOffCost != advisor.Some(15000) ||
		o.MonthlyRunCost != advisor.Some(300) || o.HoursSavedMonthly != advisor.Some(150) || o.User != "U1" {
		t.Fatalf("outcome %+v", o)
	}
	if o.Estimate.OneOffCost <= 0 || o.EstimatedHoursSaved <= 0 || o.Recommended == "" {
		t.Fatalf("outcome lacks its estimate: %+v", o)
	}
	c, _ := r.st.GetConversation(context.Background(), dm("slack", "U1"))
	if c.Followup != nil {
		t.Fatalf("follow-up still waiting: %+v", c.Followup)
	}
}

func TestFollowupButtons(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	id := r.assess(t, "U1", "1")
	r.pass(t, monday10.Add(30*24*time.Hour))

	// Someone else's forged click, in their own direct messages.
	rec := r.say(t, bot.Inbound{User: "U2", Field: "followup_status", Choice: "built", RecID: id})
	if m := rec.last(); m.Kind != bot.KindText || !m.Private {
		t.Fatalf("forged click answered %+v", m)
	}
	if _, err := r.st.GetOutcome(context.Background(), id); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("forged click stored an outcome: %v", err)
	}

	r.say(t, bot.Inbound{User: "U1", Field: "followup_status", Choice: "dropped", RecID: id})
	r.say(t, bot.Inbound{User: "U1", Text: "the vendor's API changed"})
	o, err := r.st.GetOutcome(context.Background(), id)
	if err != nil || o.Status != store.OutcomeDropped || o.Reason != "the vendor's API changed" {
		t.Fatalf("outcome %+v, %v", o, err)
	}
	// A dropped assessment is not asked about again.
	if n := r.pass(t, monday10.Add(91*24*time.Hour)); n != 0 {
		t.Fatalf("sent %d after dropped", n)
	}
}

func TestFollowupStopAsking(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	id := r.assess(t, "U1", "1")
	r.assess(t, "U1", "2")
	// One follow-up waits at a time in a conversation.
	if n := r.pass(t, monday10.Add(30*24*time.Hour)); n != 1 {
		t.Fatalf("sent %d, want 1", n)
	}
	r.say(t, bot.Inbound{User: "U1", Field: "followup_status", Choice: "stop asking", RecID: id})
	if n := r.pass(t, monday10.Add(91*24*time.Hour)); n != 0 {
		t.Fatalf("sent %d after stop asking", n)
	}
}

func TestFollowupNotYetAsksAgainLater(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	id := r.assess(t, "U1", "1")
	r.pass(t, monday10.Add(30*24*time.Hour))
	r.say(t, bot.Inbound{User: "U1", Text: "not yet"})
	o, err := r.st.GetOutcome(context.Background(), id)
	if err != nil || o.Status != store.OutcomeNotYet {
		t.Fatalf("outcome %+v, %v", o, err)
	}
	if n := r.pass(t, monday10.Add(91*24*time.Hour)); n != 1 {
		t.Fatalf("day 91 sent %d, want 1", n)
	}
}

func TestFollowupLetsANewDescriptionThrough(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	r.assess(t, "U1", "1")
	r.pass(t, monday10.Add(30*24*time.Hour))
	rec := r.say(t, bot.Inbound{User: "U1", Text: "We want to automate triage of supplier invoices: about 4,000 a month, " +
		"each takes a clerk 6 minutes to check against the purchase order and route to the right approver in finance, " +
		"and mistakes cost us late fees."})
	if m := rec.last(); m.Kind != bot.KindQuestion || m.Question.Field == "followup_status" {
		t.Fatalf("a new description got %+v", m)
	}
}

func TestFollowupStepsAsideForRestart(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	id := r.assess(t, "U1", "1")
	r.pass(t, monday10.Add(30*24*time.Hour))
	r.say(t, bot.Inbound{User: "U1", Text: "we built it with rag"})
	rec := r.say(t, bot.Inbound{User: "U1", Text: "restart"})
	if m := rec.last(); m.Kind == bot.KindQuestion || m.Kind == bot.KindError {
		t.Fatalf("restart during a follow-up got %+v", m)
	}
	c, err := r.st.GetConversation(context.Background(), dm("slack", "U1"))
	if err != nil || c.Followup != nil {
		t.Fatalf("follow-up still waiting after restart: %+v, %v", c.Followup, err)
	}
	// The card's buttons still work: a status click takes it up again.
	r.say(t, bot.Inbound{User: "U1", Field: "followup_status", Choice: "dropped", RecID: id})
	if o, err := r.st.GetOutcome(context.Background(), id); err != nil || o.Status != store.OutcomeDropped {
		t.Fatalf("outcome %+v, %v", o, err)
	}
}

// TestFollowupAsksTheZoneOnceADay: a follow-up waiting out a weekend is
// looked at every pass, but the owner's platform is asked their zone once
// a day, not every time.
func TestFollowupAsksTheZoneOnceADay(t *testing.T) {
	clock := storetest.NewClock(monday10)
	r := newFollowupRig(t, store.NewMemAt(clock.Now), clock)
	r.assess(t, "U1", "1")
	saturday := monday10.Add(33 * 24 * time.Hour)
	for at := saturday; at.Before(saturday.Add(47 * time.Hour)); at = at.Add(15 * time.Minute) { // to Monday 08:45
		if n := r.pass(t, at); n != 0 {
			t.Fatalf("sent %d at %v, a weekend", n, at)
		}
	}
	if got := r.courier.located; got != 2 {
		t.Errorf("the zone was asked %d times over a weekend of passes, want 2 (once a day)", got)
	}
}
