package llm_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/knowledge"
)

// hungModel is a behavioural fake of a model endpoint that takes every
// call and never answers: each call blocks until its context ends and
// returns what a client returns then (the context's error, or err when
// set, as a client that names the failure its own way). Each call that
// reaches it is announced on entered.
type hungModel struct {
	err     error
	entered chan struct{}

	mu    sync.Mutex
	calls int
}

func newHungModel() *hungModel { return &hungModel{entered: make(chan struct{}, 100)} }

func (m *hungModel) Name() string { return "hung" }

func (m *hungModel) hang(ctx context.Context) error {
	m.mu.Lock()
	m.calls++
	m.mu.Unlock()
	m.entered <- struct{}{}
	<-ctx.Done()
	if m.err != nil {
		return m.err
	}
	return ctx.Err()
}

func (m *hungModel) Complete(ctx context.Context, _ llm.Request) (llm.Completion, error) {
	return llm.Completion{}, m.hang(ctx)
}

func (m *hungModel) Stream(ctx context.Context, _ llm.Request, _ func(string) error) (llm.Completion, error) {
	return llm.Completion{}, m.hang(ctx)
}

func (m *hungModel) callCount() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls
}

var hello = llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "hello"}}}

// TestBoundedLimitsConcurrency: with every slot held by a hung call, the
// next caller gets ErrBusy (an ErrUnavailable) after its wait, and the
// model never sees it; a slot given back is taken again.
func TestBoundedLimitsConcurrency(t *testing.T) {
	hung := newHungModel()
	m := llm.NewBounded(nil, hung, llm.Limits{Concurrent: 2, Timeout: time.Hour, Wait: time.Nanosecond})
	type result struct {
		err error
	}
	results := make(chan result, 2)
	cancels := make([]context.CancelFunc, 2)
	for i := range 2 {
		ctx, cancel := context.WithCancel(context.Background())
		cancels[i] = cancel
		go func() {
			var err error
			if i == 0 {
				_, err = m.Stream(ctx, hello, func(string) error { return nil })
			} else {
				_, err = m.Complete(ctx, hello)
			}
			results <- result{err}
		}()
		<-hung.entered
	}
	for _, call := range []func() error{
		func() error { _, err := m.Complete(context.Background(), hello); return err },
		func() error {
			_, err := m.Stream(context.Background(), hello, func(string) error { return nil })
			return err
		},
	} {
		if err := call(); !errors.Is(err, llm.ErrBusy) || !errors.Is(err, llm.ErrUnavailable) {
			t.Errorf("a call beyond the limit: %v, want ErrBusy (an ErrUnavailable)", err)
		}
	}
	if n := hung.callCount(); n != 2 {
		t.Errorf("the model saw %d calls, want 2", n)
	}

	cancels[0]()
	if r := <-results; !errors.Is(r.err, context.Canceled) {
		t.Errorf("the caller's own cancellation: %v", r.err)
	}
	// Its slot is free again.
	done := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { _, err := m.Complete(ctx, hello); done <- err }()
	<-hung.entered
	cancel()
	cancels[1]()
	<-done
	<-results
}

// TestBoundedWaitsForASlot: a caller finding the pool full waits, and goes
// on as soon as a slot frees; a caller whose context ends while waiting
// gets its context's error.
func TestBoundedWaitsForASlot(t *testing.T) {
	hung := newHungModel()
	m := llm.NewBounded(nil, hung, llm.Limits{Concurrent: 1, Timeout: time.Hour, Wait: time.Hour})
	first, stopFirst := context.WithCancel(context.Background())
	firstDone := make(chan error, 1)
	go func() { _, err := m.Complete(first, hello); firstDone <- err }()
	<-hung.entered

	gaveUp, giveUp := context.WithCancel(context.Background())
	giveUp()
	if _, err := m.Complete(gaveUp, hello); !errors.Is(err, context.Canceled) {
		t.Errorf("waiting with an ended context: %v", err)
	}

	second, stopSecond := context.WithCancel(context.Background())
	secondDone := make(chan error, 1)
	go func() { _, err := m.Stream(second, hello, func(string) error { return nil }); secondDone <- err }()
	stopFirst()
	<-firstDone
	<-hung.entered // the waiting call reached the model
	stopSecond()
	<-secondDone
	if n := hung.callCount(); n != 2 {
		t.Errorf("the model saw %d calls, want 2", n)
	}
}

