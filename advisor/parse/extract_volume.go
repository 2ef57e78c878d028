package parse

// Reading volumes said with the period first ("each quarter we do ~300"), a
// frequency ("twice a year, about 60 of them") or as a one-off batch.

import (
	"strconv"

	"github.com/advisorbot/advisorbot/advisor"
)

// xOneOffMonths is the span the ROI model values an automation over (its
// 36-month ROI and the value the rules compare). A one-off batch ("a one-time
// migration of 200 contracts") has no monthly rate, so it is spread evenly
// over that span: the labor it saves then counts once in the comparison,
// exactly as the batch itself happens once.
const xOneOffMonths = 36

var (
	// Words that make work happen once: "migration", "one-off".
	// A backlog is not one: it is usually the queue of recurring work.
	xOneOffWords = wordSet("oneoff", "onetime", "migration", "migrate", "migrating", "backfill")
	// Second words after "one", "once", "single", "just" and "only" that do the same.
	xOneOffPairs = map[string]map[string]bool{
		"one":    wordSet("off", "time", "shot", "go"),
		"once":   wordSet("off", "only"),
		"single": wordSet("batch", "run", "pass"),
		"just":   wordSet("once"),
		"only":   wordSet("once"),
	}
	xFrequencies = map[string]float64{"once": 1, "twice": 2, "thrice": 3}
	// "On a typical day we get 200": the period of an average.
	xTypicalWords = wordSet("typical", "normal", "average", "usual", "regular", "standard", "good")
	// A period adverb opens a volume only when these follow: "monthly volume
	// is 2k", "weekly we do 300", not "weekly reports run 30 pages".
	xAdverbNext = wordSet("we", "they", "there", "volume", "volumes", "its", "it", "around", "about", "roughly")
	// Prepositions after counted nouns: "300 emails from customers per day".
	xNounPreps = wordSet("from", "in", "across", "via", "through", "for", "of", "on", "by", "to", "into")
)

// oneOffAt returns the length of a one-off marker at token k, or 0.
func (x *extractor) oneOffAt(k int) int {
	w := x.word(k)
	if xOneOffWords[w] {
		return 1
	}
	if next := xOneOffPairs[w]; next != nil && x.inClause(k, k+1) && next[x.word(k+1)] {
		return 2
	}
	return 0
}

// ofPeople reports whether the count ending at token e counts people: "3 of us".
func (x *extractor) ofPeople(e int) bool {
	if x.word(e) != "of" {
		return false
	}
	switch x.word(e + 1) {
	case "us", "you", "them", "our", "my":
		return x.word(e+1) != "them" || xPersonWords[x.word(e+2)]
	}
	return false
}

// periodAfterPhrase reads a rate that follows a short phrase after the
// counted nouns: "300 emails from customers per day". The phrase may not
// name a person ("5 tickets for each agent per day" is one person's rate).
func (x *extractor) periodAfterPhrase(i, e, n0, n1 int) (int, bool) {
	if n0 == n1 || !xNounPreps[x.word(n1)] || !x.inClause(i, n1) {
		return 0, false
	}
	for k := n1 + 1; k < n1+5 && x.inClause(i, k) && x.toks[k].kind != tokNum; k++ {
		if xPersonWords[x.word(k)] {
			return 0, false
		}
		if p, r := x.period(k); p != 0 {
			if x.perPerson(i) {
				return r, true
			}
			x.setParsed(advisor.FieldMonthlyVolume, x.span(i, e)+" "+x.span(n0, n1)+" "+x.span(k, r), i, r)
			return r, true
		}
	}
	return 0, false
}

// Batches. "About 2k strings per release, 4 releases a year" counts the
// items in a batch and the batches in a period; the volume is their product.
// Both are noted as the amounts are read, in either order, and combined in
// readBatches.
var xBatchNouns = wordSet("release", "batch", "run", "cycle", "sprint", "shipment", "drop", "campaign", "round",
	"wave", "edition", "season", "intake", "cohort")

// batchNoun reports whether w names a batch, in the singular or plural.
func batchNoun(w string) string {
	switch {
	case xBatchNouns[w]:
		return w
	case len(w) > 3 && w[len(w)-2:] == "es" && xBatchNouns[w[:len(w)-2]]:
		return w[:len(w)-2]
	case len(w) > 2 && w[len(w)-1] == 's' && xBatchNouns[w[:len(w)-1]]:
		return w[:len(w)-1]
	}
	return ""
}

