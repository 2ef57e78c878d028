package parse

// Reading monthly volume, labeled examples and budget from counts.

import (
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/advisor"
)

// isNoun reports whether token k can name what is counted.
func (x *extractor) isNoun(k int) bool {
	w := x.word(k)
	if utf8.RuneCountInString(w) < 2 || xNounStops[w] || xNumberWords[w] || xScaleWords[w] {
		return false
	}
	_, period := xPeriods[w]
	_, adverb := xRateAdverbs[w]
	return !period && !adverb && !xCurrencyWords[w]
}

// perPerson reports whether the count before token i is one person's ("each
// agent handles 50 tickets a day"): a productivity, not the volume.
func (x *extractor) perPerson(i int) bool {
	k := x.findBefore(i, 5, xPersonWords)
	switch x.word(k - 1) {
	case "each", "every", "per", "one", "a", "an":
		return k > 0 && x.inClause(i, k-1)
	}
	return false
}

// readCount reads a count: with a period it is a monthly volume ("2,000
// tickets a week", "every month we get 2,000"); before "labeled examples",
// or counting finished past work ("12k resolved disputes"), it is
// labeled_examples; next to "budget" it is a budget; in a one-off batch it
// is noted for readOneOff.
func (x *extractor) readCount(i, e int) int {
	n0, n1, label, bad := x.countedNouns(i, e)
	if r, ok := x.notePerBatch(i, e, n1); ok {
		return r
	}
	if p, r := x.period(n1); p != 0 && x.inClause(i, n1) {
		if !label && !bad && !x.perPerson(i) && !x.noteBatchRate(i, e, n0, n1, r) {
			text := x.span(i, r)
			if n0 != e {
				text = x.span(i, e) + " " + x.span(n0, r)
			}
			x.setParsed(advisor.FieldMonthlyVolume, text, i, r)
		}
		return r
	}
	switch {
	case label:
		x.setParsed(advisor.FieldLabeledExamples, x.span(i, e), i, n1)
		return n1
	case n0 == n1 && x.budgetCue(i, e):
		x.setParsed(advisor.FieldBudget, x.span(i, e), i, e)
		return e
	case bad || x.notItems(n0, n1) || x.ofPeople(e) || x.oneOffAt(i) > 0:
		return e
	}
	return x.readCountWithoutPeriod(i, e, n0, n1)
}

// countedNouns finds the nouns, up to three, after the count in tokens
// [i, e) and a "+" after it: what is counted. label says they are labeled
// examples, bad that they are not items at all ("3 times", "40 percent").
func (x *extractor) countedNouns(i, e int) (n0, n1 int, label, bad bool) {
	n0 = e
	if n0 < len(x.toks) && x.toks[n0].text == "+" {
		n0++
	}
	n1 = n0
	for n := 0; n < 3 && x.inClause(i, n1) && x.isNoun(n1); n++ {
		label = label || xLabelNouns[x.word(n1)]
		bad = bad || xBadCountNoun[x.word(n1)]
		n1++
	}
	return n0, n1, label, bad
}

// readCountWithoutPeriod reads a count of items, with nouns [n0, n1), that
// no period follows: a period said elsewhere in the sentence makes it a
// volume, finished past work makes it labeled examples, and anything else
// may be a one-off batch.
func (x *extractor) readCountWithoutPeriod(i, e, n0, n1 int) int {
	if r, ok := x.periodAfterPhrase(i, e, n0, n1); ok {
		return r
	}
	if r, ok := x.pastPeriod(i, e, n0, n1); ok {
		return r
	}
	if !x.perPerson(i) && x.leadingRate(i, e, n1) {
		return n1
	}
	if r, ok := x.readPastExamples(i, e, n0, n1); ok {
		return r
	}
	x.noteOneOff(i, e, n1)
	return e
}
