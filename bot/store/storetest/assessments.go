package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// monday is the start of ISO week 2026-W48.
var monday = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func ids(rs []store.Assessment) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func testAssessments(t *testing.T, s store.Store) {
	ctx := t.Context()
	base := monday.Add(9 * time.Hour)
	var all []store.Assessment
	for i := range 5 {
		at := base.Add(time.Duration(i) * time.Hour)
		all = append(all,
			SampleAssessment(fmt.Sprintf("u1-%d", i), "U1", "Finance", advisor.RAG, 100, at),
			SampleAssessment(fmt.Sprintf("u2-%d", i), "U2", "Legal", advisor.PromptEngineering, 50, at.Add(30*time.Minute)))
	}
	all = append(all, SampleAssessment("u12-0", "U12", "Finance", advisor.RAG, 1, base.Add(time.Minute)))
	// Saved newest first, so the order cannot come from insertion.
	for _, r := range slices.Backward(all) {
		must(t, "save "+r.ID, s.SaveAssessment(ctx, r))
	}
	for _, tc := range []struct {
		user  string
		since time.Time
		limit int
		want  []string
	}{
		{"U1", time.Time{}, 0, []string{"u1-0", "u1-1", "u1-2", "u1-3", "u1-4"}},
		{"U1", base.Add(2 * time.Hour), 0, []string{"u1-2", "u1-3", "u1-4"}}, // at or after
		{"U1", base.Add(2*time.Hour + 1), 0, []string{"u1-3", "u1-4"}},
		{"U1", time.Time{}, 2, []string{"u1-3", "u1-4"}}, // the newest, oldest first
		{"U1", base.Add(time.Hour), 10, []string{"u1-1", "u1-2", "u1-3", "u1-4"}},
		{"U1", base.Add(4 * time.Hour), 2, []string{"u1-4"}},
		{"U1", base.Add(5 * time.Hour), 0, nil},
		{"U12", time.Time{}, 0, []string{"u12-0"}},
		{"U3", time.Time{}, 0, nil},
		{"", time.Time{}, 0, []string{"u1-0", "u12-0", "u2-0", "u1-1", "u2-1", "u1-2", "u2-2", "u1-3", "u2-3", "u1-4", "u2-4"}},
		{"", time.Time{}, 3, []string{"u2-3", "u1-4", "u2-4"}},
		{"", base.Add(4 * time.Hour), 0, []string{"u1-4", "u2-4"}},
	} {
		got, err := s.Assessments(ctx, tc.user, tc.since, tc.limit)
		must(t, "list", err)
		if g := ids(got); !slices.Equal(g, tc.want) {
			t.Errorf("Assessments(%q, %v, %d) = %q, want %q", tc.user, tc.since, tc.limit, g, tc.want)
		}
	}
}

func testAssessmentRoundTrip(t *testing.T, s store.Store) {
	ctx := t.Context()
	r := SampleAssessment("rec/1", "U1", "Finance", advisor.RAG, 1234.5, monday.Add(time.Hour))
	must(t, "save", s.SaveAssessment(ctx, r))
	*r.Profile.MonthlyVolume = 1 // must not reach the store
	r.Result.Risks[0] = "changed"
	got, err := s.GetAssessment(ctx, "rec/1")
	must(t, "get", err)
	want := SampleAssessment("rec/1", "U1", "Finance", advisor.RAG, 1234.5, monday.Add(time.Hour))
	diff(t, "recommendation", want, got)
	got.Result.ROI[advisor.RAG] = advisor.ROI{}
	got.Result.Ranking[0].Score = 0
	again, err := s.GetAssessment(ctx, "rec/1")
	must(t, "get again", err)
	diff(t, "recommendation after changing a copy", want, again)

	_, err = s.GetAssessment(ctx, "rec")
	wantNotFound(t, "get unknown recommendation", err)
	_, err = s.GetAssessment(ctx, "rec/1/")
	wantNotFound(t, "get unknown recommendation", err)
}

func testFeedbackUnknown(t *testing.T, s store.Store) {
	ctx := t.Context()
	err := s.SaveFeedback(ctx, store.Feedback{RecID: "nope", User: "U1", Helpful: ptr(true), At: monday})
	wantNotFound(t, "feedback on an unknown recommendation", err)
	w, err := s.Week(ctx, store.ISOWeek(monday))
	must(t, "week", err)
	if w.Helpful != 0 {
		t.Errorf("Helpful = %d after rejected feedback, want 0", w.Helpful)
	}
}

