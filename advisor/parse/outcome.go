package parse

import (
	"math"
	"strings"
)

// The figures a follow-up asks for weeks after an assessment, read with the
// same readers as the assessment's own answers, so "$15k", "about 300 a
// month" and "3 minutes an item" mean here what they mean there.
const (
	FigureBuildCost = "build_cost" // what building it cost, once: an amount
	FigureRunCost   = "run_cost"   // what running it costs: an amount per month
	FigureTimeSaved = "time_saved" // time saved: per item, or per period
)

// figureExamples are accepted answers, shown when one is not.
var figureExamples = map[string]string{
	FigureBuildCost: "$15k",
	FigureRunCost:   "$400 a month",
	FigureTimeSaved: "3 minutes an item, or 40 hours a month",
}

// FigureExample is an answer Figure accepts for kind.
func FigureExample(kind string) string { return figureExamples[kind] }

// Figure is one figure read from a follow-up answer.
type Figure struct {
	// Value is USD (build_cost), USD per month (run_cost), or for
	// time_saved hours per month, or minutes per item when PerItem.
	Value   float64
	PerItem bool
}

// figureLeads are words people put before a figure in a follow-up answer:
// "it cost about $15k", "saves us 3 minutes an item".
var figureLeads = []string{
	"it cost", "it costs", "it cost us", "it costs us", "cost us", "costs us", "cost", "costs", "we spent", "spent",
	"it saves", "it saves us", "saves us", "saves", "we save", "save", "saving", "roughly", "around",
	"it was", "it is", "it's", "about",
}

// figureTrails are words after a figure that change nothing: "to build",
// "to run", "in total".
var figureTrails = []string{
	"to build", "to set up", "to make", "to develop", "one off", "one-off", "upfront", "up front", "in all",
	"to run", "running", "to operate", "in running costs", "of time", "of work", "of our time", "of people's time",
	"for us", "for the team",
}

// maxFigure bounds every figure: no real build, bill or saving comes near a
// trillion, and a finite bound keeps later ratios finite.
const maxFigure = 1e12

// ReadFigure reads what a person typed as one follow-up figure. Failures
// are an [*AnswerError] naming what was wrong and an accepted example.
//
//   - build_cost: a one-off amount; a rate is refused.
//   - run_cost: an amount per period, converted to a month as
//     monthly_volume converts (a week is 52/12 a month); a bare amount is
//     per month.
//   - time_saved: a time per item ("3 minutes an item", "half an hour
//     each": PerItem, in minutes), or a time per period ("40 hours a
//     month", "2 days a week": hours per month). A bare time is per item,
//     as minutes_per_task reads it.
func ReadFigure(kind, text string) (Figure, error) {
	example, known := figureExamples[kind]
	if !known {
		return Figure{}, &AnswerError{Field: kind, Input: shownInput(text), Reason: "is not a follow-up figure", Example: "$15k"}
	}
	fail := func(reason string) (Figure, error) {
		if reason == "" {
			switch kind {
			case FigureBuildCost:
				reason = "that is not an amount of money"
			case FigureRunCost:
				reason = "that is not an amount of money per month"
			default:
				reason = "that is not a time saved per item or per month"
			}
		}
		return Figure{}, &AnswerError{Field: kind, Input: shownInput(text), Reason: reason, Example: example}
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return fail("the answer is empty")
	}
	if len([]rune(text)) > maxShortAnswerRunes {
		return fail("the answer is long; a few words are enough")
	}
	var (
		f      Figure
		ok     bool
		reason string
	)
	switch kind {
	case FigureBuildCost:
		f.Value, ok, reason = readAmount(text, false)
	case FigureRunCost:
		f.Value, ok, reason = readAmount(text, true)
	default:
		f, ok, reason = readTimeSaved(text)
	}
	if ok && (math.IsNaN(f.Value) || math.IsInf(f.Value, 0) || f.Value < 0 || f.Value > maxFigure) {
		ok, reason = false, "the number is out of range"
	}
	if !ok {
		return fail(reason)
	}
	f.Value = math.Round(f.Value*100) / 100
	return f, nil
}

// readAmount reads money, once or per period (a month when monthly).
func readAmount(text string, monthly bool) (float64, bool, string) {
	r, detail := startReading(text, figureLeads, currencyWords)
	if r == nil {
		return 0, false, detail
	}
	r.skip(figureLeads, currencyWords)
	q, ok := r.quantity(true)
	if !ok {
		return 0, false, ""
	}
	r.skip(currencyWords, trailingHedges, costExtras, figureTrails)
	p, rate := r.rate()
	r.skip(trailingHedges, costExtras, figureTrails)
	if !r.atEnd() {
		return 0, false, ""
	}
	switch {
	case !monthly && rate:
		return 0, false, "that is a rate; give what building it cost in all"
	case monthly && rate:
		return q.v * p.perMonth, true, ""
	}
	return q.v, true, ""
}

// readTimeSaved reads a time saved, per item or per period.
func readTimeSaved(text string) (Figure, bool, string) {
	if n, _ := readMinutes(stripFigureWords(text)); n.ok {
		return Figure{Value: n.v, PerItem: true}, true, ""
	}
	r, detail := startReading(text, figureLeads)
	if r == nil {
		return Figure{}, false, detail
	}
	r.skip(figureLeads)
	minutes, _, ok := r.duration(minuteUnits, smallerTimeUnit)
	if !ok {
		return Figure{}, false, ""
	}
	r.skip(trailingHedges, figureTrails)
	p, rate := r.rate()
	r.skip(trailingHedges, figureTrails)
	if !rate || !r.atEnd() {
		return Figure{}, false, ""
	}
	return Figure{Value: minutes * p.perMonth / 60}, true, ""
}

// stripFigureWords removes the lead and trail words of a figure answer, so
// readMinutes sees the time alone: "saves us 3 minutes a ticket".
func stripFigureWords(text string) string {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, lead := range figureLeads {
		if rest, ok := strings.CutPrefix(t, lead+" "); ok {
			t = strings.TrimSpace(rest)
			break
		}
	}
	for _, trail := range figureTrails {
		if rest, ok := strings.CutSuffix(t, " "+trail); ok {
			t = strings.TrimSpace(rest)
			break
		}
	}
	return t
}
