// Package slacktest is advisorbot's fake Slack for tests. It speaks the
// real wire protocols, so the unmodified slack-go client works against it:
//
//	fake := slacktest.Start(t, slacktest.Config{})
//	api := slack.New(fake.BotToken(),
//		slack.OptionAPIURL(fake.APIURL()),
//		slack.OptionAppLevelToken(fake.AppToken()))
//	client := socketmode.New(api) // run it; it connects to the fake
//	fake.Send(fake.DM("U1", "Is fine-tuning worth it?"))
//	fake.Await(ctx, func() bool { return len(fake.Messages(fake.DMChannel("U1"))) > 1 })
//
// The Web API half serves the methods the bot calls (chat.*, including the
// streaming methods, assistant.threads.*, views.*, users.info,
// conversations.*, the files upload v2 flow and response_url), and refuses
// what Slack refuses: tokens the way Slack checks them, scopes the app's
// manifest does not grant (missing_scope), channels the bot is not a
// member of (not_in_channel), Slack's message, Block Kit and view limits
// (CheckBlocks, CheckView), streams that are not replies or that the
// person stopped, and calls past a method's rate tier (429 with
// Retry-After). It keeps what the bot posted per channel and thread, logs
// every call, and can be scripted to fail (FailNext, RateLimitNext,
// ErrorNext, ServerErrorNext, DropNext, RefuseStreaming).
//
// The Socket Mode half hands out WebSocket URLs from apps.connections.open,
// greets each connection with hello, sends WebSocket pings so the client's
// watchdog stays quiet, pushes envelopes built by the constructors (DM,
// Mention, SlashCommand, ButtonClick, SubmitView, Malformed, Duplicate,
// ...), records every ack with its latency, and can ask the client to
// reconnect (Disconnect) or cut it off (DropConnections).
//
// slack-go ships its own slacktest, but its socket speaks the retired RTM
// protocol and it lacks chat.update, views, streaming and files.
package slacktest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Config sets the fake's identity and timing. The zero value is usable:
// every empty field takes the default named in its comment.
type Config struct {
	BotToken   string // "xoxb-fake-bot-token"
	AppToken   string // "xapp-fake-app-token"
	TeamID     string // "T0FAKE"
	TeamDomain string // "fake"
	AppID      string // "A0FAKE"
	BotUserID  string // "U0BOT"
	BotID      string // "B0BOT"
	BotName    string // "advisorbot"

	// PingInterval is how often each socket gets a WebSocket PING. slack-go
	// reconnects when no ping arrives within its own OptionPingInterval
	// (30 s by default), so the default 500 ms keeps any sane client happy.
	// Negative disables pings, to exercise the client's watchdog.
	PingInterval time.Duration
	// DisconnectGrace is how long the socket stays open after a disconnect
	// message before the fake closes it (50 ms). Slack waits about 10 s
	// after a "warning"; slack-go closes its side at once anyway.
	DisconnectGrace time.Duration
	// TriggerTTL is how long a trigger_id can open a modal (3 s, as Slack).
	// Negative means forever.
	TriggerTTL time.Duration
	// MaxTextChars is the longest text chat methods accept before they
	// answer msg_too_long (40,000, where Slack truncates; field reports put
	// the practical limit near 4,000, so tests may lower it).
	MaxTextChars int
	// BaseTS is the Unix second message timestamps count from
	// (1,700,000,000). Set it to time.Now().Unix() for code that judges
	// messages by age.
	BaseTS int64
	// Logf, when set, receives a line per request and socket event.
	Logf func(format string, args ...any)

	// Manifest is the app's configuration: the scopes its token has, the
	// events it subscribes to and its slash commands. nil reads
	// slack-app-manifest.yaml from the working directory or a parent
	// (FindManifest), so the fake grants what the real app would.
	Manifest *Manifest
	// Now is the clock of the rate limits (time.Now when nil). A clock
	// that stands still lets a test count calls against a limit without
	// timing anything.
	Now func() time.Time
	// NoRateLimits turns the rate tiers off, for load tests that measure
	// the bot rather than what Slack would let through.
	NoRateLimits bool
}

func (c Config) withDefaults() Config {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&c.BotToken, "xoxb-fake-bot-token")
	def(&c.AppToken, "xapp-fake-app-token")
	def(&c.TeamID, "T0FAKE")
	def(&c.TeamDomain, "fake")
	def(&c.AppID, "A0FAKE")
	def(&c.BotUserID, "U0BOT")
	def(&c.BotID, "B0BOT")
	def(&c.BotName, "advisorbot")
	if c.PingInterval == 0 {
		c.PingInterval = 500 * time.Millisecond
	}
	if c.DisconnectGrace == 0 {
		c.DisconnectGrace = 50 * time.Millisecond
	}
	if c.TriggerTTL == 0 {
		c.TriggerTTL = 3 * time.Second
	}
	if c.MaxTextChars == 0 {
		c.MaxTextChars = 40000
	}
	if c.BaseTS == 0 {
		c.BaseTS = 1700000000
	}
	return c
}

