package storetest

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

func testAssessmentRefs(t *testing.T, s store.Store) {
	ctx := t.Context()
	h := func(n float64) time.Time { return monday.Add(time.Duration(n * float64(time.Hour))) }
	var recs []store.Assessment
	for i := range 4 {
		r := SampleAssessment(fmt.Sprint("r", i), fmt.Sprint("U", i%2), "Finance", []advisor.Approach{advisor.RAG, advisor.PromptEngineering}[i%2], 100, h(float64(i)))
		r.TZ = []string{"", "Europe/Berlin"}[i%2]
		recs = append(recs, r)
	}
	for _, r := range slices.Backward(recs) {
		must(t, "save", s.SaveAssessment(ctx, r))
	}
	all := allRefs(t, s, time.Time{}, time.Time{})
	var want []store.AssessmentRef
	for _, r := range recs {
		want = append(want, store.RefOf(r))
	}
	diff(t, "refs", want, all)
	refIDs := func(rs []store.AssessmentRef) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	for _, tc := range []struct {
		since, until time.Time
		want         []string
	}{
		{h(1), time.Time{}, []string{"r1", "r2", "r3"}},
		{h(1), h(3), []string{"r1", "r2"}},
		{h(1).Add(1), h(3).Add(1), []string{"r2", "r3"}},
		{h(2), h(2), nil},
		{h(4), time.Time{}, nil},
	} {
		if got := refIDs(allRefs(t, s, tc.since, tc.until)); !slices.Equal(got, tc.want) {
			t.Errorf("EachAssessmentRef(%v, %v) = %q, want %q", tc.since, tc.until, got, tc.want)
		}
	}
	// Saved again at another time, an assessment is listed once, there.
	moved := recs[0]
	moved.CreatedAt = h(2.5)
	must(t, "save again", s.SaveAssessment(ctx, moved))
	if got := refIDs(allRefs(t, s, time.Time{}, time.Time{})); !slices.Equal(got, []string{"r1", "r2", "r0", "r3"}) {
		t.Errorf("refs after moving r0 = %q, want [r1 r2 r0 r3]", got)
	}
	// fn may use the store, and its error stops the listing.
	calls := 0
	err := s.EachAssessmentRef(ctx, time.Time{}, time.Time{}, func(r store.AssessmentRef) error {
		calls++
		if _, err := s.GetAssessment(ctx, r.ID); err != nil {
			return err
		}
		if calls == 2 {
			return errStop
		}
		return nil
	})
	if !errors.Is(err, errStop) || calls != 2 {
		t.Errorf("EachAssessmentRef with fn failing: %v after %d calls; want fn's error after 2", err, calls)
	}
}

func testClaimFollowup(t *testing.T, s store.Store) {
	ctx := t.Context()
	claim := func(id string, n int, want bool) {
		t.Helper()
		got, err := s.ClaimFollowup(ctx, id, n)
		must(t, "claim", err)
		if got != want {
			t.Errorf("ClaimFollowup(%q, %d) = %v, want %v", id, n, got, want)
		}
	}
	claim("r1", 1, true)
	claim("r1", 1, false)
	claim("r1", 2, true)
	claim("r1/1", 1, true) // ids are not prefixes of each other
	claim("r", 1, true)
	claim("r1", 1, false)
	must(t, "release", s.ReleaseFollowup(ctx, "r1", 1))
	claim("r1", 1, true) // sending failed: a later pass may try again
	claim("r1", 1, false)
	claim("r1", 2, false)
	must(t, "release unclaimed", s.ReleaseFollowup(ctx, "r9", 1))
	for _, n := range []int{0, -1} {
		if ok, err := s.ClaimFollowup(ctx, "r1", n); err == nil || ok {
			t.Errorf("ClaimFollowup(r1, %d) = %v, %v; want an error", n, ok, err)
		}
		if err := s.ReleaseFollowup(ctx, "r1", n); err == nil {
			t.Errorf("ReleaseFollowup(r1, %d) succeeded", n)
		}
	}
}

func testOptOut(t *testing.T, s store.Store) {
	ctx := t.Context()
	opted := func(user string, want bool) {
		t.Helper()
		got, err := s.FollowupOptOut(ctx, user)
		must(t, "opt-out", err)
		if got != want {
			t.Errorf("FollowupOptOut(%q) = %v, want %v", user, got, want)
		}
	}
	opted("U1", false)
	must(t, "set", s.SetFollowupOptOut(ctx, "U1", true))
	must(t, "set again", s.SetFollowupOptOut(ctx, "U1", true))
	opted("U1", true)
	opted("U12", false)
	opted("U1/x", false)
	must(t, "unset", s.SetFollowupOptOut(ctx, "U1", false))
	opted("U1", false)
	must(t, "unset never set", s.SetFollowupOptOut(ctx, "U2", false))
	opted("U2", false)
}

// testOutcomeConcurrency reports, claims and opts out from 50 goroutines
// at once, listing meanwhile; run it with -race. One follow-up claimed by
// all of them is claimed once.
func testOutcomeConcurrency(t *testing.T, s store.Store) {
	ctx := t.Context()
	const n = 50
	var wg sync.WaitGroup
	var claimed atomic.Int32
	errs := make(chan error, 10*n)
	for i := range n {
		wg.Go(func() {
			user := fmt.Sprintf("U%d", i)
			r := SampleAssessment(fmt.Sprintf("r%03d", i), user, "Finance", advisor.RAG, 10, monday.Add(time.Duration(i)*time.Minute))
			errs <- s.SaveAssessment(ctx, r)
			errs <- s.SaveOutcome(ctx, SampleOutcome(r, store.OutcomeNotYet, monday.Add(time.Duration(n-i)*time.Hour)))
			errs <- s.SaveOutcome(ctx, SampleOutcome(r, store.OutcomeBuilt, monday.Add(time.Duration(i)*time.Hour)))
			ok, err := s.ClaimFollowup(ctx, "shared", 1)
			if ok {
				claimed.Add(1)
			}
			errs <- err
			if _, err := s.ClaimFollowup(ctx, r.ID, 1); err != nil {
				errs <- err
			}
			errs <- s.SetFollowupOptOut(ctx, user, i%2 == 0)
			errs <- s.EachOutcome(ctx, time.Time{}, time.Time{}, func(o store.Outcome) error {
				_ = o.Profile.MonthlyVolume
				return nil
			})
			errs <- s.EachAssessmentRef(ctx, time.Time{}, time.Time{}, func(store.AssessmentRef) error { return nil })
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := claimed.Load(); got != 1 {
		t.Errorf("one follow-up claimed from %d goroutines succeeded %d times, want once", n, got)
	}
	all := allOutcomes(t, s, time.Time{}, time.Time{})
	if len(all) != n {
		t.Errorf("%d outcomes listed, want %d, each once", len(all), n)
	}
	for i, o := range all {
		if want := fmt.Sprintf("r%03d", i); o.RecID != want || o.Status != store.OutcomeBuilt {
			t.Errorf("outcome %d = %s %s, want %s built", i, o.RecID, o.Status, want)
		}
	}
	if refs := allRefs(t, s, time.Time{}, time.Time{}); len(refs) != n {
		t.Errorf("%d refs, want %d", len(refs), n)
	}
	for i := range n {
		out, err := s.FollowupOptOut(ctx, fmt.Sprintf("U%d", i))
		if err != nil || out != (i%2 == 0) {
			t.Errorf("U%d opted out: %v, %v", i, out, err)
		}
	}
}
