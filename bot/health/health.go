// Package health serves the endpoints a platform team probes: /livez (the
// process answers) and /readyz (every dependency the bot cannot work
// without is up). The model is deliberately not a readiness check: without
// it the bot still answers with rule-written explanations.
package health

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Check is one readiness condition; Run returns nil when it holds.
type Check struct {
	Name string
	Run  func(ctx context.Context) error
}

// checkTimeout bounds each readiness check, so a stuck dependency makes the
// probe fail rather than hang past the prober's own timeout.
const checkTimeout = 2 * time.Second

// Handler serves /livez and /readyz. Extra handlers (such as /metrics) can
// be added to the returned mux by the caller.
func Handler(checks []Check) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		status := map[string]string{}
		code := http.StatusOK
		for _, c := range checks {
			ctx, cancel := context.WithTimeout(r.Context(), checkTimeout)
			err := c.Run(ctx)
			cancel()
			if err != nil {
				status[c.Name] = err.Error()
				code = http.StatusServiceUnavailable
				continue
			}
			status[c.Name] = "ok"
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(status)
	})
	return mux
}

// Server is the HTTP listener for the health endpoints.
type Server struct {
	srv *http.Server
	ln  net.Listener
	log *slog.Logger
}

// Listen binds addr (":8080"); the listener is open when Listen returns, so
// a bad address or a port in use fails at start-up.
func Listen(log *slog.Logger, addr string, h http.Handler) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("health: listen on HTTP_ADDR=%s: %w (choose a free port, or set HTTP_ADDR to empty to turn the listener off)", addr, err)
	}
	return &Server{srv: &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}, ln: ln, log: log}, nil
}

// Addr is the bound address (useful with ":0").
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve serves until Shutdown.
func (s *Server) Serve() {
	if err := s.srv.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		s.log.Error("health: serve", "err", err)
	}
}

// Shutdown stops the listener, waiting up to ctx for requests in flight.
func (s *Server) Shutdown(ctx context.Context) error {
	if err := s.srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("health: shutdown: %w", err)
	}
	return nil
}
