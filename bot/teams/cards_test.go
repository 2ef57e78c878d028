package teams

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/bottest"

	goldenfile "github.com/advisorbot/advisorbot/internal/golden"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

// golden compares v, as indented JSON, with testdata/cards/name.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	goldenfile.JSON(t, filepath.Join("testdata", "cards", name), v)
}

func TestCardsGolden(t *testing.T) {
	q := bot.Outbound{Kind: bot.KindQuestion, Text: "Thanks, that helps.", Question: &bot.Question{
		Field: "accuracy", Text: "How costly is a wrong answer?", Options: advisor.OptionsOf(advisor.FieldAccuracy),
		Number: 2, AtMost: 5}}
	golden(t, "question.json", activityFor(q))
	golden(t, "question-many.json", activityFor(manyOptions()))

	typed := bot.Outbound{Kind: bot.KindQuestion, Question: &bot.Question{
		Field: "monthly_volume", Text: "How many a month?", Example: "2,000 a week", Number: 1, AtMost: 4}}
	golden(t, "question-typed.json", activityFor(typed))
	golden(t, "question-confirm.json", activityFor(bot.Outbound{Kind: bot.KindQuestion, Question: bottest.Confirmation()}))

	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(storetest.SampleProfile())
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "recommendation.json", activityFor(bot.Outbound{Kind: bot.KindRecommendation, Rec: &rec, Title: "Invoice triage"}))
	hostile := activityFor(bot.Outbound{Kind: bot.KindRecommendation, Rec: &rec, Title: "[click me](https://evil.example) **now**"})
	if b, _ := json.Marshal(hostile); strings.Contains(string(b), "](https://evil") || strings.Contains(string(b), "**now**") {
		t.Errorf("an employee's title became markup: %s", b)
	}
	golden(t, "text.json", activityFor(bot.Outbound{Kind: bot.KindText, Text: "**Hello.** Describe what you want to automate."}))
	golden(t, "roi.json", activityFor(bot.Outbound{Kind: bot.KindROI, Rec: &rec, Title: "Invoice triage"}))
	changed := storetest.SampleProfile()
	vol, _ := parse.Answer("monthly_volume", "50k")
	changed.Set(vol)
	after, err := advisor.New(advisor.DefaultAssumptions()).Recommend(changed)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "whatif.json", activityFor(bot.Outbound{Kind: bot.KindWhatIf, WhatIf: &bot.WhatIf{Field: "monthly_volume", From: "2,000", To: "50,000", Before: rec, After: after}}))
	golden(t, "feedback.json", activityFor(bot.Outbound{Kind: bot.KindFeedback, Text: "Was this helpful?"}))
}

func TestChoiceOf(t *testing.T) {
	for raw, want := range map[string]string{
		`{"advisorbot_choice":"skip"}`: "skip",
		`{"other":"x"}`:                "",
		`not json`:                     "",
		``:                             "",
		`{"advisorbot_choice":42}`:     "",
		// The feedback card's list, submitted with its button.
		`{"advisorbot_chose":"chose:rag"}`:                               "chose:rag",
		`{"advisorbot_choice":"helpful","advisorbot_chose":"chose:rag"}`: "helpful",
	} {
		if got, _ := ChoiceOf(Activity{Value: json.RawMessage(raw)}); got != want {
			t.Errorf("ChoiceOf(%s) = %q, want %q", raw, got, want)
		}
	}
	// A submitted card comes back with the data of the button pressed.
	c := questionCard(bot.Outbound{Question: &bot.Question{Field: "accuracy", Text: "?", Options: []advisor.Option{{Value: "high", Label: "High"}}, Number: 1, AtMost: 1}})
	data, _ := json.Marshal(c.Content.(obj)["actions"].([]any)[0].(obj)["data"])
	if got, field := ChoiceOf(Activity{Value: data}); got != "high" || field != "accuracy" {
		t.Errorf("round trip: %q %q", got, field)
	}
}
