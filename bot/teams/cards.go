package teams

import (
	"encoding/json"
	"fmt"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/render"
)

// Adaptive Cards (schema 1.5, which Teams renders) for the engine's
// messages. Buttons are Action.Submit (answered.go says why not
// Action.Execute); their data comes back as the activity's value, read by
// ChoiceOf.

const cardContentType = "application/vnd.microsoft.card.adaptive"

// choiceKey and fieldKey name the submitted choice, and the question it
// answers, in Action.Submit data.
const (
	choiceKey = "advisorbot_choice"
	fieldKey  = "advisorbot_field"
	choseKey  = "advisorbot_chose"      // the feedback card's "we chose" list
	recKey    = "advisorbot_assessment" // the assessment a card belongs to
)

type obj = map[string]any

func card(body []any, actions []any) Attachment {
	c := obj{"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
		"version": "1.5", "body": body}
	if len(actions) > 0 {
		c["actions"] = actions
	}
	return Attachment{ContentType: cardContentType, Content: c}
}

func text(s string, extra ...any) obj {
	t := obj{"type": "TextBlock", "text": s, "wrap": true}
	for i := 0; i+1 < len(extra); i += 2 {
		t[extra[i].(string)] = extra[i+1]
	}
	return t
}

func submit(title, choice string) obj {
	return obj{"type": "Action.Submit", "title": title, "data": obj{choiceKey: choice}}
}

// answer is a button answering question field.
func answer(title, choice, field string) obj {
	b := submit(title, choice)
	b["data"].(obj)[fieldKey] = field
	return b
}

// forAssessment makes every submit action carry the assessment its card
// belongs to, so a click is applied to that assessment and no other.
func forAssessment(actions []any, rec string) []any {
	if rec == "" {
		return actions
	}
	for _, a := range actions {
		b, ok := a.(obj)
		if !ok || b["type"] != "Action.Submit" {
			continue
		}
		data, _ := b["data"].(obj)
		if data == nil {
			data = obj{}
			b["data"] = data
		}
		data[recKey] = rec
	}
	return actions
}

// RecOf reads the assessment a clicked card belongs to ("" for none).
func RecOf(a Activity) string {
	var v map[string]any
	if len(a.Value) == 0 || json.Unmarshal(a.Value, &v) != nil {
		return ""
	}
	rec, _ := v[recKey].(string)
	return rec
}

// ChoiceOf reads the choice a card button submitted and the question it
// answered ("" when the activity carries none).
func ChoiceOf(a Activity) (choice, field string) {
	if len(a.Value) == 0 {
		return "", ""
	}
	var v map[string]any
	if json.Unmarshal(a.Value, &v) != nil {
		return "", ""
	}
	choice, _ = v[choiceKey].(string)
	field, _ = v[fieldKey].(string)
	if chose, _ := v[choseKey].(string); choice == "" && chose != "" {
		choice = chose
	}
	return choice, field
}

// maxOptionButtons is how many options get a button each. Teams renders at
// most six actions on a card (host config actions.maxActions) and drops
// the rest without a word, so with Skip five options fit; more become a
// list with one Send button.
const maxOptionButtons = 5

// followupStatus is the Field of a follow-up's first question ("did you
// build it?"). It has no Skip: its own buttons say not yet and stop
// asking, and the engine reads "skip" there as no answer.
const followupStatus = "followup_status"

// A confirmation's one button: its value is what the engine reads as yes.
const (
	confirmValue = "yes"
	confirmLabel = "Yes, that's right"
)

// questionCard shows a follow-up question with its options in plain words
// (a button each, or a list past maxOptionButtons) and their examples,
// Skip, and, for typed answers, an example. A confirmation shows the
// engine's sentence and one yes button.
func questionCard(m bot.Outbound) Attachment {
	q := m.Question
	var body []any
	if m.Text != "" {
		body = append(body, text(escapeMarkdown(m.Text)))
	}
	if q.Number > 0 { // a follow-up's questions are not numbered
		body = append(body, text(fmt.Sprintf("Question %d of at most %d", q.Number, q.AtMost), "weight", "Bolder", "size", "Small", "isSubtle", true))
	}
	// Confirmations repeat what a person wrote: text, never Markdown.
	body = append(body, text(inline(q.Text), "weight", "Bolder"))
	if len(q.Confirm) > 0 {
		yes := answer(confirmLabel, confirmValue, q.Field)
		yes["style"] = "positive"
		return card(body, forAssessment([]any{yes}, m.RecID))
	}
	if len(q.Options) == 0 && q.Example != "" {
		body = append(body, text("Type your answer, for example: "+inline(q.Example), "isSubtle", true))
	}
	var facts []any
	for _, o := range q.Options {
		if o.Example != "" {
			facts = append(facts, obj{"title": escapeMarkdown(label(o.Label)), "value": inline(o.Example)})
		}
	}
	var actions []any
	if len(q.Options) > maxOptionButtons {
		choices := make([]any, 0, len(q.Options))
		for _, o := range q.Options {
			choices = append(choices, obj{"title": label(o.Label), "value": o.Value})
		}
		// The list's id is the choice key, so its value comes back where a
		// button's would, beside the question it answers.
		body = append(body, obj{"type": "Input.ChoiceSet", "id": choiceKey, "style": "compact", "placeholder": "Choose...",
			"label": "Your answer", "choices": choices, "isRequired": true, "errorMessage": "Pick one first, or Skip."})
		send := obj{"type": "Action.Submit", "title": "Send", "style": "positive", "data": obj{fieldKey: q.Field}}
		actions = append(actions, send)
	} else {
		for _, o := range q.Options {
			actions = append(actions, answer(label(o.Label), o.Value, q.Field))
		}
	}
	if len(facts) > 0 {
		body = append(body, obj{"type": "FactSet", "facts": facts, "spacing": "Medium"})
	}
	if q.Field != followupStatus {
		skip := answer("Skip", bot.ChoiceSkip, q.Field)
		if len(q.Options) > maxOptionButtons {
			skip["associatedInputs"] = "none" // Skip needs no choice, and must not be refused for want of one
		}
		actions = append(actions, skip)
	}
	return card(body, forAssessment(actions, m.RecID))
}

