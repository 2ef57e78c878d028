package explain

import (
	"os"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
)

// BenchmarkCheckExplanation streams a fair RAG explanation through the
// gate: the cost the check adds to every model explanation.
func BenchmarkCheckExplanation(b *testing.B) {
	body, err := os.ReadFile("testdata/legit/rag.txt")
	if err != nil {
		b.Fatal(err)
	}
	kb := mustKB(b)
	urls := sourceURLs(kb)
	for b.Loop() {
		mentionMemo.m = nil // a new explanation each time, as in use
		g := newGate(advisor.RAG, kb.Has, urls, func(string) error { return nil })
		if err := g.write("APPROACH: rag\n\n" + string(body)); err != nil {
			b.Fatal(err)
		}
		if err := g.close(); err != nil {
			b.Fatal(err)
		}
	}
}
