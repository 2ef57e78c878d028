package parse

// numberRead is a number answer as read, before the field's rounding.
type numberRead struct {
	v         float64
	ok        bool
	rate      bool // the answer named a period ("a week")
	converted bool // a unit other than the field's own was involved
}

// Words the field readers allow around a number. Each list is matched as
// whole phrases over tokens (see answerReader.match).
var (
	// Currencies are skipped, not converted: amounts are in the ROI currency.
	currencyWords = []string{
		"$", "€", "£", "¥", "₹", "usd", "eur", "gbp", "chf", "cad", "aud", "jpy", "inr", "sek", "nok", "dkk",
		"dollar", "dollars", "us dollars", "bucks", "euro", "euros", "pound", "pounds", "quid",
	}
	// A salary is yearly even when the person does not say so.
	salaryWords = []string{"salary", "annual salary", "yearly salary", "base salary", "a year salary"}
	costExtras  = []string{
		"fully loaded", "loaded", "all in", "fully burdened", "burdened", "including overhead", "incl overhead",
		"with overhead", "gross", "before tax", "pre tax", "per person", "per employee", "per head", "each",
	}
	budgetExtras = []string{
		"one off", "one time", "upfront", "up front", "overall", "for the project", "for this project", "available",
	}
	// "6 minutes per ticket": what follows must be an item, not a period.
	perItemMarkers = []string{
		"per", "a", "an", "each", "for each", "for every", "for one", "for a", "for an", "every", "on each",
		"on every", "for",
	}
	timelineLeads = []string{
		"in", "within", "in about", "inside", "by", "in the next", "within the next", "the next",
		"we need it in", "need it in", "live in",
	}
	timelineTrails = []string{
		"from now", "from today", "time", "at the latest", "latest", "or sooner", "or earlier", "at most",
	}
	// Whole answers that mean zero. They are not number words in general:
	// "none" is no answer to "how many minutes".
	zeroBudget = []string{
		"none", "no budget", "nothing", "no", "nil", "no money", "no budget yet", "none yet", "nothing yet",
		"none at all", "no budget at all", "zilch", "nada",
	}
	zeroExamples = []string{
		"none", "no", "nothing", "not any", "no examples", "none yet", "not yet", "nothing yet",
		"no labeled examples", "no labelled examples", "none at all", "we have none", "nope", "zilch", "nada",
		"not a single one",
	}
	// Dates and urgency are not spans; they only shape the message when a
	// timeline cannot be read.
	vagueDates = []string{
		"asap", "as soon as possible", "soon", "now", "immediately", "yesterday", "today", "tomorrow", "urgent",
		"urgently", "no rush", "no deadline", "whenever", "eventually", "later", "tbd", "this week", "next week",
		"this month", "next month", "this quarter", "next quarter", "this year", "next year", "end of year",
		"eoy", "eoq", "q1", "q2", "q3", "q4",
	}
)

// readCount reads a count of items; perMonth lets it carry a rate, which is
// turned into items per month.
func readCount(text string, perMonth bool) (numberRead, string) {
	r, detail := startReading(text)
	if r == nil {
		return numberRead{}, detail
	}
	q, ok := r.quantity(true)
	if !ok {
		return numberRead{}, ""
	}
	if r.word(0) == "of" && r.word(1) != "" && !isNumberKeyword(r.word(1)) {
		r.i++ // "thousands of tickets"
	}
	for n := 0; n < 4 && r.itemNoun(); n++ {
	}
	r.skip(trailingHedges)
	p, rate := r.rate()
	r.skip(trailingHedges)
	if !r.atEnd() {
		return numberRead{}, ""
	}
	if rate && !perMonth {
		return numberRead{}, "give how many there are in all, not a rate"
	}
	v := q.v
	if rate {
		v *= p.perMonth
	}
	return numberRead{v: v, ok: true, rate: rate, converted: rate && p.perMonth != 1}, ""
}

// readMinutes reads the time one item takes, in minutes.
func readMinutes(text string) (numberRead, string) {
	r, detail := startReading(text)
	if r == nil {
		return numberRead{}, detail
	}
	v, converted, ok := r.duration(minuteUnits, smallerTimeUnit)
	if !ok {
		return numberRead{}, ""
	}
	r.skip(trailingHedges)
	if mark := r.i; r.acceptAny(perItemMarkers) {
		if _, isPeriod := r.period(true); isPeriod {
			return numberRead{}, "that is time per period; say how long one item takes"
		}
		nouns := 0
		for nouns < 3 && r.itemNoun() {
			nouns++
		}
		if nouns == 0 && r.toks[mark].text != "each" { // "6 minutes each" needs no noun
			return numberRead{}, ""
		}
	}
	r.skip(trailingHedges)
	if !r.atEnd() {
		return numberRead{}, ""
	}
	return numberRead{v: v, ok: true, converted: converted}, ""
}

// readWeeks reads how long until something must be live, in weeks.
func readWeeks(text string) (numberRead, string) {
	fail := func(detail string) (numberRead, string) {
		if detail == "" && answerMentions(text, vagueDates) {
			detail = "that is not a length of time; say roughly how many weeks from now, or answer skip"
		}
		return numberRead{}, detail
	}
	r, detail := startReading(text, timelineLeads)
	if r == nil {
		return fail(detail)
	}
	v, converted, ok := r.duration(weekUnits, nil)
	r.skip(trailingHedges, timelineTrails)
	if !ok || !r.atEnd() {
		return fail("")
	}
	return numberRead{v: v, ok: true, converted: converted}, ""
}

// readMoney reads an amount of money. Currency signs and codes are skipped,
// not converted. An hourly cost may carry a rate and is turned into a cost
// per working hour; a budget is one-off and may not.
func readMoney(text string, hourly bool) (numberRead, string) {
	r, detail := startReading(text, currencyWords)
	if r == nil {
		return numberRead{}, detail
	}
	q, ok := r.quantity(true)
	if !ok {
		return numberRead{}, ""
	}
	r.skip(currencyWords, trailingHedges, costExtras, budgetExtras)
	p, rate := r.rate()
	if r.acceptAny(salaryWords) && !rate {
		p, rate = answerYear, true
	}
	r.skip(trailingHedges, costExtras, budgetExtras)
	if !r.atEnd() {
		return numberRead{}, ""
	}
	if !hourly {
		if rate {
			return numberRead{}, "a budget is a one-off amount; give the total, not a rate"
		}
		return numberRead{v: q.v, ok: true}, ""
	}
	v := q.v
	if rate {
		v /= p.workHours
	}
	return numberRead{v: v, ok: true, rate: rate, converted: rate && p.workHours != 1}, ""
}
