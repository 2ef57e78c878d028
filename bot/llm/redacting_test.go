package llm_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
	"github.com/advisorbot/advisorbot/bot/llm/openai"
	"github.com/advisorbot/advisorbot/bot/llm/redact"
)

// client is the real go-openai client against srv, without retries, so
// decorators are tested over the real wire format.
func client(t *testing.T, srv *llmtest.Server, maxRetries int) *openai.Client {
	t.Helper()
	c, err := openai.New(
		slog.New(slog.NewTextHandler(io.Discard, nil)), openai.Config{APIKey: "sk-test-0123456789", BaseURL: srv.URL(), MaxRetries: maxRetries})

	if err != nil {
		t.Fatal(err)
	}
	return c
}

// discard is an onDelta that keeps nothing.
func discard(string) error { return nil }

// TestRedactingOverTheWire sends a request through Redacting and the real
// client, by both calls, and reads what the fake server received.
func TestRedactingOverTheWire(t *testing.T) {
	const secrets = "Mail jane.doe@example.com, key sk-proj-abcdefghijklmnopqrstuvwxyz123456"
	tests := []struct {
		name     string
		wrap     func(llm.Model) llm.Model
		messages []llm.Message
		want     []string // in every request body
		absent   []string // in no request body
	}{
		{
			name: "extra pattern on every message",
			wrap: func(m llm.Model) llm.Model { return llm.NewRedacting(m, redact.MustNew(`Acme Corp`)) },
			messages: []llm.Message{
				{Role: llm.RoleSystem, Content: "Advise Acme Corp."},
				{Role: llm.RoleUser, Content: "Acme Corp has 40 support agents."},
			},
			want:   []string{"Advise [REDACTED].", "[REDACTED] has 40 support agents."},
			absent: []string{"Acme"},
		},
		{
			// A Redactor nobody configured still redacts: on by default.
			name:     "nil redactor uses the built-in detectors",
			wrap:     func(m llm.Model) llm.Model { return llm.NewRedacting(m, nil) },
			messages: []llm.Message{{Role: llm.RoleUser, Content: secrets}},
			want:     []string{"Mail [EMAIL], key [SECRET]"},
			absent:   []string{"jane.doe@example.com", "sk-proj-"},
		},
		{
			name:     "extra patterns keep the built-in detectors",
			wrap:     func(m llm.Model) llm.Model { return llm.NewRedacting(m, redact.MustNew(`EMP-\d{6}`)) },
			messages: []llm.Message{{Role: llm.RoleUser, Content: secrets + " for EMP-123456"}},
			want:     []string{"Mail [EMAIL], key [SECRET] for [REDACTED]"},
			absent:   []string{"jane.doe@example.com", "sk-proj-", "EMP-123456"},
		},
		{
			// The only opt-out, visible where the model is wired.
			name:     "not wrapped sends the text as it is",
			wrap:     func(m llm.Model) llm.Model { return m },
			messages: []llm.Message{{Role: llm.RoleUser, Content: secrets}},
			want:     []string{"jane.doe@example.com"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := llmtest.New(t)
			m := tt.wrap(client(t, srv, -1))
			req := llm.Request{Messages: tt.messages}
			if _, err := m.Stream(t.Context(), req, discard); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Complete(t.Context(), req); err != nil {
				t.Fatal(err)
			}
			reqs := srv.Requests()
			if len(reqs) != 2 {
				t.Fatalf("%d requests, want 2", len(reqs))
			}
			for _, r := range reqs {
				body := string(r.Body)
				for _, w := range tt.want {
					if !strings.Contains(body, w) {
						t.Errorf("%s body lacks %q: %s", r.Path, w, body)
					}
				}
				for _, a := range tt.absent {
					if strings.Contains(body, a) {
						t.Errorf("%s body contains %q: %s", r.Path, a, body)
					}
				}
			}
		})
	}
}

