package knowledge

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
)

// TestAdvisorRefsExist fails when the advisor cites a knowledge-base entry
// that does not exist. It drives the advisor through thousands of random
// profiles, which reach every rule, and checks each reason's ref.
func TestAdvisorRefsExist(t *testing.T) {
	adv := advisor.New(advisor.DefaultAssumptions())
	rng := rand.New(rand.NewPCG(7, 11))
	numbers := []float64{0, 1, 9, 50, 120, 700, 5_000, 80_000, 3_000_000}
	seen := map[string]bool{}
	for range 3000 {
		var u advisor.UseCase
		for _, f := range advisor.Fields() {
			if rng.IntN(3) == 0 {
				continue
			}
			v := advisor.Value{Field: f.Name}
			switch f.Kind {
			case advisor.KindText:
				continue
			case advisor.KindEnum:
				v.Text = f.Options[rng.IntN(len(f.Options))]
			case advisor.KindBool:
				v.Bool = rng.IntN(2) == 0
			default:
				v.Number = numbers[rng.IntN(len(numbers))]
			}
			if err := u.Set(v); err != nil {
				continue // e.g. timeline_weeks 0
			}
		}
		rec, err := adv.Recommend(u)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rec.Reasons {
			seen[r.Ref] = true
		}
	}
	if len(seen) < 15 {
		t.Fatalf("only %d distinct refs seen; the profile generator no longer reaches the rules", len(seen))
	}
	for ref := range seen {
		if _, err := os.Stat(filepath.Join("kb", ref+".md")); err != nil {
			t.Errorf("the advisor cites %q, which the knowledge base lacks", ref)
		}
	}
}
