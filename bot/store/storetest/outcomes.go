package storetest

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// SampleOutcome is the outcome its owner reported at at about r: for
// status built, the recommended approach built for a little more than
// estimated, with every figure given; otherwise no figures.
func SampleOutcome(r store.Assessment, status store.OutcomeStatus, at time.Time) store.Outcome {
	est := r.Result.ROI[r.Result.Approach]
	o := store.Outcome{
		RecID: r.ID, User: r.User, Conv: r.Conv, Round: 1, Status: status,
		Department: r.Department, Title: r.Title, Profile: r.Profile.Clone(), Recommended: r.Result.Approach,
		Estimate: est, EstimatedHoursSaved: est.MonthlyLaborSaved / 45, AssessedAt: r.CreatedAt, At: at,
	}
	switch status {
	case store.OutcomeBuilt:
		o.Approach = r.Result.Approach
		o.OneOffCost = advisor.Some(est.OneOffCost * 1.25)
		o.MonthlyRunCost = advisor.Some(est.MonthlyRunCost * 1.5)
		o.HoursSavedMonthly = advisor.Some(o.EstimatedHoursSaved * 0.75)
	case store.OutcomeDropped:
		o.Reason = "The team that owned it was reorganised."
	}
	return o
}

func outcomeIDs(os []store.Outcome) []string {
	var out []string
	for _, o := range os {
		out = append(out, o.RecID)
	}
	return out
}

// allOutcomes lists the outcomes in [since, until).
func allOutcomes(t *testing.T, s store.Store, since, until time.Time) []store.Outcome {
	t.Helper()
	var out []store.Outcome
	must(t, "each outcome", s.EachOutcome(t.Context(), since, until, func(o store.Outcome) error {
		out = append(out, o)
		return nil
	}))
	return out
}

// allRefs lists the assessment refs in [since, until).
func allRefs(t *testing.T, s store.Store, since, until time.Time) []store.AssessmentRef {
	t.Helper()
	var out []store.AssessmentRef
	must(t, "each assessment ref", s.EachAssessmentRef(t.Context(), since, until, func(r store.AssessmentRef) error {
		out = append(out, r)
		return nil
	}))
	return out
}

func testOutcomeRoundTrip(t *testing.T, s store.Store, c *Clock) {
	ctx := t.Context()
	r := SampleAssessment("rec/1", "U1", "Finance", advisor.RAG, 1200, monday.Add(time.Hour))
	o := SampleOutcome(r, store.OutcomeBuilt, time.Time{})
	o.OneOffCost = advisor.Some(0) // said: nothing; not the same as not saying
	o.MonthlyRunCost = advisor.Optional{}
	must(t, "save", s.SaveOutcome(ctx, o))
	*o.Profile.MonthlyVolume = 1 // must not reach the store
	want := SampleOutcome(r, store.OutcomeBuilt, c.Now())
	want.OneOffCost, want.MonthlyRunCost = advisor.Some(0), advisor.Optional{}
	got, err := s.GetOutcome(ctx, "rec/1")
	must(t, "get", err)
	diff(t, "outcome (At stamped by the store's clock)", want, got)
	if !got.OneOffCost.Valid || got.OneOffCost.Value != 0 || got.MonthlyRunCost.Valid || !got.HoursSavedMonthly.Valid {
		t.Errorf("figures: one-off %+v (want a present 0), run %+v (want absent), hours %+v (want present)",
			got.OneOffCost, got.MonthlyRunCost, got.HoursSavedMonthly)
	}
	*got.Profile.MonthlyVolume = 2
	again, err := s.GetOutcome(ctx, "rec/1")
	must(t, "get again", err)
	diff(t, "outcome after changing a copy", want, again)

	// Nothing built: no approach, no figures, the reason in the owner's words.
	d := SampleOutcome(SampleAssessment("rec/2", "U1", "", advisor.PromptEngineering, 10, monday), store.OutcomeDropped, monday.Add(48*time.Hour))
	must(t, "save dropped", s.SaveOutcome(ctx, d))
	got, err = s.GetOutcome(ctx, "rec/2")
	must(t, "get dropped", err)
	diff(t, "dropped outcome", d, got)

	for _, id := range []string{"rec", "rec/", "rec/3", "REC/1"} {
		_, err := s.GetOutcome(ctx, id)
		wantNotFound(t, "GetOutcome("+id+")", err)
	}
}

