package slack

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	goslack "github.com/slack-go/slack"
)

// Retries of Web API calls. slack-go retries 429 after Slack's
// Retry-After; a 5xx or a cut connection it hands straight back, so one
// hiccup at Slack loses a reply. retryHandler adds those, through
// slack-go's own retry loop (the same budget of maxRetries), on every
// method whose repetition cannot show something twice or leave something
// behind, with a bounded, jittered backoff that honours a Retry-After.
// When the last attempt fails the call returns its error, so a Replier's
// Send reports every message that was not shown.

// Retry bounds: at most maxRetries more attempts, waiting retryBase, then
// twice as long each time, up to retryMaxWait (about 1.75 s in all).
const (
	maxRetries   = 3
	retryMaxWait = 2 * time.Second
	// maxRetryAfter is the longest Retry-After on a 5xx that is waited
	// for; a longer one is given up at once rather than hold a worker.
	maxRetryAfter = 10 * time.Second
)

// retryBase is the first wait (a variable so tests can shorten it).
var retryBase = 250 * time.Millisecond

// noRetry lists the methods not repeated after Slack may have received
// them (a 5xx, a connection cut after the request went out): doing them
// twice would show something twice or leave something behind. They are
// still retried when the request never left (a refused connection).
var noRetry = map[string]bool{
	"chat.appendStream":     true, // the text would appear twice
	"chat.startStream":      true, // a second stream left open; Stream falls back to posting
	"views.open":            true, // a second modal
	"views.push":            true,
	"apps.connections.open": true, // Socket Mode reconnects with its own backoff
	"upload":                true, // file bytes are streamed once and cannot be replayed
}

// retryConfig is slack-go's retry configuration: 429 as before (its
// Retry-After, or a minute), plus retryHandler.
func retryConfig(lg *slog.Logger) goslack.RetryConfig {
	cfg := goslack.DefaultRetryConfig()
	cfg.MaxRetries = maxRetries
	cfg.Handlers = []goslack.RetryHandler{retryHandler{lg: lg}, goslack.NewRateLimitErrorRetryHandler(cfg)}
	return cfg
}

// retryHandler retries 5xx answers and connection errors.
type retryHandler struct{ lg *slog.Logger }

// ShouldRetry implements goslack.RetryHandler; slack-go has already
// checked the attempt budget and that the body can be sent again.
func (h retryHandler) ShouldRetry(state *goslack.RetryState, req *http.Request, resp *http.Response, err error) (bool, time.Duration) {
	ctx := req.Context()
	if ctx.Err() != nil || state.Attempt >= state.MaxRetries {
		return false, 0
	}
	method := apiMethod(req)
	var header http.Header
	why := ""
	switch {
	case err == nil && resp != nil && resp.StatusCode >= 500:
		if noRetry[method] {
			return false, 0
		}
		header, why = resp.Header, resp.Status
	case err != nil && resp == nil:
		switch {
		case neverSent(err):
		case isTimeout(err), noRetry[method]:
			// A timeout already took the call's whole budget.
			return false, 0
		}
		why = err.Error()
	default:
		return false, 0 // 2xx-4xx; 429 is the rate-limit handler's
	}
	wait, ok := retryWait(state.Attempt, header, time.Now())
	if !ok || !inTime(ctx, wait) {
		return false, 0
	}
	if h.lg != nil {
		h.lg.Info("slack: retrying a Web API call", "method", method, "attempt", state.Attempt+2, "after", wait, "reason", why)
	}
	return true, wait
}

// retryWait is the wait before retry attempt+1: retryBase doubled per
// attempt up to retryMaxWait, jittered to between half and all of it, or
// the Retry-After Slack sent if longer; false when that is over
// maxRetryAfter.
func retryWait(attempt int, h http.Header, now time.Time) (time.Duration, bool) {
	d := min(retryBase<<min(attempt, 16), retryMaxWait)
	d = d/2 + rand.N(d/2+1)
	if ra, ok := retryAfter(h.Get("Retry-After"), now); ok {
		if ra > maxRetryAfter {
			return 0, false
		}
		d = max(d, ra)
	}
	return d, true
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil {
		return time.Duration(max(s, 0)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// inTime reports whether a retry after wait could still finish before
// ctx's deadline.
func inTime(ctx context.Context, wait time.Duration) bool {
	dl, ok := ctx.Deadline()
	return !ok || time.Until(dl) > wait
}

// apiMethod names a call: the Web API method ("chat.postMessage"),
// "response_url" for a JSON post to a response URL, else "upload".
func apiMethod(req *http.Request) string {
	if m := path.Base(req.URL.Path); strings.Contains(m, ".") {
		return m
	}
	if ct, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); ct == "application/json" {
		return "response_url"
	}
	return "upload"
}

// neverSent reports an error from before the request left: no address,
// no connection.
func neverSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// doRetried sends req, whose body must be replayable (GetBody), through hc
// with cfg's retry handlers, for the calls the adapter makes without
// slack-go (a response_url): the same loop as slack-go's client, so such
// a call is retried exactly when a Web API call would be. The handlers in
// retryConfig need no RetryState.Backoff, which only slack-go can build.
func doRetried(hc *http.Client, cfg goslack.RetryConfig, req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req.Body = body
		}
		resp, err := hc.Do(req)
		if err == nil && resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < http.StatusInternalServerError {
			return resp, nil
		}
		if attempt >= cfg.MaxRetries || req.GetBody == nil {
			return resp, err
		}
		retry, wait := false, time.Duration(0)
		state := &goslack.RetryState{Attempt: attempt, MaxRetries: cfg.MaxRetries}
		for _, h := range cfg.Handlers {
			if retry, wait = h.ShouldRetry(state, req, resp, err); retry {
				break
			}
		}
		if !retry {
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}
