package slack_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
)

// lastWithBlock is the bot's latest message in a thread carrying a block
// whose id starts with prefix.
func (h *harness) lastWithBlock(channel, thread, prefix string) (slacktest.Message, bool) {
	msgs := h.botMessages(channel, thread)
	for i := len(msgs) - 1; i >= 0; i-- {
		if strings.Contains(string(msgs[i].Blocks), `"block_id":"`+prefix) {
			return msgs[i], true
		}
	}
	return slacktest.Message{}, false
}

// TestOthersCannotSteerAnAssessment plays B in A's channel thread: B's
// mentions, clicks on A's question and feedback buttons and a forged
// restart change nothing, B hears privately how to start their own, and A
// goes on as if B had never been there.
func TestOthersCannotSteerAnAssessment(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	h.fake.Invite("C1")
	start := h.fake.Mention("C1", "UA", description)
	h.send(start)
	thread := start.TS
	key := store.ConvKey{Platform: "slack", Team: h.fake.Config().TeamID, Channel: "C1", Thread: thread}
	h.wait("A's first question", func() bool { return has(h.botMessages("C1", thread), "Question 1") })
	before, err := h.store.GetConversation(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := h.lastWithBlock("C1", thread, "question_")
	n := len(h.botMessages("C1", thread))

	// B mentions the bot in A's thread, with words and with commands.
	for _, text := range []string{"skip", "restart", "Summarise 3,000 invoices a month into our ERP, 4 minutes each.", "show roi"} {
		h.send(h.fake.MentionInThread("C1", "UB", thread, text))
	}
	// B clicks A's buttons, and forges one.
	h.send(h.fake.ButtonClick("UB", "C1", q.TS, "command_9", bot.ChoiceSkip))
	h.send(h.fake.BlockAction(slacktest.ActionSpec{User: "UB", Channel: "C1", MessageTS: q.TS, ActionID: "command_0", Value: bot.ChoiceRestart}))
	h.wait("B's private notes", func() bool { return len(h.fake.Ephemerals("C1")) >= 6 })
	for _, e := range h.fake.Ephemerals("C1") {
		if e.EphemeralTo != "UB" || !strings.Contains(e.Text, "belongs to the person who started it") {
			t.Errorf("note to B: to %s: %q", e.EphemeralTo, e.Text)
		}
	}
	if got := len(h.botMessages("C1", thread)); got != n {
		t.Errorf("the bot posted %d messages in A's thread for B", got-n)
	}
	after, err := h.store.GetConversation(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if after.User != "UA" || after.Pending != before.Pending || after.Round != before.Round || after.Profile.Description != before.Profile.Description || len(after.Skipped) != len(before.Skipped) {
		t.Errorf("B changed A's assessment:\nbefore %+v\nafter  %+v", before, after)
	}
	for _, turn := range after.Turns[len(before.Turns):] {
		t.Errorf("B's words were recorded in A's conversation: %+v", turn)
	}

	// A finishes; B's feedback clicks count for nothing, A's count once.
	h.converse("C1", thread, func(text string) *slacktest.Envelope { return h.fake.ThreadReply("C1", "UA", thread, text) })
	fb, _ := h.lastWithBlock("C1", thread, "feedback")
	c, _ := h.store.GetConversation(ctx, key)
	if !strings.Contains(string(fb.Blocks), `"block_id":"feedback@`+c.RecID+`"`) {
		t.Errorf("the feedback buttons do not carry their assessment %s: %s", c.RecID, fb.Blocks)
	}
	notes := len(h.fake.Ephemerals("C1"))
	h.send(h.fake.ButtonClick("UB", "C1", fb.TS, "command_0", bot.ChoiceHelpful))
	h.send(h.fake.BlockAction(slacktest.ActionSpec{User: "UB", Channel: "C1", MessageTS: fb.TS, ActionID: "chose_9", Type: "static_select", Value: bot.ChoiceChose(advisor.FineTuning)}))
	h.wait("B's notes", func() bool { return len(h.fake.Ephemerals("C1")) >= notes+2 })
	m := len(h.botMessages("C1", thread))
	h.send(h.fake.ButtonClick("UA", "C1", fb.TS, "command_1", bot.ChoiceNotHelpful))
	h.wait("A's thanks", func() bool { return len(h.botMessages("C1", thread)) > m })
	if got := h.botMessages("C1", thread); !strings.Contains(got[len(got)-1].Text, "Thank") {
		t.Errorf("A's own feedback: %q", got[len(got)-1].Text)
	}
	week := store.ISOWeek(time.Now())
	ws, err := h.store.Week(ctx, week)
	if err != nil {
		t.Fatal(err)
	}
	if ws.Helpful != 0 || ws.NotHelpful != 1 || len(ws.Chosen) != 0 {
		t.Errorf("week after B's clicks and A's: helpful %d, not helpful %d, chosen %v", ws.Helpful, ws.NotHelpful, ws.Chosen)
	}
}
