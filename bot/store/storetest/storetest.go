// Package storetest is the conformance suite of [store.Store]: every
// implementation (the in-memory reference and the Badger store) runs the
// same behavioural tests through [Run], so they cannot drift apart. It also
// offers realistic sample records for tests and benchmarks.
package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Run runs the conformance suite. open must return a new, empty store for
// the test it is given and close it when that test ends (Close is
// idempotent, and one subtest closes the store itself).
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	t.Run("ConversationRoundTrip", func(t *testing.T) { testConversationRoundTrip(t, open(t)) })
	t.Run("ConversationNotFound", func(t *testing.T) { testConversationNotFound(t, open(t)) })
	t.Run("ConversationKeysDoNotCollide", func(t *testing.T) { testConversationKeys(t, open(t)) })
	t.Run("ConversationStamps", func(t *testing.T) { testConversationStamps(t, open(t)) })
	t.Run("ConversationCopies", func(t *testing.T) { testConversationCopies(t, open(t)) })
	t.Run("OpenConversations", func(t *testing.T) { testOpenConversations(t, open(t)) })
	t.Run("Recommendations", func(t *testing.T) { testRecommendations(t, open(t)) })
	t.Run("RecommendationRoundTrip", func(t *testing.T) { testRecommendationRoundTrip(t, open(t)) })
	t.Run("Aggregates", func(t *testing.T) { testAggregates(t, open(t)) })
	t.Run("FeedbackUnknownRecommendation", func(t *testing.T) { testFeedbackUnknown(t, open(t)) })
	t.Run("FirstSeen", func(t *testing.T) { testFirstSeen(t, open(t)) })
	t.Run("Cache", func(t *testing.T) { testCache(t, open(t)) })
	t.Run("Expiry", func(t *testing.T) {
		// The only test that must wait; it runs alongside the rest.
		t.Parallel()
		testExpiry(t, open(t))
	})
	t.Run("SummaryMarks", func(t *testing.T) { testSummaryMarks(t, open(t)) })
	t.Run("Places", func(t *testing.T) { testPlaces(t, open(t)) })
	t.Run("ForgetUser", func(t *testing.T) { testForgetUser(t, open(t)) })
	t.Run("Concurrency", func(t *testing.T) { testConcurrency(t, open(t)) })
	t.Run("Closed", func(t *testing.T) { testClosed(t, open(t)) })
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
		"SaveRecommendation": func() error {
			return s.SaveRecommendation(ctx, SampleRecommendation("r1", "U1", "Finance", "rag", 1, time.Now()))
		},
		"GetRecommendation": func() error { _, err := s.GetRecommendation(ctx, "r1"); return err },
		"Recommendations":   func() error { _, err := s.Recommendations(ctx, "", time.Time{}, 0); return err },
		"SaveFeedback":      func() error { return s.SaveFeedback(ctx, store.Feedback{RecID: "r1", User: "U1"}) },
		"FirstSeen":         func() error { _, err := s.FirstSeen(ctx, "Ev1", time.Hour); return err },
		"CacheGet":          func() error { _, _, err := s.CacheGet(ctx, "k"); return err },
		"CachePut":          func() error { return s.CachePut(ctx, "k", "v", time.Hour) },
		"Week":              func() error { _, err := s.Week(ctx, "2026-W48"); return err },
		"MarkSummary":       func() error { _, err := s.MarkSummary(ctx, "2026-W48"); return err },
		"SummaryMarked":     func() error { _, err := s.SummaryMarked(ctx, "2026-W48"); return err },
		"ForgetUser":        func() error { return s.ForgetUser(ctx, "U1") },
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
