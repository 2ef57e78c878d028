package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	goslack "github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// Pool and shutdown sizes.
const (
	workers      = 256              // turns handled at once; a slow model holds one each, the rest take milliseconds
	queueSize    = 1024             // envelopes waiting for a worker, all people together (fair.go bounds each one's share)
	drainTimeout = 10 * time.Second // work in flight may finish after SIGTERM
	ackTimeout   = 2 * time.Second  // an ack that cannot be queued by then is lost anyway
	dedupeTTL    = 24 * time.Hour   // Slack retries within minutes; a day is ample
)

// Server connects the engine to Slack over Socket Mode: the translator
// between Slack's events and the engine, and its connection's lifecycle.
type Server struct {
	cfg    Config
	lg     *slog.Logger
	api    *goslack.Client
	sm     *socketmode.Client
	engine Engine
	store  store.Store
	hc     *http.Client
	retry  goslack.RetryConfig // the Web API's, for the calls made without slack-go

	botUserID string
	teamID    string

	sched     *scheduler // set by Run
	budget    *budget    // the workspace's rate-limited calls, shared by every conversation
	recent    recentSet
	connected atomic.Bool
	obs       Observer
}

// Engine is what the Slack server needs of the engine.
type Engine interface {
	Handle(ctx context.Context, in bot.Inbound, r bot.Replier) error
	Intake(ctx context.Context, in bot.Inbound, answers advisor.UseCase, r bot.Replier) error
	Check(in bot.Inbound) (refusal string, ok bool)
}

// Ready reports whether the Socket Mode connection is up, for a readiness
// check: not before the first connection, while reconnecting or after Run
// returns.
func (a *Server) Ready(context.Context) error {
	if !a.connected.Load() {
		return errors.New("not connected to Slack (Socket Mode)")
	}
	return nil
}

// Close releases the idle HTTP connections to Slack. Run must have
// returned.
func (a *Server) Close() error {
	a.hc.CloseIdleConnections()
	return nil
}

// now is the adapter's clock.
func (a *Server) now() time.Time {
	if a.cfg.Now != nil {
		return a.cfg.Now()
	}
	return time.Now()
}

// recentSet remembers keys for a few minutes, for duplicates that arrive
// close together.
type recentSet struct {
	mu    sync.Mutex
	seen  map[string]time.Time
	swept time.Time
}

const recentTTL = 10 * time.Minute

// first reports whether key is new at now, and remembers it.
func (r *recentSet) first(key string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.seen == nil {
		r.seen = map[string]time.Time{}
	}
	if now.Sub(r.swept) > recentTTL {
		for k, at := range r.seen {
			if now.Sub(at) > recentTTL {
				delete(r.seen, k)
			}
		}
		r.swept = now
	}
	if _, ok := r.seen[key]; ok {
		return false
	}
	r.seen[key] = now
	return true
}

// New checks cfg and builds the Slack clients; nothing is sent until
// Check or Run.
func New(lg *slog.Logger, cfg Config, engine Engine, st store.Store) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, bot.SettingsError(err)
	}
	hc, retry := httpClient(observerOf(cfg)), retryConfig(lg)
	api := goslack.New(cfg.BotToken,
		goslack.OptionAPIURL(cfg.APIURL),
		goslack.OptionAppLevelToken(cfg.AppToken),
		// No Web API call should hold a worker for ever; the streaming
		// methods are short calls too.
		goslack.OptionHTTPClient(hc),
		// Retries 429 after the Retry-After Slack sends, on every method,
		// and 5xx and connection errors where that is safe (retry.go).
		goslack.OptionRetryConfig(retry),
	)
	s := &Server{
		cfg: cfg, lg: lg, api: api, engine: engine, store: st, obs: observerOf(cfg), hc: hc, retry: retry,
		sm: socketmode.New(api),
	}
	s.budget = newBudget(s.now)
	return s, nil
}

// Check calls auth.test, so a wrong token stops start-up with a clear
// message instead of a reconnect loop.
func (a *Server) Check(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	res, err := a.api.AuthTestContext(ctx)
	var se goslack.SlackErrorResponse
	switch {
	case errors.As(err, &se):
		return bot.SettingsError(fmt.Errorf("slack: SLACK_BOT_TOKEN was refused by auth.test (%s): copy the Bot User OAuth Token again (OAuth & Permissions)", se.Err))
	case err != nil:
		return fmt.Errorf("slack: auth.test failed (%v): is SLACK_API_URL (%s) reachable?", err, a.cfg.APIURL)
	}
	a.botUserID, a.teamID = res.UserID, res.TeamID
	return nil
}

// Run serves until ctx ends: it acknowledges every envelope at once and
// hands the work to a bounded pool that gives each person a fair share
// (fair.go); on return, work in flight has had up to drainTimeout to
// finish.
func (a *Server) Run(ctx context.Context) error {
	if a.botUserID == "" {
		if err := a.Check(ctx); err != nil {
			return err
		}
	}
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	a.sched = newScheduler(work, workers, a.safely)
	smErr := make(chan error, 1)
	go func() { smErr <- a.supervise(ctx) }()

	err := a.loop(ctx, smErr)

	// Stop taking events; let work in flight finish, up to drainTimeout.
	done := make(chan struct{})
	go func() { a.sched.close(); close(done) }()
	select {
	case <-done:
	case <-time.After(drainTimeout):
		a.lg.Warn("slack: work still running at shutdown; cancelling it")
		stopWork()
		<-done
	}
	return err
}