func testAggregates(t *testing.T, s store.Store) {
	ctx := t.Context()
	week, next := store.ISOWeek(monday), store.ISOWeek(monday.AddDate(0, 0, 7))
	if week != "2026-W48" || next != "2026-W49" {
		t.Fatalf("ISOWeek = %s, %s", week, next)
	}
	empty, err := s.Week(ctx, week)
	must(t, "empty week", err)
	diff(t, "empty week", store.WeekStats{Week: week}, empty)
	if empty.ByApproach == nil || empty.ByDepartment == nil || empty.NetByDept == nil || empty.Chosen == nil || empty.ChosenVsAdvised == nil {
		t.Errorf("empty week has nil maps: %+v", empty)
	}

	seedWeeks(t, s)
	got, err := s.Week(ctx, week)
	must(t, "week", err)
	diff(t, "week "+week, store.WeekStats{
		Week:         week,
		Assessments:  3,
		ByApproach:   map[advisor.Approach]int{advisor.RAG: 2, advisor.PromptEngineering: 1},
		ByDepartment: map[string]int{"Finance": 2, "unknown": 1},
		NetMonthly:   1150.75,
		NetByDept:    map[string]float64{"Finance": 1200.75, "unknown": -50},
		Helpful:      1,
		NotHelpful:   1,
		Chosen:       map[advisor.Approach]int{advisor.RAG: 2},
		ChosenVsAdvised: map[string]int{
			"prompt_engineering->rag": 1,
			"rag->rag":                1,
		},
		Top: topOf(t, s, "r1", "r2", "r3"),
	}, got)

	// The returned maps are copies.
	got.ByApproach[advisor.RAG] = 99
	got.NetByDept["Finance"] = 0
	after, err := s.Week(ctx, week)
	must(t, "week again", err)
	if after.ByApproach[advisor.RAG] != 2 || after.NetByDept["Finance"] != 1200.75 {
		t.Errorf("changing a returned WeekStats changed the store: %+v", after)
	}

	got, err = s.Week(ctx, next)
	must(t, "next week", err)
	diff(t, "week "+next, store.WeekStats{
		Week:            next,
		Assessments:     1,
		ByApproach:      map[advisor.Approach]int{advisor.FineTuning: 1},
		ByDepartment:    map[string]int{"Legal": 1},
		NetMonthly:      300,
		NetByDept:       map[string]float64{"Legal": 300},
		Top:             topOf(t, s, "r4"),
		HostedFineTunes: 1, // fine-tuning for a team that may not self-host
		NotHelpful:      1,
		Chosen:          map[advisor.Approach]int{advisor.KeepManual: 1},
		ChosenVsAdvised: map[string]int{"rag->keep_manual": 1},
	}, got)
}

// seedWeeks saves four recommendations across weeks 2026-W48 and W49,
// one of them twice, and feedback given in both weeks.
func seedWeeks(t *testing.T, s store.Store) {
	ctx := t.Context()
	recs := []store.Assessment{
		SampleAssessment("r1", "U1", "Finance", advisor.RAG, 1000.5, monday.Add(time.Hour)),
		SampleAssessment("r2", "U2", "Finance", advisor.PromptEngineering, 200.25, monday.Add(2*time.Hour)),
		SampleAssessment("r3", "U1", "", advisor.RAG, -50, monday.AddDate(0, 0, 6).Add(23*time.Hour)), // Sunday
		SampleAssessment("r4", "U3", "Legal", advisor.FineTuning, 300, monday.AddDate(0, 0, 7)),       // next Monday
	}
	for _, r := range recs {
		must(t, "save "+r.ID, s.SaveAssessment(ctx, r))
	}
	// Saving again (a retry, or a corrected title) replaces the record but
	// counts it once.
	again := recs[0]
	again.Title = "Corrected title"
	must(t, "save r1 again", s.SaveAssessment(ctx, again))
	if got, err := s.GetAssessment(ctx, "r1"); err != nil || got.Title != "Corrected title" {
		t.Errorf("after saving r1 again: title %q, err %v", got.Title, err)
	}

	// Feedback counts in the week it is given, so votes cast after a week
	// was reported still reach the next report.
	wed, late := monday.AddDate(0, 0, 2), monday.AddDate(0, 0, 10)
	for _, f := range []store.Feedback{
		{RecID: "r1", User: "U1", Helpful: ptr(true), At: wed},
		{RecID: "r2", User: "U2", Helpful: ptr(false), At: wed},
		{RecID: "r2", User: "U2", Chosen: advisor.RAG, At: wed.Add(time.Second)},
		{RecID: "r3", User: "U1", Chosen: advisor.RAG, At: wed},
		{RecID: "r1", User: "U4", Helpful: ptr(false), At: late}, // next week
		{RecID: "r3", User: "U4", Chosen: advisor.KeepManual, At: late},
	} {
		must(t, "feedback on "+f.RecID, s.SaveFeedback(ctx, f))
	}
}

// topOf is the Top list a week with these recommendations holds: best
// 12-month ROI first, ties newest first, as the store keeps it.
func topOf(t *testing.T, s store.Store, ids ...string) []store.TopRec {
	t.Helper()
	var out []store.TopRec
	for i := len(ids) - 1; i >= 0; i-- {
		r, err := s.GetAssessment(t.Context(), ids[i])
		must(t, "get "+ids[i], err)
		out = append(out, store.TopRec{ID: r.ID, ROI12: r.Result.ROI[r.Result.Approach].ROI12.Value})
	}
	return out
}

// testFeedbackStamped: feedback and recommendations without a time take
// the store's clock, and count in the week of that time, not today's.
func testFeedbackStamped(t *testing.T, s store.Store, clock *Clock) {
	ctx := t.Context()
	clock.Advance(-60 * 24 * time.Hour) // two months before the suite's date
	r := SampleAssessment("r1", "U1", "Finance", "rag", 100, time.Time{})
	must(t, "save recommendation", s.SaveAssessment(ctx, r))
	got, err := s.GetAssessment(ctx, "r1")
	must(t, "get", err)
	if !got.CreatedAt.Equal(clock.Now()) {
		t.Errorf("CreatedAt = %v, want the store's clock %v", got.CreatedAt, clock.Now())
	}
	clock.Advance(7 * 24 * time.Hour)
	must(t, "save feedback", s.SaveFeedback(ctx, store.Feedback{RecID: "r1", User: "U1", Helpful: ptr(true)}))
	for week, want := range map[string]int{store.ISOWeek(clock.Now()): 1, store.ISOWeek(suiteStart): 0} {
		w, err := s.Week(ctx, week)
		must(t, "week", err)
		if w.Helpful != want {
			t.Errorf("week %s: %d helpful, want %d", week, w.Helpful, want)
		}
	}
}
