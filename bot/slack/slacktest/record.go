package slacktest

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"time"
)

// Call is one request the fake received: a Web API method, or one of the
// pseudo-methods "upload" (the file upload URL) and "response_url".
type Call struct {
	Method string
	// Params holds the request's parameters without the token. A JSON body
	// is flattened: strings as they are, other values as JSON text.
	Params url.Values
	// JSON is the raw body when the client sent JSON, else nil.
	JSON  json.RawMessage
	Token string
	At    time.Time
	// Status is the HTTP status answered and Error the Slack error code
	// ("" when ok), so tests can tell scripted failures from real ones.
	Status int
	Error  string
}

// Param returns the first value of the named parameter.
func (c Call) Param(name string) string { return c.Params.Get(name) }

// Calls returns every request received so far, oldest first.
func (f *Fake) Calls() []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// CallsTo returns the requests to one method, oldest first.
func (f *Fake) CallsTo(method string) []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Call
	for _, c := range f.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Delivery is what the fake knows about one envelope it sent.
type Delivery struct {
	EnvelopeID string
	Type       string
	Conn       int // Connection.ID it went out on
	SentAt     time.Time
	AckedAt    time.Time       // first ack; zero while unacknowledged
	AckPayload json.RawMessage // payload of the first ack, nil if none
	Acks       int             // a second ack means the bot acked twice
}

// acked reports whether the envelope was acknowledged, with the ack's
// payload (nil when the bot sent none) and when it arrived.
func (f *Fake) acked(envelopeID string) (payload json.RawMessage, at time.Time, ok bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := f.sock.sent[envelopeID]
	if d == nil || d.Acks == 0 {
		return nil, time.Time{}, false
	}
	return d.AckPayload, d.AckedAt, true
}

// WaitAck waits until the envelope is acknowledged and returns the ack's
// payload.
func (f *Fake) WaitAck(ctx context.Context, envelopeID string) (json.RawMessage, error) {
	var payload json.RawMessage
	err := f.Await(ctx, func() bool {
		p, _, ok := f.acked(envelopeID)
		payload = p
		return ok
	})
	if err != nil {
		return nil, errors.New("slacktest: envelope " + envelopeID + " not acknowledged: " + err.Error())
	}
	return payload, nil
}

// Unacked returns the IDs of envelopes sent longer than olderThan ago and
// still unacknowledged; Slack would retry these.
func (f *Fake) Unacked(olderThan time.Duration) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	cutoff := time.Now().Add(-olderThan)
	var out []string
	for _, id := range f.sock.order {
		d := f.sock.sent[id]
		if d.Acks == 0 && d.SentAt.Before(cutoff) {
			out = append(out, id)
		}
	}
	return out
}

// AckLatencies returns, for every acknowledged envelope in sending order,
// the time from the fake's write to the ack's arrival.
func (f *Fake) AckLatencies() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []time.Duration
	for _, id := range f.sock.order {
		if d := f.sock.sent[id]; d.Acks > 0 {
			out = append(out, d.AckedAt.Sub(d.SentAt))
		}
	}
	return out
}

// Connection describes one Socket Mode WebSocket connection.
type Connection struct {
	ID       int // 1 for the first connection, then 2, ...
	OpenedAt time.Time
	HelloAt  time.Time // when hello was sent
	// DisconnectAt is when the fake sent a disconnect message, if it did.
	DisconnectAt time.Time
	// ClosedAt is when the fake saw the socket end; zero while open. The
	// client may well have opened the next connection by then.
	ClosedAt time.Time
	// Reason is why it closed: "disconnect: warning", "dropped", or the
	// read error that ended it (usually the client going away).
	Reason string
}

// Open reports whether the connection is still open.
func (c Connection) Open() bool { return c.ClosedAt.IsZero() }

// Connections returns every connection so far, oldest first. Reconnection
// time after Disconnect is the gap between one's DisconnectAt and the
// next one's HelloAt.
func (f *Fake) Connections() []Connection {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Connection, 0, len(f.sock.conns))
	for _, c := range f.sock.conns {
		out = append(out, c.info)
	}
	return out
}

// WaitConnection waits until the n-th connection (counting from 1) is
// open and has been sent hello, and returns it.
func (f *Fake) WaitConnection(ctx context.Context, n int) (Connection, error) {
	var got Connection
	err := f.Await(ctx, func() bool {
		cs := f.Connections()
		if len(cs) < n || cs[n-1].HelloAt.IsZero() {
			return false
		}
		got = cs[n-1]
		return true
	})
	return got, err
}
