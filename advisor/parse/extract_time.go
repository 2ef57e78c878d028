package parse

import "github.com/advisorbot/advisorbot/advisor"

// Reading minutes per task and timeline from amounts of time.

// minuteUnit returns how many tokens after an amount name a time unit of
// seconds, minutes or hours. "a second" is left out: it is usually ordinal.
func (x *extractor) minuteUnit(i, e int) int {
	if !x.inClause(i, e) {
		return 0
	}
	switch w := x.word(e); {
	case w == "h":
		if x.toks[e].glued {
			return 1
		}
	case w == "second":
		if x.toks[i].kind == tokNum {
			return 1
		}
	case xMinuteUnits[w]:
		return 1
	case xPersonWords[w] && x.inClause(e, e+1) && (x.word(e+1) == "hours" || x.word(e+1) == "minutes" || x.word(e+1) == "mins"):
		return 2 // "25 attorney hours each": whose time it is, between amount and unit
	}
	return 0
}

// longUnit returns how many tokens after an amount name days to years.
func (x *extractor) longUnit(e int) int {
	if !x.inClause(e-1, e) {
		return 0
	}
	w := x.word(e)
	switch {
	case xLongUnits[w]:
		return 1
	case (w == "d" || w == "w" || w == "y") && x.toks[e].glued:
		return 1
	case (w == "working" || w == "business" || w == "work" || w == "calendar") && (x.word(e+1) == "day" || x.word(e+1) == "days"):
		return 2
	}
	return 0
}

// readMinutes reads the time one item takes: a duration said with "takes" or
// "spend" before it, or "per ticket" or "each" after it, and not a rate
// ("2 hours a week"), a wait or a target ("within 5 minutes").
func (x *extractor) readMinutes(i, e int) int {
	c := e + x.minuteUnit(i, e)
	full := x.extendDuration(c)
	if xDurationLeads[x.word(i-1)] && x.inClause(i, i-1) || x.anyBefore(i, 6, xDurationBlockers) {
		return full
	}
	if p, _ := x.period(full); p != 0 {
		return full
	}
	tail := x.perItem(full)
	take := x.findBefore(i, 6, xTakeVerbs)
	if tail < 0 && take >= 0 && xSpendWords[x.word(take)] && x.periodOpens(i) {
		return full // "every week 3 agents spend 10 hours on this": a rate
	}
	if take < 0 {
		take = x.handleTime(i)
	}
	if tail < 0 && (take < 0 || x.rateSoon(full)) {
		return full
	}
	a, b := i, full
	if take >= 0 {
		a = take
	}
	if tail > 0 {
		b = tail
	}
	if full > c {
		x.setParsed(advisor.FieldMinutesPerTask, x.span(i, full), a, b)
	}
	amount := x.span(i, c)
	if c == e+2 { // "25 attorney hours": the amount and its unit, without whose time it is
		amount = x.span(i, e) + " " + x.word(e+1)
	}
	x.setParsed(advisor.FieldMinutesPerTask, amount, a, b)
	return b
}

// extendDuration takes in the rest of a compound duration: "1h30",
// "an hour and a half", "1 hour 30 minutes".
func (x *extractor) extendDuration(c int) int {
	if c < len(x.toks) && x.toks[c].kind == tokNum && x.toks[c].glued {
		if x.toks[c].glued && c+1 < len(x.toks) && x.toks[c+1].glued && xGlueWords[x.word(c+1)] || xMinuteUnits[x.word(c+1)] {
			return c + 2
		}
		return c + 1
	}
	if x.word(c) == "and" && x.word(c+1) == "a" && x.word(c+2) == "half" {
		return c + 3
	}
	k := c
	if x.word(k) == "and" {
		k++
	}
	if k < len(x.toks) && x.toks[k].kind == tokNum && xMinuteUnits[x.word(k+1)] && x.inClause(c-1, k+1) {
		return k + 2
	}
	return c
}

