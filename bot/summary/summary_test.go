package summary

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/advisorbot/advisorbot/internal/golden"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
)

// fixture fills st with assessments over two weeks, made by the real
// advisor, with feedback. Every record carries the time it happened, so
// the store's clock (whatever day the test runs) changes nothing.
func fixture(t *testing.T, st store.Store) store.Store {
	t.Helper()
	adv := advisor.New(advisor.DefaultAssumptions())
	ctx := context.Background()
	w48 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) // Monday of 2026-W48
	cases := []struct {
		id, user, dept, title, profile string
		at                             time.Time
	}{
		{"a1", "U1", "Support", "Answer customer questions", `{"task":"answer","monthly_volume":20000,"minutes_per_task":6,"hourly_cost":40,"knowledge":"private_changing","citations_required":true}`, w48},
		{"a2", "U2", "Finance", "Route invoices", `{"task":"classify","monthly_volume":8000,"minutes_per_task":3,"hourly_cost":35,"rules_expressible":true}`, w48.Add(time.Hour)},
		{"a3", "U3", "Legal", "Extract clauses from contracts", `{"task":"extract","output_consistency":"strict","domain":"niche","prompt_baseline":"plateaued","labeled_examples":3000,"ml_skill":"strong","monthly_volume":20000,"minutes_per_task":10,"hourly_cost":90}`, w48.Add(48 * time.Hour)},
		{"a4", "U1", "Support", "Board pack cover note", `{"task":"draft","monthly_volume":30,"minutes_per_task":4,"hourly_cost":40}`, w48.Add(72 * time.Hour)},
		{"b1", "U4", "HR", "Answer HR policy questions", `{"task":"answer","knowledge":"private_static","monthly_volume":3000,"minutes_per_task":8,"hourly_cost":50}`, w48.AddDate(0, 0, -7)},
	}
	for _, c := range cases {
		u, err := advisor.DecodeUseCase([]byte(c.profile))
		if err != nil {
			t.Fatal(err)
		}
		rec, err := adv.Recommend(u)
		if err != nil {
			t.Fatal(err)
		}
		r := store.Assessment{ID: c.id, User: c.user, Department: c.dept, Title: c.title, Profile: u, Result: rec, CreatedAt: c.at,
			Conv: store.ConvKey{Platform: "slack", Team: "T1", Channel: "C1", Thread: "1700000000." + c.id}}
		if err := st.SaveAssessment(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	yes, no := true, false
	at := w48.Add(100 * time.Hour) // Friday of 2026-W48
	for _, f := range []store.Feedback{
		{RecID: "a1", User: "U1", Helpful: &yes, At: at}, {RecID: "a2", User: "U2", Helpful: &no, At: at},
		{RecID: "a1", User: "U1", Chosen: advisor.RAG, At: at}, {RecID: "a2", User: "U2", Chosen: advisor.PromptEngineering, At: at},
	} {
		if err := st.SaveFeedback(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func slackLink(k store.ConvKey) string {
	return "https://slack.com/archives/" + k.Channel + "/p" + strings.ReplaceAll(k.Thread, ".", "")
}

func TestMarkdownGolden(t *testing.T) {
	md := markdown(t, fixture(t, store.NewMem()))
	goldenfile.Check(t, filepath.Join("testdata", "summary-2026-W48.md"), []byte(md))
}

// markdown builds and renders the 2026-W48 summary of st.
func markdown(t *testing.T, st store.Store) string {
	t.Helper()
	s, err := Build(context.Background(), st, "2026-W48", slackLink)
	if err != nil {
		t.Fatal(err)
	}
	md, err := s.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	if s.Assessments != 4 || s.PrevAssessments != 1 || len(s.History) != 8 || len(s.Top) == 0 {
		t.Errorf("summary %+v", s)
	}
	return md
}

// TestSummaryIgnoresTheClock: the same records give the same report
// whatever the stores' clocks say when they are written and read: at the
// fixture's week, a year's end, the night a DST change happens somewhere,
// months later, and years before.
func TestSummaryIgnoresTheClock(t *testing.T) {
	want := markdown(t, fixture(t, store.NewMem()))
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	for _, now := range []time.Time{
		time.Date(2026, 11, 29, 23, 59, 59, 0, time.UTC),
		time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC),
		time.Date(2027, 1, 1, 0, 30, 0, 0, time.UTC),
		time.Date(2027, 3, 28, 2, 30, 0, 0, berlin), // a time the spring change skips
		time.Date(2027, 10, 31, 2, 30, 0, 0, berlin),
		time.Date(2027, 6, 15, 12, 0, 0, 0, time.UTC),
		time.Date(2031, 2, 1, 9, 0, 0, 0, time.UTC),
		time.Date(2019, 7, 1, 9, 0, 0, 0, time.UTC),
	} {
		clock := func() time.Time { return now }
		b, err := badgerstore.Open(nil, badgerstore.Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		for name, st := range map[string]store.Store{"memory": store.NewMemAt(clock), "badger": b} {
			if diff := cmp.Diff(want, markdown(t, fixture(t, st))); diff != "" {
				t.Errorf("%s store with the clock at %v (-want +got):\n%s", name, now, diff)
			}
		}
		b.Close()
	}
}

func TestWarnings(t *testing.T) {
	w := store.WeekStats{HostedFineTunes: 2}
	got := warnings(w, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
	// 2026-10-23 has passed; 2027-01-06 and 2027-01-14 are within 90 days;
	// 2027-04-14 is not yet.
	if len(got) != 3 {
		t.Fatalf("warnings = %q", got)
	}
	if !strings.Contains(got[1], "stops new fine-tuning jobs") || !strings.Contains(got[1], "in 37 days") {
		t.Errorf("future event: %q", got[1])
	}
	// Twelve hours before an event is "in 1 day"; after it, the past tense.
	got = warnings(w, time.Date(2027, 1, 13, 12, 0, 0, 0, time.UTC))
	if len(got) != 3 || !strings.Contains(got[1], "stopped new fine-tuning jobs") || !strings.Contains(got[2], "in 1 day.") {
		t.Errorf("warnings on 2027-01-13 = %q", got)
	}
	if warnings(store.WeekStats{}, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) != nil {
		t.Error("warnings without hosted fine-tunes")
	}
}

func TestWeekStart(t *testing.T) {
	for week, want := range map[string]string{
		"2026-W48": "2026-11-23", "2026-W01": "2025-12-29", "2026-W53": "2026-12-28", "2027-W01": "2027-01-04",
	} {
		got, err := WeekStart(week)
		if err != nil || got.Format("2006-01-02") != want {
			t.Errorf("WeekStart(%s) = %v, %v; want %s", week, got, err, want)
		}
	}
	for _, bad := range []string{"", "2026-48", "2026-W00", "2026-W54", "2025-W53"} {
		if _, err := WeekStart(bad); err == nil {
			t.Errorf("WeekStart(%q) accepted", bad)
		}
	}
}
