package teams

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

type recordingHandler struct {
	mu  sync.Mutex
	got []Activity
}

func (h *recordingHandler) HandleActivity(_ context.Context, a Activity) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.got = append(h.got, a)
}

func (h *recordingHandler) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.got)
}

func activityJSON(serviceURL string) string {
	b, _ := json.Marshal(Activity{Type: "message", ID: "a1", ChannelID: "msteams", ServiceURL: serviceURL,
		From: &Account{ID: "29:user"}, Recipient: &Account{ID: "28:" + testAppID},
		Conversation: &Conversation{ID: "a:personal", ConversationType: "personal", TenantID: "t1"},
		Text:         "We want to triage 2,000 invoices a week."})
	return string(b)
}

// TestEndpointRefuses: every bad token gets 401 and nothing reaches the
// handler; a good one gets 200 and the activity is handled.
func TestEndpointRefuses(t *testing.T) {
	f := teamstest.NewIdentity(t)
	h := &recordingHandler{}
	ep := &Endpoint{Verifier: &Verifier{AppID: testAppID, MetadataURL: f.MetadataURL()}, Handler: h, Go: func(fn func()) { fn() }}
	srv := httptest.NewServer(ep)
	defer srv.Close()
	now := time.Now()
	good := goodClaims(now)
	post := func(auth, body string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/messages", strings.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for name, auth := range map[string]string{
		"no token":            "",
		"expired":             "Bearer " + f.Token(t, "RS256", "k1", with(good, "exp", now.Add(-time.Hour).Unix())),
		"wrong audience":      "Bearer " + f.Token(t, "RS256", "k1", with(good, "aud", "other-app")),
		"wrong issuer":        "Bearer " + f.Token(t, "RS256", "k1", with(good, "iss", "https://login.evil")),
		"unknown key id":      "Bearer " + f.Token(t, "RS256", "rotated", good),
		"not endorsed":        "Bearer " + f.Token(t, "RS256", "no-teams", good),
		"serviceurl mismatch": "Bearer " + f.Token(t, "RS256", "k1", with(good, "serviceurl", "https://attacker.example/")),
		"alg none":            "Bearer " + f.Token(t, "none", "k1", good),
	} {
		if code := post(auth, activityJSON(testService)); code != http.StatusUnauthorized {
			t.Errorf("%s: HTTP %d, want 401", name, code)
		}
	}
	if code := post("", "{not json"); code != http.StatusUnauthorized {
		t.Errorf("unauthenticated garbage: HTTP %d, want 401", code)
	}
	if n := h.count(); n != 0 {
		t.Fatalf("%d refused activities reached the handler", n)
	}
	if code := post("Bearer "+f.Token(t, "RS256", "k1", good), activityJSON(testService)); code != http.StatusOK {
		t.Errorf("valid: HTTP %d", code)
	}
	if h.count() != 1 || h.got[0].PlainText() != "We want to triage 2,000 invoices a week." {
		t.Errorf("handled: %+v", h.got)
	}
	if code := post("Bearer "+f.Token(t, "RS256", "k1", good), "{not json"); code != http.StatusUnauthorized {
		t.Errorf("a good token with garbage: HTTP %d, want 401 (no serviceUrl to match)", code)
	}
	resp, err := http.Get(srv.URL + "/api/messages")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: HTTP %d", resp.StatusCode)
	}
}

func TestMentions(t *testing.T) {
	botAcct := &Account{ID: "28:bot", Name: "advisorbot"}
	a := Activity{Text: "<at>advisorbot</at> we want to automate invoice triage ", Recipient: botAcct,
		Entities: []Entity{{Type: "mention", Mentioned: &Account{ID: "28:bot"}, Text: "<at>advisorbot</at>"}}}
	if got := a.PlainText(); got != "we want to automate invoice triage" {
		t.Errorf("PlainText = %q", got)
	}
	// Only the bot's own mention goes: the people mentioned are part of
	// what was said, and stay as their names (issue 15).
	others := Activity{Recipient: botAcct, Text: "<at>advisorbot</at> <at>Dana Lee</at> wants to route tickets like <at>Sales</at> does",
		Entities: []Entity{
			{Type: "mention", Mentioned: &Account{ID: "28:bot", Name: "advisorbot"}, Text: "<at>advisorbot</at>"},
			{Type: "mention", Mentioned: &Account{ID: "29:dana", Name: "Dana Lee"}, Text: "<at>Dana Lee</at>"},
			{Type: "mention", Mentioned: &Account{ID: "19:sales@thread.tacv2", Name: "Sales"}, Text: "<at>Sales</at>"},
		}}
	if got := others.PlainText(); got != "Dana Lee wants to route tickets like Sales does" {
		t.Errorf("PlainText with others mentioned = %q", got)
	}
	// A person named like the bot, mentioned, is not the bot.
	namesake := Activity{Recipient: botAcct, Text: "<at>advisorbot</at> ask <at>advisorbot</at>",
		Entities: []Entity{{Type: "mention", Mentioned: &Account{ID: "29:x", Name: "advisorbot"}, Text: "<at>advisorbot</at>"}}}
	if got := namesake.PlainText(); got != "advisorbot ask advisorbot" {
		t.Errorf("PlainText with a namesake = %q", got)
	}
	if !a.Mentions("28:bot") || a.Mentions("29:someone") {
		t.Error("Mentions read wrongly")
	}
	r := (Activity{ID: "a1", From: &Account{ID: "29:u"}, Recipient: &Account{ID: "28:bot"}, Conversation: &Conversation{ID: "c"}}).Reply("hi")
	if r.From.ID != "28:bot" || r.Recipient.ID != "29:u" || r.ReplyToID != "a1" || r.Conversation.ID != "c" {
		t.Errorf("Reply = %+v", r)
	}
}

type panicHandler struct{}

func (panicHandler) HandleActivity(context.Context, Activity) { panic("boom") }

// TestEndpointSurvivesPanics: a handler's panic is logged, not fatal.
func TestEndpointSurvivesPanics(t *testing.T) {
	f := teamstest.NewIdentity(t)
	ep := &Endpoint{Verifier: &Verifier{AppID: testAppID, MetadataURL: f.MetadataURL()}, Handler: panicHandler{}, Go: func(fn func()) { fn() }}
	req := httptest.NewRequest(http.MethodPost, "/api/messages", strings.NewReader(activityJSON(testService)))
	req.Header.Set("Authorization", "Bearer "+f.Token(t, "RS256", "k1", goodClaims(time.Now())))
	rec := httptest.NewRecorder()
	ep.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("HTTP %d", rec.Code)
	}
}