// handleTime finds "handle time" or "processing time" before token i.
func (x *extractor) handleTime(i int) int {
	for k := i - 1; k > 0 && k >= i-6 && x.inClause(i, k); k-- {
		if x.word(k) == "time" {
			switch x.word(k - 1) {
			case "handle", "handling", "processing":
				return k - 1
			}
		}
	}
	return -1
}

// perItem returns the end of "per ticket", "each", "for every invoice" or
// "of work per contract" at token c, or -1.
func (x *extractor) perItem(c int) int {
	k := c
	if x.word(k) == "of" { // "2 hours of work per contract"
		k++
		for n := 0; n < 2 && x.isNoun(k) && x.inClause(c, k); n++ {
			k++
		}
	}
	if !x.inClause(c, k) {
		return -1
	}
	switch x.word(k) {
	case "each":
		return k + 1
	case "per", "a", "an":
		k++
	case "for", "on":
		switch x.word(k + 1) {
		case "each", "every", "one", "a", "an":
			k += 2
		default:
			return -1
		}
	default:
		return -1
	}
	if x.inClause(c, k) && x.isNoun(k) {
		return k + 1
	}
	return -1
}

// rateSoon reports a rate shortly after token c, before any other number:
// "spend 10 hours on this every week".
func (x *extractor) rateSoon(c int) bool {
	for k := c; k < c+6 && x.inClause(c-1, k); k++ {
		if x.toks[k].kind == tokNum {
			return false
		}
		if p, _ := x.period(k); p != 0 {
			return true
		}
	}
	return false
}

// readTimeline reads "in 6 weeks" or "within two months" when the sentence
// says something is to be delivered ("live", "ready", "need it"), so that a
// turnaround ("answered within 2 days") is not taken for a deadline.
func (x *extractor) readTimeline(i, e int) int {
	c := e + x.longUnit(e)
	if xTimelineAfter[x.word(c)] && x.inClause(i, c) {
		return c
	}
	lead := x.timelineLead(i)
	if lead < 0 || !(xDeadlineWords[x.word(lead)] || x.deadlineNear(lead, c)) {
		return c
	}
	if p, _ := x.period(c); p != 0 {
		return c
	}
	x.setParsed(advisor.FieldTimelineWeeks, x.span(i, c), lead, c)
	return c
}

// timelineLead returns where "in", "within", "in the next" or "timeline of"
// starts before token i, or -1.
func (x *extractor) timelineLead(i int) int {
	k := i - 1
	for n := 0; n < 3 && xTimelineFill[x.word(k)] && x.inClause(i, k); n++ {
		k--
	}
	if k := x.labelBefore(i, "timeline"); k >= 0 {
		return k
	}
	if k := x.labelBefore(i, "deadline"); k >= 0 {
		return k
	}
	if !x.inClause(i, k) {
		return -1
	}
	switch x.word(k) {
	case "in", "within", "inside":
		return k
	case "of", "is":
		if p := x.word(k - 1); p == "timeline" || p == "deadline" {
			return k - 1
		}
	}
	return -1
}

// deadlineNear reports a delivery word ("live", "ready", "need it") shortly
// before the timeline phrase in tokens [a, b), with no other amount between:
// in "answered within 2 days and live in 10 days" only the second is a
// deadline. A sentence that opens with the timeline ("Within two months we
// need it running") may name the delivery after it.
func (x *extractor) deadlineNear(a, b int) bool {
	deadline := func(k int) bool {
		w := x.word(k)
		return xDeadlineWords[w] || xWantWords[w] && xDeadlineObject[x.word(k+1)]
	}
	for k := a - 1; k >= a-8 && x.inSentence(a, k) && x.toks[k].kind != tokNum; k-- {
		if deadline(k) {
			return true
		}
	}
	if x.inSentence(a, a-1) {
		return false
	}
	for k := b; k < b+8 && x.inSentence(a, k) && x.toks[k].kind != tokNum; k++ {
		if deadline(k) {
			return true
		}
	}
	return false
}
