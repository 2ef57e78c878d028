package teams

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// lastCard is the newest recorded activity carrying a card with an action
// whose data has key (the activity as last sent or updated).
func lastCard(t *testing.T, bf *teamstest.BotFramework, key string) teamstest.Recorded {
	t.Helper()
	acts := bf.Activities()
	for i := len(acts) - 1; i >= 0; i-- {
		b, _ := json.Marshal(acts[i].Activity["attachments"])
		if strings.Contains(string(b), `"`+key+`"`) && strings.Contains(string(b), `"actions"`) {
			return acts[i]
		}
	}
	t.Fatalf("no card with %s was sent", key)
	return teamstest.Recorded{}
}

// updatesOf are the updates (PUT) of activity id.
func updatesOf(bf *teamstest.BotFramework, id string) []teamstest.Recorded {
	var out []teamstest.Recorded
	for _, a := range bf.Activities() {
		if a.Method == http.MethodPut && strings.HasSuffix(a.Path, "/activities/"+id) {
			out = append(out, a)
		}
	}
	return out
}

// readOnly reports a card with nothing left to click or fill in.
func readOnly(r teamstest.Recorded) bool {
	b, _ := json.Marshal(r.Activity["attachments"])
	return !strings.Contains(string(b), "Action.Submit") && !strings.Contains(string(b), "Input.")
}

// TestAnsweredCardsReadOnly: once the engine takes a click, the card it
// was on is replaced by a read-only copy saying what was answered: every
// question (a list, buttons, the confirmation), the feedback card part by
// part, the forget-me confirmation. A click the engine does not take
// leaves the card clickable (issue 15).
func TestAnsweredCardsReadOnly(t *testing.T) {
	h := newTeamsHarness(t)
	botAcct := teamstest.Bot(testAppID, "advisorbot")
	user := teamstest.User("29:ann", "aad-ann", "Ann")
	click := func(card teamstest.Recorded, action int, inputs map[string]any) {
		t.Helper()
		act, err := h.bf.Submit(card, action, inputs, user)
		if err != nil {
			t.Fatal(err)
		}
		h.deliver(act)
	}
	h.deliver(teamstest.PersonalMessage(h.bf.ServiceURL(), botAcct, user, "We want help with our support work, it takes a lot of time."))

	answered := 0
	var fields []string
	for range 8 {
		if hasCard(h.bf.Activities(), "Recommendation: ") {
			break
		}
		card := lastCard(t, h.bf, fieldKey)
		var content struct {
			Body    []map[string]any
			Actions []map[string]any
		}
		b, _ := json.Marshal(card.Activity["attachments"].([]any)[0].(map[string]any)["content"])
		json.Unmarshal(b, &content)
		inputs := map[string]any{}
		for _, e := range content.Body {
			if e["id"] == choiceKey { // a list: choose its first entry, then Send
				inputs[choiceKey] = e["choices"].([]any)[0].(map[string]any)["value"]
			}
		}
		fields = append(fields, content.Actions[0]["data"].(map[string]any)[fieldKey].(string))
		click(card, 0, inputs)
		ups := updatesOf(h.bf, card.ID)
		if len(ups) != 1 || !readOnly(ups[0]) || !strings.Contains(lastText(t, ups), "✓") {
			t.Fatalf("after answering %v: updates of the card %+v", content.Actions[0]["data"], ups)
		}
		answered++
		if answered == 1 {
			// Clicking the old card again (a second tab, a retry) changes
			// nothing and updates nothing. (Once: people are rationed.)
			n := len(h.bf.Activities())
			click(card, 0, inputs)
			if ups := updatesOf(h.bf, card.ID); len(ups) != 1 || len(h.bf.Activities()) == n {
				t.Errorf("a second click on an answered card: %d updates", len(ups))
			}
		}
	}
	if !hasCard(h.bf.Activities(), "Recommendation: ") {
		t.Fatalf("no recommendation after answering %v", fields)
	}
	if !slices.Contains(fields, advisor.FieldTask) {
		t.Errorf("answered %v; the test needs the task list among them", fields)
	}

	// The feedback card: the verdict first, then what the team chose.
	fb := lastCard(t, h.bf, choseKey)
	click(fb, 0, nil) // Helpful
	ups := updatesOf(h.bf, fb.ID)
	if len(ups) != 1 || readOnly(ups[0]) || !strings.Contains(lastText(t, ups), "helpful") || strings.Contains(lastText(t, ups), `"title":"Helpful"`) {
		t.Fatalf("after Helpful: %+v", ups)
	}
	click(ups[0], 0, map[string]any{choseKey: bot.ChoiceChose(advisor.ClassicAutomation)})
	ups = updatesOf(h.bf, fb.ID)
	if len(ups) != 2 || !readOnly(ups[1]) || !strings.Contains(lastText(t, ups), "Your team chose") {
		t.Fatalf("after we chose: %+v", ups)
	}

	// Forget me: the confirmation becomes a note once the data is gone.
	h.deliver(teamstest.PersonalMessage(h.bf.ServiceURL(), botAcct, user, "forget me"))
	confirm := lastCard(t, h.bf, choiceKey)
	click(confirm, 0, nil)
	if ups := updatesOf(h.bf, confirm.ID); len(ups) != 1 || !readOnly(ups[0]) || !strings.Contains(lastText(t, ups), "deleted") {
		t.Errorf("after forget me: %+v", ups)
	}
}

