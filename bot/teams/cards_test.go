package teams

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/bottest"

	goldenfile "github.com/advisorbot/advisorbot/internal/golden"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// golden compares v, as indented JSON, with testdata/cards/name.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	goldenfile.JSON(t, filepath.Join("testdata", "cards", name), v)
}

// goldenSender compares activities with their golden files and sends each
// through the fake connector, whose checks (size, the Adaptive Cards
// schema, Teams' host config) it must pass.
type goldenSender struct {
	t    *testing.T
	bf   *teamstest.BotFramework
	conn *Connector
}

func newGoldenSender(t *testing.T) *goldenSender {
	bf := teamstest.NewBotFramework(t)
	return &goldenSender{t: t, bf: bf, conn: &Connector{Tokens: tokens(bf, teamstest.Secret)}}
}

func (g *goldenSender) check(name string, a Activity) {
	g.t.Helper()
	golden(g.t, name, a)
	if _, err := g.conn.SendActivity(context.Background(), g.bf.ServiceURL(), "a:1golden", a); err != nil {
		g.t.Errorf("%s: the connector refused it: %v (%v)", name, err, g.bf.Problems())
	}
}

// TestCardsGolden: every kind of message advisorbot sends in Teams, as a
// golden file, each taken by the fake connector: every question field,
// plain and as the confirmation of values read from a description
// (inferred), the recommendation, ROI, what-if, feedback, errors, history,
// forget me, the summary preview and the weekly post, and the cards once
// answered.
func TestCardsGolden(t *testing.T) {
	g := newGoldenSender(t)
	q := bot.Outbound{Kind: bot.KindQuestion, Text: "Thanks, that helps.", Question: &bot.Question{
		Field: "accuracy", Text: "How costly is a wrong answer?", Options: advisor.OptionsOf(advisor.FieldAccuracy),
		Number: 2, AtMost: 5}}
	g.check("question.json", activityFor(q))
	for _, f := range advisor.Fields() {
		m := bot.Outbound{Kind: bot.KindQuestion, Question: &bot.Question{Field: f.Name, Text: f.Question,
			Options: advisor.OptionsOf(f.Name), Example: f.Example, Number: 3, AtMost: bot.MaxQuestions}}
		g.check("question-"+f.Name+".json", activityFor(m))
	}
	g.check("question-confirm.json", activityFor(bot.Outbound{Kind: bot.KindQuestion, Question: bottest.Confirmation(), RecID: "rec-1"}))

	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(storetest.SampleProfile())
	if err != nil {
		t.Fatal(err)
	}
	g.check("recommendation.json", activityFor(bot.Outbound{Kind: bot.KindRecommendation, Rec: &rec, RecID: "rec-1", Title: "Invoice triage"}))
	hostile := activityFor(bot.Outbound{Kind: bot.KindRecommendation, Rec: &rec, Title: "[click me](https://evil.example) **now**"})
	if b, _ := json.Marshal(hostile); strings.Contains(string(b), "](https://evil") || strings.Contains(string(b), "**now**") {
		t.Errorf("an employee's title became markup: %s", b)
	}
	g.check("text.json", activityFor(bot.Outbound{Kind: bot.KindText, Text: "**Hello.** Describe what you want to automate."}))
	g.check("error.json", activityFor(bot.Outbound{Kind: bot.KindError, Text: `I could not read "lots" as a number. Try "2,000 a week".`}))
	g.check("roi.json", activityFor(bot.Outbound{Kind: bot.KindROI, Rec: &rec, Title: "Invoice triage"}))
	changed := storetest.SampleProfile()
	vol, _ := parse.Answer("monthly_volume", "50k")
	changed.Set(vol)
	after, err := advisor.New(advisor.DefaultAssumptions()).Recommend(changed)
	if err != nil {
		t.Fatal(err)
	}
	g.check("whatif.json", activityFor(bot.Outbound{Kind: bot.KindWhatIf, WhatIf: &bot.WhatIf{Field: "monthly_volume", From: "2,000", To: "50,000", Before: rec, After: after}}))
	g.check("feedback.json", activityFor(bot.Outbound{Kind: bot.KindFeedback, Text: "Was this helpful?", RecID: "rec-1"}))
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	history := []store.Assessment{{ID: "a1", Title: "Invoice triage", Department: "Finance", Result: rec, CreatedAt: at}}
	g.check("history.json", activityFor(bot.Outbound{Kind: bot.KindHistory, History: history}))
	g.check("history-empty.json", activityFor(bot.Outbound{Kind: bot.KindHistory, Text: "You have no assessments yet."}))
	g.check("forget-confirm.json", activityFor(bot.Outbound{Kind: bot.KindConfirmForget, Text: "This deletes everything of yours. It cannot be undone."}))
	preview := report(summaryMD, nil)
	g.check("summary-preview.json", activityFor(bot.Outbound{Kind: bot.KindSummary, Text: "Preview of the weekly summary, 2026-W47 so far", Summary: &preview}))
	g.check("summary.json", SummaryActivity(report(summaryMD, []byte("\x89PNG\r\n\x1a\n"))))

	// Answered: what a card becomes once the engine took the click.
	asked := store.Conversation{Asked: []string{bot.FieldConfirm, advisor.FieldTask, advisor.FieldAccuracy}}
	g.check("answered-question.json", Activity{Type: "message", Attachments: []Attachment{
		answeredQuestion(asked, submission{field: advisor.FieldTask, choice: "translate"})}})
	g.check("answered-skip.json", Activity{Type: "message", Attachments: []Attachment{
		answeredQuestion(asked, submission{field: advisor.FieldAccuracy, choice: bot.ChoiceSkip})}})
	g.check("answered-confirm.json", Activity{Type: "message", Attachments: []Attachment{
		answeredQuestion(asked, submission{field: bot.FieldConfirm, choice: "yes"})}})
	g.check("answered-recommendation.json", Activity{Type: "message", Attachments: []Attachment{
		recommendationCard(bot.Outbound{Kind: bot.KindRecommendation, Rec: &rec, RecID: "rec-1", Title: "Invoice triage"}, verdictOf(bot.ChoiceHelpful))}})
	g.check("answered-feedback-rated.json", Activity{Type: "message", Attachments: []Attachment{
		feedbackCardNoted(submission{choice: bot.ChoiceNotHelpful}, "rec-1", true, false)}})
	g.check("answered-feedback-chose.json", Activity{Type: "message", Attachments: []Attachment{
		feedbackCardNoted(submission{choice: bot.ChoiceChose(advisor.RAG)}, "rec-1", false, true)}})
	g.check("answered-feedback-done.json", Activity{Type: "message", Attachments: []Attachment{
		feedbackCardNoted(submission{choice: bot.ChoiceChose(advisor.RAG)}, "rec-1", true, true)}})
	g.check("answered-forget.json", Activity{Type: "message", Attachments: []Attachment{forgottenCard()}})
}

// TestStreamGolden: the activities of a natively streamed explanation in
// a personal chat, as the fake connector took them.
func TestStreamGolden(t *testing.T) {
	bf := teamstest.NewBotFramework(t)
	clock := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	to := Activity{ID: "in-1", ServiceURL: bf.ServiceURL(), From: &Account{ID: "29:user"}, Recipient: &Account{ID: "28:bot", Name: "advisorbot"},
		Conversation: &Conversation{ID: teamstest.PersonalChat("29:user"), ConversationType: "personal", TenantID: "tenant-1"}}
	r := &Replier{Conn: &Connector{Tokens: tokens(bf, teamstest.Secret)}, To: to, Now: func() time.Time { return clock }}
	ctx := context.Background()
	s, err := r.Stream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(2 * time.Second)
	s.Write(ctx, "Retrieval fits: your answers come from documents that change.")
	if err := s.Close(ctx, "", false); err != nil {
		t.Fatal(err)
	}
	acts := bf.Activities()
	if len(acts) != 3 {
		t.Fatalf("%d activities, want open, update, final", len(acts))
	}
	for i, name := range []string{"stream-open.json", "stream-update.json", "stream-final.json"} {
		golden(t, name, acts[i].Activity)
	}
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
