package badgerstore_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/url"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
	"github.com/advisorbot/advisorbot/knowledge"
)

// TestForgetMeLeavesNothingOfTheirWords runs a person's assessment through
// the engine with a model whose explanations are cached in the store, adds
// the outcome they reported, the follow-up claim about it and their
// follow-up opt-out, then "forget me": afterwards no key or value anywhere
// in the database holds the person's id or the words only they used, the
// cached explanation and the outcome's reason included, nor the claim.
func TestForgetMeLeavesNothingOfTheirWords(t *testing.T) {
	ctx := context.Background()
	b := openBadger(t, badgerstore.Options{})
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	model := &llm.Fake{Answer: func(llm.Request) string {
		return "APPROACH: rag\n\nRetrieval fits the Quillfeather handbook: answers must come from its current articles [kb:rag-for-knowledge]."
	}}
	e := bot.New(lg, bot.Config{
		Advisor:   advisor.New(advisor.DefaultAssumptions()),
		Store:     b,
		Explainer: explain.New(lg, explain.Config{KB: kb, Model: model, ModelName: "fake", Cache: bot.StoreCache{Store: b, TTL: 3600e9}}),
		Extractor: extract.New(lg, nil),
	})
	const who, words = "UQUILL", "Quillfeather"
	key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "DQUILL"}
	say := func(in bot.Inbound) {
		t.Helper()
		in.Conv, in.User, in.Private = key, who, true
		if err := e.Handle(ctx, in, discard{}); err != nil {
			t.Fatal(err)
		}
	}
	say(bot.Inbound{Text: "Answer staff questions from the " + words + " handbook, about 3,000 a month, 8 minutes each."})
	for range bot.MaxQuestions + 1 {
		say(bot.Inbound{Text: "skip"})
	}
	// Weeks later the person reported what was built, in their words, the
	// follow-up about it was claimed and they asked to be asked no more.
	recs, err := b.Assessments(ctx, who, time.Time{}, 0)
	if err != nil || len(recs) == 0 {
		t.Fatalf("the person's assessments: %d, %v", len(recs), err)
	}
	rec := recs[len(recs)-1]
	o := storetest.SampleOutcome(rec, store.OutcomeDropped, rec.CreatedAt.Add(30*24*time.Hour))
	o.Reason = "The " + words + " handbook was retired."
	if err := b.SaveOutcome(ctx, o); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ClaimFollowup(ctx, rec.ID, 1); err != nil {
		t.Fatal(err)
	}
	if err := b.SetFollowupOptOut(ctx, who, true); err != nil {
		t.Fatal(err)
	}
	traces := func() (n, cached int) {
		t.Helper()
		err := badgerstore.Scan(b, func(k, v []byte, _ uint64) {
			// A follow-up claim's key names the assessment, not the person.
			if bytes.Contains(k, []byte(who)) || bytes.Contains(v, []byte(who)) || bytes.Contains(k, []byte(words)) || bytes.Contains(v, []byte(words)) ||
				bytes.HasPrefix(k, []byte("fo/"+url.PathEscape(rec.ID)+"/")) {
				n++
				if bytes.HasPrefix(k, []byte("k/")) {
					cached++
				}
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		return n, cached
	}
	if n, cached := traces(); n == 0 || cached == 0 {
		t.Fatalf("before forgetting: %d entries hold the person's id or words, %d of them cached explanations", n, cached)
	}
	say(bot.Inbound{Text: "forget me"})
	say(bot.Inbound{Choice: bot.ChoiceForget, Command: true})
	if n, _ := traces(); n != 0 {
		err := badgerstore.Scan(b, func(k, v []byte, _ uint64) {
			if bytes.Contains(k, []byte(who)) || bytes.Contains(v, []byte(who)) || bytes.Contains(k, []byte(words)) || bytes.Contains(v, []byte(words)) ||
				bytes.HasPrefix(k, []byte("fo/"+url.PathEscape(rec.ID)+"/")) {
				t.Errorf("still there: %s = %.100s", k, v)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// discard is a Replier that shows nothing.
type discard struct{}

func (discard) Send(context.Context, bot.Outbound) error { return nil }
func (discard) Stream(context.Context) (bot.Stream, error) {
	return discardStream{}, nil
}

type discardStream struct{}

func (discardStream) Write(context.Context, string) error       { return nil }
func (discardStream) Close(context.Context, string, bool) error { return nil }
