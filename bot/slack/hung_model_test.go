package slack_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/knowledge"
)

// TestHungModelDoesNotDelayROI: while every model call hangs (and stays
// hung: the deadline is an hour), people describing use cases wait on the
// model, and a bystander's /roi, which needs none, is answered all the
// same; the model sees no more calls than its pool allows.
func TestHungModelDoesNotDelayROI(t *testing.T) {
	fake := slacktest.Start(t, slacktest.Config{})
	st := store.NewMem()
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	lg := quiet()
	hung := &heldModel{release: make(chan struct{})}
	model := llm.NewBounded(lg, hung, llm.Limits{Concurrent: 2, Timeout: time.Hour, Wait: time.Hour})
	eng := bot.New(lg, bot.Config{
		Advisor:   advisor.New(advisor.DefaultAssumptions()),
		Store:     st,
		Explainer: explain.New(lg, explain.Config{Model: model, ModelName: model.Name(), KB: kb}),
		Extractor: extract.New(lg, model),
	})
	ctx := serve(t, fake, eng, st, nil)
	t.Cleanup(func() { close(hung.release) }) // runs first: the server then stops at once
	await := func(what string, cond func() bool) {
		t.Helper()
		wctx, wcancel := context.WithTimeout(ctx, 20*time.Second)
		defer wcancel()
		if err := fake.Await(wctx, cond); err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
	}
	for i := range 6 {
		if err := fake.Send(fake.DM(fmt.Sprintf("UW%d", i), "Answer staff questions from our HR handbook, about 3,000 a month, 8 minutes each.")); err != nil {
			t.Fatal(err)
		}
	}
	// The model's calls are not the fake's events, which Await wakes on:
	// poll them.
	for deadline := time.Now().Add(20 * time.Second); hung.calls.Load() < 2; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the model got %d calls; want its whole pool of 2 hung", hung.calls.Load())
		}
	}
	if err := fake.Send(fake.SlashCommand("/roi", "UB", "C2", "20k a month, 6 min each, $45/h")); err != nil {
		t.Fatal(err)
	}
	await("the bystander's /roi", func() bool { return len(fake.Ephemerals("C2")) > 0 })
	if e := fake.Ephemerals("C2")[0]; e.EphemeralTo != "UB" || !strings.Contains(string(e.Blocks), "ROI") {
		t.Errorf("the /roi reply: %+v", e)
	}
	if n := hung.calls.Load(); n != 2 {
		t.Errorf("the model got %d calls at once; its pool holds 2", n)
	}
}

// heldModel hangs every call until the test releases it, so the server
// shuts down at once when the test ends.
type heldModel struct {
	hungEndpoint
	release chan struct{}
}

func (m *heldModel) Complete(ctx context.Context, _ llm.Request) (llm.Completion, error) {
	m.calls.Add(1)
	select {
	case <-ctx.Done():
		return llm.Completion{}, ctx.Err()
	case <-m.release:
		return llm.Completion{}, llm.ErrUnavailable
	}
}

func (m *heldModel) Stream(ctx context.Context, req llm.Request, _ func(string) error) (llm.Completion, error) {
	return m.Complete(ctx, req)
}
