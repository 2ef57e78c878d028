package slack

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/bot/bottest"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
)

func recommendation(t *testing.T) advisor.Recommendation {
	t.Helper()
	u, err := advisor.DecodeUseCase([]byte(`{"task":"answer","monthly_volume":20000,"minutes_per_task":6,"hourly_cost":40,"knowledge":"private_changing","citations_required":true}`))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(u)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func TestLongTextSplitsUnderLimits(t *testing.T) {
	long := ""
	for len(long) < 20000 {
		long += "Retrieval keeps answers current because it looks the facts up at question time. "
	}
	_, blocks := blocksFor(bot.Outbound{Kind: bot.KindText, Text: long})
	if len(blocks) < 7 {
		t.Fatalf("%d blocks for 20,000 characters", len(blocks))
	}
	for _, b := range blocks {
		s := b.(*goslack.SectionBlock)
		if n := utf8.RuneCountInString(s.Text.Text); n > 3000 {
			t.Errorf("section of %d characters", n)
		}
	}
}

// TestActionIDsUniquePerBlock: Slack rejects a message whose action ids
// repeat within a block.
func TestActionIDsUniquePerBlock(t *testing.T) {
	rec := recommendation(t)
	tk, _ := advisor.LookupField(advisor.FieldAccuracy)
	for _, m := range []bot.Outbound{
		{Kind: bot.KindRecommendation, Rec: &rec},
		{Kind: bot.KindFeedback, Text: "?"},
		{Kind: bot.KindQuestion, Question: &bot.Question{Field: tk.Name, Text: tk.Question, Options: advisor.OptionsOf(tk.Name)}},
		{Kind: bot.KindQuestion, Question: bottest.Confirmation()},
	} {
		_, blocks := blocksFor(m)
		for _, b := range blocks {
			a, ok := b.(*goslack.ActionBlock)
			if !ok {
				continue
			}
			seen := map[string]bool{}
			for _, e := range a.Elements.ElementSet {
				var id string
				switch e := e.(type) {
				case *goslack.ButtonBlockElement:
					id = e.ActionID
				case *goslack.SelectBlockElement:
					id = e.ActionID
				}
				if seen[id] {
					t.Errorf("%s: action id %q twice in block %q", m.Kind, id, a.BlockID)
				}
				seen[id] = true
				if p := actionPrefix(id); p != actionAnswer && p != actionCommand && p != actionChose {
					t.Errorf("action id %q has no known prefix", id)
				}
			}
		}
	}
}

// TestQuestionBlocksPlainWords: every choice and yes/no field renders in
// Slack's limits, with its labels on the buttons or menu and its values
// (never shown) behind them; a confirmation has one yes button.
func TestQuestionBlocksPlainWords(t *testing.T) {
	for _, f := range advisor.Fields() {
		opts := advisor.OptionsOf(f.Name)
		if opts == nil {
			continue
		}
		q := &bot.Question{Field: f.Name, Text: f.Question, Options: opts, Example: f.Example, Number: 1, AtMost: 6}
		_, blocks := blocksFor(bot.Outbound{Kind: bot.KindQuestion, Question: q})
		texts, values := blockTexts(t, blocks)
		for _, o := range opts {
			if !slices.Contains(texts, o.Label) || !slices.Contains(values, o.Value) {
				t.Errorf("%s: option %q is not shown as %q with value %q", f.Name, o.Value, o.Label, o.Value)
			}
			if strings.Contains(o.Value, "_") && slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, o.Value) }) {
				t.Errorf("%s: the value %q is shown to people", f.Name, o.Value)
			}
		}
	}

	_, blocks := blocksFor(bot.Outbound{Kind: bot.KindQuestion, Question: bottest.Confirmation()})
	texts, values := blockTexts(t, blocks)
	if !slices.Equal(values, []string{"yes"}) || !slices.Contains(texts, "Yes, that's right") {
		t.Errorf("confirmation offers %v %v, want one button \"Yes, that's right\" = yes", texts, values)
	}
	if a := blocks[len(blocks)-1].(*goslack.ActionBlock); a.BlockID != "question_"+bot.FieldConfirm {
		t.Errorf("confirmation block id %q; a click must come back for the confirmation", a.BlockID)
	}

	hostile := bottest.Confirmation()
	hostile.Text = "I read: <!channel> *50* minutes. Right?"
	_, blocks = blocksFor(bot.Outbound{Kind: bot.KindQuestion, Question: hostile, Text: "<https://evil.example|click>"})
	if s := blocks[0].(*goslack.SectionBlock).Text.Text; strings.Contains(s, "<!channel>") || strings.Contains(s, "<https") {
		t.Errorf("a confirmation became markup: %s", s)
	}
}

// blockTexts collects the text on buttons and menu options (checking
// Slack's 75-character limit) and the values behind them.
func blockTexts(t *testing.T, blocks []goslack.Block) (texts, values []string) {
	t.Helper()
	check := func(o *goslack.TextBlockObject) string {
		if n := utf8.RuneCountInString(o.Text); n > 75 || o.Type != goslack.PlainTextType {
			t.Errorf("%s text %q (%d characters); Slack wants plain text of at most 75", o.Type, o.Text, n)
		}
		return o.Text
	}
	for _, b := range blocks {
		switch b := b.(type) {
		case *goslack.SectionBlock:
			if n := utf8.RuneCountInString(b.Text.Text); n > 3000 {
				t.Errorf("section of %d characters", n)
			}
		case *goslack.ActionBlock:
			if n := len(b.Elements.ElementSet); n > 25 {
				t.Errorf("%d elements in one actions block", n)
			}
			for _, e := range b.Elements.ElementSet {
				switch e := e.(type) {
				case *goslack.ButtonBlockElement:
					if e.Value != bot.ChoiceSkip {
						texts, values = append(texts, check(e.Text)), append(values, e.Value)
					}
				case *goslack.SelectBlockElement:
					if len(e.Options) > 100 {
						t.Errorf("%d options in a menu", len(e.Options))
					}
					for _, o := range e.Options {
						texts, values = append(texts, check(o.Text)), append(values, o.Value)
					}
				}
			}
		}
	}
	return texts, values
}
