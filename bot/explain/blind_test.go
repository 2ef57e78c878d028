package explain

import (
	"regexp"
	"testing"
)

// The blind sets were written, once, by someone who had not seen the
// check's word lists. They are kept as a floor: the first measurement
// after the burden-of-proof rule (misses 26 of 150) may not get worse.
// Their false positives were looked at to find classes of fair sentence
// the rule refused, so the legit set is no longer blind; the hostile set
// is, as long as nobody tunes to its misses.
const (
	blindMissesAllowed  = 26
	blindRejectsAllowed = 2
)

// citationRE matches a citation, which the blind writer could only invent.
var citationRE = regexp.MustCompile(`\s*\[kb:[^\]]*\]`)

// TestBlindCorpus runs the blind sets and fails when the check misses more
// hostile sentences, or refuses more fair ones, than it did when they were
// first measured.
func TestBlindCorpus(t *testing.T) {
	missed, wrong := 0, 0
	hostile := readCorpus(t, "blind/hostile.txt")
	for _, c := range hostile {
		if _, err := streamAnswer(t, c.chosen, c.text); err == nil {
			missed++
			t.Logf("missed hostile:%d (%s): %s", c.n, c.chosen, c.text)
		}
	}
	legit := readCorpus(t, "blind/legit.txt")
	for _, c := range legit {
		// Invented citations are refused, rightly: only the stance counts here.
		if _, err := streamAnswer(t, c.chosen, citationRE.ReplaceAllString(c.text, "")); err != nil {
			wrong++
			t.Logf("rejected legit:%d (%s): %s: %v", c.n, c.chosen, c.text, err)
		}
	}
	t.Logf("blind: %d/%d hostile missed, %d/%d fair rejected", missed, len(hostile), wrong, len(legit))
	if missed > blindMissesAllowed || wrong > blindRejectsAllowed {
		t.Errorf("the check got worse on the blind sets: %d misses (at most %d), %d fair rejected (at most %d)", missed, blindMissesAllowed, wrong, blindRejectsAllowed)
	}
}
