package slack

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/bottest"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
	goldenfile "github.com/advisorbot/advisorbot/internal/golden"
)

// Every kind of payload the bot sends Slack, rendered by the code that
// sends it, compared with testdata/blocks (messages) and testdata/views
// (Home tab and modal), rewritten with -update, and put through the fake
// Slack's own limit checks (slacktest.CheckBlocks, slacktest.CheckView):
// a golden file is something Slack takes, and shows as meant.

// message is a message payload as chat.postMessage takes it.
type message struct {
	Text   string         `json:"text"`
	Blocks goslack.Blocks `json:"blocks"`
}

// goldenMessage compares m's payload with testdata/blocks/name.json and
// checks it.
func goldenMessage(t *testing.T, name string, m bot.Outbound) {
	t.Helper()
	text, blocks := blocksFor(m)
	raw, err := json.Marshal(goslack.Blocks{BlockSet: blocks})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range slacktest.CheckBlocks(raw, slacktest.InMessage) {
		t.Errorf("%s: %s", name, p)
	}
	if text == "" || len([]rune(text)) > maxMessageRunes {
		t.Errorf("%s: notification text of %d characters", name, len([]rune(text)))
	}
	goldenfile.JSON(t, filepath.Join("testdata", "blocks", name+".json"), message{Text: text, Blocks: goslack.Blocks{BlockSet: blocks}})
}

// goldenView compares a view with testdata/views/name.json and checks it.
func goldenView(t *testing.T, name string, view any) {
	t.Helper()
	raw, err := json.Marshal(view)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range slacktest.CheckView(raw) {
		t.Errorf("%s: %s", name, p)
	}
	goldenfile.JSON(t, filepath.Join("testdata", "views", name+".json"), view)
}

// TestQuestionsGolden: every field the engine may ask about, asked
// plainly and put back to the person as a value read from their
// description, and the confirmation of several readings at once.
func TestQuestionsGolden(t *testing.T) {
	for _, f := range advisor.Fields() {
		t.Run(f.Name, func(t *testing.T) {
			q := &bot.Question{Field: f.Name, Text: f.Question, Options: advisor.OptionsOf(f.Name), Example: f.Example, Number: 2, AtMost: bot.MaxQuestions}
			goldenMessage(t, "question/"+f.Name, bot.Outbound{Kind: bot.KindQuestion, Question: q, RecID: "r1"})
			goldenMessage(t, "question/"+f.Name+"-inferred", bot.Outbound{Kind: bot.KindQuestion, Question: inferred(f), RecID: "r1"})
		})
	}
	goldenMessage(t, "question/confirm", bot.Outbound{Kind: bot.KindQuestion, Question: bottest.Confirmation(), RecID: "r1"})
}

// inferred is the engine's confirmation of one value read for f (its
// wording is the engine's msgConfirm), the value being f's example.
func inferred(f advisor.Field) *bot.Question {
	name := strings.ReplaceAll(f.Name, "_", " ")
	return &bot.Question{
		Field: bot.FieldConfirm, Number: 2, AtMost: bot.MaxQuestions,
		Text: fmt.Sprintf("I read: %s: %s. Right? Say yes, or correct any of them (for example \"%s is %s\").",
			name, f.Example, name, f.Example),
		Options: []advisor.Option{{Value: "yes", Label: "Yes, that's right"}},
		Example: name + " is " + f.Example,
		Confirm: []bot.Reading{{Field: f.Name, Name: name, Value: f.Example}},
	}
}

// TestMessagesGolden: the cards and notes of a conversation and of the
// commands.
func TestMessagesGolden(t *testing.T) {
	rec := recommendation(t)
	w := &bot.WhatIf{Field: advisor.FieldMonthlyVolume, From: "20,000 a month", To: "50k a month", Before: rec, After: rec}
	report := summary.ReportOf("2026-W48", "# advisorbot weekly summary, 2026-W48\n\n**4 assessments** so far.\n\n## By approach\n\n- Retrieval: 3\n- Prompting: 1\n")
	for name, m := range map[string]bot.Outbound{
		"recommendation":     {Kind: bot.KindRecommendation, Rec: &rec, RecID: "r1", Title: "Answer <customer> questions & more"},
		"recommendation-max": {Kind: bot.KindRecommendation, Rec: &rec, RecID: "r1", Title: strings.Repeat("Triage of inbound supplier invoices ", 6)},
		"roi":                {Kind: bot.KindROI, Rec: &rec},
		"roi-quick":          {Kind: bot.KindROI, Rec: &rec, Text: "For 20,000 a month, 6 minutes each, $45 an hour:"},
		"whatif":             {Kind: bot.KindWhatIf, WhatIf: w},
		"feedback":           {Kind: bot.KindFeedback, Text: "Was this helpful?", RecID: "r1"},
		"error":              {Kind: bot.KindError, Text: `monthly_volume: could not read "lots"`},
		"text":               {Kind: bot.KindText, Text: "I could not read *lots* as a number.\nTry again, for example \"about 2,000 a week\"."},
		"history":            {Kind: bot.KindHistory, History: assessments(rec), Text: "You have no assessments yet. Describe a use case to me to start one."},
		"history-empty":      {Kind: bot.KindHistory, Text: "You have no assessments yet. Describe a use case to me to start one."},
		"forget-me":          {Kind: bot.KindConfirmForget, Text: "This deletes every conversation, assessment and piece of feedback of yours. It cannot be undone."},
		"forgotten":          {Kind: bot.KindText, Text: "Done: every conversation, assessment and piece of feedback of yours is deleted."},
		"summary-preview":    {Kind: bot.KindSummary, Summary: &report, Text: "Preview of the weekly summary, 2026-W48 so far"},
	} {
		t.Run(name, func(t *testing.T) { goldenMessage(t, name, m) })
	}
}

// assessments are two finished assessments of one person, oldest first.
func assessments(rec advisor.Recommendation) []store.Assessment {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	a := store.Assessment{ID: "a1", User: "U1", Title: "Invoice triage for accounts payable", Department: "Finance", Result: rec, CreatedAt: at}
	b := store.Assessment{ID: "a2", User: "U1", Title: "Contract clause extraction", Department: "Legal", Result: rec, CreatedAt: at.Add(49 * time.Hour)}
	return []store.Assessment{a, b}
}

// homeOutcomes are what was reported of the first of recs (built, with
// figures); the second has none reported.
func homeOutcomes(recs []store.Assessment) map[string]store.Outcome {
	return map[string]store.Outcome{recs[0].ID: {RecID: recs[0].ID, User: "U1", Status: store.OutcomeBuilt, Approach: advisor.RAG,
		OneOffCost: advisor.Some(18000), MonthlyRunCost: advisor.Some(350), HoursSavedMonthly: advisor.Some(120),
		At: time.Date(2026, 12, 28, 10, 0, 0, 0, time.UTC)}}
}

// TestViewsGolden: the Home tab with assessments, without, and for
// someone the bot does not serve; and the intake modal.
func TestViewsGolden(t *testing.T) {
	rec := recommendation(t)
	goldenView(t, "home-full", homeView(homeBlocks(assessments(rec), homeOutcomes(assessments(rec)), "")))
	goldenView(t, "home-empty", homeView(homeBlocks(nil, nil, "")))
	goldenView(t, "home-unreadable", homeView(homeBlocks(nil, nil, msgHomeUnreadable)))
	goldenView(t, "home-denied", homeView(deniedHomeBlocks("Sorry, advisorbot is not available to you here. Ask your administrator to add you.")))
	goldenView(t, "intake", intakeModal())
}
