package teams

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// maxActivityBytes bounds a request body; real activities are a few KB.
const maxActivityBytes = 1 << 20

// Handler does the work of one verified activity, after the HTTP request
// has been answered.
type Handler interface {
	HandleActivity(ctx context.Context, a Activity)
}

// Endpoint serves /api/messages: it verifies the token, reads the
// activity, answers 200 at once and hands the activity to the handler in
// the background, as the protocol expects (replies are separate calls).
type Endpoint struct {
	Verifier *Verifier
	Handler  Handler
	Log      *slog.Logger
	// Go runs background work; nil uses a goroutine. Tests and the
	// shutdown drain replace it.
	Go       func(func())
	Observer Observer // nil: none
	// Context, when set, is the parent of every activity's handling, so a
	// shutdown can cut off work that outlives its drain; nil: the
	// request's context without its cancellation.
	Context context.Context
}

func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	obs := observer(e.Observer)
	typ := "unknown"
	sw := &statusWriter{ResponseWriter: w}
	w = sw
	defer func() { obs.TeamsRequest(typ, sw.code(), time.Since(start)) }()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST an activity", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxActivityBytes))
	if err != nil {
		http.Error(w, "activity too large or unreadable", http.StatusRequestEntityTooLarge)
		return
	}
	var a Activity
	// Parse before verifying: the token is checked against the activity's
	// channelId and serviceUrl. Nothing of it is used unless it verifies.
	if err := json.Unmarshal(body, &a); err != nil {
		// Without an activity the token's serviceurl claim cannot be
		// matched, so the request cannot be authenticated: 401, and an
		// unauthenticated caller learns nothing about the body.
		e.log().Warn("teams: request refused", "reason", "the body is not an activity")
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if err := e.Verifier.Verify(r.Context(), r.Header.Get("Authorization"), a.ChannelID, a.ServiceURL); err != nil {
		if !errors.Is(err, ErrUnauthorized) {
			// The key set could not be fetched: our problem, and the
			// Bot Framework retries on 5xx.
			e.log().Error("teams: cannot verify requests", "err", err)
			http.Error(w, "verification unavailable", http.StatusServiceUnavailable)
			return
		}
		e.log().Warn("teams: request refused", "reason", err.Error(), "activity_id", a.ID)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	typ = a.Type
	w.WriteHeader(http.StatusOK)
	ctx := e.Context
	if ctx == nil {
		ctx = context.WithoutCancel(r.Context())
	}
	run := e.Go
	if run == nil {
		run = func(f func()) { go f() }
	}
	run(func() {
		// One activity's panic must not take the process (and Slack
		// with it) down.
		defer func() {
			if p := recover(); p != nil {
				e.log().Error("teams: activity handler panicked", "activity_id", a.ID, "panic", p, "stack", string(debug.Stack()))
			}
		}()
		t := time.Now()
		e.Handler.HandleActivity(ctx, a)
		obs.TeamsHandled(a.Type, time.Since(t))
	})
}

// statusWriter remembers the status written, for the observer.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

func (e *Endpoint) log() *slog.Logger {
	if e.Log != nil {
		return e.Log
	}
	return slog.New(slog.DiscardHandler)
}
