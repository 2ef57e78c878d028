package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/render/rendertest"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

// TestHistoryHostileTitles: `advisorbot history` and `export --format csv`
// print stored titles, users, departments and outcome reasons to a
// terminal; none of the
// hostile corpus may reach it as a control or bidi character, and a title
// stays on its row of the history table.
func TestHistoryHostileTitles(t *testing.T) {
	dir := newDataDir(t)
	st, err := openStore(slog.New(slog.DiscardHandler), appConfig{dataDir: dir}, writeData)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := advisor.DecodeUseCase([]byte(`{"task":"answer","monthly_volume":20000,"minutes_per_task":6,"hourly_cost":40}`))
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(u)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for i, s := range rendertest.Corpus {
		r := store.Assessment{ID: fmt.Sprint("h", i), User: "u" + s, Department: s, Title: s, Profile: u, Result: rec,
			CreatedAt: at.Add(time.Duration(i) * time.Minute), Conv: store.ConvKey{Platform: "terminal", Channel: "u"}}
		if err := st.SaveAssessment(context.Background(), r); err != nil {
			t.Fatal(err)
		}
		// Its owner's reason for dropping it reaches the CSV too.
		o := storetest.SampleOutcome(r, store.OutcomeDropped, r.CreatedAt.Add(30*24*time.Hour))
		o.Reason = s
		if err := st.SaveOutcome(context.Background(), o); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, "", "history", "--data-dir", dir, "--all")
	if code != exitOK {
		t.Fatalf("history: exit %d: %s", code, errs)
	}
	if r, bad := rendertest.Invisible(out); bad {
		t.Errorf("history printed %U", r)
	}
	if rows := strings.Count(out, "\n"); rows != len(rendertest.Corpus)+1 {
		t.Errorf("history printed %d lines for %d assessments and a header", rows, len(rendertest.Corpus))
	}
	code, out, errs = runCmd(t, "", "export", "--data-dir", dir, "--format", "csv")
	if code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	if r, bad := rendertest.Invisible(out); bad {
		t.Errorf("export printed %U", r)
	}
}
