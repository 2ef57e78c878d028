package parse

// Finding the amounts in a description and deciding what each one measures.

import "strings"

// Numbers. An amount ("2,000", "1.2M", "twenty", "half an", "between 5 and
// 10") is found by a scan of the tokens, and what follows it decides what it
// measures: a time unit, a currency, or a noun and a period. The span is then
// read by Answer, so a description and a typed answer agree on what
// "2,000 tickets a week" means. The first reading of each field wins. Vague
// amounts ("a few", "hundreds of") are not read: the parser's modest guesses
// suit an answer to a question, not an aside in a description.

var (
	xNumberWords = map[string]bool{
		"zero": true, "one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
		"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "thirteen": true,
		"fourteen": true, "fifteen": true, "sixteen": true, "seventeen": true, "eighteen": true, "nineteen": true,
		"twenty": true, "thirty": true, "forty": true, "fifty": true, "sixty": true, "seventy": true, "eighty": true,
		"ninety": true,
	}
	xScaleWords = map[string]bool{
		"hundred": true, "thousand": true, "million": true, "billion": true, "dozen": true, "k": true, "bn": true,
		"mn": true, "mil": true, "grand": true,
	}
	xMinuteUnits = map[string]bool{
		"hr": true, "hrs": true, "hour": true, "hours": true, "min": true, "mins": true, "minute": true,
		"minutes": true, "sec": true, "secs": true, "second": true, "seconds": true,
	}
	xLongUnits = map[string]bool{
		"day": true, "days": true, "week": true, "weeks": true, "wk": true, "wks": true, "month": true,
		"months": true, "mo": true, "mos": true, "mth": true, "mths": true, "quarter": true, "quarters": true,
		"year": true, "years": true, "yr": true, "yrs": true, "fortnight": true, "fortnights": true,
	}
	xPeriods = map[string]byte{
		"hour": 'h', "hours": 'h', "hr": 'h', "day": 'd', "days": 'd', "workday": 'd', "workdays": 'd',
		"weekday": 'd', "weekdays": 'd', "week": 'w', "weeks": 'w', "wk": 'w', "month": 'm', "months": 'm',
		"mo": 'm', "mth": 'm', "quarter": 'q', "quarters": 'q', "qtr": 'q', "year": 'y', "years": 'y',
		"yr": 'y', "annum": 'y',
	}
	xShortPeriods = map[string]byte{"h": 'h', "d": 'd', "w": 'w', "y": 'y'}
	xRateAdverbs  = map[string]byte{
		"hourly": 'h', "daily": 'd', "nightly": 'd', "weekly": 'w', "monthly": 'm', "quarterly": 'q',
		"yearly": 'y', "annually": 'y',
	}
	xCurrencySyms  = map[string]bool{"$": true, "€": true, "£": true, "¥": true, "₹": true}
	currencyCodes  = []string{"usd", "eur", "gbp", "chf", "cad", "aud", "jpy", "inr", "sek", "nok", "dkk"}
	xCurrencyCodes = wordSet(currencyCodes...)
	xCurrencyWords = wordSet(append([]string{"dollar", "dollars", "euro", "euros", "pound", "pounds", "bucks",
		"quid"}, currencyCodes...)...)
	// Letters that may touch a number: scales and units. Anything else
	// ("3rd", "24x7", "2fa") makes the number part of some other token.
	xGlueWords = map[string]bool{
		"h": true, "hr": true, "hrs": true, "min": true, "mins": true, "d": true, "w": true, "wk": true,
		"wks": true, "y": true, "yr": true, "yrs": true, "mo": true, "ish": true,
	}
	// Words before an amount that make it money even without a currency sign.
	xMoneyVerbs = wordSet("cost", "costs", "costing", "paid", "pay", "pays", "earn", "earns", "earning", "salary",
		"salaries", "wage", "wages", "charge", "charges", "charged", "billed", "budget", "budgeted", "spend",
		"spends", "invest", "afford", "price", "priced", "fee", "fees", "worth")
	xSalaryWords = wordSet("salary", "salaries", "salaried", "wage", "wages", "earn", "earns", "earning", "paid")
	// A weekly, monthly or yearly amount is a person's cost only next to a person.
	xPersonWords = wordSet("salary", "salaries", "salaried", "paid", "earn", "earns", "earning", "wage", "wages",
		"loaded", "agent", "agents", "analyst", "analysts", "employee", "employees", "staff", "person", "people",
		"engineer", "engineers", "clerk", "clerks", "accountant", "accountants", "lawyer", "lawyers", "attorney",
		"attorneys", "paralegal", "paralegals", "recruiter", "recruiters", "rep", "reps", "representative",
		"representatives", "fte", "ftes", "hire", "worker", "workers", "specialist", "specialists", "officer",
		"officers", "nurse", "nurses", "developer", "developers", "coordinator", "coordinators", "associate",
		"associates", "contractor", "contractors", "member", "members")
	// Money for these is what software or machines cost, not a person.
	costObjects = []string{"license", "licence", "licenses", "licences", "licensing", "subscription",
		"subscriptions", "software", "saas", "tool", "tools", "platform", "api", "gpu", "gpus", "compute", "server",
		"servers", "cloud", "hosting", "vendor", "vendors", "tokens", "seat", "seats", "user", "users"}
	xCostObjects = wordSet(costObjects...)
	// Before an amount, these also make it a budget, a price, a saving or a
	// penalty: "we charge clients $150 per hour" is not what the work costs.
	xCostBlockers = wordSet(append([]string{"budget", "spend", "spends", "spending", "revenue", "savings", "save",
		"saves", "charge", "charges", "charged", "bill", "bills", "billed", "invoice", "invoices", "price",
		"prices", "fine", "fines", "penalty", "penalties", "worth", "value"}, costObjects...)...)
	xSpendWords = wordSet("spend", "spends", "spent", "spending")
	xTakeVerbs  = wordSet("takes", "take", "taking", "took", "spend", "spends", "spent", "spending", "needs",
		"requires", "lasts", "aht")
	// Before a time per item, these make it a wait, a saving or a target instead.
	xDurationBlockers = wordSet("within", "save", "saves", "saving", "saved", "cut", "cuts", "reduce", "reduces",
		"reducing", "reduced", "wait", "waits", "waiting", "hold", "sla", "target", "goal", "instead")
	xDurationLeads  = wordSet("in", "within", "every", "after", "before", "for", "last", "next", "first", "past")
	xTimelineFill   = wordSet("about", "roughly", "around", "approximately", "under", "less", "than", "next", "the", "coming", "just")
	xTimelineAfter  = wordSet("ago", "later", "after", "before", "earlier", "prior", "old", "of")
	xDeadlineWords  = wordSet("live", "launch", "launched", "launching", "ready", "deliver", "delivered", "production", "deploy", "deployed", "deployment", "rollout", "roll", "ship", "shipped", "deadline", "timeline", "implemented", "operational", "running", "pilot", "golive")
	xWantWords      = wordSet("need", "needs", "want", "wants", "have", "get")
	xDeadlineObject = wordSet("it", "this", "something")
	xNounStops      = wordSet("a", "an", "per", "each", "every", "in", "on", "and", "or", "to", "for", "with", "by",
		"from", "that", "which", "who", "is", "are", "was", "were", "be", "been", "at", "of", "we", "our", "it",
		"they", "this", "these", "those", "but", "across", "between", "over", "under", "about", "around", "than",
		"plus", "so", "if", "as", "into", "through", "via", "all", "take", "takes", "took", "cost", "costs")
	xLabelNouns   = wordSet("labeled", "labelled", "annotated", "examples", "pairs", "tagged", "categorized", "categorised")
	xBadCountNoun = wordSet("times", "percent", "pct", "fold")
	xModalWords   = wordSet("can", "could", "to", "will", "would", "may")
)

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// readAmounts reads monthly_volume, minutes_per_task, hourly_cost,
// timeline_weeks, labeled_examples and budget from the amounts in the text.
func (x *extractor) readAmounts() {
	for i := 0; i < len(x.toks); {
		e := x.amountEnd(i)
		if e == i {
			i++
			continue
		}
		i = max(x.readAmount(i, e), e)
	}
}