// notePerBatch notes "2k strings per release" at the count in tokens [i, e)
// with its nouns ending at j, and returns the token after it.
func (x *extractor) notePerBatch(i, e, j int) (int, bool) {
	switch x.word(j) {
	case "per", "each", "a", "every", "in":
	default:
		return 0, false
	}
	k := j + 1
	if x.word(j) == "in" && (x.word(k) == "a" || x.word(k) == "each" || x.word(k) == "every") {
		k++
	}
	if !x.inClause(i, k) || batchNoun(x.word(k)) == "" {
		return 0, false
	}
	if x.perBatch.b == 0 {
		x.perBatch = noted{i, e, k}
	}
	return k + 1, true
}

// noteBatchRate notes "4 releases a year" when the nouns [n0, n1) name a
// batch, so that readBatches can multiply it by the items per batch. The
// period is in tokens [n1, r).
func (x *extractor) noteBatchRate(i, e, n0, n1, r int) bool {
	if n1-n0 != 1 || batchNoun(x.word(n0)) == "" {
		return false
	}
	if x.batchRate.b == 0 {
		x.batchRate = noted{i, r, n0}
	}
	return true
}

// readBatches sets the volume from the items per batch and the batches per
// period; a rate of batches alone ("we run 4 campaigns a year") counts the
// batches themselves.
func (x *extractor) readBatches() {
	br, pb := x.batchRate, x.perBatch
	if br.b == 0 || x.u.Known(advisor.FieldMonthlyVolume) {
		return
	}
	e := x.amountEnd(br.a)
	if pb.b == 0 || batchNoun(x.word(pb.n)) != batchNoun(x.word(br.n)) || x.parses+2 > maxExtractParses {
		x.setParsed(advisor.FieldMonthlyVolume, x.span(br.a, e)+" "+x.span(br.n, br.b), br.a, br.b)
		return
	}
	x.parses += 2
	per, err1 := Answer(advisor.FieldMonthlyVolume, x.span(pb.a, pb.b))
	n, err2 := Answer(advisor.FieldMonthlyVolume, x.span(br.a, e))
	if err1 != nil || err2 != nil {
		return
	}
	text := strconv.FormatFloat(per.Number*n.Number, 'f', -1, 64) + " " + x.span(br.n+1, br.b)
	x.setParsed(advisor.FieldMonthlyVolume, text, min(pb.a, br.a), max(pb.n+1, br.b))
}

// pastPeriod reads a count of work done in one past period as that
// period's volume: "we closed 3,000 tickets last month", "processed 12,000
// claims in 2023", "handled 300 yesterday". Spans of several periods ("over
// the last 3 years") are history, not a rate, and are left to the examples.
func (x *extractor) pastPeriod(i, e, n0, n1 int) (int, bool) {
	for k := n0; k <= n1 && x.inClause(i, k); k++ {
		per, end := "", k+1
		switch w := x.word(k); {
		case w == "yesterday":
			per = "day"
		case (w == "last" || w == "past") && x.inClause(i, k+1):
			switch p := x.word(k + 1); p {
			case "week", "month", "quarter", "year", "day":
				per, end = p, k+2
			}
		case w == "in" && x.inClause(i, k+1) && x.isYear(k+1):
			per, end = "year", k+2
		}
		if per == "" {
			continue
		}
		if x.perPerson(i) {
			return 0, false
		}
		text := x.span(i, e)
		if n0 < k {
			text += " " + x.span(n0, k)
		}
		x.setParsed(advisor.FieldMonthlyVolume, text+" a "+per, i, end)
		return end, true
	}
	return 0, false
}

// leadingRate reads a volume whose period comes first: "each quarter we do
// ~300", "every month we get about 2,000 tickets", "twice a year, about 60
// of them", "on a typical day we see 200". The period must open its clause
// or follow a frequency, so that "it takes a day to review 50 contracts" is
// not read as 50 a day, and no other number may come between.
func (x *extractor) leadingRate(i, e, n1 int) bool {
	for k := i - 1; k >= 0 && k >= i-10 && x.inSentence(i, k); k-- {
		if (x.toks[k].kind == tokNum || xNumberWords[x.word(k)]) && x.word(k+1) != "times" &&
			!x.ofPeople(k+1) && !x.notItems(k+1, k+2) { // "each month the 3 of us review 500"
			return false
		}
		text, start, r := x.periodFirst(k)
		if r == 0 || r > i || i-r > 6 {
			continue
		}
		freq, ok := x.frequencyBefore(start)
		switch {
		case !ok:
			freq = 1
			if !x.opensClause(start) {
				return false
			}
		default:
			start = k - 1
			if x.word(k-1) == "times" {
				start = k - 2
			}
		}
		count := x.span(i, e)
		if freq != 1 {
			if x.parses >= maxExtractParses {
				return false
			}
			x.parses++
			v, err := Answer(advisor.FieldMonthlyVolume, count)
			if err != nil {
				return false
			}
			count = strconv.FormatFloat(v.Number*freq, 'f', -1, 64)
		}
		x.setParsed(advisor.FieldMonthlyVolume, count+" "+text, start, max(n1, e))
		return true
	}
	return false
}

