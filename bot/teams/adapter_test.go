package teams

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
	"github.com/advisorbot/advisorbot/knowledge"
)

// teamsHarness is the real endpoint, adapter and engine between a fake
// identity service and a fake connector.
type teamsHarness struct {
	t     *testing.T
	id    *teamstest.Identity
	bf    *teamstest.BotFramework
	srv   *httptest.Server
	store store.Store
	n     int
}

// testEngine is the real engine on st, rules only (no model), with
// Teams' access lists when given.
func testEngine(tb testing.TB, st store.Store, access ...bot.Access) *bot.Engine {
	kb, err := knowledge.Load()
	if err != nil {
		tb.Fatal(err)
	}
	lg := slog.New(slog.DiscardHandler)
	cfg := bot.Config{
		Advisor: advisor.New(advisor.DefaultAssumptions()), Store: st,
		Explainer: explain.New(lg, explain.Config{KB: kb}), Extractor: extract.New(lg, nil),
	}
	if len(access) > 0 {
		cfg.Access = map[string]bot.Access{"teams": access[0]}
	}
	return bot.New(lg, cfg)
}

func newTeamsHarness(t *testing.T, access ...bot.Access) *teamsHarness {
	h := &teamsHarness{t: t, id: teamstest.NewIdentity(t), bf: teamstest.NewBotFramework(t), store: store.NewMem()}
	ad := &Adapter{Engine: testEngine(t, h.store, access...), Conn: &Connector{Tokens: tokens(h.bf, teamstest.Secret)}, Store: h.store}
	ep := &Endpoint{Verifier: &Verifier{AppID: testAppID, MetadataURL: h.id.MetadataURL()}, Handler: ad, Go: func(f func()) { f() }}
	h.srv = httptest.NewServer(ep)
	t.Cleanup(h.srv.Close)
	return h
}

// post delivers an activity with a valid token, as the Bot Framework would.
func (h *teamsHarness) post(act Activity) {
	h.t.Helper()
	h.n++
	if act.ID == "" {
		act.ID = "act-in-" + strings.Repeat("x", h.n)
	}
	act.ChannelID, act.ServiceURL = "msteams", h.bf.ServiceURL()
	if code := h.id.Deliver(h.t, h.srv.URL+"/api/messages", testAppID, act); code != http.StatusOK {
		h.t.Fatalf("POST /api/messages: HTTP %d", code)
	}
}

func hasCard(acts []teamstest.Recorded, title string) bool {
	for _, a := range acts {
		b, _ := json.Marshal(a.Activity)
		if strings.Contains(string(b), title) {
			return true
		}
	}
	return false
}

var personal = &Conversation{ID: "a:1personalchat", ConversationType: "personal", TenantID: "tenant-1"}

// TestPersonalChatToRecommendation: a description, skipped questions by
// card button, and the recommendation card, all through the real wire.
func TestPersonalChatToRecommendation(t *testing.T) {
	h := newTeamsHarness(t)
	user, botAcct := &Account{ID: "29:user", AADObjectID: "aad-1"}, &Account{ID: "28:" + testAppID}
	h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: personal,
		Text: "Answer staff questions from our HR handbook, about 500 a month, 10 minutes each."})
	if !hasCard(h.bf.Activities(), "Question 1 of at most") {
		t.Fatalf("no question card: %+v", h.bf.Activities())
	}
	for i := 0; i < 8 && !hasCard(h.bf.Activities(), "Recommendation: "); i++ {
		h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: personal,
			Value: json.RawMessage(`{"advisorbot_choice":"skip"}`)})
	}
	if !hasCard(h.bf.Activities(), "Recommendation: ") {
		t.Fatal("no recommendation card after skipping every question")
	}
	recs, err := h.store.Assessments(t.Context(), "29:user", time.Time{}, 0)
	if err != nil || len(recs) != 1 {
		t.Errorf("%d recommendations stored, err %v", len(recs), err)
	}
	// A redelivered activity is answered once.
	n := len(h.bf.Activities())
	h.post(Activity{ID: "same-id", Type: "message", From: user, Recipient: botAcct, Conversation: personal, Text: "help"})
	m := len(h.bf.Activities())
	h.post(Activity{ID: "same-id", Type: "message", From: user, Recipient: botAcct, Conversation: personal, Text: "help"})
	if m == n || len(h.bf.Activities()) != m {
		t.Errorf("help answered by %d messages, then the retry by %d more", m-n, len(h.bf.Activities())-m)
	}
}

