package bot_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// confirmationConv starts a conversation whose description is read with
// decisive values, and answers questions by skipping until the engine asks
// for its one confirmation; it returns the confirmation.
func confirmationConv(t *testing.T, e *bot.Engine, key store.ConvKey, r *recorder) *bot.Question {
	t.Helper()
	ctx := context.Background()
	send := func(text string) {
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: text}, r); err != nil {
			t.Fatal(err)
		}
	}
	send("Agents answer questions from our help centre, which product teams update every week; about 300 a month, 6 minutes each.")
	for range bot.MaxQuestions {
		m := r.last()
		if m.Kind != bot.KindQuestion {
			break
		}
		if m.Question.Field == bot.FieldConfirm {
			return m.Question
		}
		send("skip")
	}
	t.Fatalf("no confirmation asked for this description (%v)", r.kinds())
	return nil
}

func TestConfirmationTurn(t *testing.T) {
	ctx := context.Background()
	t.Run("yes confirms every reading", func(t *testing.T) {
		st := store.NewMem()
		e := newEngine(st)
		key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "D1"}
		r := &recorder{}
		q := confirmationConv(t, e, key, r)
		if len(q.Confirm) == 0 || !strings.HasPrefix(q.Text, "I read: ") || len(q.Options) != 1 || q.Options[0].Value != "yes" {
			t.Fatalf("confirmation: %+v", q)
		}
		for _, rd := range q.Confirm {
			if strings.Contains(rd.Value, "_") {
				t.Errorf("reading shows an internal name: %+v", rd)
			}
		}
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Choice: "yes", Field: bot.FieldConfirm}, r); err != nil {
			t.Fatal(err)
		}
		c, _ := st.GetConversation(ctx, key)
		for _, rd := range q.Confirm {
			if slices.Contains(c.Inferred, rd.Field) {
				t.Errorf("%s still unconfirmed after yes", rd.Field)
			}
		}
		if !c.Confirmed || c.Pending == bot.FieldConfirm {
			t.Errorf("after yes: confirmed %v, pending %q", c.Confirmed, c.Pending)
		}
		// Never a second confirmation in the same assessment.
		for range bot.MaxQuestions {
			if m := r.last(); m.Kind != bot.KindQuestion {
				break
			} else if m.Question.Field == bot.FieldConfirm {
				t.Fatal("a second confirmation")
			}
			if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: "skip"}, r); err != nil {
				t.Fatal(err)
			}
		}
	})
	t.Run("a bare no asks what is wrong and changes nothing", func(t *testing.T) {
		st := store.NewMem()
		e := newEngine(st)
		key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "D2"}
		r := &recorder{}
		confirmationConv(t, e, key, r)
		before, _ := st.GetConversation(ctx, key)
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: "no"}, r); err != nil {
			t.Fatal(err)
		}
		after, _ := st.GetConversation(ctx, key)
		if !advisorEqual(before.Profile, after.Profile) || after.Pending != bot.FieldConfirm {
			t.Errorf("a bare no changed the profile or moved on: %+v", after.Profile)
		}
		if k := r.out[len(r.out)-2]; k.Kind != bot.KindError || !strings.Contains(k.Text, "right value") && !strings.Contains(k.Text, "Which one") {
			t.Errorf("reply to no: %+v", k)
		}
	})
	t.Run("a correction changes what it names and confirms the rest", func(t *testing.T) {
		st := store.NewMem()
		e := newEngine(st)
		key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "D3"}
		r := &recorder{}
		q := confirmationConv(t, e, key, r)
		fix, want := correctionOf(t, q.Confirm[0])
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: fix}, r); err != nil {
			t.Fatal(err)
		}
		c, _ := st.GetConversation(ctx, key)
		var got advisor.Value
		for _, v := range c.Profile.Values() {
			if v.Field == want.Field {
				got = v
			}
		}
		if got != want {
			t.Errorf("after %q: %s = %+v, want %+v", fix, want.Field, got, want)
		}
		if len(c.Inferred) > 0 && slices.ContainsFunc(q.Confirm, func(rd bot.Reading) bool { return slices.Contains(c.Inferred, rd.Field) }) {
			t.Errorf("readings left unconfirmed after a correction: %v", c.Inferred)
		}
	})
}

// correctionOf is a correction of reading rd as a person would type it,
// naming the field, and the value it must set.
func correctionOf(t *testing.T, rd bot.Reading) (string, advisor.Value) {
	t.Helper()
	switch rd.Field {
	case advisor.FieldMonthlyVolume:
		return "no, volume is 3k", advisor.Value{Field: rd.Field, Number: 3000}
	case advisor.FieldMinutesPerTask:
		return "actually it's 4.5 minutes each", advisor.Value{Field: rd.Field, Number: 4.5}
	case advisor.FieldHourlyCost:
		return "rate is $60/h", advisor.Value{Field: rd.Field, Number: 60}
	}
	for _, o := range advisor.OptionsOf(rd.Field) {
		if !strings.Contains(rd.Value, o.Label) {
			v := advisor.Value{Field: rd.Field, Text: o.Value}
			if f, _ := advisor.LookupField(rd.Field); f.Kind == advisor.KindBool {
				v = advisor.Value{Field: rd.Field, Bool: o.Value == "yes"}
			}
			return rd.Name + " is " + strings.ToLower(o.Label), v
		}
	}
	t.Fatalf("no other option for %+v", rd)
	return "", advisor.Value{}
}

func advisorEqual(a, b advisor.UseCase) bool {
	return slices.Equal(a.Values(), b.Values())
}