// TestOthersClicksLeaveCardsClickable: in a channel thread, someone else's
// click on the owner's question is not taken, and the card stays as it
// was; the owner's click is taken and the card becomes read-only.
func TestOthersClicksLeaveCardsClickable(t *testing.T) {
	h := newTeamsHarness(t)
	botAcct := teamstest.Bot(testAppID, "advisorbot")
	owner, other := teamstest.User("29:a", "aad-a", ""), teamstest.User("29:b", "aad-b", "")
	team := teamstest.Team{ID: "19:team@thread.tacv2", Name: "Ops"}
	h.deliver(teamstest.ChannelMention(h.bf.ServiceURL(), botAcct, owner, team, teamstest.Channel{ID: team.ID}, "",
		"we want to route 2,000 support tickets a week to the right team"))
	card := lastCard(t, h.bf, fieldKey)
	skip := -1
	actions := card.Activity["attachments"].([]any)[0].(map[string]any)["content"].(map[string]any)["actions"].([]any)
	for i, a := range actions {
		if a.(map[string]any)["title"] == "Skip" {
			skip = i
		}
	}
	act, err := h.bf.Submit(card, skip, nil, other)
	if err != nil {
		t.Fatal(err)
	}
	h.deliver(act)
	if ups := updatesOf(h.bf, card.ID); len(ups) != 0 {
		t.Fatalf("someone else's click changed the owner's card: %+v", ups)
	}
	act, _ = h.bf.Submit(card, skip, nil, owner)
	h.deliver(act)
	if ups := updatesOf(h.bf, card.ID); len(ups) != 1 || !readOnly(ups[0]) || !strings.Contains(lastText(t, ups), "Skipped") {
		t.Errorf("the owner's Skip: %+v", ups)
	}
}

// TestNativeStreamInPersonalChat: in a personal chat the explanation is
// streamed as Teams streams (an informative update, then the final message
// with the stream's id, never an edit); in a channel it is a message
// edited as it grows, since Teams streams only in personal chats (issue
// 15).
func TestNativeStreamInPersonalChat(t *testing.T) {
	h := newTeamsHarness(t)
	botAcct := teamstest.Bot(testAppID, "advisorbot")
	user := teamstest.User("29:ann", "aad-ann", "")
	say := func(text string) { h.deliver(teamstest.PersonalMessage(h.bf.ServiceURL(), botAcct, user, text)) }
	say("We want to route about 2,000 invoices a month to the right approver; each takes 3 minutes.")
	for i := 0; i < 8 && !hasCard(h.bf.Activities(), "Recommendation: "); i++ {
		say("skip")
	}
	var kinds []string
	for _, a := range h.bf.Activities() {
		info := ""
		if ents, _ := a.Activity["entities"].([]any); len(ents) > 0 {
			info = ents[0].(map[string]any)["streamType"].(string)
		}
		if a.Method == http.MethodPut {
			info = "edit"
		}
		if info != "" {
			kinds = append(kinds, a.Activity["type"].(string)+":"+info)
		}
	}
	if !slices.Equal(kinds, []string{"typing:informative", "message:final"}) {
		t.Errorf("the explanation in a personal chat went as %v; want a stream (typing:informative, message:final)", kinds)
	}
	if n := len(h.bf.Problems()); n > 0 {
		t.Errorf("%d problems", n)
	}

	// In a channel: one message, edited.
	ch := newTeamsHarness(t)
	team := teamstest.Team{ID: "19:team@thread.tacv2", Name: "Ops"}
	root := ""
	mention := func(text string) {
		act := teamstest.ChannelMention(ch.bf.ServiceURL(), botAcct, user, team, teamstest.Channel{ID: team.ID}, root, text)
		if root == "" {
			root = act["id"].(string)
		}
		ch.deliver(act)
	}
	mention("We want to route about 2,000 invoices a month to the right approver; each takes 3 minutes.")
	for i := 0; i < 8 && !hasCard(ch.bf.Activities(), "Recommendation: "); i++ {
		mention("skip")
	}
	edits, streamed := 0, false
	for _, a := range ch.bf.Activities() {
		if a.Method == http.MethodPut {
			edits++
		}
		if _, ok := a.Activity["entities"]; ok && a.Activity["type"] == "typing" {
			streamed = true
		}
	}
	if edits == 0 || streamed {
		t.Errorf("the explanation in a channel: %d edits, streamed %v; want edits only", edits, streamed)
	}
}

// TestStoppedStream: a person who presses Stop ends the stream; what
// follows is not sent and not an error, so the turn goes on and the
// feedback card still comes.
func TestStoppedStream(t *testing.T) {
	h := newTeamsHarness(t)
	h.bf.StopEveryStream(true)
	botAcct := teamstest.Bot(testAppID, "advisorbot")
	user := teamstest.User("29:ann", "aad-ann", "")
	say := func(text string) { h.deliver(teamstest.PersonalMessage(h.bf.ServiceURL(), botAcct, user, text)) }
	say("We want to route about 2,000 invoices a month to the right approver; each takes 3 minutes.")
	for i := 0; i < 8 && !hasCard(h.bf.Activities(), "Recommendation: "); i++ {
		say("skip")
	}
	if !hasCard(h.bf.Activities(), "Tell advisorbot what we chose") {
		t.Errorf("no feedback card after the person stopped the explanation")
	}
	for _, a := range h.bf.Activities() {
		if text, _ := a.Activity["text"].(string); strings.Contains(text, "went wrong") {
			t.Errorf("the person was told of an error: %s", text)
		}
	}
}
