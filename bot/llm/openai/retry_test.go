package openai

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
)

// ops runs a test against both calls: retries sit below either.
var ops = []struct {
	name string
	call func(context.Context, *Client) (llm.Completion, error)
}{
	{"stream", func(ctx context.Context, c *Client) (llm.Completion, error) {
		comp, _, err := stream(ctx, c, question)
		return comp, err
	}},
	{"complete", func(ctx context.Context, c *Client) (llm.Completion, error) { return c.Complete(ctx, question) }},
}

func TestRetryAfterThenSuccess(t *testing.T) {
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Enqueue(llmtest.RateLimited("1"), llmtest.Reply("ok"))
			c, s := newClient(t, srv, nil)
			comp, err := op.call(t.Context(), c)
			if err != nil || comp.Text != "ok" {
				t.Fatalf("got %q, %v", comp.Text, err)
			}
			if diff := cmp.Diff([]time.Duration{time.Second}, s.got()); diff != "" {
				t.Errorf("sleeps (-want +got):\n%s", diff)
			}
			reqs := srv.Requests()
			if len(reqs) != 2 || string(reqs[0].Body) != string(reqs[1].Body) {
				t.Errorf("retry did not resend the same body: %d requests", len(reqs))
			}
		})
	}
}

// TestRetryAfterTooLong: a server asking for ten minutes is reported as
// unavailable at once; nobody in a chat waits that long.
func TestRetryAfterTooLong(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.RateLimited("600"))
	c, s := newClient(t, srv, nil)
	_, err := c.Complete(t.Context(), question)
	if !errors.Is(err, llm.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	if len(s.got()) != 0 || len(srv.Requests()) != 1 {
		t.Errorf("waited %v over %d requests, want no wait and one request", s.got(), len(srv.Requests()))
	}
}

func TestRetryNeverSleepsPastDeadline(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.RateLimited("20"))
	c, s := newClient(t, srv, nil)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	_, err := c.Complete(ctx, question)
	if !errors.Is(err, llm.ErrUnavailable) || !strings.Contains(err.Error(), "HTTP 429") {
		t.Errorf("err = %v, want ErrUnavailable with the 429", err)
	}
	if len(s.got()) != 0 || len(srv.Requests()) != 1 {
		t.Errorf("slept %v over %d requests; want no wait, 1 request", s.got(), len(srv.Requests()))
	}
}

func TestServerErrorThenSuccess(t *testing.T) {
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Enqueue(llmtest.Status(http.StatusInternalServerError), llmtest.Reply("ok"))
			c, s := newClient(t, srv, nil)
			if comp, err := op.call(t.Context(), c); err != nil || comp.Text != "ok" {
				t.Fatalf("got %q, %v", comp.Text, err)
			}
			got := s.got()
			if len(got) != 1 || got[0] < retryBase/2 || got[0] > retryBase {
				t.Errorf("sleeps = %v, want one in [%v, %v]", got, retryBase/2, retryBase)
			}
		})
	}
}

func TestServerErrorsExhaustRetries(t *testing.T) {
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Enqueue(llmtest.Status(500), llmtest.Status(502), llmtest.Status(503), llmtest.Reply("too late"))
			c, s := newClient(t, srv, func(cfg *Config) { cfg.MaxRetries = 2 })
			_, err := op.call(t.Context(), c)
			if !errors.Is(err, llm.ErrUnavailable) || !strings.Contains(err.Error(), "HTTP 503") ||
				!strings.Contains(err.Error(), "overloaded") || !strings.HasPrefix(err.Error(), "openai: "+op.name+": ") {
				t.Errorf("err = %v, want ErrUnavailable with the last status and message", err)
			}
			if n := len(srv.Requests()); n != 3 {
				t.Errorf("%d requests, want 3", n)
			}
			got := s.got()
			if len(got) != 2 || got[0] < retryBase/2 || got[0] > retryBase || got[1] < retryBase || got[1] > 2*retryBase {
				t.Errorf("sleeps = %v, want exponential backoff from %v", got, retryBase)
			}
		})
	}
}