// periodFirst reads a period at token k that can open a volume: "each
// quarter", "per week", "a year" (after a frequency), "on a typical day", or
// a period adverb followed by its subject ("monthly we do"). It returns the
// period as the parser reads it, where it starts and the token after it.
func (x *extractor) periodFirst(k int) (text string, start, end int) {
	w := x.word(k)
	switch w {
	case "each", "every", "per", "a", "an", "in", "on":
	default:
		// Most words start no period: skip the lookups below for them.
		if _, adverb := xRateAdverbs[w]; !adverb && x.toks[k].text != "/" {
			return "", 0, 0
		}
	}
	if (w == "on" || w == "in") && (x.word(k+1) == "a" || x.word(k+1) == "an") && xTypicalWords[x.word(k+2)] {
		if _, ok := xPeriods[x.word(k+3)]; ok && x.inClause(k, k+3) {
			return "a " + x.word(k+3), k, k + 4
		}
		return "", 0, 0
	}
	// "Every night we summarise the day's 3,000 transcripts" is one summary
	// a night, so times of day are left out; weekdays are safe.
	if (w == "every" || w == "each") && x.inClause(k, k+1) {
		switch x.word(k + 1) {
		case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
			return "a week", k, k + 2
		}
	}
	p, r := x.period(k)
	if p == 0 {
		return "", 0, 0
	}
	if _, adverb := xRateAdverbs[w]; adverb && x.inClause(k, k+1) && !xAdverbNext[x.word(k+1)] {
		return "", 0, 0
	}
	return x.span(k, r), k, r
}

// periodOpens reports whether the sentence of token i opens, before it,
// with a period: "Every week, 3 agents spend 10 hours on this".
func (x *extractor) periodOpens(i int) bool {
	for k := i - 1; k >= 0 && k >= i-10 && x.inSentence(i, k); k-- {
		if _, start, r := x.periodFirst(k); r > 0 && x.opensClause(start) {
			return true
		}
	}
	return false
}

// frequencyBefore reads "once", "twice" or "3 times" just before token k.
func (x *extractor) frequencyBefore(k int) (float64, bool) {
	if f, ok := xFrequencies[x.word(k-1)]; ok && x.inClause(k, k-1) {
		return f, true
	}
	if x.word(k-1) == "times" && x.inClause(k, k-2) && x.startsNumber(k-2) {
		if x.toks[k-2].kind == tokNum {
			if n, err := strconv.ParseFloat(x.toks[k-2].text, 64); err == nil && n > 0 && n <= 1000 {
				return n, true
			}
			return 0, false
		}
		for n, w := range []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"} {
			if x.word(k-2) == w && n > 0 {
				return float64(n), true
			}
		}
	}
	return 0, false
}

// opensClause reports whether token k starts its clause, allowing a
// connective or an adverb of habit before it ("and every month", "usually each week").
func (x *extractor) opensClause(k int) bool {
	for n := 0; n < 2 && x.inClause(k, k-1); n++ {
		switch x.word(k - 1) {
		case "and", "so", "then", "but", "also", "usually", "typically", "normally", "generally", "roughly",
			"about", "around", "like", "plus", "on", "average":
			k--
		default:
			return false
		}
	}
	return !x.inClause(k, k-1)
}

// noteOneOff remembers the first count of a one-off batch: "a one-off batch
// of ~200 contracts", "200 contracts, a one-time job". It is read, in
// [extractor.readOneOff], only when the text gives no recurring volume.
func (x *extractor) noteOneOff(i, e, n1 int) {
	if x.oneOff[2] > 0 {
		return
	}
	for k := i - 1; k >= i-6 && x.inClause(i, k); k-- {
		if n := x.oneOffAt(k); n > 0 && k+n <= i {
			x.oneOff = [3]int{k, i, e}
			return
		}
	}
	for k := n1; k < n1+5 && x.inSentence(i, k) && x.toks[k].kind != tokNum; k++ {
		if n := x.oneOffAt(k); n > 0 {
			x.oneOff = [3]int{i, i, k + n}
			return
		}
	}
}

// readOneOff spreads a one-off batch over xOneOffMonths when no recurring
// volume was read.
func (x *extractor) readOneOff() {
	a, i, b := x.oneOff[0], x.oneOff[1], x.oneOff[2]
	if b == 0 || x.u.Known(advisor.FieldMonthlyVolume) {
		return
	}
	e := x.amountEnd(i)
	if p := x.polarity(a, a+1); p.negated || p.hedged {
		return
	}
	x.setParsed(advisor.FieldMonthlyVolume, x.span(i, e)+" every "+strconv.Itoa(xOneOffMonths)+" months", min(a, i), max(b, e))
}
