package advisor

// Reading monthly volume, labeled examples and budget from counts.

import "unicode/utf8"

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
	j := e
	if j < len(x.toks) && x.toks[j].text == "+" {
		j++
	}
	nouns := j
	label, bad := false, false
	for n := 0; n < 3 && x.inClause(i, j) && x.isNoun(j); n++ {
		label = label || xLabelNouns[x.word(j)]
		bad = bad || xBadCountNoun[x.word(j)]
		j++
	}
	if r, ok := x.notePerBatch(i, e, j); ok {
		return r
	}
	if p, r := x.period(j); p != 0 && x.inClause(i, j) {
		if !label && !bad && !x.perPerson(i) && !x.noteBatchRate(i, e, nouns, j, r) {
			text := x.span(i, r)
			if nouns != e {
				text = x.span(i, e) + " " + x.span(nouns, r)
			}
			x.setParsed(FieldMonthlyVolume, text, i, r)
		}
		return r
	}
	if label {
		x.setParsed(FieldLabeledExamples, x.span(i, e), i, j)
		return j
	}
	if nouns == j && x.budgetCue(i, e) {
		x.setParsed(FieldBudget, x.span(i, e), i, e)
		return e
	}
	if bad || x.notItems(nouns, j) || x.ofPeople(e) || x.oneOffAt(i) > 0 {
		return e
	}
	if r, ok := x.periodAfterPhrase(i, e, nouns, j); ok {
		return r
	}
	if r, ok := x.pastPeriod(i, e, nouns, j); ok {
		return r
	}
	if !x.perPerson(i) && x.leadingRate(i, e, j) {
		return j
	}
	if r, ok := x.readPastExamples(i, e, nouns, j); ok {
		return r
	}
	x.noteOneOff(i, e, j)
	return e
}
