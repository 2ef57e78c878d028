package slack

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	goslack "github.com/slack-go/slack"
)

func TestRetryWait(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	for attempt := range 8 {
		d, ok := retryWait(attempt, nil, now)
		full := min(retryBase<<attempt, retryMaxWait)
		if !ok || d < full/2 || d > full {
			t.Errorf("attempt %d: wait %v, %v; want between %v and %v", attempt, d, ok, full/2, full)
		}
	}
	for _, c := range []struct {
		header string
		want   time.Duration
		ok     bool
	}{
		{"3", 3 * time.Second, true},
		{now.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second, true},
		{"60", 0, false}, // longer than maxRetryAfter: give up
		{"soon", 0, true},
	} {
		d, ok := retryWait(0, http.Header{"Retry-After": {c.header}}, now)
		if ok != c.ok || (c.want > 0 && d != c.want) || (c.want == 0 && ok && d > retryBase) {
			t.Errorf("Retry-After %q: %v, %v; want %v, %v", c.header, d, ok, c.want, c.ok)
		}
	}
}

func TestRetryPolicy(t *testing.T) {
	h := retryHandler{}
	req := func(url, contentType string) *http.Request {
		r, _ := http.NewRequest(http.MethodPost, url, strings.NewReader("x"))
		r.Header.Set("Content-Type", contentType)
		return r
	}
	status := func(code int) *http.Response {
		return &http.Response{StatusCode: code, Status: http.StatusText(code), Header: http.Header{}}
	}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}
	api := "https://slack.com/api/"
	form := "application/x-www-form-urlencoded"
	for _, c := range []struct {
		name string
		req  *http.Request
		resp *http.Response
		err  error
		want bool
	}{
		{"postMessage 500", req(api+"chat.postMessage", form), status(500), nil, true},
		{"postEphemeral 503", req(api+"chat.postEphemeral", form), status(503), nil, true},
		{"update 502", req(api+"chat.update", form), status(502), nil, true},
		{"response_url 500", req("https://hooks.slack.com/commands/T1/2/abc", "application/json; charset=utf-8"), status(500), nil, true},
		{"stopStream 500", req(api+"chat.stopStream", "application/json"), status(500), nil, true},
		{"postMessage reset", req(api+"chat.postMessage", form), nil, reset, true},
		{"postMessage refused", req(api+"chat.postMessage", form), nil, refused, true},
		{"appendStream 500", req(api+"chat.appendStream", "application/json"), status(500), nil, false},
		{"appendStream reset", req(api+"chat.appendStream", "application/json"), nil, reset, false},
		{"appendStream refused", req(api+"chat.appendStream", "application/json"), nil, refused, true},
		{"startStream 500", req(api+"chat.startStream", "application/json"), status(500), nil, false},
		{"views.open 500", req(api+"views.open", form), status(500), nil, false},
		{"upload 500", req("https://files.slack.com/upload/v1/abc", "multipart/form-data"), status(500), nil, false},
		{"postMessage 400", req(api+"chat.postMessage", form), status(400), nil, false},
		{"postMessage 429", req(api+"chat.postMessage", form), status(429), nil, false}, // the rate-limit handler's
		{"postMessage timeout", req(api+"chat.postMessage", form), nil, context.DeadlineExceeded, false},
	} {
		got, _ := h.ShouldRetry(&goslack.RetryState{Attempt: 0, MaxRetries: maxRetries}, c.req, c.resp, c.err)
		if got != c.want {
			t.Errorf("%s: retry %v, want %v", c.name, got, c.want)
		}
	}
	// Never past the budget, never once the caller has gone.
	r := req(api+"chat.postMessage", form)
	if ok, _ := h.ShouldRetry(&goslack.RetryState{Attempt: maxRetries, MaxRetries: maxRetries}, r, status(500), nil); ok {
		t.Error("retried past the budget")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ok, _ := h.ShouldRetry(&goslack.RetryState{MaxRetries: maxRetries}, r.WithContext(ctx), nil, errors.New("x")); ok {
		t.Error("retried after the caller gave up")
	}
}
