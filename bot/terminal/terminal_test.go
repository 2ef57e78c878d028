package terminal

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/advisorbot/advisorbot/internal/golden"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/knowledge"
)

// newEngine is the engine without a model, on the given store, with a
// fixed clock so transcripts are stable.
func newEngine(t *testing.T, st store.Store) *bot.Engine {
	t.Helper()
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	return bot.New(lg, bot.Config{
		Advisor:   advisor.New(advisor.DefaultAssumptions()),
		Store:     st,
		Explainer: explain.New(lg, explain.Config{KB: kb}),
		Extractor: extract.New(lg, nil),
		Now:       func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) },
		// As advisorbot chat wires it: the operator alone is not rationed.
		Unrationed: map[string]bool{"terminal": true},
	})
}

// TestTranscripts plays each testdata/*.script through a session and
// compares what it prints with testdata/*.golden, which -update rewrites.
func TestTranscripts(t *testing.T) {
	scripts, _ := filepath.Glob("testdata/*.script")
	if len(scripts) == 0 {
		t.Fatal("no scripts")
	}
	for _, path := range scripts {
		name := strings.TrimSuffix(filepath.Base(path), ".script")
		t.Run(name, func(t *testing.T) {
			script, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			s := New(Config{User: "U1", Out: &out}, newEngine(t, store.NewMem()))
			if err := s.Run(context.Background(), bytes.NewReader(script)); err != nil {
				t.Fatal(err)
			}
			goldenfile.Check(t, filepath.Join("testdata", name+".golden"), out.Bytes())
		})
	}
}

// TestResume: a new session on the same store asks the pending question
// again, with the earlier answers kept.
func TestResume(t *testing.T) {
	st := store.NewMem()
	var out bytes.Buffer
	first := New(Config{User: "U2", Out: &out}, newEngine(t, st))
	if err := first.Run(context.Background(), strings.NewReader("Answer staff questions from our HR handbook, about 500 a month, 10 minutes each.\nhigh\n")); err != nil {
		t.Fatal(err)
	}
	c, err := st.GetConversation(context.Background(), Key("U2"))
	if err != nil || c.Pending == "" {
		t.Fatalf("no pending question after the first session: %+v %v", c, err)
	}
	out.Reset()
	second := New(Config{User: "U2", Out: &out}, newEngine(t, st))
	if err := second.Run(context.Background(), strings.NewReader("")); err != nil {
		t.Fatal(err)
	}
	f, _ := advisor.LookupField(c.Pending)
	if !strings.Contains(out.String(), "Welcome back") || !strings.Contains(out.String(), f.Question) {
		t.Errorf("resume did not ask %s again:\n%s", c.Pending, out.String())
	}
	c2, _ := st.GetConversation(context.Background(), Key("U2"))
	if c2.Profile.Accuracy != c.Profile.Accuracy || *c2.Profile.MonthlyVolume != *c.Profile.MonthlyVolume {
		t.Errorf("answers changed across the restart: %+v vs %+v", c2.Profile, c.Profile)
	}
}

// TestQuestionInPlainWords: options show their words and examples, and a
// line may name one by number, by its words or by its value; a
// confirmation offers yes as its one option.
func TestQuestionInPlainWords(t *testing.T) {
	var out bytes.Buffer
	s := New(Config{Out: &out}, nil)
	q := &bot.Question{Field: advisor.FieldKnowledge, Text: "Which facts?", Options: advisor.OptionsOf(advisor.FieldKnowledge), Number: 1, AtMost: 6}
	if err := s.Send(context.Background(), bot.Outbound{Kind: bot.KindQuestion, Question: q}); err != nil {
		t.Fatal(err)
	}
	want := "  4) Our own documents, which change (a wiki, price list or database updated often)\n"
	if !strings.Contains(out.String(), want) || strings.Contains(out.String(), "private_changing") {
		t.Errorf("question shows\n%s\nwant the line %q and no values", out.String(), want)
	}
	for line, want := range map[string]string{
		"4": "private_changing", "1": "none", "5": "", "0": "",
		"Our own documents, which change": "private_changing", "our own documents, which change.": "private_changing",
		"public": "public", "PRIVATE_STATIC": "private_static", "private, it changes a lot": "",
	} {
		got, field, _ := s.choice(line)
		if got != want || (got != "" && field != advisor.FieldKnowledge) {
			t.Errorf("choice(%q) = %q, %q; want %q for %s", line, got, field, want, advisor.FieldKnowledge)
		}
	}

	out.Reset()
	c := &bot.Question{Field: bot.FieldConfirm, Number: 2, AtMost: 6,
		Text:    "I read: 4.5 minutes each\x1b[2J. Right? Say yes, or correct any of them.",
		Confirm: []bot.Reading{{Field: advisor.FieldMinutesPerTask, Name: "time per item", Value: "4.5 minutes each"}}}
	if err := s.Send(context.Background(), bot.Outbound{Kind: bot.KindQuestion, Question: c}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "Question 2 of at most 6: I read: 4.5 minutes each") || !strings.Contains(got, "  1) Yes, that's right\n") || strings.Contains(got, "\x1b") {
		t.Errorf("confirmation shows\n%q", got)
	}
	for _, line := range []string{"1", "yes", "Yes, that's right"} {
		if v, field, _ := s.choice(line); v != "yes" || field != bot.FieldConfirm {
			t.Errorf("choice(%q) on a confirmation = %q, %q; want yes for %s", line, v, field, bot.FieldConfirm)
		}
	}
	if v, _, _ := s.choice("no, 5 minutes"); v != "" {
		t.Errorf("a correction was read as the option %q", v)
	}
}