// readAmount decides what the amount in tokens [i, e) measures and reads it.
// It returns the token after what it used.
func (x *extractor) readAmount(i, e int) int {
	if x.otherToken(e) || e == i+1 && x.isYear(i) || x.decimalAfter(e) { // "since 2019" is a date
		return e
	}
	if p := x.polarity(i, i); p.negated || p.hedged {
		return e
	}
	switch {
	case x.currencyBefore(i) || x.currencyAfter(e) > 0:
		return x.readMoney(i, e)
	case x.minuteUnit(i, e) > 0:
		return x.readMinutes(i, e)
	case x.longUnit(e) > 0:
		return x.readTimeline(i, e)
	case x.anyBefore(i, 4, xMoneyVerbs) && !x.isNoun(e): // "costs 45 an hour", not "budget covers 3 agents"
		return x.readMoney(i, e)
	}
	return x.readCount(i, e)
}

// amountStart reports whether an amount can start at token i.
func (x *extractor) amountStart(i int) bool {
	switch x.toks[i].kind {
	case tokNum:
		return x.digitsStart(i)
	case tokWord:
		return x.wordsStart(i)
	}
	return false
}

// digitsStart reports whether the number at token i is an amount of its own.
func (x *extractor) digitsStart(i int) bool {
	t := &x.toks[i]
	if i > 0 {
		p := &x.toks[i-1]
		if t.glued && (p.kind == tokWord || p.kind == tokSym && !xCurrencySyms[p.text] && p.text != "~") {
			return false // "gpt4", "Q3", "#5"
		}
		if p.kind == tokNum && p.sent == t.sent && strings.TrimSpace(x.text[p.end:t.start]) == "" {
			return false // "20 000": a grouping the parser should not see half of
		}
	}
	// "1,5" and "1.2.3": the digits after the comma are not a number of their own.
	return !(t.start >= 2 && (x.text[t.start-1] == ',' || x.text[t.start-1] == '.') && isDigitByte(x.text[t.start-2]))
}