// TestRedactingPassesTheRestThrough: only message content changes. The
// caller's request is not modified, the other request fields, the answer,
// the deltas, the name and the error reach their destinations unchanged.
func TestRedactingPassesTheRestThrough(t *testing.T) {
	errMidway := errors.New("llm test: cut off")
	tests := []struct {
		name    string
		answer  string
		err     error
		stream  bool
		wantErr error
	}{
		{name: "complete", answer: "Write to [EMAIL] or jane@x.org."},
		{name: "stream", answer: "Write to [EMAIL] or jane@x.org.", stream: true},
		{name: "complete fails", answer: "partial", err: llm.ErrUnavailable, wantErr: llm.ErrUnavailable},
		{name: "stream fails midway", answer: "partial answer", err: errMidway, stream: true, wantErr: errMidway},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &llm.Fake{ModelName: "gpt-test", Answer: func(llm.Request) string { return tt.answer }, Err: tt.err}
			m := llm.NewRedacting(fake, nil)
			req := llm.Request{
				Messages: []llm.Message{
					{Role: llm.RoleSystem, Content: "You explain."},
					{Role: llm.RoleUser, Content: "Contact jane.doe@example.com about it."},
				},
				MaxTokens: 300, Temperature: 0.2, JSONSchema: []byte(`{"type":"object"}`), JSONSchemaName: "x",
			}
			orig := req
			orig.Messages = append([]llm.Message(nil), req.Messages...)

			var comp llm.Completion
			var err error
			var deltas strings.Builder
			if tt.stream {
				comp, err = m.Stream(t.Context(), req, func(d string) error { deltas.WriteString(d); return nil })
			} else {
				comp, err = m.Complete(t.Context(), req)
			}
			if err != tt.wantErr {
				t.Errorf("err = %v, want %v unchanged", err, tt.wantErr)
			}
			if comp.Text != tt.answer || tt.stream && deltas.String() != tt.answer {
				t.Errorf("answer = %q, deltas %q; want %q untouched", comp.Text, deltas.String(), tt.answer)
			}
			if diff := cmp.Diff(orig, req); diff != "" {
				t.Errorf("the caller's request changed (-before +after):\n%s", diff)
			}
			want := orig
			want.Messages = []llm.Message{
				{Role: llm.RoleSystem, Content: "You explain."},
				{Role: llm.RoleUser, Content: "Contact [EMAIL] about it."},
			}
			got := fake.Requests()
			if len(got) != 1 {
				t.Fatalf("%d requests reached the model, want 1", len(got))
			}
			if diff := cmp.Diff(want, got[0]); diff != "" {
				t.Errorf("request the model saw (-want +got):\n%s", diff)
			}
			if m.Name() != "gpt-test" {
				t.Errorf("Name = %q", m.Name())
			}
		})
	}
}

func TestRedactionOf(t *testing.T) {
	fake := &llm.Fake{}
	hook := func(llm.Usage, time.Duration, error) {}
	r := redact.MustNew(`Acme Corp`)
	tests := []struct {
		name   string
		model  any
		redact bool
	}{
		{"Redacting", llm.NewRedacting(fake, r), true},
		{"Redacting outside Observed", llm.NewRedacting(llm.NewObserved(fake, hook), r), true},
		{"Observed outside Redacting", llm.NewObserved(llm.NewRedacting(fake, r), hook), true},
		{"Observed alone", llm.NewObserved(fake, hook), false},
		{"bare model", fake, false},
		{"no model", nil, false},
		{"a Streamer that is no Model", streamerOnly{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := llm.RedactionOf(tt.model)
			if (f != nil) != tt.redact {
				t.Fatalf("RedactionOf found a redaction: %v, want %v", f != nil, tt.redact)
			}
			if f == nil {
				return
			}
			// The same Redactor the decorator applies: extra patterns included.
			if got, want := f("Acme Corp, jane@x.org"), "[REDACTED], [EMAIL]"; got != want {
				t.Errorf("redaction = %q, want %q", got, want)
			}
		})
	}
}

type streamerOnly struct{}

func (streamerOnly) Stream(context.Context, llm.Request, func(string) error) (llm.Completion, error) {
	return llm.Completion{}, nil
}