// supervise keeps the Socket Mode connection up: slack-go reconnects on its
// own, but returns on errors it deems fatal, which are retried here unless
// they are about the token.
func (a *Server) supervise(ctx context.Context) error {
	backoff := time.Second
	for {
		err := a.sm.RunContext(ctx)
		a.connected.Store(false)
		if ctx.Err() != nil {
			return nil
		}
		var se goslack.SlackErrorResponse
		if errors.As(err, &se) && (se.Err == "invalid_auth" || se.Err == "not_authed" || se.Err == "token_revoked" || se.Err == "account_inactive") {
			return bot.SettingsError(fmt.Errorf("slack: Socket Mode refused SLACK_APP_TOKEN (%s): create an app-level token with connections:write", se.Err))
		}
		a.lg.Warn("slack: socket mode stopped; restarting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, time.Minute)
	}
}

// loop reads envelopes. It never blocks on work: every envelope is acked
// first, then scheduled.
func (a *Server) loop(ctx context.Context, smErr <-chan error) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-smErr:
			return err
		case evt, ok := <-a.sm.Events:
			if !ok {
				return nil
			}
			a.dispatch(ctx, evt)
		}
	}
}

func (a *Server) dispatch(ctx context.Context, evt socketmode.Event) {
	var typ string
	var received time.Time
	switch evt.Type {
	case socketmode.EventTypeInteractive, socketmode.EventTypeEventsAPI, socketmode.EventTypeSlashCommand:
		typ, received = eventType(evt), time.Now()
		a.obs.EventReceived(typ)
	}
	switch evt.Type {
	case socketmode.EventTypeInteractive:
		if cb, ok := evt.Data.(goslack.InteractionCallback); ok && opensModal(cb) {
			// views.open must beat the trigger's 3-second expiry, so it
			// does not wait behind the queue.
			a.ack(ctx, evt, typ, received)
			go a.safely(a.withEventLog(context.WithoutCancel(ctx), evt, typ), func(ctx context.Context) { a.openIntake(ctx, cb) })
			return
		}
		fallthrough
	case socketmode.EventTypeEventsAPI, socketmode.EventTypeSlashCommand:
		// Ack first, always: an envelope left unacknowledged because one
		// person filled the queue would come back three times and delay
		// everyone. Work beyond a person's share is dropped instead.
		a.ack(ctx, evt, typ, received)
		a.schedule(ctx, evt, typ)
	case socketmode.EventTypeErrorBadMessage:
		a.ackBadMessage(evt)
	case socketmode.EventTypeConnected:
		a.connected.Store(true)
		a.lg.Info("slack: connected")
	case socketmode.EventTypeConnecting, socketmode.EventTypeDisconnect:
		a.connected.Store(false)
	case socketmode.EventTypeConnectionError, socketmode.EventTypeIncomingError:
		a.connected.Store(false)
		a.lg.Warn("slack: connection trouble", "type", evt.Type)
	case socketmode.EventTypeInvalidAuth:
		a.lg.Error("slack: invalid auth; check SLACK_APP_TOKEN")
	}
}

// ack acknowledges an envelope, giving up after ackTimeout (an ack that
// cannot be queued by then would be too late anyway), and reports the time
// since it was received.
func (a *Server) ack(ctx context.Context, evt socketmode.Event, typ string, received time.Time) {
	if evt.Request == nil {
		return
	}
	actx, cancel := context.WithTimeout(ctx, ackTimeout)
	defer cancel()
	if err := a.sm.AckCtx(actx, evt.Request.EnvelopeID, nil); err != nil {
		a.lg.Warn("slack: ack failed", "envelope_id", evt.Request.EnvelopeID, "err", err)
		return
	}
	a.obs.EventAcked(typ, time.Since(received))
}

// opensModal reports a click on New assessment.
func opensModal(cb goslack.InteractionCallback) bool {
	return cb.Type == goslack.InteractionTypeBlockActions && len(cb.ActionCallback.BlockActions) > 0 &&
		cb.ActionCallback.BlockActions[0].ActionID == actionNew
}

// ackBadMessage acks an envelope slack-go could not decode, so Slack does
// not retry it forever; its id is read from the raw frame.
func (a *Server) ackBadMessage(evt socketmode.Event) {
	bad, ok := evt.Data.(*socketmode.ErrorBadMessage)
	if !ok {
		return
	}
	var env struct {
		EnvelopeID string `json:"envelope_id"`
	}
	if json.Unmarshal(bad.Message, &env) == nil && env.EnvelopeID != "" {
		a.sm.Ack(socketmode.Request{EnvelopeID: env.EnvelopeID})
	}
	a.lg.Warn("slack: undecodable envelope acknowledged and dropped", "envelope_id", env.EnvelopeID)
}

// safely runs one piece of work, turning a panic into a logged error so
// one bad event cannot take the process down.
func (a *Server) safely(ctx context.Context, f func(context.Context)) {
	defer func() {
		if r := recover(); r != nil {
			a.log(ctx).Error("slack: handler panicked", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	f(ctx)
}