// wordsStart reports whether an amount in words starts at token i.
func (x *extractor) wordsStart(i int) bool {
	w, next := x.toks[i].text, x.word(i+1)
	switch {
	case xNumberWords[w]:
		return true
	case w == "a" && next == "few" && xScaleWords[x.word(i+2)], w == "several" && xScaleWords[next]:
		return true // "a few million", "several hundred": vague, read at their low end
	case vaguePluralWords[w] > 0 && w != "tens" && w != "dozens":
		return true // "millions a month", "thousands of tickets a week"
	case w == "a" || w == "an":
		return xScaleWords[next] || next == "couple" || xMinuteUnits[next] || xLongUnits[next]
	case w == "half":
		return next == "a" || next == "an"
	case w == "between":
		return i+1 < len(x.toks) && (x.toks[i+1].kind == tokNum || xNumberWords[next])
	}
	return false
}

// startsNumber reports whether token k is digits or a number word.
func (x *extractor) startsNumber(k int) bool {
	return k < len(x.toks) && (x.toks[k].kind == tokNum || xNumberWords[x.word(k)])
}

// amountEnd returns the end of the amount starting at token i, or i. An
// amount is numbers, each followed by what may go on from it (a scale,
// "and a half"), joined into a range by "-", "to", "or" or, after
// "between", "and".
func (x *extractor) amountEnd(i int) int {
	if !x.amountStart(i) {
		return i
	}
	if e, ok := x.vagueAmountEnd(i); ok {
		return e
	}
	j, end := i, i
	between := x.word(i) == "between"
	if between {
		j++
	}
	need := true // a number must come next
	for j < len(x.toks) && x.inClause(i, j) {
		if need {
			next, done := x.amountNumber(i, j)
			switch {
			case next < 0:
				return end
			case done:
				return next
			}
			j, end, need = next, next, false
			continue
		}
		next, joins := x.amountGoesOn(j, between)
		if next < 0 {
			return end
		}
		j, need = next, joins
		if !joins {
			end = j
		}
	}
	return end
}

// vagueAmountEnd returns the end of an amount that is a vague word or an
// article, which has a fixed length; ok is false for any other amount.
func (x *extractor) vagueAmountEnd(i int) (end int, ok bool) {
	switch w := x.word(i); {
	case w == "a" && x.word(i+1) == "few" && xScaleWords[x.word(i+2)]:
		return i + 3, true
	case w == "several" && xScaleWords[x.word(i+1)]:
		return i + 2, true
	case vaguePluralWords[w] > 0:
		if x.word(i+1) == "of" && pluralScaleWords[x.word(i+2)] > 0 {
			return i + 3, true // "hundreds of thousands"
		}
		return i + 1, true
	case (w == "a" || w == "an") && !xScaleWords[x.word(i+1)] && x.word(i+1) != "couple":
		return i + 1, true // "an hour": the unit reads the article as one
	}
	return 0, false
}

