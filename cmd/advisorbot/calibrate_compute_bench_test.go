package main

import (
	"context"
	"math/rand/v2"
	"runtime"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// sliceStore serves outcomes and refs from memory, oldest first, to time
// calibrate's own work without a store's reading and decoding.
type sliceStore struct {
	outcomes []store.Outcome
	refs     []store.AssessmentRef
}

// window is the indexes of the n entries (oldest first) whose time at(i)
// lies in [since, until).
func window(n int, at func(int) time.Time, since, until time.Time) (lo, hi int) {
	lo = sort.Search(n, func(i int) bool { return !at(i).Before(since) })
	hi = n
	if !until.IsZero() {
		hi = sort.Search(n, func(i int) bool { return !at(i).Before(until) })
	}
	return lo, max(lo, hi)
}

func (s *sliceStore) EachOutcome(_ context.Context, since, until time.Time, fn func(store.Outcome) error) error {
	lo, hi := window(len(s.outcomes), func(i int) time.Time { return s.outcomes[i].At }, since, until)
	for i := lo; i < hi; i++ {
		if err := fn(s.outcomes[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s *sliceStore) EachAssessmentRef(_ context.Context, since, until time.Time, fn func(store.AssessmentRef) error) error {
	lo, hi := window(len(s.refs), func(i int) time.Time { return s.refs[i].CreatedAt }, since, until)
	for i := lo; i < hi; i++ {
		if err := fn(s.refs[i]); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkCalibrateCompute is calibrate's own work at the scale,
// the store taken out: 100,000 outcomes to infer from and 1,000,000
// recommendations to re-run on GOMAXPROCS workers.
func BenchmarkCalibrateCompute(b *testing.B) {
	adv := advisor.New(advisor.DefaultAssumptions())
	r := rand.New(rand.NewPCG(16, 3))
	st := &sliceStore{outcomes: make([]store.Outcome, 0, 100_000), refs: make([]store.AssessmentRef, 0, 1_000_000)}
	type template struct {
		u   advisor.UseCase
		rec advisor.Recommendation
	}
	templates := make([]template, 2000)
	for i := range templates {
		u := benchProfile(r)
		rec, err := adv.Recommend(u)
		if err != nil {
			b.Fatal(err)
		}
		templates[i] = template{u, rec}
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for j := range 1_000_000 {
		tp := &templates[j%len(templates)]
		st.refs = append(st.refs, store.AssessmentRef{ID: "bench-" + strconv.Itoa(j), Approach: tp.rec.Approach, Profile: tp.u,
			CreatedAt: now.Add(-changeWindow + time.Duration(j)*time.Second)})
	}
	built := []advisor.Approach{advisor.PromptEngineering, advisor.RAG, advisor.FineTuning, advisor.Hybrid, advisor.ClassicAutomation}
	for j := range 100_000 {
		tp := &templates[j%len(templates)]
		a := built[j%len(built)]
		est, f := tp.rec.ROI[a], 0.6+r.Float64()
		st.outcomes = append(st.outcomes, store.Outcome{Status: store.OutcomeBuilt, Approach: a, Profile: tp.u, Estimate: est,
			OneOffCost: advisor.Some(est.OneOffCost * f), MonthlyRunCost: advisor.Some(est.MonthlyRunCost * f), HoursSavedMonthly: advisor.Some(100 / f),
			EstimatedHoursSaved: 100, At: now.Add(-changeWindow + time.Duration(j)*time.Second)})
	}
	b.ResetTimer()
	for b.Loop() {
		c, err := calibrate(b.Context(), st, calibrateInput{base: advisor.DefaultAssumptions(), now: now, minOutcomes: 5, workers: runtime.GOMAXPROCS(0)})
		if err != nil || c.Checked != len(st.refs) {
			b.Fatalf("%v; checked %d", err, c.Checked)
		}
	}
}