// Fake is a running fake Slack. All methods are safe for concurrent use.
type Fake struct {
	cfg Config
	srv *httptest.Server

	// mu guards everything below. Web API handlers run entirely under it,
	// which keeps each call atomic, as a test expects of a fake.
	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every state change
	closed  bool
	seq     int // last message timestamp issued
	ids     int // last identifier issued

	calls    []Call
	failures map[string][]failure
	refusal  string // error code for chat.startStream; "" allows streaming
	manifest Manifest
	buckets  map[string]*bucket // rate limits, by method (and channel)
	problems []string           // what the limit checks found, "method: path: rule"
	// stopAfter is how many appends a new stream takes before its person
	// stops it; negative: never (StopStreamsAfter).
	stopAfter int

	store
	sock socketState

	wg sync.WaitGroup // socket goroutines

	// logMu guards logFn apart from mu, so logging never waits on state.
	logMu sync.Mutex
	logFn func(format string, args ...any)
}

// New starts a fake Slack on a loopback port. Close it when done.
func New(cfg Config) *Fake {
	f := &Fake{
		cfg:      cfg.withDefaults(),
		changed:  make(chan struct{}),
		failures: map[string][]failure{},
		buckets:  map[string]*bucket{},
		store:    newStore(),
		sock:     newSocketState(),
		logFn:    cfg.Logf,
	}
	f.manifest = f.cfg.manifest()
	f.stopAfter = -1
	mux := http.NewServeMux()
	mux.HandleFunc("/api/", f.serveAPI)
	mux.HandleFunc("/link/", f.serveSocket)
	mux.HandleFunc("/upload/", f.serveUpload)
	mux.HandleFunc("/response/", f.serveResponseURL)
	f.srv = httptest.NewServer(mux)
	return f
}

// Start is New for a test: the fake closes when the test ends.
func Start(t testing.TB, cfg Config) *Fake {
	t.Helper()
	if cfg.Logf == nil {
		cfg.Logf = t.Logf
	}
	if cfg.Manifest == nil {
		path, err := FindManifest()
		if err != nil {
			t.Fatal(err)
		}
		m, err := ReadManifest(path)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Manifest = &m
	}
	f := New(cfg)
	t.Cleanup(f.Close)
	return f
}

// Close drops every socket, stops the server and waits for the fake's
// goroutines. It is idempotent.
func (f *Fake) Close() {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return
	}
	f.closed = true
	conns := f.liveConns()
	f.mu.Unlock()
	// testing panics on Logf after the test ended, so go quiet first.
	f.logMu.Lock()
	f.logFn = nil
	f.logMu.Unlock()
	for _, c := range conns {
		c.close()
	}
	f.srv.Close()
	f.wg.Wait()
}

// APIURL is the Web API base URL for slack.OptionAPIURL. It ends in "/"
// because slack-go appends method names to it verbatim.
func (f *Fake) APIURL() string { return f.srv.URL + "/api/" }

// BotToken is the xoxb- token the Web API methods accept.
func (f *Fake) BotToken() string { return f.cfg.BotToken }

// AppToken is the xapp- token apps.connections.open accepts.
func (f *Fake) AppToken() string { return f.cfg.AppToken }

// Config returns the configuration in effect, defaults filled in.
func (f *Fake) Config() Config { return f.cfg }

// BotID is the bot's bot ID (B...), as auth.test reports it.
func (f *Fake) BotID() string { return f.cfg.BotID }

// Await blocks until cond returns true or ctx ends. cond is evaluated now
// and after every change to the fake's state (a call, a post, a connection,
// an ack), so it may use any of the fake's getters. Prefer it to sleeping.
func (f *Fake) Await(ctx context.Context, cond func() bool) error {
	for {
		// Take the channel before evaluating, so a change in between still
		// wakes us.
		f.mu.Lock()
		ch := f.changed
		f.mu.Unlock()
		if cond() {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("slacktest: condition not met: %w", context.Cause(ctx))
		}
	}
}

// notify wakes Await callers; f.mu must be held.
func (f *Fake) notify() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// nextID returns prefix followed by a fresh number; f.mu must be held.
func (f *Fake) nextID(prefix string) string {
	f.ids++
	return fmt.Sprintf("%s%07d", prefix, f.ids)
}

// nextTS returns a fresh message timestamp, later than all before it;
// f.mu must be held. They look like Slack's ("1700000000.000100") and
// compare correctly as strings while the seconds keep their width.
func (f *Fake) nextTS() string {
	f.seq++
	return fmt.Sprintf("%d.%06d", f.cfg.BaseTS+int64(f.seq/10000), (f.seq%10000)*100)
}

func (f *Fake) logf(format string, args ...any) {
	f.logMu.Lock()
	defer f.logMu.Unlock()
	if f.logFn != nil {
		f.logFn("slacktest: "+format, args...)
	}
}

// baseURL is the server's root URL for links the fake hands out.
func (f *Fake) baseURL() string { return strings.TrimSuffix(f.srv.URL, "/") }
