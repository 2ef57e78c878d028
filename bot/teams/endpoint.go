package teams

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
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
	Go func(func())
}

func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
	w.WriteHeader(http.StatusOK)
	ctx := context.WithoutCancel(r.Context())
	run := e.Go
	if run == nil {
		run = func(f func()) { go f() }
	}
	run(func() { e.Handler.HandleActivity(ctx, a) })
}

func (e *Endpoint) log() *slog.Logger {
	if e.Log != nil {
		return e.Log
	}
	return slog.New(slog.DiscardHandler)
}
