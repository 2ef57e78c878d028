package parse

import "github.com/advisorbot/advisorbot/advisor"

// Reading labeled examples from a span of finished work and the volume.

// xWrittenFrom is the first year a description read by this code can have
// been written in, since the code did not exist before. "Since 2019" is
// therefore at least six whole years, a floor that needs no clock and keeps
// Description a pure function of its text.
const xWrittenFrom = 2026

// readHistory reads labeled examples from a span of finished work and the
// monthly volume, when no count was given: "every claim we've processed
// since 2019 has the adjuster's coding", "two years of approved
// translations". The result is today's volume times the span: an estimate,
// since volumes change, but far closer than the rules' prior of no examples
// at all. Without a volume nothing is read.
func (x *extractor) readHistory() {
	if x.u.Known(advisor.FieldLabeledExamples) || x.u.MonthlyVolume == nil {
		return
	}
	for i := range x.toks {
		months, a, b := x.historySpan(i)
		if months <= 0 {
			continue
		}
		if p := x.polarity(a, b); p.negated || p.hedged {
			continue
		}
		n := float64(months) * float64(*x.u.MonthlyVolume)
		x.set(advisor.Value{Field: advisor.FieldLabeledExamples, Number: min(n, advisor.MaxLabeledExample)}, a, b)
		return
	}
}

// historySpan reads a span of finished work at token i and returns its
// length in months, with the tokens to quote, or 0.
func (x *extractor) historySpan(i int) (months, a, b int) {
	t := &x.toks[i]
	switch {
	case t.kind == tokNum && x.word(i-1) == "since" && x.isYear(i):
		// "processed since 2019": the work before the date must be finished.
		if k := x.doneWithin(i-1, 4); k >= 0 && x.everyOrOutcome(k, i+1) {
			y := atoiDigits(t.text)
			return max(0, (xWrittenFrom-1-y)*12), k, i + 1
		}
	case x.startsNumber(i) && (x.word(i-1) == "last" || x.word(i-1) == "past"):
		// "resolved over the last 3 years"
		e := x.amountEnd(i)
		m := x.spanMonths(i, e)
		if k := x.doneWithin(i-2, 5); m > 0 && k >= 0 && x.everyOrOutcome(k, e+1) {
			return m, k, e + 1
		}
	case x.startsNumber(i):
		// "two years of approved translations"
		e := x.amountEnd(i)
		m := x.spanMonths(i, e)
		if m > 0 && x.word(e+1) == "of" {
			for k := e + 2; k < e+5 && x.inClause(i, k); k++ {
				if xDoneWords[x.word(k)] || x.word(k) == "history" {
					return m, i, k + 1
				}
			}
		}
	}
	return 0, 0, 0
}

// spanMonths reads "3 years" or "18 months" in tokens [i, e] as months, or 0.
func (x *extractor) spanMonths(i, e int) int {
	if e <= i || !x.inClause(i, e) || x.parses >= maxExtractParses {
		return 0
	}
	per := 0
	switch x.word(e) {
	case "year", "years", "yr", "yrs":
		per = 12
	case "month", "months", "mo", "mos", "mth", "mths":
		per = 1
	default:
		return 0
	}
	x.parses++
	v, err := Answer(advisor.FieldMonthlyVolume, x.span(i, e))
	if err != nil || v.Number > 100 {
		return 0
	}
	return int(v.Number) * per
}

// doneWithin finds a participle of finished work in the n tokens up to k, in its clause.
func (x *extractor) doneWithin(k, n int) int {
	for j := k; j > k-n && x.inClause(k, j); j-- {
		if xDoneWords[x.word(j)] {
			return j
		}
	}
	return -1
}

// everyOrOutcome reports whether the finished work at token k is all of it
// ("every claim", "all disputes", not "not every claim") or kept with an
// outcome after token e.
func (x *extractor) everyOrOutcome(k, e int) bool {
	for j := k - 1; j >= k-6 && x.inClause(k, j); j-- {
		if w := x.word(j); w == "every" || w == "all" {
			return !xNegators[x.word(j-1)] // "not every claim"
		}
	}
	return x.outcomeAfter(e, k) >= 0
}
