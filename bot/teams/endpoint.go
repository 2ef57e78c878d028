package teams

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// maxActivityBytes bounds a request body; real activities are a few KB.
const maxActivityBytes = 1 << 20

// teamsChannel is the only Bot Framework channel served. Every Azure Bot
// also has Web Chat (and may have Direct Line and others) enabled, and
// their tokens verify just as Teams' do; but a Web Chat client chooses its
// own from.id, so an activity from there claiming a person's 29: id would
// read or delete that person's history.
const teamsChannel = "msteams"

// DefaultMaxConcurrent is how many activities are handled at once unless
// TEAMS_MAX_CONCURRENT says otherwise. A turn without the model takes a
// few milliseconds of CPU and otherwise waits on the connector (at most
// connectorTimeout a call) or the model (its own, smaller pool), so 64 is
// ample for Teams' rate of about 50 activities a second per app and
// tenant, while 64 stuck turns cost a few MB, not hundreds.
const DefaultMaxConcurrent = 64

// Handler does the work of one verified activity, after the HTTP request
// has been answered.
type Handler interface {
	HandleActivity(ctx context.Context, a Activity)
}

// Endpoint serves /api/messages: it verifies the token, reads the
// activity, answers 200 at once and hands the activity to the handler in
// the background, as the protocol expects (replies are separate calls).
// Only activities from Microsoft Teams are taken, and at most
// MaxConcurrent are handled at once; when all slots are busy the request
// gets 503.
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
	// MaxConcurrent bounds the activities being handled at once. When all
	// are taken a verified activity gets 503, which the Bot Framework
	// retries, and nothing of it is processed; 0: DefaultMaxConcurrent.
	MaxConcurrent int

	slotsOnce sync.Once
	slots     chan struct{}
	refused   atomic.Int64 // 503s since the last activity accepted
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
	if a.ChannelID != teamsChannel {
		// Only Teams vouches for who the sender is (see teamsChannel):
		// another channel is refused however well its token verifies.
		e.log().Warn("teams: request refused", "reason", "not from Microsoft Teams", "channel_id", clip(a.ChannelID, 64), "activity_id", a.ID)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if err := e.Verifier.Verify(r.Context(), r.Header.Get("Authorization"), teamsChannel, a.ServiceURL); err != nil {
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
	if !e.acquire() {
		// Every slot is taken (the connector or the store is stuck, or a
		// flood): refuse rather than pile up goroutines; the Bot
		// Framework retries 5xx.
		if e.refused.Add(1) == 1 {
			e.log().Warn("teams: every activity slot is busy; answering 503 until one frees", "max_concurrent", cap(e.slots))
		}
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	if n := e.refused.Swap(0); n > 0 {
		e.log().Info("teams: activity slots free again", "refused", n)
	}
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
		defer e.release()
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

// clip shortens a string from an unverified request for a log line.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// acquire takes a handling slot if one is free; release gives it back.
func (e *Endpoint) acquire() bool {
	e.slotsOnce.Do(func() {
		n := e.MaxConcurrent
		if n <= 0 {
			n = DefaultMaxConcurrent
		}
		e.slots = make(chan struct{}, n)
	})
	select {
	case e.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

func (e *Endpoint) release() { <-e.slots }

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
