package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/health"
	"github.com/advisorbot/advisorbot/bot/store"
)

// defaultHTTPAddr is where the health endpoints listen unless HTTP_ADDR says
// otherwise; HTTP_ADDR set to empty turns the listener off.
const defaultHTTPAddr = ":8080"

// httpAddr reads HTTP_ADDR, telling "unset" (the default) from "set to
// empty" (off).
func httpAddr() string {
	if v, ok := os.LookupEnv("HTTP_ADDR"); ok {
		return strings.TrimSpace(v)
	}
	return defaultHTTPAddr
}

// serverLogger builds the long-running commands' logger from LOG_FORMAT
// (json, the default, or text) and LOG_LEVEL (debug, info, the default,
// warn or error).
func serverLogger(w io.Writer, getenv func(string) string) (*slog.Logger, error) {
	var level slog.Level
	if v := strings.TrimSpace(getenv("LOG_LEVEL")); v != "" {
		if err := level.UnmarshalText([]byte(v)); err != nil {
			return nil, fmt.Errorf("LOG_LEVEL=%q: use debug, info, warn or error", v)
		}
	}
	opts := &slog.HandlerOptions{Level: level}
	switch f := strings.ToLower(strings.TrimSpace(getenv("LOG_FORMAT"))); f {
	case "", "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	default:
		return nil, fmt.Errorf("LOG_FORMAT=%q: use json (for log collectors) or text (for people)", f)
	}
}

// storeCheck is ready when the store answers a read and would take a
// write (the disk has room).
func storeCheck(st store.Store) health.Check {
	return health.Check{Name: "store", Run: func(ctx context.Context) error {
		if err := st.Writable(ctx); err != nil {
			return fmt.Errorf("store cannot take writes: %w", err)
		}
		if _, err := st.SummaryMarked(ctx, "0000-W00"); err != nil {
			return fmt.Errorf("store unavailable: %w", err)
		}
		return nil
	}}
}

// startHealth starts the health and metrics listener on addr; it stops
// when ctx ends.
func startHealth(ctx context.Context, lg *slog.Logger, addr string, checks []health.Check, metrics http.Handler) (*health.Server, error) {
	mux := health.Handler(checks)
	mux.Handle("GET /metrics", metrics)
	srv, err := health.Listen(lg, addr, mux)
	if err != nil {
		return nil, err
	}
	go srv.Serve()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	lg.Info("advisorbot: health endpoints listening", "addr", srv.Addr())
	return srv, nil
}

// runHealthcheck implements `advisorbot healthcheck`, the container's
// health probe (the image has no shell or curl): exit 0 when /livez (or
// --path) on HTTP_ADDR answers 200 within the timeout.
func runHealthcheck(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", httpAddr(), "`address` the bot listens on (env HTTP_ADDR)")
	path := fs.String("path", "/livez", "endpoint to probe: /livez or /readyz")
	timeout := fs.Duration("timeout", 3*time.Second, "how long to wait for an answer")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	if *addr == "" {
		fmt.Fprintln(stderr, "healthcheck: HTTP_ADDR is empty, so the bot serves no health endpoints; set HTTP_ADDR (default :8080)")
		return exitBadInput
	}
	host, port, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "healthcheck: HTTP_ADDR=%q: write it as host:port or :port, e.g. :8080\n", *addr)
		return exitBadInput
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	url := "http://" + net.JoinHostPort(host, port) + *path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		fmt.Fprintf(stderr, "healthcheck: %v\n", err)
		return exitBadInput
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("no answer within %v", *timeout)
		}
		fmt.Fprintf(stderr, "healthcheck: %s: %v\n", url, err)
		return exitInternal
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "healthcheck: %s: %s %s\n", url, resp.Status, strings.TrimSpace(string(body)))
		return exitInternal
	}
	fmt.Fprintf(stdout, "%s: %s\n", url, strings.TrimSpace(string(body)))
	return exitOK
}
