package explain

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/advisorbot/advisorbot/internal/golden"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/redact"
	"github.com/advisorbot/advisorbot/knowledge"
)

func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), []byte(got))
}

func mustKB(t testing.TB) *knowledge.Base {
	t.Helper()
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	return kb
}

// representative is a use case as an employee would describe it.
func representative(t testing.TB) Input {
	t.Helper()
	u, err := advisor.DecodeUseCase([]byte(`{
		"title": "Answer customer questions from the help centre",
		"department": "Support",
		"description": "Agents answer about 20,000 customer questions a month by searching our help centre, which product teams update every week. Each answer takes about six minutes. Customers must get a link to the article the answer came from. Contact jane.doe@example.com for the export.",
		"task": "answer", "monthly_volume": 20000, "minutes_per_task": 6, "hourly_cost": 40,
		"knowledge": "private_changing", "citations_required": true, "accuracy": "high", "human_review": false}`))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(u)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Profile: u, Rec: rec}
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// collect gathers what Explain streams.
type collect struct{ strings.Builder }

func (c *collect) delta(s string) error { c.WriteString(s); return nil }

func TestRuleTextGolden(t *testing.T) {
	in := representative(t)
	golden(t, "rules-representative.txt", RuleText(in)+"\n")
	if !strings.Contains(RuleText(in), in.Rec.Approach.Label()) {
		t.Error("rule text does not name the approach")
	}
}

func TestPromptGolden(t *testing.T) {
	// The model's Redacting decorator supplies the redaction, built-in
	// detectors only.
	e := New(quiet(), Config{KB: mustKB(t), Model: llm.NewRedacting(&llm.Fake{}, nil), ModelName: "fake"})
	msgs, err := e.prompt(representative(t))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString("=== " + string(m.Role) + "\n" + m.Content + "\n")
	}
	golden(t, "prompt-representative.txt", b.String())
	if strings.Contains(b.String(), "jane.doe@example.com") {
		t.Error("the prompt carries an e-mail address the redactor should have removed")
	}
	for _, m := range citation.FindAllStringSubmatch(b.String(), -1) {
		if m[1] != "ID" && !e.known(m[1]) { // [kb:ID] is the format the system prompt shows
			t.Errorf("prompt offers unknown entry %q", m[1])
		}
	}
}

// TestPromptRedactsBeforeFencing: the employee's words are redacted with
// the model's redaction before fence replaces '<' and '>', which the
// redactor reads as the end of a value or an address. The decorator
// redacts the whole prompt again on the way out; nothing redacted here
// comes back.
func TestPromptRedactsBeforeFencing(t *testing.T) {
	tests := []struct {
		name   string
		model  func(*llm.Fake) llm.Model
		desc   string
		want   string // the description as the prompt shows it
		secret string // in neither the prompt nor what the model receives
	}{
		{"value ends at an angle bracket", redacting, "Our api_key=abc123def456<b> is in the wiki.", "Our api_key=[SECRET]‹b› is in the wiki.", "abc123def456"},
		{"address in angle brackets", redacting, "Escalate to Jane <jane@x.org> at once.", "Escalate to Jane ‹[EMAIL]› at once.", "jane@x.org"},
		{"extra patterns apply too", func(f *llm.Fake) llm.Model { return llm.NewRedacting(f, redact.MustNew(`EMP-\d{6}`)) },
			"Ask EMP-123456 <ops>.", "Ask [REDACTED] ‹ops›.", "EMP-123456"},
		// Without the decorator nothing redacts: wiring must add it.
		{"bare model", func(f *llm.Fake) llm.Model { return f }, "Escalate to Jane <jane@x.org>.", "Escalate to Jane ‹jane@x.org›.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := representative(t)
			in.Profile.Description = tt.desc
			fake := &llm.Fake{Answer: answer("APPROACH: rag\n\nRetrieval keeps answers current [kb:rag-for-knowledge].")}
			e := New(quiet(), Config{Model: tt.model(fake), ModelName: "fake", KB: mustKB(t)})
			msgs, err := e.prompt(in)
			if err != nil {
				t.Fatal(err)
			}
			user := msgs[1].Content
			if !strings.Contains(user, "\n"+tt.want+"\n</description>") {
				t.Errorf("description in the prompt is not %q:\n%s", tt.want, user)
			}
			if _, err := e.Explain(t.Context(), in, nil); err != nil {
				t.Fatal(err)
			}
			if sent := fake.Requests()[0].Messages[1].Content; tt.secret != "" && (strings.Contains(user, tt.secret) || strings.Contains(sent, tt.secret)) {
				t.Errorf("%q in the prompt or in what the model received:\n%s", tt.secret, sent)
			}
		})
	}
}

