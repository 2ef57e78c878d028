package teams

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/bottest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// The cards are checked with the fake connector's own checks
// (teamstest.CheckCard): the published Adaptive Cards 1.5 schema and the
// host config Teams renders them with, so a card that Teams would refuse,
// or cut short, fails here rather than in a chat. The same checks run on
// every activity any test sends the fake.

// checkCards validates every card of an activity.
func checkCards(t *testing.T, name string, a Activity) {
	t.Helper()
	for i, att := range a.Attachments {
		if att.ContentType != cardContentType {
			continue
		}
		for _, p := range teamstest.CheckCard(fmt.Sprintf("attachments[%d].content", i), att.Content) {
			t.Errorf("%s: %s", name, p)
		}
	}
}

func cardActions(a Attachment) []any {
	acts, _ := a.Content.(obj)["actions"].([]any)
	return acts
}

func cardInputs(a Attachment) []obj {
	var out []obj
	body, _ := a.Content.(obj)["body"].([]any)
	for _, e := range body {
		if e, ok := e.(obj); ok && strings.HasPrefix(e["type"].(string), "Input.") {
			out = append(out, e)
		}
	}
	return out
}

// manyOptions is a question with more options than Teams has actions for.
func manyOptions() bot.Outbound {
	f, _ := advisor.LookupField(advisor.FieldTask)
	return bot.Outbound{Kind: bot.KindQuestion, Question: &bot.Question{
		Field: f.Name, Text: f.Question, Options: advisor.OptionsOf(f.Name), Example: f.Example, Number: 1, AtMost: 6}}
}

func TestCardsMatchSchemaAndHostConfig(t *testing.T) {
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(storetest.SampleProfile())
	if err != nil {
		t.Fatal(err)
	}
	preview := summary.ReportOf("2026-W48", "# advisorbot weekly summary, 2026-W48\n\n**4 assessments**.\n\n## Top use cases\n\n1. Invoice <triage> & more (Finance): RAG\n")
	cases := map[string]bot.Outbound{
		"confirmation":   {Kind: bot.KindQuestion, Question: bottest.Confirmation()},
		"many options":   manyOptions(),
		"recommendation": {Kind: bot.KindRecommendation, Rec: &rec, Title: "Invoice triage"},
		"roi":            {Kind: bot.KindROI, Rec: &rec, Title: "Invoice triage"},
		"whatif":         {Kind: bot.KindWhatIf, WhatIf: &bot.WhatIf{Field: advisor.FieldKnowledge, From: "none", To: "private_changing", Before: rec, After: rec}},
		"feedback":       {Kind: bot.KindFeedback, Text: "Was this helpful?"},
		"summary":        {Kind: bot.KindSummary, Text: "Preview of the weekly summary, 2026-W48 so far", Summary: &preview},
		"confirm forget": {Kind: bot.KindConfirmForget, Text: "Delete everything?"},
	}
	for _, f := range advisor.Fields() {
		cases["question "+f.Name] = bot.Outbound{Kind: bot.KindQuestion, Text: "Thanks.", Question: &bot.Question{
			Field: f.Name, Text: f.Question, Options: advisor.OptionsOf(f.Name), Example: f.Example, Number: 1, AtMost: 6}}
	}
	for name, m := range cases {
		checkCards(t, name, activityFor(m))
	}
}

// TestQuestionManyOptions: a question with more options than Teams shows
// actions offers them as a list, within maxActions, and the list's value
// comes back through ChoiceOf as a button's would.
func TestQuestionManyOptions(t *testing.T) {
	m := manyOptions()
	if len(m.Question.Options) <= 6 {
		t.Fatalf("the task field has %d options; the test needs more than 6", len(m.Question.Options))
	}
	a := activityFor(m)
	checkCards(t, "many options", a)
	att := a.Attachments[0]
	ins := cardInputs(att)
	if len(ins) != 1 || ins[0]["type"] != "Input.ChoiceSet" || ins[0]["id"] != choiceKey {
		t.Fatalf("inputs %v, want one Input.ChoiceSet %q", ins, choiceKey)
	}
	var values []string
	for _, c := range ins[0]["choices"].([]any) {
		c := c.(obj)
		values = append(values, c["value"].(string))
		if c["title"] == c["value"] {
			t.Errorf("choice %v shows its value", c)
		}
	}
	if want := advisor.Fields()[3].Options; !slices.Equal(values, want) {
		t.Errorf("choices %v, want %v", values, want)
	}

	// Teams sends the button's data with the inputs merged in.
	send := cardActions(att)[0].(obj)
	data := map[string]any{}
	for k, v := range send["data"].(obj) {
		data[k] = v
	}
	data[choiceKey] = "translate"
	raw, _ := json.Marshal(data)
	if choice, field := ChoiceOf(Activity{Value: raw}); choice != "translate" || field != advisor.FieldTask {
		t.Errorf("ChoiceOf(send) = %q, %q; want translate, task", choice, field)
	}
	skip := cardActions(att)[len(cardActions(att))-1].(obj)
	if skip["associatedInputs"] != "none" || skip["data"].(obj)[choiceKey] != bot.ChoiceSkip {
		t.Errorf("Skip %v must submit skip without the list", skip)
	}
}

