package teams

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
	"github.com/advisorbot/advisorbot/bot/summary"
)

// TestSummaryWithOutcomesGolden: the weekly summary of a week in which
// teams reported outcomes shows them under their own heading: reported
// this week (built, dropped, not yet), the median ratios of actual to
// estimate per approach with their counts, and the largest misses, whose
// titles (people's words) stay text. Golden, and taken by the fake
// connector.
func TestSummaryWithOutcomesGolden(t *testing.T) {
	ctx := t.Context()
	st := store.NewMem()
	week := "2026-W47"
	start, err := summary.WeekStart(week)
	if err != nil {
		t.Fatal(err)
	}
	assessed := start.AddDate(0, 0, -40)
	hostile := "Contract review [click me](https://evil.example) <at>CEO</at> **now**"
	var outcomes []store.Outcome
	for i, c := range []struct {
		approach advisor.Approach
		status   store.OutcomeStatus
		title    string
		oneOff   float64 // actual ÷ estimate; 0: the sample's
	}{
		{advisor.RAG, store.OutcomeBuilt, "", 0},
		{advisor.RAG, store.OutcomeBuilt, hostile, 4},
		{advisor.PromptEngineering, store.OutcomeBuilt, "", 0.5},
		{advisor.RAG, store.OutcomeDropped, "", 0},
		{advisor.FineTuning, store.OutcomeNotYet, "", 0},
	} {
		a := storetest.SampleAssessment("rec-"+string(rune('a'+i)), "29:u"+string(rune('a'+i)), "Finance", c.approach, 1500, assessed)
		if c.title != "" {
			a.Title, a.Profile.Title = c.title, c.title
		}
		if err := st.SaveAssessment(ctx, a); err != nil {
			t.Fatal(err)
		}
		o := storetest.SampleOutcome(a, c.status, start.Add(time.Duration(26+i)*time.Hour))
		if c.oneOff > 0 {
			o.OneOffCost = advisor.Some(o.Estimate.OneOffCost * c.oneOff)
		}
		outcomes = append(outcomes, o)
	}
	for _, o := range outcomes {
		if err := st.SaveOutcome(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	r, err := summary.NewReport(ctx, st, week, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := SummaryActivity(r)
	g := newGoldenSender(t)
	g.check("summary-outcomes.json", a)

	b, _ := json.Marshal(a)
	for _, want := range []string{
		"Estimates against actuals",
		"Outcomes reported this week: 5 (built 3, dropped 1, not yet 1)",
		"Retrieval-augmented generation (RAG): one-off cost 2.6× (2)",
		"Largest misses",
		"one-off cost 4.0× the estimate",
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the summary lacks %q: %s", want, b)
		}
	}
	if strings.Contains(string(b), "](https://evil") || strings.Contains(string(b), "<at>") || strings.Contains(string(b), "**now**") {
		t.Errorf("an owner's title became markup: %s", b)
	}

	// A week without outcomes has no such section.
	empty, err := summary.NewReport(ctx, st, "2026-W30", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(SummaryActivity(empty)); strings.Contains(string(b), "Estimates against actuals") {
		t.Errorf("a week without outcomes shows the section: %s", b)
	}
}
