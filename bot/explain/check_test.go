package explain

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
)

// names are ways an answer names each approach.
var names = map[advisor.Approach][]string{
	advisor.PromptEngineering: {"prompt engineering", "prompting", "prompt_engineering"},
	advisor.RAG:               {"RAG", "retrieval", "retrieval-augmented generation"},
	advisor.FineTuning:        {"fine-tuning", "fine\u2011tuning", "fine_tuning", "a custom model trained on your data"},
	advisor.Hybrid:            {"the hybrid approach", "fine-tuning plus retrieval", "hybrid"},
	advisor.ClassicAutomation: {"classic automation", "RPA", "a rule-based system", "classic_automation"},
	advisor.KeepManual:        {"keeping it manual", "keep_manual", "keeping the manual process"},
}

// contradictions put another approach forward, in the ways models do.
var contradictions = []string{
	"I recommend %s.",
	"My recommendation is %s.",
	"My recommendation, though, is %s.",
	"%s is the best option here.",
	"%s is what I suggest.",
	"%s would be the better choice.",
	"Consider %s instead.",
	"Use %s.",
	"The best approach is %s.",
	"You should use %s.",
	"Go with %s.",
	"If you want the best results, I recommend %s.",
	"We suggest switching to %s.",
	"In short: go for %s.",
}

// TestChecksRejectContradictions: every way of putting another approach
// forward, for every pair of approaches, is caught.
func TestChecksRejectContradictions(t *testing.T) {
	known := func(string) bool { return true }
	n := 0
	for _, chosen := range advisor.Approaches() {
		for other, ns := range names {
			if compatible(other, chosen) {
				continue
			}
			for _, name := range ns {
				for _, c := range contradictions {
					s := strings.Replace(c, "%s", name, 1)
					if i := strings.IndexByte(s, ' '); strings.HasPrefix(c, "%s") && i > 0 {
						s = strings.ToUpper(s[:1]) + s[1:]
					}
					n++
					if v := checkSentence(s, chosen, known); v == nil || v.reason != ReasonContradicts {
						t.Errorf("rules chose %s; %q passed", chosen, s)
					}
				}
			}
		}
		if v := checkSentence("APPROACH: fine_tuning", advisor.RAG, known); v == nil {
			t.Error("an approach line in the body naming another approach passed")
		}
	}
	t.Logf("%d contradicting sentences checked", n)
}

// TestChecksAcceptFairExplanations: sentences a good explanation of each
// approach contains (testdata/legit/<approach>.txt, written independently
// of the checks) pass, streamed through the gate as a model would send them.
func TestChecksAcceptFairExplanations(t *testing.T) {
	kb := mustKB(t)
	for _, a := range advisor.Approaches() {
		f, err := os.Open(filepath.Join("testdata", "legit", string(a)+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		n := 0
		for sc.Scan() {
			s := strings.TrimSpace(sc.Text())
			if s == "" {
				continue
			}
			n++
			g := newGate(a, kb.Has, nil, func(string) error { return nil })
			err := g.write("APPROACH: " + string(a) + "\n\n" + s)
			if err == nil {
				err = g.close()
			}
			if err != nil {
				t.Errorf("%s: %q rejected: %v", a, s, err)
			}
		}
		f.Close()
		if n < 15 {
			t.Errorf("%s: only %d sentences", a, n)
		}
	}
}

func TestHeaderVariants(t *testing.T) {
	for _, tt := range []struct {
		line string
		want advisor.Approach
	}{
		{"APPROACH: rag", advisor.RAG},
		{"**APPROACH:** rag", advisor.RAG},
		{"Approach: RAG", advisor.RAG},
		{"APPROACH: prompt engineering", advisor.PromptEngineering},
		{"APPROACH: `fine_tuning`", advisor.FineTuning},
		{"APPROACH: keep it manual", advisor.KeepManual},
	} {
		if got, ok := parseHeader(tt.line); !ok || got != tt.want {
			t.Errorf("parseHeader(%q) = %s, %v; want %s", tt.line, got, ok, tt.want)
		}
	}
	if _, ok := parseHeader("Retrieval is a good fit."); ok {
		t.Error("a sentence read as an approach line")
	}
}

func TestCitationVariants(t *testing.T) {
	known := func(id string) bool { return id == "rag-for-knowledge" || id == "rag-citations" }
	for _, tt := range []struct {
		s  string
		ok bool
	}{
		{"See [kb:rag-for-knowledge].", true},
		{"See [kb: rag-for-knowledge, kb:rag-citations].", true},
		{"See [KB:made-up].", false},
		{"See [kb: made-up].", false},
		{"See [kb:rag-citations, kb:nope].", false},
	} {
		v := checkSentence(tt.s, advisor.RAG, known)
		if (v == nil) != tt.ok {
			t.Errorf("%q: violation %v, want ok=%v", tt.s, v, tt.ok)
		}
	}
}