func TestRejectedIsNotRetried(t *testing.T) {
	const wrongKey = "sk-wrong-but-secret"
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			// The fake repeats the key it got in its 401 message.
			srv := llmtest.New(t, llmtest.WithAPIKey("sk-right"))
			c, s := newClient(t, srv, func(cfg *Config) { cfg.APIKey = wrongKey })
			_, err := op.call(t.Context(), c)
			if !errors.Is(err, llm.ErrRejected) || !strings.Contains(err.Error(), "HTTP 401: Incorrect API key provided") {
				t.Errorf("err = %v, want ErrRejected with the server's message", err)
			}
			if strings.Contains(err.Error(), wrongKey) {
				t.Errorf("error repeats the API key: %v", err)
			}
			if len(srv.Requests()) != 1 || len(s.got()) != 0 {
				t.Errorf("retried a 401: %d requests, sleeps %v", len(srv.Requests()), s.got())
			}
		})
	}
}

func TestBadRequestMessage(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.StatusError(400, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 128000 tokens."))
	c, _ := newClient(t, srv, nil)
	_, err := c.Complete(t.Context(), question)
	if !errors.Is(err, llm.ErrRejected) || !strings.Contains(err.Error(), "maximum context length") {
		t.Errorf("err = %v", err)
	}
}

func TestNonJSONErrorBody(t *testing.T) {
	// Proxies answer with HTML; the status still decides the sentinel.
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Status: 502, Body: "<html>Bad Gateway</html>"}, llmtest.Response{Status: 403, Body: "<html>Forbidden</html>"})
	c, _ := newClient(t, srv, func(cfg *Config) { cfg.MaxRetries = -1 })
	if _, err := c.Complete(t.Context(), question); !errors.Is(err, llm.ErrUnavailable) || !strings.Contains(err.Error(), "Bad Gateway") {
		t.Errorf("502: err = %v", err)
	}
	if _, err := c.Complete(t.Context(), question); !errors.Is(err, llm.ErrRejected) || !strings.Contains(err.Error(), "Forbidden") {
		t.Errorf("403: err = %v", err)
	}
}

func TestConnectionErrorsExhaustRetries(t *testing.T) {
	gone := httptest.NewServer(http.NotFoundHandler())
	gone.Close() // connections to it are refused
	c, err := New(nil, Config{BaseURL: gone.URL + "/v1", MaxRetries: 2})
	if err != nil {
		t.Fatal(err)
	}
	s := &sleeps{}
	c.retry.sleep = s.sleep
	for _, op := range ops {
		if _, err := op.call(t.Context(), c); !errors.Is(err, llm.ErrUnavailable) || !strings.Contains(err.Error(), "3 attempt(s)") {
			t.Errorf("%s: err = %v, want ErrUnavailable after 3 attempts", op.name, err)
		}
	}
	if n := len(s.got()); n != 4 {
		t.Errorf("%d sleeps, want 2 per call", n)
	}
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header http.Header
		want   time.Duration
		ok     bool
	}{
		{"seconds", http.Header{"Retry-After": {"3"}}, 3 * time.Second, true},
		{"zero", http.Header{"Retry-After": {"0"}}, 0, true},
		{"HTTP date", http.Header{"Retry-After": {now.Add(7 * time.Second).Format(http.TimeFormat)}}, 7 * time.Second, true},
		{"date in the past", http.Header{"Retry-After": {now.Add(-time.Minute).Format(http.TimeFormat)}}, 0, true},
		{"long", http.Header{"Retry-After": {"3600"}}, time.Hour, true},
		{"milliseconds first", http.Header{"Retry-After-Ms": {"250"}, "Retry-After": {"1"}}, 250 * time.Millisecond, true},
		{"negative", http.Header{"Retry-After": {"-1"}}, 0, false},
		{"garbage", http.Header{"Retry-After": {"soon"}}, 0, false},
		{"absent", http.Header{}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := retryAfter(tt.header, now)
			if got != tt.want || ok != tt.ok {
				t.Errorf("retryAfter = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestBackoffBounds(t *testing.T) {
	for attempt := range 8 {
		d := min(retryBase<<attempt, retryMax)
		for range 200 {
			if got := backoff(attempt); got < d/2 || got > d {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", attempt, got, d/2, d)
			}
		}
	}
}