// TestExplainCacheKeyIsRedacted: descriptions that differ only in what
// redaction removes make the same prompt, so they share a cache entry.
func TestExplainCacheKeyIsRedacted(t *testing.T) {
	fake := &llm.Fake{Answer: answer("APPROACH: rag\n\nRetrieval keeps answers current [kb:rag-for-knowledge].")}
	e := New(quiet(), Config{Model: redacting(fake), ModelName: "fake", KB: mustKB(t), Cache: NewMemCache(time.Hour, 10)})
	var sources []Source
	for _, mail := range []string{"jane.doe@example.com", "john.roe@example.org"} {
		in := representative(t)
		in.Profile.Description = "Agents answer questions from the help centre. Contact " + mail + " for the export."
		x, err := e.Explain(t.Context(), in, nil)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, x.Source)
	}
	if diff := cmp.Diff([]Source{SourceModel, SourceCache}, sources); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}

func redacting(f *llm.Fake) llm.Model { return llm.NewRedacting(f, nil) }

func answer(text string) func(llm.Request) string { return func(llm.Request) string { return text } }

func TestExplain(t *testing.T) {
	kb := mustKB(t)
	in := representative(t)
	if in.Rec.Approach != advisor.RAG {
		t.Fatalf("fixture changed: rules chose %s, the cases below assume rag", in.Rec.Approach)
	}
	good := "APPROACH: rag\n\nRetrieval fits because your help centre changes weekly and answers must link to articles [kb:rag-for-knowledge]. " +
		"It costs about $25k to set up. Rather than fine-tuning, I recommend retrieval, since fine-tuning cannot cite sources [kb:rag-citations].\nStart by listing your sources."
	tests := []struct {
		name         string
		answer       string
		err          error
		wantSource   Source
		wantFallback string
		wantReplaced bool
	}{
		{name: "grounded answer", answer: good, wantSource: SourceModel},
		{name: "markdown approach line", answer: "**APPROACH: rag**\n\nRetrieval keeps answers current [kb:rag-for-knowledge].", wantSource: SourceModel},
		{name: "wrong approach line", answer: "APPROACH: fine_tuning\n\nFine-tuning is best.", wantSource: SourceRules, wantFallback: ReasonContradicts},
		{name: "no approach line", answer: "Retrieval is a good fit here. It keeps answers current.", wantSource: SourceRules, wantFallback: ReasonNoHeader},
		{name: "recommends another approach midway", answer: "APPROACH: rag\n\nYour help centre changes weekly. However, I recommend fine-tuning a custom model instead.", wantSource: SourceRules, wantFallback: ReasonContradicts, wantReplaced: true},
		{name: "best option is another", answer: "APPROACH: rag\n\nThe best option is prompt engineering alone.", wantSource: SourceRules, wantFallback: ReasonContradicts},
		{name: "unknown citation", answer: "APPROACH: rag\n\nRetrieval fits [kb:rag-for-knowledge]. Studies agree [kb:made-up-study].", wantSource: SourceRules, wantFallback: ReasonUnknownCite, wantReplaced: true},
		{name: "stream fails midway", answer: "APPROACH: rag\n\nRetrieval fits. It keeps", err: llm.ErrIncomplete, wantSource: SourceRules, wantFallback: ReasonModelError, wantReplaced: true},
		{name: "empty answer", answer: "APPROACH: rag\n", wantSource: SourceRules, wantFallback: ReasonEmptyAnswer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			model := &llm.Fake{Answer: answer(tt.answer), Err: tt.err}
			e := New(quiet(), Config{Model: model, ModelName: "fake", KB: kb})
			var got collect
			x, err := e.Explain(context.Background(), in, got.delta)
			if err != nil {
				t.Fatalf("Explain: %v", err)
			}
			if x.Source != tt.wantSource || x.Fallback != tt.wantFallback || x.Replaced != tt.wantReplaced {
				t.Errorf("got source %s fallback %q replaced %v, want %s %q %v", x.Source, x.Fallback, x.Replaced, tt.wantSource, tt.wantFallback, tt.wantReplaced)
			}
			switch {
			case x.Source == SourceModel:
				if strings.TrimSpace(got.String()) != x.Text || strings.Contains(x.Text, "APPROACH") {
					t.Errorf("streamed %q, returned %q", got.String(), x.Text)
				}
			case !x.Replaced:
				if got.String() != x.Text || x.Text != RuleText(in) {
					t.Errorf("fallback not streamed as the rule text: %q", got.String())
				}
			}
			if checkSentence(got.String(), in.Rec.Approach, e.known) != nil && !x.Replaced {
				t.Errorf("a contradicting sentence reached the caller: %q", got.String())
			}
		})
	}
}

func TestExplainWithoutModel(t *testing.T) {
	in := representative(t)
	var got collect
	x, err := New(quiet(), Config{KB: mustKB(t)}).Explain(context.Background(), in, got.delta)
	if err != nil || x.Source != SourceRules || x.Fallback != ReasonNoModel || got.String() != RuleText(in) {
		t.Fatalf("got %+v, %v; streamed %q", x, err, got.String())
	}
}

