package teams

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// TestOthersCannotSteerAnAssessment plays B in A's channel thread: B's
// mentions and B's clicks on A's card (no mention needed for a click)
// leave A's assessment as it was, and B is told in B's personal chat.
func TestOthersCannotSteerAnAssessment(t *testing.T) {
	h := newTeamsHarness(t)
	a, b := &Account{ID: "29:a"}, &Account{ID: "29:b"}
	botAcct := &Account{ID: "28:" + testAppID, Name: "advisorbot"}
	thread := &Conversation{ID: "19:abc@thread.tacv2;messageid=1700", ConversationType: "channel", TenantID: "tenant-1"}
	mention := func(from *Account, text string) Activity {
		return Activity{Type: "message", From: from, Recipient: botAcct, Conversation: thread,
			Text: "<at>advisorbot</at> " + text, Entities: []Entity{{Type: "mention", Mentioned: botAcct, Text: "<at>advisorbot</at>"}}}
	}
	h.post(mention(a, "we want to route 2,000 support tickets a week to the right team"))
	key := convKey(Activity{Conversation: thread})
	before, err := h.store.GetConversation(t.Context(), key)
	if err != nil || before.Pending == "" {
		t.Fatalf("A's assessment did not start: %+v, %v", before, err)
	}
	skip := lastCardAction(t, h.bf.Activities(), 0)
	var data map[string]string
	json.Unmarshal(skip, &data)
	if data[recKey] == "" {
		t.Errorf("the question card's buttons carry no assessment: %s", skip)
	}
	sent := len(h.bf.Activities())

	h.post(mention(b, "skip"))
	h.post(mention(b, "restart"))
	h.post(Activity{Type: "message", From: b, Recipient: botAcct, Conversation: thread, Value: skip})
	forged, _ := json.Marshal(map[string]string{choiceKey: bot.ChoiceRestart})
	h.post(Activity{Type: "message", From: b, Recipient: botAcct, Conversation: thread, Value: forged})

	after, err := h.store.GetConversation(t.Context(), key)
	if err != nil {
		t.Fatal(err)
	}
	if after.Pending != before.Pending || after.Round != before.Round || len(after.Turns) != len(before.Turns) || len(after.Skipped) != 0 {
		t.Errorf("B changed A's assessment:\nbefore %+v\nafter  %+v", before, after)
	}
	notes := 0
	for _, act := range h.bf.Activities()[sent:] {
		switch {
		case act.Path == "/v3/conversations":
		case strings.Contains(act.Path, teamstest.PersonalChat("29:b")):
			notes++
			if text, _ := act.Activity["text"].(string); !strings.Contains(text, "belongs to the person who started it") {
				t.Errorf("note to B: %q", text)
			}
		default:
			t.Errorf("posted in A's thread for B: %s %v", act.Path, act.Activity["text"])
		}
	}
	if notes != 4 {
		t.Errorf("%d private notes to B, want 4", notes)
	}
}
