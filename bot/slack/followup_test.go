package slack_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
)

// stillClock is a clock at one instant; After never fires (the test calls
// Pass itself).
type stillClock struct{ at time.Time }

func (c stillClock) Now() time.Time                     { return c.at }
func (stillClock) After(time.Duration) <-chan time.Time { return nil }

// workingHour is the first hour at or after t that is not quiet in UTC
// (the fake's users have no zone of their own).
func workingHour(t time.Time) time.Time {
	t = t.UTC().Add(time.Hour).Truncate(time.Hour)
	for t.Weekday() == time.Saturday || t.Weekday() == time.Sunday || t.Hour() < 9 || t.Hour() >= 18 {
		t = t.Add(time.Hour)
	}
	return t
}

// followUp runs the follow-up pass 30 days after user's only assessment
// and returns it, user's DM and the follow-up's question message. A
// second pass sends nothing.
func (h *harness) followUp(user string) (rec store.Assessment, dm, card string) {
	h.t.Helper()
	ctx := context.Background()
	recs, err := h.store.Assessments(ctx, user, time.Time{}, 0)
	if err != nil || len(recs) != 1 {
		h.t.Fatalf("assessments %v, %v", recs, err)
	}
	rec = recs[0]
	f := &bot.Followups{Engine: h.eng, Store: h.store, Log: quiet(),
		Config:   bot.FollowupConfig{Enabled: true},
		Couriers: map[string]bot.Courier{"slack": h.ad.Courier()},
		Clock:    stillClock{workingHour(rec.CreatedAt.Add(30 * 24 * time.Hour))}}
	if n, err := f.Pass(ctx); n != 1 || err != nil {
		h.t.Fatalf("Pass: sent %d, %v", n, err)
	}
	if n, _ := f.Pass(ctx); n != 0 {
		h.t.Fatalf("second Pass sent %d", n)
	}
	dm = h.fake.DMChannel(user)
	h.wait("the follow-up", func() bool {
		m, ok := h.lastWithBlock(dm, "", "question_followup_status")
		card = m.TS
		return ok
	})
	return rec, dm, card
}

// TestFollowupThroughSlack: 30 days after a DM assessment its owner gets a
// follow-up in the same DM, answers it with a button and typed figures,
// and the outcome is stored; someone else's forged click changes nothing.
func TestFollowupThroughSlack(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	h.dmTurns("U1")
	rec, dm, card := h.followUp("U1")

	// Someone else's forged click on it, from their own DM.
	h.send(h.fake.ButtonClick("U2", dm, card, "answer_0", "built"))
	if _, err := h.store.GetOutcome(ctx, rec.ID); err == nil {
		t.Fatal("a forged click stored an outcome")
	}

	h.send(h.fake.ButtonClick("U1", dm, card, "answer_0", "built"))
	h.wait("an answer to the click", func() bool {
		msgs := h.botMessages(dm, "") // once: a message may arrive between two calls
		return len(msgs) > 1 && msgs[len(msgs)-1].TS != card
	})
	if _, ok := h.lastWithBlock(dm, "", "question_followup_approach"); !ok {
		msgs := h.botMessages(dm, "")
		t.Fatalf("no approach question; last message %q", msgs[len(msgs)-1].Text)
	}
	answers := []struct{ text, next string }{
		{"rag", "question_followup_build_cost"},
		{"about $15k", "question_followup_run_cost"},
		{"$300 a month", "question_followup_time_saved"},
		{"40 hours a month", ""},
	}
	for _, a := range answers {
		n := len(h.botMessages(dm, ""))
		h.send(h.fake.DM("U1", a.text))
		h.wait("the answer to "+a.text, func() bool { return len(h.botMessages(dm, "")) > n })
		if a.next != "" {
			if _, ok := h.lastWithBlock(dm, "", a.next); !ok {
				t.Fatalf("after %q: no %s", a.text, a.next)
			}
		}
	}
	msgs := h.botMessages(dm, "")
	if last := msgs[len(msgs)-1]; !strings.Contains(last.Text, "noted") {
		t.Errorf("last message %q, want thanks", last.Text)
	}
	o, err := h.store.GetOutcome(ctx, rec.ID)
	if err != nil || o.Status != store.OutcomeBuilt || o.Approach != advisor.RAG || o.OneOffCost != advisor.Some(15000) ||
		o.MonthlyRunCost != advisor.Some(300) || o.HoursSavedMonthly != advisor.Some(40) || o.User != "U1" {
		t.Fatalf("outcome %+v, %v", o, err)
	}
}

// TestFollowupAnsweredInThread: an owner who answers in a thread under the
// follow-up reaches it, and hears back in that thread; the same words in
// a thread under any other DM message start a conversation of their own.
func TestFollowupAnsweredInThread(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	h.dmTurns("U1")
	// A thread under one of the assessment's own messages, before any
	// follow-up, is not a follow-up's.
	dm := h.fake.DMChannel("U1")
	if slack.FollowupThread(h.ad, ctx, "U1", dm, h.botMessages(dm, "")[0].TS) {
		t.Fatal("an ordinary DM message counts as a follow-up")
	}
	rec, _, card := h.followUp("U1")
	// Someone else cannot use the mark: it is filed under the owner.
	if slack.FollowupThread(h.ad, ctx, "U2", dm, card) {
		t.Error("the follow-up's mark answers for another user")
	}

	h.send(h.fake.ThreadReply(dm, "U1", card, "not yet"))
	// The thread's listing starts with the card itself: wait for a reply
	// under it. The outcome is stored before the reply is posted.
	h.wait("the answer in the thread", func() bool {
		return slices.ContainsFunc(h.botMessages(dm, card), func(m slacktest.Message) bool { return m.TS != card })
	})
	o, err := h.store.GetOutcome(ctx, rec.ID)
	if err != nil || o.Status != store.OutcomeNotYet {
		t.Fatalf("outcome after a reply in the thread: %+v, %v", o, err)
	}
	if _, err := h.store.GetConversation(ctx, store.ConvKey{Platform: "slack", Team: h.fake.Config().TeamID, Channel: dm, Thread: card}); err == nil {
		t.Error("the reply in the thread started a conversation of its own")
	}
}
