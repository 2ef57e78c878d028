package openai

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
)

const answer = "Start with prompt engineering, then add retrieval."

func TestStreamFailures(t *testing.T) {
	tests := []struct {
		name     string
		resp     llmtest.Response
		want     error
		wantText string
		wantMsg  string
	}{
		{"ends without finish reason or [DONE]", llmtest.Truncated(answer, 3), llm.ErrIncomplete, "Start with prompt ", "without a finish reason"},
		{"malformed chunk", llmtest.Malformed(answer, 1), llm.ErrIncomplete, "Start ", "malformed"},
		{"mid-stream error event", llmtest.ErrorEvent(answer, 2, "The server had an error processing your request."), llm.ErrIncomplete, "Start with ", "The server had an error processing your request."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Enqueue(tt.resp)
			c, _ := newClient(t, srv, nil)
			comp, deltas, err := stream(t.Context(), c, question)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %v, want %v containing %q", err, tt.want, tt.wantMsg)
			}
			if !strings.HasPrefix(err.Error(), "openai: stream: ") {
				t.Errorf("err = %q lacks the operation", err)
			}
			if comp.Text != tt.wantText || strings.Join(deltas, "") != tt.wantText {
				t.Errorf("partial text = %q, deltas %q; want %q", comp.Text, deltas, tt.wantText)
			}
			if n := len(srv.Requests()); n != 1 {
				t.Errorf("%d requests: a started stream was retried", n)
			}
		})
	}
}

func TestStreamStall(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Stalled(answer, 2))
	// Short, so the test is quick; nothing asserts how long it took.
	c, _ := newClient(t, srv, func(cfg *Config) { cfg.IdleTimeout = 100 * time.Millisecond })
	comp, deltas, err := stream(t.Context(), c, question)
	if !errors.Is(err, llm.ErrStalled) {
		t.Fatalf("err = %v, want ErrStalled", err)
	}
	// On a loaded machine the watchdog may fire between the first two
	// chunks, so the partial text is a prefix of what was sent.
	if !strings.HasPrefix("Start with ", comp.Text) || strings.Join(deltas, "") != comp.Text {
		t.Errorf("partial text = %q, deltas %q", comp.Text, deltas)
	}
}

func TestStreamSlowConsumerIsNotAStall(t *testing.T) {
	// The answer is far larger than the client's read buffer, so most of
	// it is still on the wire while onDelta dawdles over the first piece:
	// a watchdog left running during onDelta would cut it off.
	text := strings.Repeat("word ", 200)
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Reply(text))
	c, _ := newClient(t, srv, func(cfg *Config) { cfg.IdleTimeout = 100 * time.Millisecond })
	first := true
	comp, err := c.Stream(t.Context(), question, func(string) error {
		if first {
			first = false
			time.Sleep(300 * time.Millisecond) // longer than IdleTimeout, on purpose
		}
		return nil
	})
	if err != nil || comp.Text != text {
		t.Errorf("got %d bytes, %v", len(comp.Text), err)
	}
}

func TestStreamKeepAlives(t *testing.T) {
	srv := llmtest.New(t)
	// More comment lines before each event than go-openai's default limit
	// of 300 allows.
	srv.Enqueue(llmtest.Response{Text: "still here", KeepAlive: 400})
	c, _ := newClient(t, srv, nil)
	comp, _, err := stream(t.Context(), c, question)
	if err != nil || comp.Text != "still here" {
		t.Errorf("got %q, %v", comp.Text, err)
	}
}

func TestStreamOnDeltaError(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Reply(answer))
	c, _ := newClient(t, srv, nil)
	errStop := errors.New("slack refused the edit")
	comp, err := c.Stream(t.Context(), question, func(d string) error { return errStop })
	if !errors.Is(err, errStop) || comp.Text != "Start " {
		t.Errorf("got %q, %v", comp.Text, err)
	}
}

func TestStreamCancel(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Stalled(answer, 1))
	c, _ := newClient(t, srv, nil) // default 20s idle: only cancellation can end this quickly
	ctx, cancel := context.WithCancel(t.Context())
	comp, err := c.Stream(ctx, question, func(string) error {
		cancel()
		return nil
	})
	if !errors.Is(err, context.Canceled) || !errors.Is(err, llm.ErrIncomplete) || errors.Is(err, llm.ErrStalled) {
		t.Errorf("err = %v, want Canceled and ErrIncomplete", err)
	}
	if comp.Text != "Start " {
		t.Errorf("partial text = %q", comp.Text)
	}
}

// cancelOnArrival cancels once srv has received n requests.
func cancelOnArrival(srv *llmtest.Server, n int, cancel context.CancelFunc) {
	go func() {
		for len(srv.Requests()) < n {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
}

func TestCompleteCancelWhileWaiting(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Fault: llmtest.FaultStall}) // never answers
	c, _ := newClient(t, srv, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancelOnArrival(srv, 1, cancel)
	if _, err := c.Complete(ctx, question); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestCancelDuringRetryWait(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.RateLimited("30"))
	c, _ := newClient(t, srv, nil)
	ctx, cancel := context.WithCancel(t.Context())
	// Cancel as the wait begins; the real wait must then end at once.
	c.retry.sleep = func(ctx context.Context, d time.Duration) error {
		cancel()
		return sleepCtx(ctx, d)
	}
	start := time.Now()
	if _, _, err := stream(ctx, c, question); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	// Not a timing measurement: a wait that ignored the context would
	// take the full 30s; an honoured cancellation takes milliseconds.
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("cancellation did not cut the 30s Retry-After wait short (%v)", d)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}
