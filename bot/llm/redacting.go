package llm

import (
	"context"

	"github.com/advisorbot/advisorbot/bot/llm/redact"
)

// Redacting is a [Model] that redacts the content of every message with a
// [redact.Redactor] before the wrapped model sees it, so nothing an
// employee pasted (an e-mail, a card, a key) reaches a provider. It is the
// one place where outgoing text is redacted: clients send what they are
// given. Wiring wraps every model in it; the only way to send text as it
// is, for an endpoint inside the company's own boundary, is to leave it
// out, on purpose and in plain sight. Answers are not redacted: they come
// from the model, not the employee.
//
// Errors from the wrapped model are returned unchanged: redaction cannot
// fail, so there is no operation of its own to name.
type Redacting struct {
	next Model
	r    *redact.Redactor
}

var _ Model = (*Redacting)(nil)

// NewRedacting wraps m. A nil r redacts with the built-in detectors, so a
// Redactor left unconfigured never turns redaction off.
func NewRedacting(m Model, r *redact.Redactor) *Redacting {
	return &Redacting{next: m, r: r}
}

// Name is the wrapped model's name.
func (m *Redacting) Name() string { return m.next.Name() }

// Complete redacts req and passes it on.
func (m *Redacting) Complete(ctx context.Context, req Request) (Completion, error) {
	return m.next.Complete(ctx, m.request(req))
}

// Stream redacts req and passes it on; deltas reach onDelta unchanged.
func (m *Redacting) Stream(ctx context.Context, req Request, onDelta func(string) error) (Completion, error) {
	return m.next.Stream(ctx, m.request(req), onDelta)
}

// Redact is the redaction applied to every message; see [RedactionOf] for
// why prompt builders use it too.
func (m *Redacting) Redact(s string) string { return m.r.Redact(s) }

// Unwrap returns the wrapped model.
func (m *Redacting) Unwrap() Model { return m.next }

// request returns req with its messages redacted. The messages are copied:
// the caller's request (and anything derived from it, such as a cache key)
// stays as it was built.
func (m *Redacting) request(req Request) Request {
	msgs := make([]Message, len(req.Messages))
	for i, msg := range req.Messages {
		msgs[i] = Message{Role: msg.Role, Content: m.r.Redact(msg.Content)}
	}
	req.Messages = msgs
	return req
}

// RedactionOf returns the redaction applied to everything sent through m:
// the Redact method of the first [Redacting] found by following Unwrap
// from m, or nil when there is none.
//
// Prompt builders apply it to the employee's own words before reshaping
// them, where the shape matters to redaction. Cutting text to a length can
// split a secret so that what remains is no longer recognised (half a card
// number fails the Luhn check), and replacing '<' and '>' to fence the
// text changes what the redactor reads as the end of a value. Redacting
// first, with the same redactor the model applies, keeps every secret
// whole until it is replaced; the decorator still redacts the finished
// prompt on the way out.
func RedactionOf(m any) func(string) string {
	for {
		if r, ok := m.(*Redacting); ok {
			return r.Redact
		}
		u, ok := m.(interface{ Unwrap() Model })
		if !ok {
			return nil
		}
		m = u.Unwrap()
	}
}
