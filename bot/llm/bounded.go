package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/advisorbot/advisorbot/bot/logctx"
)

// Limits bound the calls to a model (see [Bounded]).
type Limits struct {
	// Concurrent is how many calls may run at once (MODEL_CONCURRENCY);
	// 0: DefaultConcurrent.
	Concurrent int
	// Timeout bounds each call, a whole stream included (MODEL_TIMEOUT);
	// 0: DefaultTimeout.
	Timeout time.Duration
	// Wait is the longest a call waits for a free slot before it fails
	// with ErrBusy; 0: DefaultWait.
	Wait time.Duration
}

// The default limits. A model call holds a conversation turn while the
// person waits; eight at once is what a typical provider tier or a small
// self-hosted server serves without queueing, 30 seconds is twice a slow
// explanation, and two seconds of waiting for a slot is as long as the
// rule-written text is worth delaying.
const (
	DefaultConcurrent = 8
	DefaultTimeout    = 30 * time.Second
	DefaultWait       = 2 * time.Second
)

// ErrBusy is returned when every call slot stayed taken for the whole
// wait. It wraps ErrUnavailable: callers fall back as for an unreachable
// model.
var ErrBusy = fmt.Errorf("%w: every model call slot is busy", ErrUnavailable)

// Bounded is a [Model] whose calls run in a pool of their own: at most
// Limits.Concurrent at once, each with a deadline of Limits.Timeout, and a
// caller finding the pool full waits at most Limits.Wait before it gets
// ErrBusy. So a model that hangs holds a few slots for a while, never
// every conversation; the explainer and the extractor treat ErrBusy and
// the deadline as any model failure and answer with rule-written text.
//
// The wrapped model must return when its context ends, as the openai
// client does; the slot is held until it has.
type Bounded struct {
	next  Model
	lim   Limits
	slots chan struct{}
	lg    *slog.Logger
}

var _ Model = (*Bounded)(nil)

// NewBounded wraps m with lim (zero fields take the defaults). lg hears
// of calls refused for want of a slot; nil: none.
func NewBounded(lg *slog.Logger, m Model, lim Limits) *Bounded {
	if lim.Concurrent <= 0 {
		lim.Concurrent = DefaultConcurrent
	}
	if lim.Timeout <= 0 {
		lim.Timeout = DefaultTimeout
	}
	if lim.Wait <= 0 {
		lim.Wait = DefaultWait
	}
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	return &Bounded{next: m, lim: lim, slots: make(chan struct{}, lim.Concurrent), lg: lg}
}

// Limits are the limits in force, defaults filled in.
func (m *Bounded) Limits() Limits { return m.lim }

// Name is the wrapped model's name.
func (m *Bounded) Name() string { return m.next.Name() }

// Unwrap returns the wrapped model.
func (m *Bounded) Unwrap() Model { return m.next }

// Complete passes the call on once a slot is free, within the deadline.
func (m *Bounded) Complete(ctx context.Context, req Request) (Completion, error) {
	if err := m.acquire(ctx); err != nil {
		return Completion{}, err
	}
	defer m.release()
	cctx, cancel := context.WithTimeout(ctx, m.lim.Timeout)
	defer cancel()
	comp, err := m.next.Complete(cctx, req)
	return comp, m.deadline(ctx, cctx, err)
}

// Stream passes the call on once a slot is free; the deadline covers the
// whole stream, onDelta's time included.
func (m *Bounded) Stream(ctx context.Context, req Request, onDelta func(string) error) (Completion, error) {
	if err := m.acquire(ctx); err != nil {
		return Completion{}, err
	}
	defer m.release()
	cctx, cancel := context.WithTimeout(ctx, m.lim.Timeout)
	defer cancel()
	comp, err := m.next.Stream(cctx, req, onDelta)
	return comp, m.deadline(ctx, cctx, err)
}

// acquire takes a slot, waiting at most Limits.Wait.
func (m *Bounded) acquire(ctx context.Context) error {
	select {
	case m.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(m.lim.Wait)
	defer t.Stop()
	select {
	case m.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		logctx.From(ctx, m.lg).Warn("llm: every model call slot is busy; going on without the model",
			"model", m.next.Name(), "concurrent", m.lim.Concurrent, "waited", m.lim.Wait)
		return ErrBusy
	}
}

func (m *Bounded) release() { <-m.slots }

// deadline makes sure an error caused by the call's own deadline (not the
// caller's) says so and matches context.DeadlineExceeded, whatever the
// wrapped model made of it.
func (m *Bounded) deadline(ctx, cctx context.Context, err error) error {
	if err == nil || ctx.Err() != nil || !errors.Is(cctx.Err(), context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("llm: no answer within %v: %w", m.lim.Timeout, err)
	}
	return fmt.Errorf("llm: no answer within %v: %w (%w)", m.lim.Timeout, context.DeadlineExceeded, err)
}
