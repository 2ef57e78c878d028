package openai

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/advisorbot/advisorbot/bot/llm"
)

// Backoff between attempts: exponential from retryBase, at most retryMax,
// with "equal jitter" (half fixed, half random) so that many clients hit
// by one outage do not come back in step. A server's Retry-After replaces
// the computed delay, up to maxRetryAfter: a server asking for minutes is
// better reported as unavailable than waited on by a user in a chat.
const (
	retryBase     = 500 * time.Millisecond
	retryMax      = 8 * time.Second
	maxRetryAfter = 30 * time.Second
	// drainLimit bounds how much of a failed response is read so its
	// connection can be reused.
	drainLimit = 64 << 10
)

// httpDoer is go-openai's HTTPDoer: what its ClientConfig.HTTPClient needs.
type httpDoer interface {
	Do(*http.Request) (*http.Response, error)
}

// retryDoer retries requests that failed with 429, a 5xx or a connection
// error. It sits below go-openai, so it sees a response before the SDK
// reads a byte of it: a stream that has started is never retried, because
// text already shown to a user cannot be taken back.
type retryDoer struct {
	next       httpDoer
	maxRetries int
	lg         *slog.Logger
	// sleep waits d or until ctx is done; tests replace it to record the
	// delays instead of waiting.
	sleep func(ctx context.Context, d time.Duration) error
	// now is the clock for Retry-After dates and deadlines.
	now func() time.Time
}

func newRetryDoer(lg *slog.Logger, next httpDoer, maxRetries int) *retryDoer {
	return &retryDoer{next: next, maxRetries: maxRetries, lg: lg, sleep: sleepCtx, now: time.Now}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Do sends req, retrying as described on retryDoer. When it gives up on a
// status it returns that last response, so go-openai reports the server's
// own error message; when it gives up on connection errors it returns an
// error wrapping [llm.ErrUnavailable]. A cancelled or expired context is
// returned as it is.
func (d *retryDoer) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	for attempt := 0; ; attempt++ {
		r := req
		if attempt > 0 {
			r = req.Clone(ctx)
			if req.GetBody != nil {
				body, err := req.GetBody()
				if err != nil {
					return nil, fmt.Errorf("rewind request body: %w", err)
				}
				r.Body = body
			}
		}
		resp, err := d.next.Do(r)
		if ctx.Err() != nil {
			if resp != nil {
				resp.Body.Close()
			}
			return nil, ctx.Err()
		}
		if err == nil && !retryableStatus(resp.StatusCode) {
			return resp, nil
		}

		delay := backoff(attempt)
		tooLong := false
		if err == nil {
			if ra, ok := retryAfter(resp.Header, d.now()); ok {
				delay = ra
				// A server asking for more than maxRetryAfter is reported
				// as unavailable at once rather than waited on.
				tooLong = ra > maxRetryAfter
			}
		}
		last := tooLong || attempt >= d.maxRetries || (req.Body != nil && req.GetBody == nil)
		if !last {
			if dl, ok := ctx.Deadline(); ok && d.now().Add(delay).After(dl) {
				// Waiting would outlast the caller: answer now instead.
				last = true
			}
		}
		if last {
			if err != nil {
				return nil, fmt.Errorf("%w: %d attempt(s): %w", llm.ErrUnavailable, attempt+1, err)
			}
			return resp, nil
		}

		status := 0
		if err == nil {
			status = resp.StatusCode
			io.Copy(io.Discard, io.LimitReader(resp.Body, drainLimit))
			resp.Body.Close()
		}
		// Info, not debug: retries are how an operator sees a struggling
		// upstream. Status and timing only; no text, no key.
		d.lg.Info("openai: retrying", "attempt", attempt+1, "status", status, "delay", delay, "conn_error", err != nil)
		if err := d.sleep(ctx, delay); err != nil {
			return nil, err
		}
	}
}

func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code >= 500
}

// backoff is the jittered delay before retry attempt+1.
func backoff(attempt int) time.Duration {
	d := retryMax
	if attempt < 5 { // beyond that the shift would pass retryMax anyway
		d = min(retryBase<<attempt, retryMax)
	}
	return d/2 + rand.N(d/2+1)
}

// retryAfter reads how long the server asked to wait: Azure's and
// OpenAI's retry-after-ms first (finer), then Retry-After in seconds or as
// an HTTP date.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	var d time.Duration
	if v := h.Get("Retry-After-Ms"); v != "" {
		ms, err := strconv.ParseFloat(v, 64)
		if err != nil || ms < 0 {
			return 0, false
		}
		d = time.Duration(ms * float64(time.Millisecond))
	} else if v := h.Get("Retry-After"); v != "" {
		if secs, err := strconv.Atoi(v); err == nil {
			if secs < 0 {
				return 0, false
			}
			d = time.Duration(secs) * time.Second
		} else if t, err := http.ParseTime(v); err == nil {
			d = max(t.Sub(now), 0)
		} else {
			return 0, false
		}
	} else {
		return 0, false
	}
	return d, true
}
