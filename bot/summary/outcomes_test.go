package summary

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	goldenfile "github.com/advisorbot/advisorbot/internal/golden"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// withOutcomes adds reported outcomes to the fixture: three in 2026-W48,
// one weeks before, one after the week (not counted).
func withOutcomes(t *testing.T, st store.Store) store.Store {
	t.Helper()
	ctx := context.Background()
	w48 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	outcome := func(id string, status store.OutcomeStatus, built advisor.Approach, at time.Time, oneOff, run, hours float64) store.Outcome {
		a, err := st.GetAssessment(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		approach := built
		if approach == "" {
			approach = a.Result.Approach
		}
		est := a.Result.ROI[approach]
		o := store.Outcome{RecID: id, User: a.User, Status: status, Approach: built, Title: a.Title, Department: a.Department,
			Profile: a.Profile, Recommended: a.Result.Approach, Estimate: est, EstimatedHoursSaved: est.MonthlyLaborSaved / 40,
			AssessedAt: a.CreatedAt, At: at}
		if oneOff > 0 {
			o.OneOffCost = advisor.Some(oneOff)
		}
		if run > 0 {
			o.MonthlyRunCost = advisor.Some(run)
		}
		if hours > 0 {
			o.HoursSavedMonthly = advisor.Some(hours)
		}
		return o
	}
	a1, _ := st.GetAssessment(ctx, "a1")
	b1, _ := st.GetAssessment(ctx, "b1")
	rag1, rag2 := a1.Result.ROI[advisor.RAG], b1.Result.ROI[advisor.RAG]
	for _, o := range []store.Outcome{
		outcome("a1", store.OutcomeBuilt, advisor.RAG, w48.Add(30*time.Hour), 2*rag1.OneOffCost, rag1.MonthlyRunCost, 0),
		outcome("b1", store.OutcomeBuilt, advisor.RAG, w48.Add(50*time.Hour), 1.5*rag2.OneOffCost, 3*rag2.MonthlyRunCost, 0.5*rag2.MonthlyLaborSaved/40),
		outcome("a2", store.OutcomeDropped, "", w48.Add(60*time.Hour), 0, 0, 0),
		outcome("a3", store.OutcomeNotYet, "", w48.Add(70*time.Hour), 0, 0, 0),
		outcome("a4", store.OutcomeBuilt, advisor.PromptEngineering, w48.Add(24*8*time.Hour), 1000, 0, 0), // W49: not shown
	} {
		if err := st.SaveOutcome(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func TestMarkdownWithOutcomesGolden(t *testing.T) {
	st := withOutcomes(t, fixture(t, store.NewMem()))
	s, err := Build(context.Background(), st, "2026-W48", slackLink)
	if err != nil {
		t.Fatal(err)
	}
	o := s.Outcomes
	if o.Reported != 4 || o.Built != 2 || o.Dropped != 1 || o.NotYet != 1 || len(o.Ratios) != 1 || o.Ratios[0].OneOffN != 2 {
		t.Fatalf("outcomes %+v", o)
	}
	if got := o.Ratios[0].OneOff; got < 1.74 || got > 1.76 { // median of 2 and 1.5
		t.Errorf("median one-off ratio %v, want 1.75", got)
	}
	if len(o.Misses) != 3 || o.Misses[0].Ratio < 2.9 { // run cost 3x is the largest
		t.Errorf("misses %+v", o.Misses)
	}
	md, err := s.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	goldenfile.Check(t, filepath.Join("testdata", "summary-2026-W48-outcomes.md"), []byte(md))
}
