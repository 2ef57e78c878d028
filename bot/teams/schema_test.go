package teams

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/advisorbot/advisorbot/bot/bottest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
	"github.com/advisorbot/advisorbot/bot/summary"
)

// The cards are checked against the published Adaptive Cards 1.5 schema
// and the host config Teams renders them with (testdata/spec), so a card
// that Teams would refuse, or cut short, fails here rather than in a chat.

var spec = sync.OnceValues(func() (*jsonschema.Schema, int) {
	sch, err := jsonschema.NewCompiler().Compile(filepath.Join("testdata", "spec", "adaptive-card-1.5.schema.json"))
	if err != nil {
		panic(err)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "spec", "teams-hostconfig-light.json"))
	if err != nil {
		panic(err)
	}
	var host struct {
		Actions struct {
			MaxActions int `json:"maxActions"`
		} `json:"actions"`
	}
	if err := json.Unmarshal(raw, &host); err != nil || host.Actions.MaxActions == 0 {
		panic("teams host config: no actions.maxActions")
	}
	return sch, host.Actions.MaxActions
})

// checkCards validates every card of an activity.
func checkCards(t *testing.T, name string, a Activity) {
	t.Helper()
	sch, maxActions := spec()
	for _, att := range a.Attachments {
		if att.ContentType != cardContentType {
			continue
		}
		raw, err := json.Marshal(att.Content)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: not an Adaptive Card 1.5: %v", name, err)
		}
		if n := len(cardActions(att)); n > maxActions {
			t.Errorf("%s: %d actions; Teams shows only %d", name, n, maxActions)
		}
		for _, in := range cardInputs(att) {
			if in["isRequired"] == true && in["label"] == nil {
				t.Errorf("%s: required input %v has no label", name, in["id"])
			}
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

// TestSchemaCatchesMistakes keeps the check honest: a card the schema
// forbids must fail it.
func TestSchemaCatchesMistakes(t *testing.T) {
	sch, _ := spec()
	for _, bad := range []string{
		`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.ChoiceSet","choices":[]}]}`,
		`{"type":"AdaptiveCard","version":"1.5","actions":[{"type":"Action.Submit","style":"loud"}]}`,
		`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"FactSet"}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("the schema accepts %s", bad)
		}
	}
}
