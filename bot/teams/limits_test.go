package teams

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// countingHandler passes activities on and counts them: how many began,
// how many are being handled now and the most at once.
type countingHandler struct {
	next Handler

	mu               sync.Mutex
	began, now, most int
}

func (h *countingHandler) HandleActivity(ctx context.Context, a Activity) {
	h.mu.Lock()
	h.began++
	h.now++
	h.most = max(h.most, h.now)
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		h.now--
		h.mu.Unlock()
	}()
	if h.next != nil {
		h.next.HandleActivity(ctx, a)
	}
}

func (h *countingHandler) counts() (began, now, most int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.began, h.now, h.most
}

// personalMessage is a message in a person's personal chat with the bot.
func personalMessage(serviceURL, channel, user, text string, n int) Activity {
	return Activity{Type: "message", ID: "act-" + strconv.Itoa(n), ChannelID: channel, ServiceURL: serviceURL,
		From: &Account{ID: "29:" + user}, Recipient: &Account{ID: "28:" + testAppID},
		Conversation: &Conversation{ID: "a:" + user, ConversationType: "personal", TenantID: "t1"}, Text: text}
}

// TestEndpointServesOnlyTeams: an activity from Web Chat (or any channel
// but msteams) is refused with 401 although its token is good, and
// nothing of it is processed: no handler call, no connector call, not
// even a token fetched. Web Chat lets its client choose from.id, so
// otherwise anyone with the Web Chat secret could act as any person.
func TestEndpointServesOnlyTeams(t *testing.T) {
	id, bf, st := teamstest.NewIdentity(t), teamstest.NewBotFramework(t), store.NewMem()
	h := &countingHandler{next: &Adapter{Engine: testEngine(t, st), Conn: &Connector{Tokens: tokens(bf, teamstest.Secret)}, Store: st}}
	ep := &Endpoint{Verifier: &Verifier{AppID: testAppID, MetadataURL: id.MetadataURL()}, Handler: h, Go: func(f func()) { f() }}
	srv := httptest.NewServer(ep)
	defer srv.Close()

	// The victim's 29: id, as a Web Chat client may claim it; key k1 is
	// endorsed for webchat as well as msteams, as Microsoft's keys are.
	for i, channel := range []string{"webchat", "directline", "emulator", "", "MSTeams"} {
		code := id.Deliver(t, srv.URL+"/api/messages", testAppID, personalMessage(bf.ServiceURL(), channel, "victim", "forget me", i))
		if code != http.StatusUnauthorized {
			t.Errorf("channelId %q: HTTP %d, want 401", channel, code)
		}
	}
	if began, _, _ := h.counts(); began != 0 {
		t.Fatalf("%d activities from other channels reached the handler", began)
	}
	if n := len(bf.Activities()); n != 0 {
		t.Errorf("%d connector calls for refused activities", n)
	}
	if n := bf.TokenCalls(); n != 0 {
		t.Errorf("%d tokens fetched for refused activities", n)
	}

	// The same activity from Teams, with the same kind of token, is served.
	if code := id.Deliver(t, srv.URL+"/api/messages", testAppID, personalMessage(bf.ServiceURL(), "msteams", "victim", "help", 9)); code != http.StatusOK {
		t.Fatalf("msteams: HTTP %d", code)
	}
	if began, _, _ := h.counts(); began != 1 || len(bf.Activities()) == 0 {
		t.Errorf("the Teams activity was not handled: %d handled, %d connector calls", began, len(bf.Activities()))
	}
}

// TestEndpointBoundsActivities: against a connector that never answers,
// at most MaxConcurrent activities are handled at once; the rest get 503
// (which the Bot Framework retries) and are not handled at all. Once the
// connector answers, the slots free and activities are taken again.
func TestEndpointBoundsActivities(t *testing.T) {
	const limit, extra = 4, 20
	id, bf, st := teamstest.NewIdentity(t), teamstest.NewBotFramework(t), store.NewMem()
	bf.Silence()
	h := &countingHandler{next: &Adapter{Engine: testEngine(t, st), Conn: &Connector{Tokens: tokens(bf, teamstest.Secret)}, Store: st}}
	var running sync.WaitGroup
	ep := &Endpoint{Verifier: &Verifier{AppID: testAppID, MetadataURL: id.MetadataURL()}, Handler: h, MaxConcurrent: limit,
		Go: func(f func()) { running.Go(f) }}
	srv := httptest.NewServer(ep)
	defer srv.Close()
	deliver := func(i int) int {
		return id.Deliver(t, srv.URL+"/api/messages", testAppID,
			personalMessage(bf.ServiceURL(), "msteams", "u"+strconv.Itoa(i), "We want to triage 2,000 invoices a week, 3 minutes each.", i))
	}

	for i := range limit {
		if code := deliver(i); code != http.StatusOK {
			t.Fatalf("activity %d of %d: HTTP %d, want 200", i+1, limit, code)
		}
	}
	// Each of them now waits on the silent connector.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a safety net, not a measurement
	defer cancel()
	if err := bf.AwaitHeld(ctx, limit); err != nil {
		t.Fatalf("the handlers never reached the connector: %v", err)
	}
	busy := 0
	for i := range extra {
		if code := deliver(limit + i); code == http.StatusServiceUnavailable {
			busy++
		} else {
			t.Errorf("activity %d beyond the limit: HTTP %d, want 503", i+1, code)
		}
	}
	began, now, most := h.counts()
	if began != limit || now != limit || most != limit || busy != extra {
		t.Errorf("handled %d (now %d, at most %d at once), refused %d; want %d, %d, %d and %d", began, now, most, busy, limit, limit, limit, extra)
	}
	if _, heldMost := bf.Held(); heldMost > limit {
		t.Errorf("%d connector calls held at once; the limit is %d", heldMost, limit)
	}

	bf.Speak()
	running.Wait()
	if code := deliver(99); code != http.StatusOK {
		t.Errorf("after the connector answered: HTTP %d, want 200", code)
	}
	running.Wait()
	if began, now, most := h.counts(); began != limit+1 || now != 0 || most != limit {
		t.Errorf("after: handled %d (now %d, at most %d at once)", began, now, most)
	}
}

