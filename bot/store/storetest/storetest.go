// Package storetest is the conformance suite of [store.Store]: every
// implementation (the in-memory reference and the Badger store) runs the
// same behavioural tests through [Run], so they cannot drift apart. It also
// offers realistic sample records for tests and benchmarks.
package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Clock is a settable clock for the stores under test, and for the
// engine and follow-up schedule over them, so no test depends on the day
// it runs.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// After never fires: a test that schedules work (bot.Followups) runs each
// pass itself, so the clock is all a schedule reads.
func (*Clock) After(time.Duration) <-chan time.Time { return make(chan time.Time) }

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// suiteStart is where every test's clock starts.
var suiteStart = time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

// Run runs the conformance suite. open must return a new, empty store on
// the given clock for the test it is given and close it when that test
// ends (Close is idempotent, and one subtest closes the store itself).
func Run(t *testing.T, open func(t *testing.T, now func() time.Time) store.Store) {
	with := func(test func(*testing.T, store.Store, *Clock)) func(*testing.T) {
		return func(t *testing.T) {
			c := NewClock(suiteStart)
			test(t, open(t, c.Now), c)
		}
	}
	plain := func(test func(*testing.T, store.Store)) func(*testing.T) {
		return with(func(t *testing.T, s store.Store, _ *Clock) { test(t, s) })
	}
	t.Run("ConversationRoundTrip", with(testConversationRoundTrip))
	t.Run("ConversationNotFound", plain(testConversationNotFound))
	t.Run("ConversationKeysDoNotCollide", plain(testConversationKeys))
	t.Run("ConversationStamps", with(testConversationStamps))
	t.Run("ConversationCopies", plain(testConversationCopies))
	t.Run("OpenConversations", with(testOpenConversations))
	t.Run("Assessments", plain(testAssessments))
	t.Run("AssessmentRoundTrip", plain(testAssessmentRoundTrip))
	t.Run("Aggregates", plain(testAggregates))
	t.Run("FeedbackStamped", with(testFeedbackStamped))
	t.Run("FeedbackUnknownAssessment", plain(testFeedbackUnknown))
	t.Run("FirstSeen", plain(testFirstSeen))
	t.Run("Cache", plain(testCache))
	t.Run("Expiry", func(t *testing.T) {
		// The only test that must wait, on the system clock, which
		// Badger's expiry reads; it runs alongside the rest.
		t.Parallel()
		testExpiry(t, open(t, time.Now))
	})
	t.Run("SummaryMarks", plain(testSummaryMarks))
	t.Run("Places", plain(testPlaces))
	t.Run("OutcomeRoundTrip", with(testOutcomeRoundTrip))
	t.Run("OutcomeReplaced", plain(testOutcomeResave))
	t.Run("OutcomeWindows", plain(testOutcomeWindows))
	t.Run("OutcomeRefused", plain(testOutcomeRefused))
	t.Run("AssessmentRefs", plain(testAssessmentRefs))
	t.Run("ClaimFollowup", plain(testClaimFollowup))
	t.Run("FollowupOptOut", plain(testOptOut))
	t.Run("OutcomeConcurrency", plain(testOutcomeConcurrency))
	t.Run("ForgetUser", plain(testForgetUser))
	t.Run("Concurrency", plain(testConcurrency))
	t.Run("Writable", plain(func(t *testing.T, s store.Store) { must(t, "writable", s.Writable(t.Context())) }))
	t.Run("Closed", plain(testClosed))
}

// cmpOpts compares records as they survive a trip through JSON: an empty
// slice or map may come back nil. Times compare with their Equal method.
var cmpOpts = []cmp.Option{cmpopts.EquateEmpty()}

func diff(t *testing.T, what string, want, got any) {
	t.Helper()
	if d := cmp.Diff(want, got, cmpOpts...); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func wantNotFound(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("%s: err = %v, want ErrNotFound", what, err)
	}
}

func testClosed(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, "close", s.Close())
	key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "C1"}
	checks := map[string]func() error{
		"GetConversation": func() error { _, err := s.GetConversation(ctx, key); return err },
		"SaveConversation": func() error {
			return s.SaveConversation(ctx, SampleConversation(key, "U1", 2))
		},
		"OpenConversations": func() error { _, err := s.OpenConversations(ctx, "slack", "U1"); return err },
		"SaveAssessment": func() error {
			return s.SaveAssessment(ctx, SampleAssessment("r1", "U1", "Finance", "rag", 1, suiteStart))
		},
		"GetAssessment": func() error { _, err := s.GetAssessment(ctx, "r1"); return err },
		"Assessments":   func() error { _, err := s.Assessments(ctx, "", time.Time{}, 0); return err },
		"SaveFeedback":  func() error { return s.SaveFeedback(ctx, store.Feedback{RecID: "r1", User: "U1"}) },
		"FirstSeen":     func() error { _, err := s.FirstSeen(ctx, "Ev1", time.Hour); return err },
		"CacheGet":      func() error { _, _, err := s.CacheGet(ctx, "k"); return err },
		"CachePut":      func() error { return s.CachePut(ctx, "k", "v", time.Hour) },
		"Week":          func() error { _, err := s.Week(ctx, "2026-W48"); return err },
		"MarkSummary":   func() error { _, err := s.MarkSummary(ctx, "2026-W48"); return err },
		"SummaryMarked": func() error { _, err := s.SummaryMarked(ctx, "2026-W48"); return err },
		"ForgetUser":    func() error { return s.ForgetUser(ctx, "U1") },
		"SaveOutcome": func() error {
			return s.SaveOutcome(ctx, SampleOutcome(SampleAssessment("r1", "U1", "Finance", "rag", 1, suiteStart), store.OutcomeNotYet, suiteStart))
		},
		"GetOutcome": func() error { _, err := s.GetOutcome(ctx, "r1"); return err },
		"EachOutcome": func() error {
			return s.EachOutcome(ctx, time.Time{}, time.Time{}, func(store.Outcome) error { return nil })
		},
		"EachAssessmentRef": func() error {
			return s.EachAssessmentRef(ctx, time.Time{}, time.Time{}, func(store.AssessmentRef) error { return nil })
		},
		"ClaimFollowup":     func() error { _, err := s.ClaimFollowup(ctx, "r1", 1); return err },
		"ReleaseFollowup":   func() error { return s.ReleaseFollowup(ctx, "r1", 1) },
		"SetFollowupOptOut": func() error { return s.SetFollowupOptOut(ctx, "U1", true) },
		"FollowupOptOut":    func() error { _, err := s.FollowupOptOut(ctx, "U1"); return err },
	}
	for name, call := range checks {
		if err := call(); !errors.Is(err, store.ErrClosed) {
			t.Errorf("%s after Close: err = %v, want ErrClosed", name, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
