package explain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
)

// TestLegitCorpus: the sentences of testdata/legit-more.txt, fair
// explanations that name other approaches the way the knowledge base
// does, pass, streamed on their own; every false positive is reported.
func TestLegitCorpus(t *testing.T) {
	lines := readCorpus(t, "legit-more.txt")
	per := map[advisor.Approach]int{}
	fp := 0
	for _, c := range lines {
		per[c.chosen]++
		if shown, err := streamAnswer(t, c.chosen, c.text); err != nil || strings.TrimSpace(shown) != c.text {
			fp++
			t.Errorf("legit-more.txt:%d FALSE POSITIVE (%s): %q: %v", c.n, c.chosen, c.text, err)
		}
	}
	t.Logf("legit: %d sentences; %d false positives", len(lines), fp)
	for _, a := range advisor.Approaches() {
		if per[a] < 5 {
			t.Errorf("%s: %d legit sentences only", a, per[a])
		}
	}
}

// TestWholeExplanations: testdata/whole/legit-*.txt pass as a whole and
// hostile-*.txt fail, some only on the whole (more words for another
// approach than for the rules', several points against the rules' one).
func TestWholeExplanations(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "whole", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no explanations: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		head, body, _ := strings.Cut(string(b), "\n")
		chosen, ok := parseHeader(head)
		if !ok {
			t.Fatalf("%s: no approach line", f)
		}
		_, err = streamAnswer(t, chosen, strings.TrimLeft(body, "\n"))
		legit := strings.HasPrefix(filepath.Base(f), "legit-")
		switch {
		case legit && err != nil:
			t.Errorf("%s: FALSE POSITIVE: %v", f, err)
		case !legit && err == nil:
			t.Errorf("%s: MISS", f)
		}
		// The cache re-checks stored text the same way.
		kb := mustKB(t)
		if v := checkText(strings.TrimLeft(body, "\n"), chosen, kb.Has, sourceURLs(kb)); (v == nil) != legit {
			t.Errorf("%s: checkText = %v, want legit=%v", f, v, legit)
		}
	}
}