// TestSilentConnectorFreesTheSlot: a connector call that is never
// answered ends at the connector's deadline, so the activity's handling
// ends and its slot is taken again, with no slot held for ever.
func TestSilentConnectorFreesTheSlot(t *testing.T) {
	id, bf, st := teamstest.NewIdentity(t), teamstest.NewBotFramework(t), store.NewMem()
	bf.Silence()
	conn := &Connector{Tokens: tokens(bf, teamstest.Secret), Timeout: 50 * time.Millisecond}
	h := &countingHandler{next: &Adapter{Engine: testEngine(t, st), Conn: conn, Store: st}}
	finished := make(chan struct{}, 1)
	ep := &Endpoint{Verifier: &Verifier{AppID: testAppID, MetadataURL: id.MetadataURL()}, Handler: h, MaxConcurrent: 1,
		// As the server does, but saying when the slot is free again.
		Go: func(f func()) { go func() { f(); finished <- struct{}{} }() }}
	srv := httptest.NewServer(ep)
	defer srv.Close()
	for i := range 3 {
		code := id.Deliver(t, srv.URL+"/api/messages", testAppID, personalMessage(bf.ServiceURL(), "msteams", "u", "We want to triage invoices.", i))
		if code != http.StatusOK {
			t.Fatalf("activity %d: HTTP %d, want 200 (the slot was not given back)", i+1, code)
		}
		<-finished // its handling ended although the connector never answered
	}
	if _, heldMost := bf.Held(); heldMost == 0 {
		t.Error("the connector held no call; the test did not test a silent connector")
	}
}

// TestConnectorDeadline: each connector call ends by the Connector's
// Timeout when the connector never answers, with the deadline in the
// error, and a token is not fetched for a caller whose deadline passed.
func TestConnectorDeadline(t *testing.T) {
	bf := teamstest.NewBotFramework(t)
	ts := tokens(bf, teamstest.Secret)
	if _, err := ts.Token(context.Background()); err != nil { // cached from here on
		t.Fatal(err)
	}
	bf.Silence()
	c := &Connector{Tokens: ts, Timeout: 20 * time.Millisecond}
	_, err := c.SendActivity(context.Background(), bf.ServiceURL(), "a:conv", Activity{Type: "message", Text: "hi"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("SendActivity to a silent connector: %v, want the deadline", err)
	}
	if _, most := bf.Held(); most != 1 {
		t.Errorf("%d calls held; want 1 (the test did not test a silent connector)", most)
	}

	done, cancel := context.WithCancel(context.Background())
	cancel()
	fresh := tokens(bf, teamstest.Secret)
	if _, err := fresh.Token(done); err == nil || bf.TokenCalls() != 1 {
		t.Errorf("Token with an ended context: %v, %d tokens issued; want an error and no new token", err, bf.TokenCalls())
	}
}

func TestMaxConcurrentSetting(t *testing.T) {
	base := map[string]string{"MICROSOFT_APP_ID": testAppID, "MICROSOFT_APP_PASSWORD": "x", "MICROSOFT_APP_TENANT_ID": "t"}
	env := func(v string) func(string) string {
		m := map[string]string{"TEAMS_MAX_CONCURRENT": v}
		for k, v := range base {
			m[k] = v
		}
		return envOf(m)
	}
	if c, err := ConfigFromEnv(env("")); err != nil || c.MaxConcurrent != DefaultMaxConcurrent {
		t.Errorf("unset: %d, %v; want %d", c.MaxConcurrent, err, DefaultMaxConcurrent)
	}
	if c, err := ConfigFromEnv(env(" 200 ")); err != nil || c.MaxConcurrent != 200 {
		t.Errorf("200: %d, %v", c.MaxConcurrent, err)
	}
	for _, bad := range []string{"0", "-1", "lots", "1e3", "100000"} {
		_, err := ConfigFromEnv(env(bad))
		if err == nil || !strings.Contains(err.Error(), "TEAMS_MAX_CONCURRENT=") || !strings.Contains(err.Error(), "from 1 to 4096") {
			t.Errorf("TEAMS_MAX_CONCURRENT=%s: %v", bad, err)
		}
	}
	c := Config{AppID: testAppID, Password: "x", TenantID: "t", Addr: DefaultAddr, MaxConcurrent: -3}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "TEAMS_MAX_CONCURRENT") {
		t.Errorf("Validate with -3: %v", err)
	}
}