// recommendationCard shows the approach, its confidence, the main reasons
// with their sources, and the ROI of every approach. verdict, once the
// person said whether it helped, replaces the Helpful buttons.
func recommendationCard(m bot.Outbound, verdict string) Attachment {
	r := m.Rec
	body := []any{text("Recommendation: "+r.Approach.Label(), "size", "Large", "weight", "Bolder")}
	if m.Title != "" {
		body = append(body, text(inline(m.Title), "isSubtle", true))
	}
	body = append(body, text(fmt.Sprintf("Confidence %.0f%%", r.Confidence*100), "isSubtle", true))
	n := 0
	for _, reason := range r.Reasons {
		if reason.Favors != r.Approach || n == 3 {
			continue
		}
		body = append(body, text(fmt.Sprintf("- %s [kb:%s]", inline(reason.Text), inline(reason.Ref))))
		n++
	}
	var facts []any
	for _, a := range advisor.Approaches() {
		roi, ok := r.ROI[a]
		if !ok {
			continue
		}
		facts = append(facts, obj{"title": a.Label(),
			"value": fmt.Sprintf("net %s a month, payback %s", advisor.Money(roi.NetMonthly), advisor.Months(roi.PaybackMonths))})
	}
	if len(facts) > 0 {
		body = append(body, text("ROI of each approach", "weight", "Bolder", "spacing", "Medium"), obj{"type": "FactSet", "facts": facts})
	}
	actions := []any{submit("Why?", bot.ChoiceWhy), submit("Show ROI", bot.ChoiceShowROI)}
	if verdict != "" {
		body = append(body, text("✓ "+verdict, "color", "Good", "spacing", "Medium"))
	} else {
		helpful, notHelpful := submit("Helpful", bot.ChoiceHelpful), submit("Not helpful", bot.ChoiceNotHelpful)
		helpful["data"].(obj)[cardKey], notHelpful["data"].(obj)[cardKey] = cardRecommendation, cardRecommendation
		actions = append(actions, helpful, notHelpful)
	}
	return card(body, forAssessment(actions, m.RecID))
}

// activityFor renders an engine message as a Teams message activity:
// cards for questions, recommendations, ROI, what-ifs and feedback,
// Markdown text otherwise.
func activityFor(m bot.Outbound) Activity {
	a := Activity{Type: "message"}
	switch {
	case m.Kind == bot.KindQuestion && m.Question != nil:
		a.Attachments = []Attachment{questionCard(m)}
	case m.Kind == bot.KindRecommendation && m.Rec != nil:
		a.Attachments = []Attachment{recommendationCard(m, "")}
	case m.Kind == bot.KindROI && m.Rec != nil:
		a.Attachments = []Attachment{roiCard(m)}
	case m.Kind == bot.KindWhatIf && m.WhatIf != nil:
		a.Attachments = []Attachment{whatIfCard(m.WhatIf)}
	case m.Kind == bot.KindFeedback:
		a.Attachments = []Attachment{feedbackCard(m)}
	case m.Kind == bot.KindError:
		// Errors quote what a person typed: text, never Markdown.
		a.Text, a.TextFormat = "⚠️ "+inline(m.Text), "markdown"
	case m.Kind == bot.KindHistory:
		// Titles in it are render.PlainText; the text for none is escaped here.
		a.Text, a.TextFormat = render.History(m.History, "**", escapeMarkdown(m.Text)), "markdown"
	case m.Kind == bot.KindSummary && m.Summary != nil:
		a.Summary = render.StripControls(m.Text) // a notification's plain text
		a = fitSummary(a, *m.Summary, nil, "")
	case m.Kind == bot.KindConfirmForget:
		a.Attachments = []Attachment{card(
			[]any{text(escapeMarkdown(m.Text))},
			[]any{obj{"type": "Action.Submit", "title": "Delete all my data", "style": "destructive", "data": obj{choiceKey: bot.ChoiceForget}}},
		)}
	default:
		a.Text, a.TextFormat = escapeMarkdown(m.Text), "markdown"
	}
	return a
}