// TestBoundedDeadline: a hung call ends at Limits.Timeout with an error
// matching context.DeadlineExceeded, also when the client names the
// failure its own way, while the caller's context is still live.
func TestBoundedDeadline(t *testing.T) {
	for name, clientErr := range map[string]error{"context error": nil, "client's own error": llm.ErrStalled} {
		hung := newHungModel()
		hung.err = clientErr
		m := llm.NewBounded(nil, hung, llm.Limits{Concurrent: 1, Timeout: time.Millisecond, Wait: time.Hour})
		_, err := m.Stream(context.Background(), hello, func(string) error { return nil })
		if !errors.Is(err, context.DeadlineExceeded) || (clientErr != nil && !errors.Is(err, clientErr)) {
			t.Errorf("%s: Stream: %v", name, err)
		}
		_, err = m.Complete(context.Background(), hello) // the slot was given back
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: Complete: %v", name, err)
		}
	}
}

// TestBoundedDefaults: zero limits take the defaults; the name and the
// redaction of the wrapped model show through.
func TestBoundedDefaults(t *testing.T) {
	m := llm.NewBounded(nil, llm.NewRedacting(&llm.Fake{ModelName: "m"}, nil), llm.Limits{})
	if got := m.Limits(); got != (llm.Limits{Concurrent: llm.DefaultConcurrent, Timeout: llm.DefaultTimeout, Wait: llm.DefaultWait}) {
		t.Errorf("Limits = %+v", got)
	}
	if m.Name() != "m" || llm.RedactionOf(m) == nil {
		t.Error("Bounded hides the wrapped model's name or redaction")
	}
}

// TestBoundedModelFallsBack: the explainer and the extractor answer with
// rule-written text when the pool is full or the call times out, as for
// any model failure.
func TestBoundedModelFallsBack(t *testing.T) {
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	u := advisor.UseCase{}
	if err := u.Set(advisor.Value{Field: advisor.FieldMonthlyVolume, Number: 8000}); err != nil {
		t.Fatal(err)
	}
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(u)
	if err != nil {
		t.Fatal(err)
	}
	for name, lim := range map[string]llm.Limits{
		"timeout": {Concurrent: 1, Timeout: time.Millisecond, Wait: time.Hour},
		"busy":    {Concurrent: 1, Timeout: time.Hour, Wait: time.Nanosecond},
	} {
		hung := newHungModel()
		m := llm.NewRedacting(llm.NewBounded(nil, hung, lim), nil)
		hold, release := context.WithCancel(context.Background())
		held := make(chan struct{})
		if name == "busy" {
			go func() { m.Complete(hold, hello); close(held) }()
			<-hung.entered
		} else {
			close(held)
		}
		x, err := explain.New(nil, explain.Config{Model: m, ModelName: "hung", KB: kb}).Explain(context.Background(), explain.Input{Profile: u, Rec: rec}, nil)
		if err != nil || x.Source != explain.SourceRules || x.Fallback != explain.ReasonModelError || x.Text == "" {
			t.Errorf("%s: explanation %+v, %v; want the rule-written one", name, x, err)
		}
		r, err := extract.New(nil, m).Extract(context.Background(), "About 2,000 invoices a week, 3 minutes each.")
		if err != nil || r.Source != extract.SourceRules {
			t.Errorf("%s: extraction from %s, %v; want the deterministic reading", name, r.Source, err)
		}
		release()
		<-held
	}
}
