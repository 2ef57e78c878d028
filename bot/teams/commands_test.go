package teams

import (
	"cmp"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// lastText is the text of the last activity sent, or of its card.
func lastText(t *testing.T, acts []teamstest.Recorded) string {
	t.Helper()
	if len(acts) == 0 {
		t.Fatal("nothing was sent")
	}
	b, _ := json.Marshal(acts[len(acts)-1].Activity)
	return string(b)
}

// lastCardAction is the data of the i-th action of the last card sent.
func lastCardAction(t *testing.T, acts []teamstest.Recorded, i int) json.RawMessage {
	t.Helper()
	for j := len(acts) - 1; j >= 0; j-- {
		atts, _ := acts[j].Activity["attachments"].([]any)
		if len(atts) == 0 {
			continue
		}
		content := atts[0].(map[string]any)["content"].(map[string]any)
		actions := content["actions"].([]any)
		b, _ := json.Marshal(actions[i].(map[string]any)["data"])
		return b
	}
	t.Fatal("no card was sent")
	return nil
}

// TestCardAnswer: clicking an option on a question card answers that
// question, as typing it would.
func TestCardAnswer(t *testing.T) {
	h := newTeamsHarness(t)
	user, botAcct := &Account{ID: "29:user"}, &Account{ID: "28:" + testAppID}
	h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: personal,
		Text: "We want to draft replies to customer emails using our product manuals."})
	conv, err := h.store.GetConversation(t.Context(), convKey(Activity{Conversation: personal}))
	if err != nil || conv.Pending == "" {
		t.Fatalf("no pending question: %+v, %v", conv, err)
	}
	// Questions without buttons (a figure, a confirmation) are answered by
	// typing, whatever order the planner asks in, until one has options.
	var data json.RawMessage
	var d map[string]string
	for range 8 {
		data = lastCardAction(t, h.bf.Activities(), 0)
		d = nil
		json.Unmarshal(data, &d)
		if d["advisorbot_choice"] != bot.ChoiceSkip && d["advisorbot_choice"] != "yes" {
			break
		}
		f, _ := advisor.LookupField(conv.Pending)
		h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: personal, Text: cmp.Or(f.Example, "yes")})
		if conv, err = h.store.GetConversation(t.Context(), conv.Key); err != nil || conv.Pending == "" {
			t.Fatalf("no question with options was asked: %+v, %v", conv, err)
		}
	}
	asked := conv.Pending
	if opts := advisor.OptionsOf(asked); d["advisorbot_choice"] == "" && len(opts) > 0 {
		d["advisorbot_choice"] = opts[0].Value // a list's Send: Teams merges the chosen value in
		data, _ = json.Marshal(d)
	}
	if d["advisorbot_field"] != asked || d["advisorbot_choice"] == "" {
		t.Fatalf("first button %s does not answer %s", data, asked)
	}
	h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: personal, Value: data})
	conv, err = h.store.GetConversation(t.Context(), conv.Key)
	if err != nil {
		t.Fatal(err)
	}
	answered := false
	for _, v := range conv.Profile.Values() {
		answered = answered || v.Field == asked
	}
	if !answered || conv.Pending == asked {
		t.Errorf("the click did not answer %s: pending %q, profile %+v", asked, conv.Pending, conv.Profile.Values())
	}
}