// TestQuestionCardPlainWords: buttons carry labels and submit values; a
// confirmation has one yes button and shows what was read as text.
func TestQuestionCardPlainWords(t *testing.T) {
	q := bot.Outbound{Kind: bot.KindQuestion, Question: &bot.Question{Field: advisor.FieldKnowledge, Text: "?",
		Options: advisor.OptionsOf(advisor.FieldKnowledge), Number: 1, AtMost: 6}}
	raw, _ := json.Marshal(activityFor(q))
	for _, o := range advisor.OptionsOf(advisor.FieldKnowledge) {
		if !strings.Contains(string(raw), `"title":"`+o.Label+`"`) {
			t.Errorf("no button %q", o.Label)
		}
		if strings.Contains(o.Value, "_") && strings.Contains(string(raw), `"title":"`+o.Value) {
			t.Errorf("a button shows the value %q", o.Value)
		}
	}

	c := bottest.Confirmation()
	c.Text = "I read: [50](https://evil.example) **minutes**. Right?"
	att := activityFor(bot.Outbound{Kind: bot.KindQuestion, Question: c}).Attachments[0]
	acts := cardActions(att)
	if len(acts) != 1 || acts[0].(obj)["title"] != "Yes, that's right" {
		t.Fatalf("confirmation actions %v, want one yes button", acts)
	}
	choice, field := ChoiceOf(Activity{Value: mustJSON(t, acts[0].(obj)["data"])})
	if choice != "yes" || field != bot.FieldConfirm {
		t.Errorf("confirmation submits %q %q, want yes for %s", choice, field, bot.FieldConfirm)
	}
	if raw, _ := json.Marshal(att); strings.Contains(string(raw), "](https") || strings.Contains(string(raw), "**minutes**") {
		t.Errorf("a confirmation became markup: %s", raw)
	}
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSchemaCatchesMistakes keeps the check honest: a card the schema or
// Teams' host config forbids must fail it.
func TestSchemaCatchesMistakes(t *testing.T) {
	seven := `{"type":"AdaptiveCard","version":"1.5","actions":[` + strings.Repeat(`{"type":"Action.Submit","title":"a"},`, 5) +
		`{"type":"Action.Submit","title":"f"}],"body":[{"type":"ActionSet","actions":[{"type":"Action.Submit","title":"g"}]}]}`
	for bad, want := range map[string]string{
		`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.ChoiceSet","choices":[]}]}`:                       "Adaptive Card 1.5",
		`{"type":"AdaptiveCard","version":"1.5","actions":[{"type":"Action.Submit","style":"loud"}]}`:                    "Adaptive Card 1.5",
		`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"FactSet"}]}`:                                            "Adaptive Card 1.5",
		`{"type":"AdaptiveCard","version":"1.6","body":[{"type":"TextBlock","text":"x"}]}`:                               "up to 1.5",
		`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"x","isRequired":true}]}`:              "needs a label",
		`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text","id":"x"},{"type":"Input.Text","id":"x"}]}`: "used twice",
		seven: "7 actions",
	} {
		var card any
		if err := json.Unmarshal([]byte(bad), &card); err != nil {
			t.Fatal(err)
		}
		ps := teamstest.CheckCard("card", card)
		if len(ps) == 0 || !strings.Contains(fmt.Sprint(ps), want) {
			t.Errorf("%s: problems %v, want one saying %q", bad, ps, want)
		}
	}
}

// TestManifestMatchesSchema: the app package's manifest is a valid Teams
// manifest v1.19 (the published schema, testdata/spec), and its command
// lists offer in each scope only what works there: history and forget me
// are answered only in the personal chat, so Teams must not suggest them
// in a team or a group chat (issue 15).
func TestManifestMatchesSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(filepath.Join("testdata", "spec", "teams-manifest-1.19.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	raw := manifestJSON(t, testManifest)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("manifest.json is not a valid Teams manifest v1.19: %v", err)
	}
	var m struct {
		Bots []struct {
			CommandLists []struct {
				Scopes   []string
				Commands []struct{ Title string }
			}
		}
	}
	if err := json.Unmarshal(raw, &m); err != nil || len(m.Bots) != 1 {
		t.Fatalf("manifest: %v", err)
	}
	offered := map[string][]string{}
	for _, l := range m.Bots[0].CommandLists {
		for _, scope := range l.Scopes {
			for _, c := range l.Commands {
				offered[scope] = append(offered[scope], c.Title)
			}
		}
	}
	for _, scope := range []string{"personal", "team", "groupChat"} {
		got := offered[scope]
		for _, cmd := range []string{"help", "new"} {
			if !slices.Contains(got, cmd) {
				t.Errorf("%s scope does not offer %q: %v", scope, cmd, got)
			}
		}
		for _, cmd := range []string{"history", "forget me"} {
			if personal := scope == "personal"; slices.Contains(got, cmd) != personal {
				t.Errorf("%s scope offers %v; %q belongs only to the personal chat", scope, got, cmd)
			}
		}
	}

	// The schema is no rubber stamp: a manifest Teams refuses fails it.
	var bad map[string]any
	json.Unmarshal(raw, &bad)
	bad["bots"].([]any)[0].(map[string]any)["scopes"] = []any{"channel"}
	if sch.Validate(bad) == nil {
		t.Error("the manifest schema accepts a bot scope Teams does not know")
	}
}

// manifestJSON is manifest.json from the package WritePackage makes.
func manifestJSON(t *testing.T, m Manifest) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePackage(&buf, m); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	f, err := z.Open("manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	raw, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
