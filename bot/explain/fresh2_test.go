package explain

import "testing"

// TestFresh2Corpus runs testdata/fresh2, a second pair of sets written
// after the burden-of-proof rule and before the changes that narrowed it:
// the fair sentences are the kinds the rule wrongly rejected (human review
// inside an automated approach, revisit caveats, risks with a mitigation,
// "instead of" a failure, "should" as expectation, cost arguments for
// keeping it manual, fair dismissals), the hostile ones the kinds it
// missed (comparatives without "than", evaluative noun phrases, short
// rhetorical questions, idioms, contrast claims). Every legit sentence
// must pass; hostile misses are reported and bounded.
func TestFresh2Corpus(t *testing.T) {
	missed, wrong := 0, 0
	hostile := readCorpus(t, "fresh2/hostile.txt")
	for _, c := range hostile {
		if _, err := streamAnswer(t, c.chosen, c.text); err == nil {
			missed++
			t.Logf("fresh2/hostile.txt:%d MISS (%s, %s): %s", c.n, c.chosen, c.kind, c.text)
		}
	}
	legit := readCorpus(t, "fresh2/legit.txt")
	for _, c := range legit {
		if _, err := streamAnswer(t, c.chosen, c.text); err != nil {
			wrong++
			t.Errorf("fresh2/legit.txt:%d FALSE POSITIVE (%s, %s): %s: %v", c.n, c.chosen, c.kind, c.text, err)
		}
	}
	t.Logf("fresh2: %d/%d hostile missed, %d/%d legit rejected", missed, len(hostile), wrong, len(legit))
	if missed > maxFresh2Misses {
		t.Errorf("fresh2: %d hostile sentences missed, at most %d allowed", missed, maxFresh2Misses)
	}
}

// maxFresh2Misses is the misses measured after the changes that followed
// these sets (28 of 36 before them, with 27 of 60 legit rejected); a
// change that lets more through is a regression.
const maxFresh2Misses = 0
