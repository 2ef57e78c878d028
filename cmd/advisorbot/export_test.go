package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

// exportFixture stores three assessments, the outcomes of two of them
// (one built, reporting a one-off cost of 0 and no run cost; one dropped,
// its reason in words with quotes, a line break and a terminal escape),
// and the outcome of an assessment that has since expired. It returns
// the outcomes as stored.
func exportFixture(t *testing.T, dir string) []store.Outcome {
	t.Helper()
	ctx := t.Context()
	st, err := openStore(slog.New(slog.DiscardHandler), appConfig{dataDir: dir}, writeData)
	if err != nil {
		t.Fatal(err)
	}
	day := func(d int) time.Time { return time.Date(2026, 11, d, 10, 0, 0, 0, time.UTC) }
	a1 := storetest.SampleAssessment("a1", "ana", "Finance", advisor.RAG, 2000, day(2))
	a2 := storetest.SampleAssessment("a2", "ben", "Legal", advisor.PromptEngineering, 500, day(10))
	a3 := storetest.SampleAssessment("a3", "ana", "Finance", advisor.FineTuning, 900, day(20))
	gone := storetest.SampleAssessment("gone", "cy", "Support", advisor.RAG, 300, time.Date(2025, 10, 1, 10, 0, 0, 0, time.UTC))
	for _, r := range []store.Assessment{a1, a2, a3} {
		if err := st.SaveAssessment(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	built := storetest.SampleOutcome(a1, store.OutcomeBuilt, day(28))
	built.OneOffCost, built.MonthlyRunCost = advisor.Some(0), advisor.Optional{}
	dropped := storetest.SampleOutcome(a2, store.OutcomeDropped, day(25))
	dropped.Reason = "Budget cut, \"for now\"\nsee the ticket\x1b[31m"
	expired := storetest.SampleOutcome(gone, store.OutcomeNotYet, time.Date(2025, 11, 15, 9, 0, 0, 0, time.UTC))
	outs := []store.Outcome{expired, dropped, built} // in the order reported
	for _, o := range outs {
		if err := st.SaveOutcome(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return outs
}

// TestExportOutcomes: `advisorbot export` writes each assessment with its
// owner's outcome beside it as one CSV table (an expired assessment's
// outcome gets a row from what it kept), and, as JSON lines, the
// assessments then the outcomes, each line saying its kind; --since
// takes the outcomes of the assessments it takes.
func TestExportOutcomes(t *testing.T) {
	dir := newDataDir(t)
	outs := exportFixture(t, dir)

	out := mustRun(t, "export", "--data-dir", dir, "--format", "csv")
	golden(t, "export-outcomes.csv", out)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll() // one table: every row as wide as the header
	if err != nil {
		t.Fatalf("the CSV does not read back: %v", err)
	}
	var ids []string
	for _, row := range rows[1:] {
		ids = append(ids, row[0]+":"+row[20])
	}
	if want := []string{"gone:not_yet", "a1:built", "a2:dropped", "a3:"}; !cmp.Equal(ids, want) {
		t.Errorf("CSV rows (id:outcome) = %q, want %q", ids, want)
	}

	out = mustRun(t, "export", "--data-dir", dir, "--format", "jsonl")
	golden(t, "export-outcomes.jsonl", out)
	var kinds []string
	var got []store.Outcome
	for line := range strings.Lines(out) {
		var k struct{ Kind string }
		if err := json.Unmarshal([]byte(line), &k); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		kinds = append(kinds, k.Kind)
		if k.Kind == "outcome" {
			var o store.Outcome
			dec := json.NewDecoder(strings.NewReader(line))
			if err := dec.Decode(&o); err != nil {
				t.Fatal(err)
			}
			got = append(got, o)
		}
	}
	if want := []string{"assessment", "assessment", "assessment", "outcome", "outcome", "outcome"}; !cmp.Equal(kinds, want) {
		t.Errorf("JSONL kinds = %q, want %q", kinds, want)
	}
	// Exactly as stored: the reason's words untouched, a reported 0 apart
	// from a figure not given.
	if d := cmp.Diff(outs, got); d != "" {
		t.Errorf("exported outcomes differ from the stored ones (-want +got):\n%s", d)
	}

	out = mustRun(t, "export", "--data-dir", dir, "--format", "csv", "--since", "2026-11-05")
	rows, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][0] != "a2" || rows[1][20] != "dropped" || rows[2][0] != "a3" {
		t.Errorf("CSV since 2026-11-05: %q, %v; want a2 (dropped) and a3", rows, err)
	}
	out = mustRun(t, "export", "--data-dir", dir, "--format", "jsonl", "--since", "2026-11-05")
	if n, m := strings.Count(out, `"kind":"assessment"`), strings.Count(out, `"kind":"outcome"`); n != 2 || m != 1 || !bytes.Contains([]byte(out), []byte(`"rec_id":"a2"`)) {
		t.Errorf("JSONL since 2026-11-05: %d assessments and %d outcomes, want 2 and a2's", n, m)
	}
}
