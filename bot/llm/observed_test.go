package llm_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
)

// call is one report to an Observed hook.
type call struct {
	Usage llm.Usage
	D     time.Duration
	Err   error
}

// recorder collects hook calls.
type recorder struct{ calls []call }

func (r *recorder) hook(u llm.Usage, d time.Duration, err error) {
	r.calls = append(r.calls, call{u, d, err})
}

// TestObserved: one report per call, failures included, with the usage
// and the very error the caller gets, and a duration that covers the call.
func TestObserved(t *testing.T) {
	const pause = 20 * time.Millisecond
	errReader := errors.New("llm test: reader went away")
	tests := []struct {
		name    string
		stream  bool
		err     error                  // the fake's
		onDelta func(string) error     // stream only; nil: keep all
		ctx     func() context.Context // nil: the test's
		wantErr error
	}{
		{name: "complete"},
		{name: "stream", stream: true},
		{name: "complete fails", err: llm.ErrRejected, wantErr: llm.ErrRejected},
		{name: "stream fails midway", stream: true, err: llm.ErrIncomplete, wantErr: llm.ErrIncomplete},
		{name: "reader stops the stream", stream: true, onDelta: func(string) error { return errReader }, wantErr: errReader},
		{name: "cancelled", ctx: cancelled, wantErr: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &llm.Fake{ModelName: "gpt-test", Err: tt.err, Answer: func(llm.Request) string {
				time.Sleep(pause)
				return "Retrieval keeps answers current."
			}}
			var rec recorder
			m := llm.NewObserved(fake, rec.hook)
			ctx := t.Context()
			if tt.ctx != nil {
				ctx = tt.ctx()
			}
			req := llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "Why RAG?"}}}
			var comp llm.Completion
			var err error
			if tt.stream {
				onDelta := tt.onDelta
				if onDelta == nil {
					onDelta = discard
				}
				comp, err = m.Stream(ctx, req, onDelta)
			} else {
				comp, err = m.Complete(ctx, req)
			}
			if err != tt.wantErr {
				t.Errorf("err = %v, want %v unchanged", err, tt.wantErr)
			}
			if len(rec.calls) != 1 {
				t.Fatalf("hook called %d times, want once", len(rec.calls))
			}
			got := rec.calls[0]
			if got.Err != err {
				t.Errorf("hook err = %v, caller got %v", got.Err, err)
			}
			if got.Usage != comp.Usage || err == nil && comp.Usage == (llm.Usage{}) {
				t.Errorf("hook usage = %+v, caller got %+v", got.Usage, comp.Usage)
			}
			if tt.ctx == nil && got.D < pause {
				t.Errorf("hook duration = %v, shorter than the call (%v)", got.D, pause)
			}
			if m.Name() != "gpt-test" {
				t.Errorf("Name = %q", m.Name())
			}
		})
	}
}

func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestObservedWithoutHook(t *testing.T) {
	m := llm.NewObserved(&llm.Fake{Answer: func(llm.Request) string { return "ok" }}, nil)
	if comp, err := m.Complete(t.Context(), llm.Request{}); err != nil || comp.Text != "ok" {
		t.Errorf("got %+v, %v", comp, err)
	}
}

// TestObservedOverTheWire: around the real client, the hook sees the
// tokens the server reported and every failure the caller sees, streams
// that break after they started and retries given up included.
func TestObservedOverTheWire(t *testing.T) {
	const answer = "Start with prompt engineering, then add retrieval."
	tests := []struct {
		name       string
		stream     bool
		maxRetries int
		resps      []llmtest.Response
		wantUsage  llm.Usage
		wantErr    error  // errors.Is
		wantMsg    string // in the error
	}{
		{name: "stream", stream: true, resps: []llmtest.Response{{Text: answer, Usage: &llm.Usage{PromptTokens: 12, CompletionTokens: 6}}},
			wantUsage: llm.Usage{PromptTokens: 12, CompletionTokens: 6}},
		{name: "complete", resps: []llmtest.Response{{Text: answer, Usage: &llm.Usage{PromptTokens: 30, CompletionTokens: 5}}},
			wantUsage: llm.Usage{PromptTokens: 30, CompletionTokens: 5}},
		{name: "stream ends without finish reason", stream: true, resps: []llmtest.Response{llmtest.Truncated(answer, 3)},
			wantErr: llm.ErrIncomplete, wantMsg: "without a finish reason"},
		{name: "malformed chunk", stream: true, resps: []llmtest.Response{llmtest.Malformed(answer, 1)},
			wantErr: llm.ErrIncomplete, wantMsg: "malformed"},
		{name: "mid-stream error event", stream: true, resps: []llmtest.Response{llmtest.ErrorEvent(answer, 2, "The server had an error processing your request.")},
			wantErr: llm.ErrIncomplete, wantMsg: "The server had an error processing your request."},
		{name: "stream retries exhausted", stream: true, maxRetries: 2,
			resps:   []llmtest.Response{llmtest.RateLimited("0"), llmtest.RateLimited("0"), llmtest.RateLimited("0"), llmtest.Reply("too late")},
			wantErr: llm.ErrUnavailable, wantMsg: "HTTP 429"},
		{name: "complete retries exhausted", maxRetries: 2,
			resps:   []llmtest.Response{llmtest.RateLimited("0"), llmtest.RateLimited("0"), llmtest.RateLimited("0"), llmtest.Reply("too late")},
			wantErr: llm.ErrUnavailable, wantMsg: "HTTP 429"},
		{name: "rejected", maxRetries: -1, resps: []llmtest.Response{llmtest.Status(401)}, wantErr: llm.ErrRejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Enqueue(tt.resps...)
			maxRetries := tt.maxRetries
			if maxRetries == 0 {
				maxRetries = -1
			}
			var rec recorder
			m := llm.NewObserved(client(t, srv, maxRetries), rec.hook)
			req := llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "Why RAG?"}}}
			var err error
			if tt.stream {
				_, err = m.Stream(t.Context(), req, discard)
			} else {
				_, err = m.Complete(t.Context(), req)
			}
			if tt.wantErr == nil && err != nil || !errors.Is(err, tt.wantErr) || err != nil && !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %v, want %v containing %q", err, tt.wantErr, tt.wantMsg)
			}
			want := []call{{Usage: tt.wantUsage, Err: err}}
			if diff := cmp.Diff(want, rec.calls, cmp.Comparer(func(a, b error) bool { return a == b }),
				cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".D" }, cmp.Ignore())); diff != "" {
				t.Errorf("hook calls (-want +got):\n%s", diff)
			}
			if len(rec.calls) == 1 && rec.calls[0].D <= 0 {
				t.Errorf("hook duration = %v", rec.calls[0].D)
			}
		})
	}
}
