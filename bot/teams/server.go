package teams

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// Server is the Teams side of the bot: the messaging endpoint on
// cfg.Addr, its adapter to the engine, and the connector it answers
// through. New binds the listener; Run serves until its context ends, then
// drains the activities being handled.
type Server struct {
	cfg      Config
	verifier *Verifier
	conn     *Connector
	srv      *http.Server
	ln       net.Listener
	lg       *slog.Logger
	st       store.Store

	// Activities are handled after their request is answered; at shutdown
	// they get drainTimeout to finish, then their context is cancelled.
	base     context.Context
	cancel   context.CancelFunc
	mu       sync.Mutex
	closing  bool
	inflight sync.WaitGroup
}

// Shutdown timings: requests in progress get shutdownTimeout (longer than
// a request may take: ReadTimeout plus a token check), then the activities
// they started get drainTimeout, then cancelTimeout after cancellation.
const (
	readTimeout     = 15 * time.Second
	shutdownTimeout = 30 * time.Second
	drainTimeout    = 15 * time.Second
	cancelTimeout   = 5 * time.Second
)

// New checks cfg, builds the Teams server over engine and st (places, for
// posting unprompted) and binds cfg.Addr, so a busy port stops start-up
// at once.
func New(lg *slog.Logger, cfg Config, engine Engine, st store.Store) (*Server, error) {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	if err := cfg.Validate(); err != nil {
		return nil, bot.SettingsError(err)
	}
	base, cancel := context.WithCancel(context.Background())
	t := &Server{cfg: cfg, lg: lg, st: st, base: base, cancel: cancel,
		verifier: &Verifier{AppID: cfg.AppID, MetadataURL: cfg.MetadataURL},
		conn:     &Connector{Tokens: cfg.Tokens(), BaseURL: cfg.ConnectorURL, Observer: cfg.Observer},
	}
	ad := &Adapter{Engine: engine, Conn: t.conn, Store: st, Log: lg, Observer: cfg.Observer}
	ep := &Endpoint{Verifier: t.verifier, Handler: ad, Log: lg, Observer: cfg.Observer, Context: base, Go: t.goHandle,
		MaxConcurrent: cfg.MaxConcurrent}
	mux := http.NewServeMux()
	mux.Handle("/api/messages", ep)
	t.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: readTimeout,
		WriteTimeout: readTimeout, IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(lg.Handler(), slog.LevelWarn)}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		cancel()
		return nil, bot.SettingsError(fmt.Errorf("TEAMS_ADDR=%s: cannot listen: %w; choose a free port", cfg.Addr, err))
	}
	t.ln = ln
	if cfg.Certificate != nil {
		lg.Info("teams: certificate credential", "thumbprint", cfg.Certificate.Thumbprint(), "not_after", cfg.Certificate.NotAfter)
		if time.Until(cfg.Certificate.NotAfter) < 30*24*time.Hour {
			lg.Warn("teams: the certificate expires within 30 days; upload a new one to the app registration", "not_after", cfg.Certificate.NotAfter)
		}
	}
	return t, nil
}

// Addr is the endpoint's listening address.
func (t *Server) Addr() string { return t.ln.Addr().String() }

// Ready reports whether requests can be verified (the signing keys are
// loaded), for /readyz.
func (t *Server) Ready(ctx context.Context) error { return t.verifier.Ready(ctx) }

// Connector is the server's connection to the Bot Framework, for posting
// unprompted (the weekly summary).
func (t *Server) Connector() *Connector { return t.conn }

// Run serves until ctx ends, then stops taking requests and waits a while
// for activities being handled.
func (t *Server) Run(ctx context.Context) error {
	// Warm the key cache so the first message does not wait for Microsoft;
	// a failure here is retried on the first request and shows in /readyz.
	go func() {
		wctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		if err := t.verifier.Ready(wctx); err != nil {
			t.lg.Warn("teams: signing keys not loaded yet", "err", err)
		}
	}()
	errc := make(chan error, 1)
	go func() { errc <- t.srv.Serve(t.ln) }()
	t.lg.Info("teams: messaging endpoint listening", "addr", t.Addr(), "path", "/api/messages", "app_id", t.cfg.AppID)
	var serveErr error
	select {
	case serveErr = <-errc:
		serveErr = fmt.Errorf("teams: %w", serveErr)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := t.srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		t.lg.Warn("teams: shutdown", "err", err)
	}
	t.drain()
	return serveErr
}

// goHandle runs an activity's handling in the background, counted for the
// drain; after the drain began (a request outlived shutdownTimeout) it is
// dropped, since the store is about to close (its endpoint slot is never
// given back, which no longer matters).
func (t *Server) goHandle(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closing {
		t.lg.Warn("teams: activity arrived during shutdown and was dropped")
		return
	}
	t.inflight.Go(f)
}

// drain waits for activities being handled, cancels them after
// drainTimeout, and waits a little more for them to notice.
func (t *Server) drain() {
	t.mu.Lock()
	t.closing = true
	t.mu.Unlock()
	done := make(chan struct{})
	go func() { t.inflight.Wait(); close(done) }()
	select {
	case <-done:
		t.cancel()
		return
	case <-time.After(drainTimeout):
	}
	t.cancel()
	select {
	case <-done:
		t.lg.Warn("teams: activities still being handled at shutdown were cancelled", "waited", drainTimeout)
	case <-time.After(cancelTimeout):
		t.lg.Error("teams: activities still running after cancellation; their last writes may fail", "waited", drainTimeout+cancelTimeout)
	}
}

// Close releases the listener of a server that never ran.
func (t *Server) Close() {
	t.ln.Close() // after Run it is closed already; the error says so
	t.cancel()
}
