package slack

import (
	"context"
	"github.com/advisorbot/advisorbot/bot/logctx"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// Observer hears what the adapter does, for metrics; package metrics
// implements it. Methods are called on hot paths (the acknowledgement
// among them) and from many goroutines, so they must be cheap and safe for
// concurrent use.
type Observer interface {
	EventReceived(typ string)
	EventAcked(typ string, latency time.Duration)
	Handled(typ string, d time.Duration)
	// EventDropped: an acknowledged envelope left unhandled by the fair
	// share; reason is user_queue_full, queue_full or stopping.
	EventDropped(typ, reason string)
	// APICall: method such as "chat.postMessage"; status the HTTP status
	// ("200", "429") or "error" when no response came.
	APICall(method, status string, d time.Duration)
	// Recommended is called for each recommendation card sent.
	Recommended(approach string)
}

type nopObserver struct{}

func (nopObserver) EventReceived(string)                  {}
func (nopObserver) EventAcked(string, time.Duration)      {}
func (nopObserver) Handled(string, time.Duration)         {}
func (nopObserver) EventDropped(string, string)           {}
func (nopObserver) APICall(string, string, time.Duration) {}
func (nopObserver) Recommended(string)                    {}

func observerOf(cfg Config) Observer {
	if cfg.Observer == nil {
		return nopObserver{}
	}
	return cfg.Observer
}

// eventType names an envelope for metrics: the inner event type for Events
// API envelopes ("message", "app_mention"), else the envelope type
// ("slash_commands", "interactive"). The set is small and fixed by Slack.
func eventType(evt socketmode.Event) string {
	if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok && ev.InnerEvent.Type != "" {
		return ev.InnerEvent.Type
	}
	return string(evt.Type)
}

// observedTransport reports every Web API call to the observer.
type observedTransport struct {
	next http.RoundTripper
	obs  Observer
}

// CloseIdleConnections passes on http.Client.CloseIdleConnections.
func (t observedTransport) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

func (t observedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	status := "error"
	if err == nil {
		status = strconv.Itoa(resp.StatusCode)
	}
	// The method is the last path element (".../api/chat.postMessage");
	// file upload URLs end in an opaque id, so they are named "upload".
	method := path.Base(req.URL.Path)
	if !strings.Contains(method, ".") {
		method = "upload"
	}
	t.obs.APICall(method, status, time.Since(start))
	return resp, err
}

// httpClient is the Web API client: every call bounded and observed.
func httpClient(obs Observer) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: observedTransport{next: transport, obs: obs}}
}

// transport carries every Slack Web API call of the process: the package's
// own, so Close releases Slack's idle connections and no one else's, and
// shared, so a server and the summary poster (or a restarted server)
// reuse its connections.
var transport = http.DefaultTransport.(*http.Transport).Clone()

// withEventLog returns ctx carrying a logger that names the envelope, so
// every line logged while handling it can be tied to it.
func (a *Server) withEventLog(ctx context.Context, evt socketmode.Event, typ string) context.Context {
	args := []any{"event_type", typ}
	if evt.Request != nil {
		args = append(args, "envelope_id", evt.Request.EnvelopeID)
	}
	if ev, ok := evt.Data.(slackevents.EventsAPIEvent); ok {
		if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.EventID != "" {
			args = append(args, "event_id", cb.EventID)
		}
	}
	return logctx.With(ctx, a.lg.With(args...))
}

// log is the logger for work under ctx: the event's, else the adapter's.
func (a *Server) log(ctx context.Context) *slog.Logger {
	return logctx.From(ctx, a.lg)
}
