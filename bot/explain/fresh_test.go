package explain

import (
	"slices"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
)

// TestFreshCorpus runs testdata/fresh, sets written before the
// burden-of-proof rule (evaluate.go) and never tuned to sentence by
// sentence, so they show how far the rule generalises beyond the corpora
// it was built against. Every fresh legit sentence must pass; the hostile
// misses are reported and bounded, not required to be zero, since a
// bound that hides nothing would have been fitted.
func TestFreshCorpus(t *testing.T) {
	missed, wrong := 0, 0
	hostile := readCorpus(t, "fresh/hostile.txt")
	for _, c := range hostile {
		if _, err := streamAnswer(t, c.chosen, c.text); err == nil {
			missed++
			t.Logf("fresh/hostile.txt:%d MISS (%s): %s", c.n, c.chosen, c.text)
		}
	}
	for _, c := range readCorpus(t, "fresh/legit.txt") {
		if _, err := streamAnswer(t, c.chosen, c.text); err != nil {
			wrong++
			t.Errorf("fresh/legit.txt:%d FALSE POSITIVE (%s): %s: %v", c.n, c.chosen, c.text, err)
		}
	}
	t.Logf("fresh: %d/%d hostile missed, %d legit rejected", missed, len(hostile), wrong)
	if missed > maxFreshMisses {
		t.Errorf("fresh: %d hostile sentences missed, at most %d allowed", missed, maxFreshMisses)
	}
}

// maxFreshMisses is the misses measured when the rule was written (52
// before it); a change that lets more through is a regression.
const maxFreshMisses = 1

// TestIssueExamples: the kinds of phrasing the held-out set caught before
// the burden-of-proof rule, as the issue quoted them. They are checked for
// every approach each one contradicts.
func TestIssueExamples(t *testing.T) {
	for _, tt := range []struct {
		text    string
		against []advisor.Approach // approaches the sentence contradicts
	}{
		{"A lookup over your wiki before the model answers is the smarter route here.", others(advisor.RAG, advisor.Hybrid)},
		{"In six months you'll wish you had invested in a custom-trained model insted.", others(advisor.FineTuning, advisor.Hybrid)},
		{"Clever wording is a stopgap — the real fix is training on your labelled history.", others(advisor.FineTuning, advisor.Hybrid)},
		{"It would be wiser to leave this with the clerks for now.", others(advisor.KeepManual)},
		{"why build a search pipeline when you could just paste the three policy pages into the instruction and call it a day?", others(advisor.PromptEngineering)},
		{"The lookups will be wrong half the time, so I wouldn't recommend going down that road.", []advisor.Approach{advisor.RAG, advisor.Hybrid}},
		{"Humans get tired and make mistakes; a model trained on 5 years of decisions won't.", others(advisor.FineTuning, advisor.Hybrid)},
		{"Would you really rather maintain scripts forever than train a model once?", others(advisor.FineTuning, advisor.Hybrid)},
	} {
		for _, a := range tt.against {
			if _, err := streamAnswer(t, a, tt.text); err == nil {
				t.Errorf("rules chose %s; passed: %q", a, tt.text)
			}
		}
	}
}

// others is every approach but the given ones.
func others(not ...advisor.Approach) []advisor.Approach {
	var out []advisor.Approach
	for _, a := range advisor.Approaches() {
		if !slices.Contains(not, a) {
			out = append(out, a)
		}
	}
	return out
}
