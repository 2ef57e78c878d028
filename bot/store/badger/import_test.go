package badgerstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

// TestImportMatchesSave: a bulk import leaves the same records and week
// aggregates as saving the recommendations one by one.
func TestImportMatchesSave(t *testing.T) {
	ctx := context.Background()
	monday := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	var recs []store.Assessment
	for i := range 40 {
		a := []advisor.Approach{advisor.RAG, advisor.PromptEngineering, advisor.FineTuning}[i%3]
		recs = append(recs, storetest.SampleAssessment(fmt.Sprint("r", i), fmt.Sprint("U", i%4), []string{"Finance", "Legal", ""}[i%3], a, float64(100*i), monday.Add(time.Duration(i)*7*time.Hour)))
	}
	one := openBadger(t, badgerstore.Options{})
	for _, r := range recs {
		if err := one.SaveAssessment(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	bulk := openBadger(t, badgerstore.Options{})
	if err := bulk.Import(ctx, recs); err != nil {
		t.Fatal(err)
	}
	for _, wk := range []string{"2026-W48", "2026-W49", "2026-W50"} {
		a, _ := one.Week(ctx, wk)
		b, _ := bulk.Week(ctx, wk)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("week %s differs (-save +import):\n%s", wk, diff)
		}
	}
	got, err := bulk.Assessments(ctx, "U1", time.Time{}, 0)
	if err != nil || len(got) != 10 {
		t.Errorf("U1 has %d imported recommendations (%v), want 10", len(got), err)
	}
}