// amountNumber reads the number an amount needs at token j, which is i for
// the first one. It returns the token after it, or -1 when there is none;
// done says that the amount ends there.
func (x *extractor) amountNumber(i, j int) (next int, done bool) {
	switch w := x.word(j); {
	case x.toks[j].kind == tokNum, xNumberWords[w]:
		return j + 1, false
	case (w == "a" || w == "an") && xScaleWords[x.word(j+1)]:
		return j + 2, false // "a hundred", "a million"
	case w == "a" && x.word(j+1) == "couple":
		j += 2
		if x.word(j) == "of" && (xMinuteUnits[x.word(j+1)] || xScaleWords[x.word(j+1)]) {
			j++
		}
		return j, false
	case w == "half" && j == i:
		j += 2 // "half an hour": the unit follows
		if xScaleWords[x.word(j)] {
			j++ // "half a million"
		}
		return j, true
	}
	return -1, false
}

// amountGoesOn reads what may follow a number at token j: a scale, the unit
// of "twenty five", "and a half", or a word that joins a range and needs a
// number after it (joins). It returns the token after it, or -1.
func (x *extractor) amountGoesOn(j int, between bool) (next int, joins bool) {
	t, w := &x.toks[j], x.word(j)
	switch {
	case xScaleWords[w] || (w == "m" || w == "b") && t.glued && x.toks[j-1].kind == tokNum:
		return j + 1, false
	case xNumberWords[w] && x.toks[j-1].kind == tokWord:
		return j + 1, false // "twenty five", "two thousand five hundred"
	case w == "and" && x.word(j+1) == "a" && x.word(j+2) == "half":
		return j + 3, false
	case (w == "and" || t.kind == tokSym && t.text == "-" || w == "to" || w == "or") && x.startsNumber(j+1):
		if w == "and" && !between && !xScaleWords[x.word(j-1)] {
			return -1, false // "2 and 3" is a range only after "between"; "a thousand and five" is one number
		}
		return j + 1, true
	}
	return -1, false
}

// otherToken reports whether the token after an amount makes it part of
// something else: a percentage, an ordinal, a code, or a space-grouped number.
func (x *extractor) otherToken(e int) bool {
	if e >= len(x.toks) {
		return false
	}
	t := &x.toks[e]
	switch {
	case t.kind == tokSym && t.text == "%", t.text == "percent", t.text == "pct", t.text == "per" && x.word(e+1) == "cent":
		return true
	case t.glued && t.kind == tokWord && x.toks[e-1].kind == tokNum:
		return !xGlueWords[t.text] && !xCurrencyWords[t.text]
	case t.kind == tokNum && x.toks[e-1].kind == tokNum && t.sent == x.toks[e-1].sent:
		return strings.TrimSpace(x.text[x.toks[e-1].end:t.start]) == ""
	}
	return false
}

// decimalAfter reports whether the amount ending before token e goes on with
// a decimal comma or dot ("1,5"), which the parser refuses to guess: then no
// part of it is read.
func (x *extractor) decimalAfter(e int) bool {
	end := x.toks[e-1].end
	return x.toks[e-1].kind == tokNum && end+1 < len(x.text) && (x.text[end] == ',' || x.text[end] == '.') && isDigitByte(x.text[end+1])
}

// period reads a rate's period at token j: "a week", "/h", "per working day",
// "every other month", "weekly". It returns the period and the token after it.
func (x *extractor) period(j int) (byte, int) {
	if p, ok := xRateAdverbs[x.word(j)]; ok {
		return p, j + 1
	}
	k, short := x.rateMarker(j)
	if k < 0 || !x.inClause(j, k) {
		return 0, j
	}
	w := x.word(k)
	if (w == "working" || w == "business" || w == "work" || w == "calendar") && x.inClause(j, k+1) {
		if p, ok := xPeriods[x.word(k+1)]; ok {
			return p, k + 2
		}
	}
	if p, ok := xPeriods[w]; ok {
		return p, k + 1
	}
	if p, ok := xShortPeriods[w]; ok && short {
		return p, k + 1
	}
	return 0, j
}

// rateMarker reads what introduces a period at token j ("per", "/", "a",
// "every other", "in each") and returns where the period word should be, or
// -1. Short periods ("h", "d") only count after "per" or "/".
func (x *extractor) rateMarker(j int) (k int, short bool) {
	switch w, next := x.word(j), x.word(j+1); {
	case w == "per" || j < len(x.toks) && x.toks[j].text == "/":
		return j + 1, true
	case w == "a" || w == "an" || w == "each":
		return j + 1, false
	case w == "every":
		if next == "other" || x.startsNumber(j+1) {
			return j + 2, false
		}
		return j + 1, false
	case (w == "in" || w == "on") && (next == "a" || next == "an" || next == "each"):
		return j + 2, false
	}
	return -1, false
}