func testOutcomeResave(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := SampleAssessment("a", "U1", "Finance", advisor.RAG, 100, monday)
	b := SampleAssessment("b", "U2", "Legal", advisor.PromptEngineering, 50, monday)
	must(t, "save a", s.SaveOutcome(ctx, SampleOutcome(a, store.OutcomeNotYet, monday.Add(10*time.Hour))))
	must(t, "save b", s.SaveOutcome(ctx, SampleOutcome(b, store.OutcomeBuilt, monday.Add(20*time.Hour))))
	// The latest answer counts, listed once at its own time.
	must(t, "save a again", s.SaveOutcome(ctx, SampleOutcome(a, store.OutcomeBuilt, monday.Add(30*time.Hour))))
	all := allOutcomes(t, s, time.Time{}, time.Time{})
	if got := outcomeIDs(all); !slices.Equal(got, []string{"b", "a"}) {
		t.Fatalf("outcomes after a second report = %q, want [b a]", got)
	}
	if all[1].Status != store.OutcomeBuilt || !all[1].At.Equal(monday.Add(30*time.Hour)) {
		t.Errorf("a is listed as %s at %v, want built at +30h", all[1].Status, all[1].At)
	}
	// Reported again with an earlier time, it moves before b.
	must(t, "save a a third time", s.SaveOutcome(ctx, SampleOutcome(a, store.OutcomeDropped, monday.Add(5*time.Hour))))
	if got := outcomeIDs(allOutcomes(t, s, time.Time{}, time.Time{})); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("outcomes after an earlier report = %q, want [a b]", got)
	}
	if got := outcomeIDs(allOutcomes(t, s, monday.Add(10*time.Hour), time.Time{})); !slices.Equal(got, []string{"b"}) {
		t.Errorf("outcomes since +10h = %q: a's replaced report is still listed", got)
	}
	got, err := s.GetOutcome(ctx, "a")
	must(t, "get a", err)
	if got.Status != store.OutcomeDropped {
		t.Errorf("a is %s, want the latest answer, dropped", got.Status)
	}
	// Reported by someone else (the assessment changed hands): forgetting
	// the first reporter no longer touches it; forgetting the second does.
	other := SampleOutcome(a, store.OutcomeBuilt, monday.Add(40*time.Hour))
	other.User = "U9"
	must(t, "save a as U9", s.SaveOutcome(ctx, other))
	must(t, "forget U1", s.ForgetUser(ctx, "U1"))
	if _, err := s.GetOutcome(ctx, "a"); err != nil {
		t.Errorf("forgetting U1 took U9's report: %v", err)
	}
	must(t, "forget U9", s.ForgetUser(ctx, "U9"))
	_, err = s.GetOutcome(ctx, "a")
	wantNotFound(t, "U9's report after forgetting U9", err)
	if got := outcomeIDs(allOutcomes(t, s, time.Time{}, time.Time{})); !slices.Equal(got, []string{"b"}) {
		t.Errorf("outcomes after forgetting = %q, want [b]", got)
	}
}

var errStop = errors.New("storetest: stop")

func testOutcomeWindows(t *testing.T, s store.Store) {
	ctx := t.Context()
	h := func(n float64) time.Time { return monday.Add(time.Duration(n * float64(time.Hour))) }
	// Saved newest first, so the order cannot come from insertion.
	for i := 3; i >= 0; i-- {
		r := SampleAssessment(fmt.Sprint("o", i), "U1", "Finance", advisor.RAG, 100, monday.Add(-30*24*time.Hour))
		must(t, "save", s.SaveOutcome(ctx, SampleOutcome(r, store.OutcomeBuilt, h(float64(i)))))
	}
	for _, tc := range []struct {
		since, until time.Time
		want         []string
	}{
		{time.Time{}, time.Time{}, []string{"o0", "o1", "o2", "o3"}},
		{h(1), time.Time{}, []string{"o1", "o2", "o3"}}, // since is in
		{h(1), h(3), []string{"o1", "o2"}},              // until is out
		{h(1).Add(1), h(3).Add(1), []string{"o2", "o3"}},
		{h(2), h(2), nil},
		{h(3), h(1), nil},
		{h(4), time.Time{}, nil},
		{time.Time{}, h(0), nil},
	} {
		if got := outcomeIDs(allOutcomes(t, s, tc.since, tc.until)); !slices.Equal(got, tc.want) {
			t.Errorf("EachOutcome(%v, %v) = %q, want %q", tc.since, tc.until, got, tc.want)
		}
	}
	calls := 0
	err := s.EachOutcome(ctx, time.Time{}, time.Time{}, func(store.Outcome) error { calls++; return errStop })
	if !errors.Is(err, errStop) || calls != 1 {
		t.Errorf("EachOutcome with fn failing: %v after %d calls; want fn's error after 1", err, calls)
	}
}

func testOutcomeRefused(t *testing.T, s store.Store) {
	ctx := t.Context()
	good := SampleOutcome(SampleAssessment("bad", "U1", "Finance", advisor.RAG, 100, monday), store.OutcomeBuilt, monday)
	for _, tc := range []struct {
		name   string
		change func(*store.Outcome)
		want   string
	}{
		{"status", func(o *store.Outcome) { o.Status = "maybe" }, `unknown status "maybe"`},
		{"no status", func(o *store.Outcome) { o.Status = "" }, `unknown status ""`},
		{"approach", func(o *store.Outcome) { o.Approach = "quantum" }, `built with an unknown approach "quantum"`},
		{"negative cost", func(o *store.Outcome) { o.OneOffCost = advisor.Some(-5) }, "one_off_cost must be a number from 0"},
		{"NaN run cost", func(o *store.Outcome) { o.MonthlyRunCost = advisor.Some(math.NaN()) }, "monthly_run_cost must be"},
		{"infinite saving", func(o *store.Outcome) { o.HoursSavedMonthly = advisor.Some(math.Inf(1)) }, "hours_saved_monthly must be"},
		{"no id", func(o *store.Outcome) { o.RecID = "" }, "needs a rec_id"},
		{"no user", func(o *store.Outcome) { o.User = "" }, "a user"},
	} {
		o := good
		tc.change(&o)
		err := s.SaveOutcome(ctx, o)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: SaveOutcome = %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
	_, err := s.GetOutcome(ctx, "bad")
	wantNotFound(t, "a refused outcome", err)
	if got := allOutcomes(t, s, time.Time{}, time.Time{}); len(got) != 0 {
		t.Errorf("refused outcomes were stored: %q", outcomeIDs(got))
	}
	must(t, "the valid one", s.SaveOutcome(ctx, good))
}
