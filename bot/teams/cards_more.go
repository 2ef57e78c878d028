package teams

import (
	"fmt"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
)

// The engine's other messages as cards: the ROI of every approach (a 1.5
// Table), a what-if re-run, and the request for feedback with the
// "we chose" list.

func cell(s string, extra ...any) obj {
	return obj{"type": "TableCell", "items": []any{text(s, extra...)}}
}

// roiCard shows the ROI of every approach in ranking order, the
// recommended one in bold. Five columns stay legible on a phone; the
// full table with run cost and savings is in the terminal and Slack.
func roiCard(m bot.Outbound) Attachment {
	r := m.Rec
	var body []any
	if m.Text != "" {
		body = append(body, text(escapeMarkdown(m.Text)))
	}
	if m.Title != "" {
		body = append(body, text(inline(m.Title), "isSubtle", true))
	}
	body = append(body, text("ROI per approach (USD)", "weight", "Bolder", "size", "Medium"),
		text(fmt.Sprintf("Doing it by hand costs %s a month.", advisor.Money(r.ManualMonthlyCost)), "isSubtle", true))
	rows := []any{obj{"type": "TableRow", "cells": []any{
		cell("Approach", "weight", "Bolder"), cell("One-off", "weight", "Bolder"), cell("Net a month", "weight", "Bolder"),
		cell("Payback", "weight", "Bolder"), cell("ROI 12 mo", "weight", "Bolder"),
	}}}
	for _, rank := range r.Ranking {
		x, ok := r.ROI[rank.Approach]
		if !ok {
			continue
		}
		weight := "Default"
		if rank.Approach == r.Approach {
			weight = "Bolder"
		}
		rows = append(rows, obj{"type": "TableRow", "cells": []any{
			cell(rank.Approach.Label(), "weight", weight), cell(advisor.Money(x.OneOffCost), "weight", weight),
			cell(advisor.Money(x.NetMonthly), "weight", weight), cell(advisor.Months(x.PaybackMonths), "weight", weight),
			cell(advisor.Percent(x.ROI12), "weight", weight),
		}})
	}
	body = append(body, obj{"type": "Table", "firstRowAsHeader": true, "showGridLines": false,
		"columns": []any{obj{"width": 3}, obj{"width": 2}, obj{"width": 2}, obj{"width": 2}, obj{"width": 2}}, "rows": rows})
	return card(body, nil)
}

// whatIfCard says what one changed answer would move.
func whatIfCard(w *bot.WhatIf) Attachment {
	field := inline(strings.ReplaceAll(w.Field, "_", " "))
	to, from := advisor.Label(w.Field, w.To), advisor.Label(w.Field, w.From)
	body := []any{text(fmt.Sprintf("What if %s were %s (now %s)?", field, inline(to), inline(from)), "weight", "Bolder")}
	if w.Before.Approach == w.After.Approach {
		body = append(body, text(fmt.Sprintf("The recommendation stays **%s**.", w.After.Approach.Label())))
	} else {
		body = append(body, text(fmt.Sprintf("The recommendation would change from **%s** to **%s**.", w.Before.Approach.Label(), w.After.Approach.Label())))
	}
	before, after := w.Before.ROI[w.Before.Approach], w.After.ROI[w.After.Approach]
	body = append(body,
		text(fmt.Sprintf("%s: net %s a month (was %s), payback %s (was %s).", w.After.Approach.Label(),
			advisor.Money(after.NetMonthly), advisor.Money(before.NetMonthly), advisor.Months(after.PaybackMonths), advisor.Months(before.PaybackMonths))),
		text("Your answers are unchanged.", "isSubtle", true))
	return card(body, nil)
}

// feedbackCard asks whether the advice helped and, once the team has
// decided, what it chose: a list whose value comes back as the choice.
func feedbackCard(m bot.Outbound) Attachment {
	body := []any{text(escapeMarkdown(m.Text)), choseList()}
	return card(body, forAssessment(append(verdictButtons(),
		obj{"type": "Action.Submit", "title": "Tell advisorbot what we chose", "data": obj{cardKey: cardFeedback}}), m.RecID))
}

// verdictButtons are the feedback card's Helpful and Not helpful. They do
// not carry the "we chose" list (an empty list would come back with
// them); the card's last button does, validated by Teams.
func verdictButtons() []any {
	helpful, notHelpful := submit("Helpful", bot.ChoiceHelpful), submit("Not helpful", bot.ChoiceNotHelpful)
	for _, b := range []obj{helpful, notHelpful} {
		b["associatedInputs"] = "none"
		b["data"].(obj)[cardKey] = cardFeedback
	}
	return []any{helpful, notHelpful}
}

// choseList is the "we chose" list of the feedback card.
func choseList() obj {
	var choices []any
	for _, a := range advisor.Approaches() {
		choices = append(choices, obj{"title": a.Label(), "value": bot.ChoiceChose(a)})
	}
	return obj{"type": "Input.ChoiceSet", "id": choseKey, "style": "compact", "placeholder": "We chose...", "choices": choices,
		"label": "What did your team choose?", "isRequired": true, "errorMessage": "Pick what your team chose first."}
}
