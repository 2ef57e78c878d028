package bot_test

import (
	"context"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// feedbackCard is the last feedback request the engine sent.
func feedbackCard(t *testing.T, r *recorder) bot.Outbound {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.out) - 1; i >= 0; i-- {
		if r.out[i].Kind == bot.KindFeedback {
			return r.out[i]
		}
	}
	t.Fatal("no feedback card")
	return bot.Outbound{}
}

// TestOldCardFeedbackGoesToItsAssessment makes two assessments in one
// thread, then clicks the first card's buttons: the verdict and the "we
// chose" are recorded against the first assessment, once, and the second
// is untouched.
func TestOldCardFeedbackGoesToItsAssessment(t *testing.T) {
	ctx := context.Background()
	st := store.NewMemAt(func() time.Time { return time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC) })
	e := newEngine(st)
	key := store.ConvKey{Platform: "test", Team: "T", Channel: "C", Thread: "1"}
	first := feedbackCard(t, converse(t, e, key, "UA"))
	r := &recorder{}
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "UA", Choice: bot.ChoiceRestart, RecID: first.RecID}, r); err != nil {
		t.Fatal(err)
	}
	second := feedbackCard(t, converse(t, e, key, "UA"))
	if first.RecID == "" || first.RecID == second.RecID {
		t.Fatalf("assessment ids %q and %q", first.RecID, second.RecID)
	}
	click := func(user, choice, rec string) bot.Outbound {
		t.Helper()
		r := &recorder{}
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: user, Choice: choice, RecID: rec}, r); err != nil {
			t.Fatal(err)
		}
		return r.last()
	}
	click("UA", bot.ChoiceChose(advisor.RAG), first.RecID)
	click("UA", bot.ChoiceHelpful, first.RecID)
	if m := click("UA", bot.ChoiceChose(advisor.FineTuning), first.RecID); m.Text == "" || m.Private {
		t.Errorf("second chose on the old card: %+v", m)
	}
	// The second assessment still takes its own verdict.
	click("UA", bot.ChoiceNotHelpful, second.RecID)
	// Someone else's clicks change nothing, and they hear so privately.
	if m := click("UB", bot.ChoiceHelpful, second.RecID); !m.Private {
		t.Errorf("another person's click was answered in public: %+v", m)
	}
	// A forged id of another conversation's assessment changes nothing.
	other := store.ConvKey{Platform: "test", Team: "T", Channel: "C", Thread: "2"}
	foreign := feedbackCard(t, converse(t, e, other, "UA"))
	click("UA", bot.ChoiceHelpful, foreign.RecID)

	ws, err := st.Week(ctx, "2026-W50")
	if err != nil {
		t.Fatal(err)
	}
	if ws.Helpful != 1 || ws.NotHelpful != 1 || ws.Chosen[advisor.RAG] != 1 || len(ws.Chosen) != 1 {
		t.Errorf("week: helpful %d, not helpful %d, chosen %v", ws.Helpful, ws.NotHelpful, ws.Chosen)
	}
	c, _ := st.GetConversation(ctx, key)
	if c.RecID != second.RecID || c.Chose || !c.Rated {
		t.Errorf("the latest assessment's state: rec %s chose %v rated %v", c.RecID, c.Chose, c.Rated)
	}
}

// TestQuestionsCarryTheirAssessment: a question's buttons carry the id
// the assessment will have, and a click on a question of an earlier round
// answers nothing.
func TestQuestionsCarryTheirAssessment(t *testing.T) {
	ctx := context.Background()
	e := newEngine(store.NewMem())
	key := store.ConvKey{Platform: "test", Team: "T", Channel: "C", Thread: "1"}
	r := &recorder{}
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "UA", Text: "Answer employee questions from our HR handbook, about 3,000 a month, 8 minutes each."}, r); err != nil {
		t.Fatal(err)
	}
	q := r.last()
	if q.Kind != bot.KindQuestion || q.RecID == "" {
		t.Fatalf("first question: %+v", q)
	}
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "UA", Text: "restart"}, r); err != nil {
		t.Fatal(err)
	}
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "UA", Text: "Route 2,000 support tickets a week to the right team."}, r); err != nil {
		t.Fatal(err)
	}
	q2 := r.last()
	if q2.RecID == q.RecID {
		t.Fatal("a new round's question carries the old id")
	}
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "UA", Choice: bot.ChoiceSkip, Field: q2.Question.Field, RecID: q.RecID}, r); err != nil {
		t.Fatal(err)
	}
	if m := r.out[len(r.out)-2]; m.Kind != bot.KindText || m.Text == "" {
		t.Errorf("old question's click: %+v", m)
	}
	if m := r.last(); m.Kind != bot.KindQuestion || m.Question.Field != q2.Question.Field {
		t.Errorf("the pending question was not asked again: %+v", m)
	}
}
