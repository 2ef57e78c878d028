package knowledge

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// searchCases are questions a person, or the explainer grounding a reason,
// would ask, each with the entry that answers it. Where two entries answer
// the question equally well in their own words, either counts.
var searchCases = []struct {
	query string
	want  []string // any of these in the top 3 passes
}{
	// The brief's queries.
	{"when should we fine-tune", []string{"ft-format-style", "ft-domain-adaptation"}}, // titles: "When fine-tuning helps", "when tuning helps and when prompting wins"
	{"changing internal documents", []string{"rag-for-knowledge"}},
	{"how many examples do I need", []string{"ft-data-requirements"}},
	{"OpenAI fine-tuning wind-down", []string{"vendor-ft-winddown-2026"}},
	{"OpenAI fine-tuning shutdown", []string{"vendor-ft-winddown-2026"}},
	{"cost per token prices 2026", []string{"prices-2026"}},
	{"legal citations hallucination", []string{"rag-citations"}},
	{"human review high stakes", []string{"accuracy-human-review"}},
	{"LoRA on open weights", []string{"lora-open-weights"}},
	{"distillation smaller model cheaper", []string{"ft-distillation"}},
	{"rules based automation no machine learning", []string{"classic-automation"}},
	{"how long does fine-tuning take", []string{"timeline"}},
	{"GDPR personal data sent to the API", []string{"data-privacy"}},
	// One for each remaining entry, phrased as people ask.
	{"salary of an ML engineer", []string{"people-costs"}},
	{"labeling cost per example", []string{"labeling-costs"}},
	{"responses are too slow", []string{"latency"}},
	{"payback period formula", []string{"roi-model"}},
	{"medprompt research", []string{"prompting-research"}},
	{"base model retired so we must retrain", []string{"model-retirement-retraining"}},
	{"audit trail for a bank", []string{"regulated-use"}},
	{"combine fine-tuning with retrieval", []string{"hybrid-ft-rag"}},
	{"low volume not worth automating", []string{"keep-manual-economics"}},
	{"where can we still fine-tune in 2026", []string{"ft-alternatives-2026"}},
	{"measure a baseline before fine-tuning", []string{"evals-first"}},
	{"teach the model new facts", []string{"ft-knowledge-injection"}},
	{"SFT DPO RFT", []string{"customization-methods"}},
	{"niche language jargon", []string{"ft-domain-adaptation"}},
	{"team has no ML engineers", []string{"ft-expertise"}},
	{"which tasks suit which approach", []string{"task-fit"}},
	{"what will advisorbot ask me", []string{"questions-to-ask"}},
	{"start with prompt engineering", []string{"start-with-prompting"}},
	{"A/B test holdout set", []string{"evaluation-practice"}},
	{"BloombergGPT", []string{"domain-trained-models"}},
	{"ROI calculator tools", []string{"cost-calculators"}},
	{"decision rules checklist", []string{"decision-checklist"}},
}

func TestSearchQuality(t *testing.T) {
	b := mustLoad(t)
	hits := 0
	for _, c := range searchCases {
		got := b.Search(c.query, 3)
		var ids []string
		for _, p := range got {
			ids = append(ids, p.EntryID)
		}
		if slices.ContainsFunc(ids, func(id string) bool { return slices.Contains(c.want, id) }) {
			hits++
			continue
		}
		t.Errorf("Search(%q) top 3 = %v, want one of %v", c.query, ids, c.want)
	}
	t.Logf("%d of %d queries find their entry in the top 3", hits, len(searchCases))
}

func TestSearchEdges(t *testing.T) {
	b := mustLoad(t)
	for _, q := range []string{"", "   ", "the and of", "?!", "a i"} {
		if got := b.Search(q, 5); got != nil {
			t.Errorf("Search(%q) = %d passages, want nil", q, len(got))
		}
	}
	if got := b.Search("fine-tuning", 0); got != nil {
		t.Errorf("Search(k=0) = %d passages, want nil", len(got))
	}
	if got := b.Search("zzyzx qwertyuiop", 5); got != nil {
		t.Errorf("Search(unknown words) = %d passages, want nil", len(got))
	}

	all := b.Search("model", 1_000_000)
	if len(all) == 0 || len(all) > len(b.passages) {
		t.Fatalf("Search(k huge) = %d passages of %d", len(all), len(b.passages))
	}
	for i := 1; i < len(all); i++ {
		if all[i].Score > all[i-1].Score {
			t.Fatalf("results not best first: %v after %v", all[i].Score, all[i-1].Score)
		}
	}
	for _, p := range all {
		e, ok := b.Entry(p.EntryID)
		if !ok || p.Title != e.Title || p.Text == "" || p.Score <= 0 {
			t.Errorf("passage %+v does not belong to a known entry", p)
		}
	}
	if top := b.Search("model", 3); !cmp.Equal(top, all[:3]) {
		t.Errorf("Search(k=3) is not the first 3 of Search(k=all)")
	}
}

// TestSearchStable checks that the pooled scratch space is left clean: the
// same query gives the same answer after other queries, and concurrent
// searches do not disturb one another.
func TestSearchStable(t *testing.T) {
	b := mustLoad(t)
	want := map[string][]Passage{}
	for _, c := range searchCases {
		want[c.query] = b.Search(c.query, 5)
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(searchCases)*4)
	for g := range 4 {
		wg.Go(func() {
			for i := range searchCases {
				c := searchCases[(i+g*7)%len(searchCases)]
				if diff := cmp.Diff(want[c.query], b.Search(c.query, 5)); diff != "" {
					errs <- fmt.Sprintf("Search(%q) changed (-first +later):\n%s", c.query, diff)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestTablePassage checks that a table is retrieved as one passage.
func TestTablePassage(t *testing.T) {
	b := mustLoad(t)
	for _, p := range b.Search("gpt-4.1-mini fine-tuning training price", 5) {
		if p.EntryID == "prices-2026" && slices.Contains([]byte(p.Text), '|') {
			if n := len(p.Text); p.Text[0] != '|' || p.Text[n-1] != '|' {
				t.Errorf("table passage is not the whole table: %q", p.Text)
			}
			return
		}
	}
	t.Error("the price table is not among the top 5 for a price query")
}

// benchQueries mix short keyword queries, long questions and hyphenated
// terms, as the CLI and the explainer send them.
var benchQueries = []string{
	"when should we fine-tune",
	"OpenAI fine-tuning wind-down",
	"cost per token prices 2026",
	"how many examples do I need to fine-tune a model for our support tickets",
	"legal citations hallucination",
	"LoRA on open weights",
	"GDPR personal data sent to the API",
	"rules based automation no machine learning",
}

func BenchmarkSearch(b *testing.B) {
	base := mustLoad(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if base.Search(benchQueries[i%len(benchQueries)], 5) == nil {
			b.Fatal("no results")
		}
		i++
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}