// TestChannelMention: in a channel only messages that @mention the bot are
// answered, in the thread of the message.
func TestChannelMention(t *testing.T) {
	h := newTeamsHarness(t)
	user, botAcct := &Account{ID: "29:user"}, &Account{ID: "28:" + testAppID, Name: "advisorbot"}
	channel := &Conversation{ID: "19:abc@thread.tacv2;messageid=1700", ConversationType: "channel", TenantID: "tenant-1"}
	h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: channel, Text: "lunch anyone?"})
	if n := len(h.bf.Activities()); n != 0 {
		t.Fatalf("answered a channel message that did not mention it (%d activities)", n)
	}
	h.post(Activity{ID: "m1", Type: "message", From: user, Recipient: botAcct, Conversation: channel,
		Text:     "<at>advisorbot</at> we want to route 2,000 support tickets a week",
		Entities: []Entity{{Type: "mention", Mentioned: botAcct, Text: "<at>advisorbot</at>"}}})
	acts := h.bf.Activities()
	if len(acts) == 0 || acts[0].Activity["replyToId"] != "m1" {
		t.Fatalf("mention not answered in its thread: %+v", acts)
	}
	if !strings.Contains(acts[0].Path, "messageid%3D1700") && !strings.Contains(acts[0].Path, "messageid=1700") {
		t.Errorf("reply posted to %s, not the thread's conversation", acts[0].Path)
	}
}

// TestAccessList: outside ALLOWED_USERS the bot declines politely and
// starts nothing.
func TestAccessList(t *testing.T) {
	h := newTeamsHarness(t, bot.Access{Users: map[string]bool{"aad-allowed": true}})
	botAcct := &Account{ID: "28:" + testAppID}
	h.post(Activity{Type: "message", From: &Account{ID: "29:other", AADObjectID: "aad-other"}, Recipient: botAcct,
		Conversation: personal, Text: "We want to automate invoice triage."})
	acts := h.bf.Activities()
	if len(acts) != 1 || !strings.Contains(acts[0].Activity["text"].(string), "not available to you") {
		t.Fatalf("outsider got %+v", acts)
	}
	if _, err := h.store.GetConversation(t.Context(), convKey(Activity{Conversation: personal})); err == nil {
		t.Error("a conversation was started for a user outside the list")
	}
	h.post(Activity{Type: "message", From: &Account{ID: "29:in", AADObjectID: "aad-allowed"}, Recipient: botAcct,
		Conversation: personal, Text: "We want to automate invoice triage."})
	if !hasCard(h.bf.Activities(), "Question 1 of at most") {
		t.Error("an allowed user was not served")
	}
}

// TestAllowedChannels: with a channel list, mentions elsewhere are
// declined, listed teams are served, and personal chats are unaffected.
func TestAllowedChannels(t *testing.T) {
	h := newTeamsHarness(t, bot.Access{Channels: map[string]bool{"19:team@thread.tacv2": true}})
	botAcct := &Account{ID: "28:" + testAppID, Name: "advisorbot"}
	mention := func(channel, id string) Activity {
		a := teamEvent("message", "", "19:other-team@thread.tacv2", channel)
		a.ID, a.Recipient = id, botAcct
		a.Text, a.Entities = "<at>advisorbot</at> We want to automate invoice triage.", []Entity{{Type: "mention", Mentioned: botAcct}}
		return a
	}
	h.post(mention("19:elsewhere@thread.tacv2", "m1"))
	if got := lastText(t, h.bf.Activities()); !strings.Contains(got, "does not answer here") {
		t.Fatalf("unlisted channel: %s", got)
	}
	listed := mention("19:general@thread.tacv2", "m2")
	listed.ChannelData = json.RawMessage(strings.Replace(string(listed.ChannelData), "19:other-team@thread.tacv2", "19:team@thread.tacv2", 1))
	h.post(listed)
	if !hasCard(h.bf.Activities(), "Question 1 of at most") {
		t.Error("a channel of a listed team was not served")
	}
	h.post(Activity{Type: "message", From: &Account{ID: "29:user"}, Recipient: botAcct, Conversation: personal, Text: "help"})
	if got := lastText(t, h.bf.Activities()); !strings.Contains(got, "forget me") {
		t.Errorf("personal chat under a channel list: %s", got)
	}
}
