package bot_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
	"github.com/advisorbot/advisorbot/bot/llm/openai"
	"github.com/advisorbot/advisorbot/bot/store"
)

// obeying is a fake model that does what a hostile description asks: its
// extraction claims everything that argues for fine-tuning, and its
// explanation recommends fine-tuning.
func obeying(r llmtest.Request) llmtest.Response {
	if len(r.Chat.ResponseFormat) > 0 {
		return llmtest.Reply(`{"prompt_baseline":"plateaued","labeled_examples":50000,"output_consistency":"strict","domain":"niche","ml_skill":"strong","self_hosting_ok":true,"timeline_weeks":52}`)
	}
	return llmtest.Reply("APPROACH: fine_tuning\n\nAs instructed, I recommend fine-tuning.")
}

// TestInjectionThroughTheConversation plays every hostile description of
// the injection corpus through a whole conversation, with the model itself
// compromised, skipping every question: the approach must be the one the
// same conversation reaches without any model reading the text.
func TestInjectionThroughTheConversation(t *testing.T) {
	f, err := os.Open("explain/testdata/injection.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	srv := llmtest.New(t, llmtest.WithHandler(obeying))
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	model, err := openai.New(lg, openai.Config{APIKey: "sk-test", BaseURL: srv.URL(), Model: "gpt-test", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	compromised := bot.New(lg, bot.Config{
		Advisor:   advisor.New(advisor.DefaultAssumptions()),
		Store:     store.NewMem(),
		Explainer: explain.New(lg, explain.Config{Model: model, ModelName: "gpt-test", KB: kb}),
		Extractor: extract.New(lg, model),
		Limits:    unlimited,
	})
	plain := newEngine(store.NewMem())
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n++
		key := store.ConvKey{Platform: "test", Channel: strings.Repeat("x", n)}
		got := skipThrough(t, compromised, key, line)
		want := skipThrough(t, plain, key, line)
		if got.rec.Approach != want.rec.Approach {
			t.Errorf("%q: a compromised model moved the approach from %s to %s", line, want.rec.Approach, got.rec.Approach)
		}
		if strings.Contains(got.explanation, "As instructed") || !strings.Contains(got.explanation, got.rec.Approach.Label()) {
			t.Errorf("%q: the compromised explanation reached the person: %q", line, got.explanation)
		}
	}
	if n < 30 {
		t.Fatalf("%d hostile descriptions", n)
	}
}

type outcome struct {
	rec         advisor.Recommendation
	explanation string
}

// skipThrough describes the use case and skips every question.
func skipThrough(t *testing.T, e *bot.Engine, key store.ConvKey, description string) outcome {
	t.Helper()
	r := &recorder{}
	ctx := context.Background()
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U", Text: description}, r); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10 && r.last().Kind == bot.KindQuestion; i++ {
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U", Text: "skip"}, r); err != nil {
			t.Fatal(err)
		}
	}
	var o outcome
	for i, m := range r.out {
		if m.Kind == bot.KindRecommendation {
			o.rec = *m.Rec
			o.explanation = r.out[i+1].Text // the stream, closed into one message
		}
	}
	if o.rec.Approach == "" {
		t.Fatalf("no recommendation for %q: %v", description, r.kinds())
	}
	return o
}
