package llm

import (
	"context"
	"time"
)

// Observed is a [Model] that reports every call to a hook once it has
// ended, failures included: the tokens the server reported (zero if none),
// how long the call took, and the error the caller gets. The server's
// metrics and the "llm call" log line hang off it. It never sees text
// beyond what it passes on, and it hands the hook none.
type Observed struct {
	next Model
	hook func(Usage, time.Duration, error)
}

var _ Model = (*Observed)(nil)

// NewObserved wraps m. hook is called once per call, from the goroutine
// that made it; nil means none.
func NewObserved(m Model, hook func(Usage, time.Duration, error)) *Observed {
	return &Observed{next: m, hook: hook}
}

// Name is the wrapped model's name.
func (m *Observed) Name() string { return m.next.Name() }

// Complete passes the call on and reports it.
func (m *Observed) Complete(ctx context.Context, req Request) (Completion, error) {
	start := time.Now()
	comp, err := m.next.Complete(ctx, req)
	m.report(comp, start, err)
	return comp, err
}

// Stream passes the call on and reports it when the stream has ended. The
// duration includes the time onDelta took, as a reader waits for it too.
func (m *Observed) Stream(ctx context.Context, req Request, onDelta func(string) error) (Completion, error) {
	start := time.Now()
	comp, err := m.next.Stream(ctx, req, onDelta)
	m.report(comp, start, err)
	return comp, err
}

// Unwrap returns the wrapped model.
func (m *Observed) Unwrap() Model { return m.next }

func (m *Observed) report(comp Completion, start time.Time, err error) {
	if m.hook != nil {
		m.hook(comp.Usage, time.Since(start), err)
	}
}
