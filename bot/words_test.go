package bot_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/store"
)

// TestGivenCommands: what a command (a Slack slash command's text) gets,
// all decided in the engine.
func TestGivenCommands(t *testing.T) {
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	st := store.NewMem()
	e := bot.New(lg, bot.Config{
		Advisor: advisor.New(advisor.DefaultAssumptions()), Store: st,
		Explainer: explain.New(lg, explain.Config{KB: kb}), Extractor: extract.New(lg, nil),
		Now:    func() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) },
		Access: map[string]bot.Access{"test": {Admins: map[string]bool{"UADMIN": true}}},
		Limits: unlimited,
	})
	for _, tt := range []struct {
		user, text string
		want       bot.Kind
		says       string
	}{
		{"U1", "", bot.KindText, "I help you decide"},
		{"U1", "help", bot.KindText, "I help you decide"},
		{"U1", "frobnicate the thing", bot.KindError, `"frobnicate"`},
		{"U1", "roi", bot.KindError, "missing a volume"},
		{"U1", "roi 20k a month, 6 min each, $45/h", bot.KindROI, ""},
		{"U1", "history", bot.KindHistory, ""},
		{"U1", "forget-me", bot.KindConfirmForget, ""},
		{"U1", "summary", bot.KindText, "admins"},
		{"UADMIN", "summary", bot.KindSummary, "2026-W48 so far"},
		{"UADMIN", "Weekly summary.", bot.KindSummary, ""},
	} {
		r := &recorder{}
		in := bot.Inbound{Conv: store.ConvKey{Platform: "test", Channel: "C1"}, User: tt.user, Text: tt.text, Command: true, Private: true}
		if err := e.Handle(context.Background(), in, r); err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		m := r.last()
		if m.Kind != tt.want || !strings.Contains(m.Text, tt.says) {
			t.Errorf("%s %q: %s %q, want %s saying %q", tt.user, tt.text, m.Kind, m.Text, tt.want, tt.says)
		}
		if m.Kind == bot.KindSummary && (m.Summary == nil || m.Summary.Week != "2026-W48") {
			t.Errorf("%q: summary %+v, want the report of 2026-W48", tt.text, m.Summary)
		}
	}
	if _, err := st.GetConversation(context.Background(), store.ConvKey{Platform: "test", Channel: "C1"}); err == nil {
		t.Error("a command started a conversation")
	}
	// In a channel, where others read along, the summary is not shown.
	r := &recorder{}
	in := bot.Inbound{Conv: store.ConvKey{Platform: "test", Channel: "C1"}, User: "UADMIN", Text: "weekly summary"}
	if err := e.Handle(context.Background(), in, r); err != nil {
		t.Fatal(err)
	}
	if m := r.last(); m.Kind == bot.KindSummary || !strings.Contains(m.Text, "only where you alone can read it") {
		t.Errorf("weekly summary in a channel: %s %q", m.Kind, m.Text)
	}
}

// TestSummaryIsAnAnswerOutsideCommands: "summary" typed in a conversation
// is words about the work ("the task is a summary"), even from an admin.
func TestSummaryIsAnAnswerOutsideCommands(t *testing.T) {
	e := newEngine(store.NewMem())
	r := &recorder{}
	key := store.ConvKey{Platform: "test", Channel: "C2"}
	for _, text := range []string{"Summarise 400 customer calls a month into CRM notes, 10 minutes each.", "summary"} {
		if err := e.Handle(context.Background(), bot.Inbound{Conv: key, User: "U", Text: text}, r); err != nil {
			t.Fatal(err)
		}
	}
	if slices.Contains(r.kinds(), bot.KindSummary) {
		t.Errorf("\"summary\" in a conversation showed the weekly summary: %v", r.kinds())
	}
}

func TestNewAssessment(t *testing.T) {
	for _, tt := range []struct {
		in   bot.Inbound
		desc string
		ok   bool
	}{
		{bot.Inbound{Command: true, Text: "new Route 2,000 tickets a week"}, "Route 2,000 tickets a week", true},
		{bot.Inbound{Command: true, Text: "  New  "}, "", true},
		{bot.Inbound{Command: true, Text: "newsletter drafts"}, "", false},
		{bot.Inbound{Text: "new Route tickets"}, "", false}, // typed in a conversation: the engine's own "new"
		{bot.Inbound{Command: true, Text: "history"}, "", false},
	} {
		desc, ok := bot.NewAssessment(tt.in)
		if desc != tt.desc || ok != tt.ok {
			t.Errorf("NewAssessment(%+v) = %q, %v; want %q, %v", tt.in, desc, ok, tt.desc, tt.ok)
		}
	}
}

func TestCommandWords(t *testing.T) {
	words := bot.CommandWords()
	for _, w := range []string{"help", "history", "forget me", "what if", "new", "roi", "summary", bot.ChoiceSkip, bot.ChoiceWhy, bot.ChoiceShowROI} {
		if !slices.Contains(words, w) {
			t.Errorf("CommandWords() lacks %q: %q", w, words)
		}
	}
	if !slices.IsSorted(words) {
		t.Errorf("CommandWords() not sorted: %q", words)
	}
}

// TestHelpStoresNothing: asking what the bot does, before any
// conversation, is answered without starting one.
func TestHelpStoresNothing(t *testing.T) {
	st := store.NewMem()
	e := newEngine(st)
	r := &recorder{}
	key := store.ConvKey{Platform: "test", Channel: "D1"}
	if err := e.Handle(context.Background(), bot.Inbound{Conv: key, User: "U", Text: "Help"}, r); err != nil {
		t.Fatal(err)
	}
	if m := r.last(); m.Kind != bot.KindText || !strings.Contains(m.Text, "I help you decide") {
		t.Errorf("help: %s %q", m.Kind, m.Text)
	}
	if _, err := st.GetConversation(context.Background(), key); err == nil {
		t.Error("help stored a conversation")
	}
}