func TestCommands(t *testing.T) {
	h := newTeamsHarness(t)
	ctx := t.Context()
	user, botAcct := &Account{ID: "29:user"}, &Account{ID: "28:" + testAppID}
	say := func(text string) string {
		h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: personal, Text: text})
		return lastText(t, h.bf.Activities())
	}
	if got := say("help"); !strings.Contains(got, "forget me") || !strings.Contains(got, "history") {
		t.Errorf("help does not list the commands: %s", got)
	}
	if got := say("history"); !strings.Contains(got, "no assessments yet") {
		t.Errorf("empty history: %s", got)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// "new <description>" starts an assessment of that description.
	say("new We want to route 2,000 support tickets a week to the right team")
	conv, err := h.store.GetConversation(ctx, convKey(Activity{Conversation: personal}))
	must(err)
	if conv.Phase != store.PhaseAsking || !strings.Contains(conv.Profile.Title, "support tickets") {
		t.Fatalf("new did not start an assessment: phase %s, title %q", conv.Phase, conv.Profile.Title)
	}
	// While a question waits, "new customers" is an answer, not a restart.
	say("new customers")
	if c, _ := h.store.GetConversation(ctx, conv.Key); !strings.Contains(c.Profile.Title, "support tickets") {
		t.Fatalf("an answer starting with \"new\" restarted the assessment: %q", c.Profile.Title)
	}
	for i := 0; i < 8 && conv.Phase == store.PhaseAsking; i++ {
		h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: personal, Value: json.RawMessage(`{"advisorbot_choice":"skip"}`)})
		conv, err = h.store.GetConversation(ctx, conv.Key)
		must(err)
	}
	if got := say("history"); !strings.Contains(got, "Your recent assessments") || !strings.Contains(got, "support tickets") {
		t.Errorf("history after an assessment: %s", got)
	}
	// After a recommendation, "new <description>" starts over with it.
	say("new We want to classify 500 supplier contracts a month by risk")
	if c, _ := h.store.GetConversation(ctx, conv.Key); c.Phase != store.PhaseAsking || !strings.Contains(c.Profile.Title, "contracts") {
		t.Errorf("new after a recommendation: phase %s, title %q", c.Phase, c.Profile.Title)
	}
	// forget me asks first; the button deletes.
	if got := say("Forget me"); !strings.Contains(got, "cannot be undone") {
		t.Fatalf("forget me did not ask first: %s", got)
	}
	if recs, _ := h.store.Assessments(ctx, user.ID, time.Time{}, 0); len(recs) != 1 {
		t.Fatalf("asking deleted something: %d recommendations", len(recs))
	}
	h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: personal, Value: lastCardAction(t, h.bf.Activities(), 0)})
	if got := lastText(t, h.bf.Activities()); !strings.Contains(got, "is deleted") {
		t.Errorf("after confirming: %s", got)
	}
	if recs, _ := h.store.Assessments(ctx, user.ID, time.Time{}, 0); len(recs) != 0 {
		t.Errorf("%d recommendations left after forget me", len(recs))
	}
	if _, err := h.store.GetConversation(ctx, conv.Key); err == nil {
		t.Error("the conversation survived forget me")
	}
}

// TestPrivateCommandsInChannels: history and forget me are not answered
// where others read along.
func TestPrivateCommandsInChannels(t *testing.T) {
	h := newTeamsHarness(t)
	botAcct := &Account{ID: "28:" + testAppID, Name: "advisorbot"}
	channel := &Conversation{ID: "19:abc@thread.tacv2;messageid=1", ConversationType: "channel", TenantID: "tenant-1"}
	for _, cmd := range []string{"history", "forget me"} {
		h.post(Activity{Type: "message", From: &Account{ID: "29:user"}, Recipient: botAcct, Conversation: channel,
			Text: "<at>advisorbot</at> " + cmd, Entities: []Entity{{Type: "mention", Mentioned: botAcct}}})
		if got := lastText(t, h.bf.Activities()); !strings.Contains(got, "where you alone can read it") {
			t.Errorf("%s in a channel: %s", cmd, got)
		}
	}
}

// TestROIAndFeedbackCards: after a recommendation, Show ROI answers with
// the ROI table, and the feedback card's "we chose" list is recorded.
func TestROIAndFeedbackCards(t *testing.T) {
	h := newTeamsHarness(t)
	user, botAcct := &Account{ID: "29:user"}, &Account{ID: "28:" + testAppID}
	click := func(value string) {
		h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: personal, Value: json.RawMessage(value)})
	}
	h.post(Activity{Type: "message", From: user, Recipient: botAcct, Conversation: personal,
		Text: "Route about 2,000 invoices a month to the right approver; each takes 3 minutes."})
	for i := 0; i < 8 && !hasCard(h.bf.Activities(), "Recommendation: "); i++ {
		click(`{"advisorbot_choice":"skip"}`)
	}
	if !hasCard(h.bf.Activities(), "Tell advisorbot what we chose") {
		t.Fatal("no feedback card after the recommendation")
	}
	click(`{"advisorbot_choice":"show roi"}`)
	if got := lastText(t, h.bf.Activities()); !strings.Contains(got, `"type":"Table"`) || !strings.Contains(got, "ROI per approach") {
		t.Errorf("show roi: %.400s", got)
	}
	click(`{"advisorbot_chose":"chose:classic_automation"}`)
	recs, _ := h.store.Assessments(t.Context(), user.ID, time.Time{}, 0)
	if len(recs) != 1 {
		t.Fatalf("%d recommendations", len(recs))
	}
	w, err := h.store.Week(t.Context(), store.ISOWeek(time.Now()))
	if err != nil || w.Chosen["classic_automation"] != 1 {
		t.Errorf("the team's choice was not recorded: %+v, %v", w.Chosen, err)
	}
}