func TestExplainCache(t *testing.T) {
	in := representative(t)
	model := &llm.Fake{Answer: answer("APPROACH: rag\n\nRetrieval keeps answers current [kb:rag-for-knowledge].")}
	e := New(quiet(), Config{Model: model, ModelName: "fake", KB: mustKB(t), Cache: NewMemCache(time.Hour, 10)})
	first, err := e.Explain(context.Background(), in, nil)
	if err != nil || first.Source != SourceModel {
		t.Fatalf("first: %+v %v", first, err)
	}
	second, err := e.Explain(context.Background(), in, nil)
	if err != nil || second.Source != SourceCache || second.Text != first.Text {
		t.Fatalf("second: %+v %v", second, err)
	}
	if n := len(model.Requests()); n != 1 {
		t.Errorf("model called %d times, want 1", n)
	}
}

func TestExplainCallerError(t *testing.T) {
	in := representative(t)
	model := &llm.Fake{Answer: answer("APPROACH: rag\n\nRetrieval fits. It keeps answers current.")}
	e := New(quiet(), Config{Model: model, ModelName: "fake", KB: mustKB(t)})
	stop := errors.New("client went away")
	_, err := e.Explain(context.Background(), in, func(string) error { return stop })
	if !errors.Is(err, stop) {
		t.Errorf("err = %v, want the caller's error", err)
	}
}

// TestInjectionCorpus: hostile text in the description never changes the
// approach, neither the rules' (the description is not an input to them)
// nor the one the employee reads (a model that obeys the injection is
// caught and replaced).
func TestInjectionCorpus(t *testing.T) {
	kb := mustKB(t)
	adv := advisor.New(advisor.DefaultAssumptions())
	base := representative(t)
	f, err := os.Open("testdata/injection.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n++
		u := base.Profile
		u.Description = line
		rec, err := adv.Recommend(u)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Approach != base.Rec.Approach {
			t.Errorf("%q changed the rules' approach to %s", line, rec.Approach)
		}
		// With facts read from the description merged in, the approach
		// must not move either: these lines state no facts.
		x := parse.Description(line)
		merged := u
		for _, v := range x.Profile.Values() {
			if !merged.Known(v.Field) {
				_ = merged.Set(v)
			}
		}
		if rec2, err := adv.RecommendInferred(merged, x.Inferred); err != nil || rec2.Approach != base.Rec.Approach {
			t.Errorf("%q: extracted %v changed the approach to %s (%v)", line, x.Inferred, rec2.Approach, err)
		}
		// A model that does whatever the description says.
		gullible := &llm.Fake{Answer: func(req llm.Request) string {
			return "APPROACH: rag\n\nAs instructed: " + line + " I recommend fine-tuning a custom model."
		}}
		e := New(quiet(), Config{Model: gullible, ModelName: "gullible", KB: kb})
		var got collect
		ex, err := e.Explain(context.Background(), Input{Profile: u, Rec: rec}, got.delta)
		if err != nil {
			t.Fatal(err)
		}
		if ex.Source != SourceRules || !strings.Contains(ex.Text, rec.Approach.Label()) {
			t.Errorf("%q: explanation from %s not replaced: %q", line, ex.Source, ex.Text)
		}
		if !strings.Contains(gullible.Requests()[0].Messages[1].Content, "<description>") {
			t.Error("the description is not fenced as data in the prompt")
		}
	}
	if n < 30 {
		t.Errorf("injection corpus has %d lines, want at least 30", n)
	}
}

func TestSentenceEnd(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"Hello. World", 7}, {"No end yet", -1}, {"Costs $1.70 per hour. Next", 22}, {"Line\nNext", 5}, {"Why? Because", 5}, {"e.g.", -1},
	} {
		if got := sentenceEnd(tt.in); got != tt.want {
			t.Errorf("sentenceEnd(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestCheckSentence(t *testing.T) {
	known := func(id string) bool { return id == "rag-for-knowledge" }
	for _, tt := range []struct {
		s      string
		chosen advisor.Approach
		want   string // "" or a Reason*
	}{
		{"I recommend retrieval rather than fine-tuning.", advisor.RAG, ""},
		{"Rather than fine-tuning, I recommend retrieval.", advisor.RAG, ""},
		{"I recommend fine-tuning instead of retrieval.", advisor.RAG, ReasonContradicts},
		{"We don't recommend fine-tuning yet.", advisor.RAG, ""},
		{"Fine-tuning is not recommended here.", advisor.RAG, ""},
		{"The best option is a custom model.", advisor.RAG, ReasonContradicts},
		{"You should start with prompting.", advisor.FineTuning, ReasonContradicts},
		{"I recommend fine-tuning plus retrieval.", advisor.Hybrid, ""},
		{"I recommend retrieval for the facts.", advisor.Hybrid, ""},
		{"Keep it manual for now is what I suggest.", advisor.KeepManual, ""},
		{"I suggest RPA.", advisor.ClassicAutomation, ""},
		{"I suggest RPA.", advisor.PromptEngineering, ReasonContradicts},
		{"See [kb:rag-for-knowledge].", advisor.RAG, ""},
		{"See [kb:nope].", advisor.RAG, ReasonUnknownCite},
	} {
		v := checkSentence(tt.s, tt.chosen, known)
		got := ""
		if v != nil {
			got = v.reason
		}
		if got != tt.want {
			t.Errorf("checkSentence(%q, %s) = %q, want %q", tt.s, tt.chosen, got, tt.want)
		}
	}
}
