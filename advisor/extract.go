package advisor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Extraction is what Extract read from a description.
type Extraction struct {
	Profile  UseCase           // only the fields read; Description is not set here
	Inferred []string          // names of the fields set, in field-table order
	Evidence map[string]string // field -> the snippet of text it came from
}

// Bounds on the work Extract does. Descriptions hold at most
// MaxDescriptionLen runes; twice that in bytes covers any real one, and
// everything after it is ignored so that a paste of a whole document costs
// no more than a description.
const (
	maxExtractBytes  = 8000
	maxExtractParses = 64  // ParseAnswer calls per description
	maxEvidenceBytes = 160 // one snippet, enough for a clause
	evidenceContext  = 3   // words shown either side of what was read
)

// Extract reads the obvious signals in a free-text description of a use case
// and fills the profile fields it can read with confidence. It is the
// extractor used when no language model is configured, so it prefers leaving
// a field unknown to guessing: the planner then asks, while a wrong value
// would silently steer the recommendation. A field is set only from an
// explicit phrase that is neither negated ("no PII") nor hedged ("not sure
// whether HIPAA applies", a question), and a choice is left unknown when the
// text points two ways. Numbers go through [ParseAnswer], so they are read
// exactly as a typed answer would be. Title, description and department are
// never set.
//
// Extract never fails; text it cannot read yields an empty Extraction.
func Extract(text string) Extraction {
	x := newExtractor(text)
	x.readAmounts()
	x.readSignals()
	return x.result()
}

// extractor holds one description as tokens, and what has been read from it.
type extractor struct {
	text      string
	toks      []xtok
	questions []bool  // per sentence: it ends in a question mark
	sentFlags []uint8 // per sentence: what it mentions (see markSentences)
	hits      []cueHit
	u         UseCase
	evidence  map[string]string
	parses    int
}

type xkind uint8

const (
	xWord xkind = iota + 1
	xNum
	xSym
)

// xtok is one word, number or symbol of a description. Words are lower case
// without apostrophes ("don't" is "dont"); start and end are byte offsets, so
// a span of tokens maps back to the text as written.
type xtok struct {
	text         string
	start, end   int
	sent, clause int
	kind         xkind
	caps         bool // written in capitals, as acronyms are ("SEC", not "sec")
	glued        bool // no space or punctuation before it ("$45", "2k", "1h30")
}

func newExtractor(text string) *extractor {
	if len(text) > maxExtractBytes {
		cut := maxExtractBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	x := &extractor{text: strings.ToValidUTF8(text, "\uFFFD")}
	x.tokenize()
	return x
}

// Words that open a new clause: what follows them is not negated or hedged
// by what precedes them ("no PII, but HIPAA applies").
var clauseWords = map[string]bool{"but": true, "however": true, "although": true, "though": true, "whereas": true}

// tokenize splits the text into tokens, numbering sentences (split at . ! ?
// and line breaks) and clauses (also split at , ; : brackets, quotes and
// dashes between words), the scopes that negation and phrases may not cross.
func (x *extractor) tokenize() {
	s := x.text
	x.toks = make([]xtok, 0, len(s)/5+4)
	sent, clause, prevEnd := 0, 0, -1
	open := false // the current sentence has tokens
	endSentence := func(question bool) {
		clause++
		if open {
			x.questions = append(x.questions, question)
			sent++
			open = false
		}
	}
	add := func(t xtok) {
		if t.kind == xWord && clauseWords[t.text] && open {
			clause++
		}
		t.sent, t.clause, t.glued = sent, clause, t.start == prevEnd
		x.toks = append(x.toks, t)
		open, prevEnd = true, t.end
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r):
			j, text, caps := scanWord(s, i)
			add(xtok{kind: xWord, text: text, start: i, end: j, caps: caps})
			i = j
			continue
		case r >= '0' && r <= '9':
			j := scanNumber(s, i)
			add(xtok{kind: xNum, text: s[i:j], start: i, end: j})
			i = j
			continue
		case r == '&':
			add(xtok{kind: xWord, text: "and", start: i, end: i + size})
		case xApostrophe(r):
		case xDash(r):
			next := strings.TrimLeft(s[i+size:], " ")
			switch {
			case next != "" && next[0] >= '0' && next[0] <= '9':
				add(xtok{kind: xSym, text: "-", start: i, end: i + size}) // a range: "200-300"
			case i > 0 && i+size < len(s) && letterAt(s, i+size) && letterBefore(s, i):
				// a hyphen inside a word: "real-time" reads as "real time"
			default:
				clause++
			}
		case r == '.' || r == '!' || r == '?' || r == '\n':
			endSentence(r == '?')
		case strings.ContainsRune(",;:()[]{}\"“”«»…|•·", r):
			clause++
		case unicode.IsSpace(r):
		default:
			add(xtok{kind: xSym, text: s[i : i+size], start: i, end: i + size})
		}
		i += size
	}
	if open {
		x.questions = append(x.questions, false)
	}
}

// scanWord reads the word at s[i:]: letters, with apostrophes inside
// dropped. ASCII words already in lower case are returned without copying.
func scanWord(s string, i int) (end int, text string, caps bool) {
	j, plain, upper, letters := i, true, 0, 0
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if xApostrophe(r) && j+n < len(s) && letterAt(s, j+n) {
			plain = false
			j += n
			continue
		}
		if !unicode.IsLetter(r) {
			break
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
		}
		if r >= utf8.RuneSelf || unicode.IsUpper(r) {
			plain = false
		}
		j += n
	}
	if plain {
		return j, s[i:j], false
	}
	var b strings.Builder
	b.Grow(j - i)
	for _, r := range s[i:j] {
		if !xApostrophe(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return j, b.String(), letters >= 2 && upper == letters
}

// scanNumber reads the digits at s[i:]: thousands groups joined by a comma,
// underscore or no-break space, then a decimal part. Whether "20.000" or
// "1,5" is a number at all is left to ParseAnswer, which refuses to guess.
func scanNumber(s string, i int) int {
	j := i
	for j < len(s) && isDigitByte(s[j]) {
		j++
	}
	if j-i <= 3 {
		for sep := ""; j < len(s); {
			n := groupSeparator(s[j:])
			if n == 0 || sep != "" && s[j:j+n] != sep || !threeDigits(s[j+n:]) {
				break
			}
			sep = s[j : j+n]
			j += n + 3
		}
	}
	if j+1 < len(s) && s[j] == '.' && isDigitByte(s[j+1]) {
		for j++; j < len(s) && isDigitByte(s[j]); j++ {
		}
	}
	return j
}

// groupSeparator returns the length of a thousands separator at the start of
// s. Plain spaces are not separators here: in running text "5 100-page
// contracts" is two numbers.
func groupSeparator(s string) int {
	switch {
	case strings.HasPrefix(s, ","), strings.HasPrefix(s, "_"):
		return 1
	case strings.HasPrefix(s, "\u00a0"):
		return 2
	case strings.HasPrefix(s, "\u202f"), strings.HasPrefix(s, "\u2009"):
		return 3
	}
	return 0
}

func threeDigits(s string) bool {
	return len(s) >= 3 && isDigitByte(s[0]) && isDigitByte(s[1]) && isDigitByte(s[2]) && (len(s) == 3 || !isDigitByte(s[3]))
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func letterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func letterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

func xApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

func xDash(r rune) bool { return r == '-' || r >= '\u2010' && r <= '\u2015' || r == '\u2212' }

// word is token k if it is a word, else "".
func (x *extractor) word(k int) string {
	if k >= 0 && k < len(x.toks) && x.toks[k].kind == xWord {
		return x.toks[k].text
	}
	return ""
}

// inClause reports whether token k exists and shares a clause with token i.
func (x *extractor) inClause(i, k int) bool {
	return k >= 0 && k < len(x.toks) && i >= 0 && i < len(x.toks) && x.toks[k].clause == x.toks[i].clause
}

// inSentence reports whether token k exists and shares a sentence with token i.
func (x *extractor) inSentence(i, k int) bool {
	return k >= 0 && k < len(x.toks) && i >= 0 && i < len(x.toks) && x.toks[k].sent == x.toks[i].sent
}

// span is the text of tokens [a, b) as written.
func (x *extractor) span(a, b int) string {
	if a < 0 || b > len(x.toks) || a >= b {
		return ""
	}
	return x.text[x.toks[a].start:x.toks[b-1].end]
}

// snippet is the evidence for tokens [a, b): the span with a few words of its
// clause either side, as long as it stays short enough to quote.
func (x *extractor) snippet(a, b int) string {
	if a < 0 || b > len(x.toks) || a >= b {
		return ""
	}
	for n := 0; n < evidenceContext; n++ {
		grown := false
		if x.inClause(a, a-1) && x.toks[b-1].end-x.toks[a-1].start <= maxEvidenceBytes {
			a, grown = a-1, true
		}
		if x.inClause(a, b) && x.toks[b].end-x.toks[a].start <= maxEvidenceBytes {
			b, grown = b+1, true
		}
		if !grown {
			break
		}
	}
	for a < b-1 && x.toks[a].kind == xSym && !xCurrencySyms[x.toks[a].text] {
		a++ // a quote starts at a word, not at "%" or "/"
	}
	s := x.span(a, b)
	if len(s) > maxEvidenceBytes {
		cut := maxEvidenceBytes
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// set stores a value read from tokens [a, b) unless the field is already known.
func (x *extractor) set(v Value, a, b int) {
	if x.u.Known(v.Field) || x.u.Set(v) != nil {
		return
	}
	if x.evidence == nil {
		x.evidence = make(map[string]string, 8)
	}
	x.evidence[v.Field] = x.snippet(a, b)
}

// setParsed reads text as an answer for the field and stores it, with
// tokens [a, b) as evidence. The first value read for a field wins.
func (x *extractor) setParsed(field, text string, a, b int) {
	if x.u.Known(field) || x.parses >= maxExtractParses {
		return
	}
	x.parses++
	if v, err := ParseAnswer(field, text); err == nil {
		x.set(v, a, b)
	}
}

func (x *extractor) result() Extraction {
	ex := Extraction{Profile: x.u}
	for i := range fieldTable {
		if x.u.Known(fieldTable[i].Name) {
			ex.Inferred = append(ex.Inferred, fieldTable[i].Name)
		}
	}
	if len(ex.Inferred) > 0 {
		ex.Evidence = x.evidence
	}
	return ex
}

// Numbers. An amount ("2,000", "1.2M", "twenty", "half an", "between 5 and
// 10") is found by a scan of the tokens, and what follows it decides what it
// measures: a time unit, a currency, or a noun and a period. The span is then
// read by ParseAnswer, so a description and a typed answer agree on what
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
	xTakeVerbs = wordSet("takes", "take", "taking", "took", "spend", "spends", "spent", "spending", "needs",
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
	if x.otherToken(e) {
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
	t := &x.toks[i]
	if t.kind == xNum {
		if i > 0 {
			p := &x.toks[i-1]
			if t.glued && (p.kind == xWord || p.kind == xSym && !xCurrencySyms[p.text] && p.text != "~") {
				return false // "gpt4", "Q3", "#5"
			}
			if p.kind == xNum && p.sent == t.sent && strings.TrimSpace(x.text[p.end:t.start]) == "" {
				return false // "20 000": a grouping the parser should not see half of
			}
		}
		// "1,5" and "1.2.3": the digits after the comma are not a number of their own.
		return !(t.start >= 2 && (x.text[t.start-1] == ',' || x.text[t.start-1] == '.') && isDigitByte(x.text[t.start-2]))
	}
	w, next := t.text, x.word(i+1)
	switch {
	case t.kind != xWord:
		return false
	case xNumberWords[w]:
		return true
	case w == "a" || w == "an":
		return xScaleWords[next] || next == "couple" || xMinuteUnits[next] || xLongUnits[next]
	case w == "half":
		return next == "a" || next == "an"
	case w == "between":
		return i+1 < len(x.toks) && (x.toks[i+1].kind == xNum || xNumberWords[next])
	}
	return false
}

// startsNumber reports whether token k is digits or a number word.
func (x *extractor) startsNumber(k int) bool {
	return k < len(x.toks) && (x.toks[k].kind == xNum || xNumberWords[x.word(k)])
}

// amountEnd returns the end of the amount starting at token i, or i.
func (x *extractor) amountEnd(i int) int {
	if !x.amountStart(i) {
		return i
	}
	if w := x.word(i); (w == "a" || w == "an") && !xScaleWords[x.word(i+1)] && x.word(i+1) != "couple" {
		return i + 1 // "an hour": the unit reads the article as one
	}
	j, end := i, i
	between := x.word(i) == "between"
	if between {
		j++
	}
	need := true // a number must come next
	for j < len(x.toks) && x.inClause(i, j) {
		t, w := &x.toks[j], x.word(j)
		if need {
			switch {
			case t.kind == xNum, xNumberWords[w]:
				j++
			case (w == "a" || w == "an") && xScaleWords[x.word(j+1)]:
				j += 2 // "a hundred", "a million"
			case w == "a" && x.word(j+1) == "couple":
				j += 2
				if x.word(j) == "of" && (xMinuteUnits[x.word(j+1)] || xScaleWords[x.word(j+1)]) {
					j++
				}
			case w == "half" && j == i:
				j += 2 // "half an hour": the unit follows
				if xScaleWords[x.word(j)] {
					j++ // "half a million"
				}
				return j
			default:
				return end
			}
			need, end = false, j
			continue
		}
		switch {
		case xScaleWords[w] || (w == "m" || w == "b") && t.glued && x.toks[j-1].kind == xNum:
			j++
		case xNumberWords[w] && x.toks[j-1].kind == xWord:
			j++ // "twenty five", "two thousand five hundred"
		case w == "and" && x.word(j+1) == "a" && x.word(j+2) == "half":
			j += 3
		case (w == "and" || t.kind == xSym && t.text == "-" || w == "to" || w == "or") && x.startsNumber(j+1):
			if w == "and" && !between && !xScaleWords[x.word(j-1)] {
				return end
			}
			j++
			need = true
			continue
		default:
			return end
		}
		end = j
	}
	return end
}

// otherToken reports whether the token after an amount makes it part of
// something else: a percentage, an ordinal, a code, or a space-grouped number.
func (x *extractor) otherToken(e int) bool {
	if e >= len(x.toks) {
		return false
	}
	t := &x.toks[e]
	switch {
	case t.kind == xSym && t.text == "%", t.text == "percent", t.text == "pct", t.text == "per" && x.word(e+1) == "cent":
		return true
	case t.glued && t.kind == xWord && x.toks[e-1].kind == xNum:
		return !xGlueWords[t.text] && !xCurrencyWords[t.text]
	case t.kind == xNum && x.toks[e-1].kind == xNum && t.sent == x.toks[e-1].sent:
		return strings.TrimSpace(x.text[x.toks[e-1].end:t.start]) == ""
	}
	return false
}

// labelBefore returns the label just before token i, as in "Budget: $40k" or
// "Deadline - 6 weeks", or -1.
func (x *extractor) labelBefore(i int, label string) int {
	k := i - 1
	if k >= 0 && x.toks[k].text == "-" {
		k--
	}
	if x.inSentence(i, k) && x.word(k) == label && strings.Trim(x.text[x.toks[k].end:x.toks[i].start], " :-") == "" {
		return k
	}
	return -1
}

// anyBefore reports whether one of the words occurs in the n tokens before i, in its clause.
func (x *extractor) anyBefore(i, n int, words map[string]bool) bool {
	return x.findBefore(i, n, words) >= 0
}

func (x *extractor) findBefore(i, n int, words map[string]bool) int {
	for k := i - 1; k >= i-n && x.inClause(i, k); k-- {
		if words[x.word(k)] {
			return k
		}
	}
	return -1
}

// period reads a rate's period at token j: "a week", "/h", "per working day",
// "every other month", "weekly". It returns the period and the token after it.
func (x *extractor) period(j int) (byte, int) {
	w := x.word(j)
	if p, ok := xRateAdverbs[w]; ok {
		return p, j + 1
	}
	k, short := -1, false
	switch {
	case w == "per" || j < len(x.toks) && x.toks[j].text == "/":
		k, short = j+1, true
	case w == "a" || w == "an" || w == "each":
		k = j + 1
	case w == "every":
		k = j + 1
		if x.word(k) == "other" || x.startsNumber(k) {
			k++
		}
	case (w == "in" || w == "on") && (x.word(j+1) == "a" || x.word(j+1) == "an" || x.word(j+1) == "each"):
		k = j + 2
	}
	if k < 0 || !x.inClause(j, k) {
		return 0, j
	}
	w = x.word(k)
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

func (x *extractor) currencyBefore(i int) bool {
	if !x.inClause(i, i-1) {
		return false
	}
	return xCurrencySyms[x.toks[i-1].text] || xCurrencyCodes[x.word(i-1)]
}

// currencyAfter returns how many tokens after an amount name its currency.
func (x *extractor) currencyAfter(e int) int {
	if !x.inClause(e-1, e) {
		return 0
	}
	if x.word(e) == "us" && (x.word(e+1) == "dollars" || x.word(e+1) == "dollar") {
		return 2
	}
	if xCurrencyWords[x.word(e)] || x.toks[e].glued && xCurrencySyms[x.toks[e].text] {
		return 1
	}
	return 0
}

// readMoney reads an hourly cost (an amount with a period, or a salary) or a
// budget (an amount next to "budget" or "can spend").
func (x *extractor) readMoney(i, e int) int {
	a := i
	if x.currencyBefore(i) {
		a = i - 1
	}
	j := e + x.currencyAfter(e)
	for _, extra := range []string{"fully", "loaded", "all", "in", "gross"} {
		if x.word(j) == extra && (extra != "in" || x.word(j-1) == "all") && x.inClause(i, j) {
			j++
		}
	}
	per, r := x.period(j)
	if per == 0 && (x.word(j) == "salary" || x.word(j) == "pa" || x.word(j) == "ph") && x.inClause(i, j) {
		per, r = 'y', j+1
		if x.word(j) == "ph" {
			per = 'h'
		}
	}
	switch {
	case per != 0:
		if x.personCost(a, r, per) {
			x.setParsed(FieldHourlyCost, x.span(a, r), a, r)
		}
		return r
	case x.anyBefore(i, 5, xSalaryWords) && x.personCost(a, j, 'y'):
		x.setParsed(FieldHourlyCost, x.span(a, j)+" a year", a, j)
	case x.budgetCue(a, j):
		x.setParsed(FieldBudget, x.span(a, j), a, j)
	}
	return j
}

// personCost reports whether money with a period in tokens [a, r) is what a
// person costs: not software or a saving, and for periods longer than a day,
// said next to a person or a salary ("analysts at $90k a year"). The words
// looked at stop at another amount, which they may be about instead.
func (x *extractor) personCost(a, r int, per byte) bool {
	person := x.word(a-1) == "at"
	for k := a - 1; k >= a-6 && x.inClause(a, k) && x.toks[k].kind == xWord; k-- {
		if xCostBlockers[x.word(k)] {
			return false
		}
		person = person || xPersonWords[x.word(k)]
	}
	for k := r; k < r+4 && x.inClause(a, k) && x.toks[k].kind == xWord; k++ {
		if xCostObjects[x.word(k)] {
			return false // "$2,000 a month for the software"
		}
		person = person || xPersonWords[x.word(k)]
	}
	return per == 'h' || per == 'd' || person
}

// budgetCue reports whether an amount in tokens [i, j) is a one-off budget.
func (x *extractor) budgetCue(i, j int) bool {
	if x.labelBefore(i, "budget") >= 0 {
		return true
	}
	for k := i - 1; k >= i-6 && x.inClause(i, k); k-- {
		switch w := x.word(k); w {
		case "budget", "budgeted", "budgets":
			return true
		case "spend", "invest", "allocate":
			if xModalWords[x.word(k-1)] || x.word(k-1) == "up" {
				return true
			}
		}
	}
	if !x.inClause(i, j) {
		return false
	}
	w := x.word(j)
	return w == "budget" || (w == "in" || w == "of" || w == "for") && x.word(j+1) == "budget"
}

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
		if x.toks[i].kind == xNum {
			return 1
		}
	case xMinuteUnits[w]:
		return 1
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
		x.setParsed(FieldMinutesPerTask, x.span(i, full), a, b)
	}
	x.setParsed(FieldMinutesPerTask, x.span(i, c), a, b)
	return b
}

// extendDuration takes in the rest of a compound duration: "1h30",
// "an hour and a half", "1 hour 30 minutes".
func (x *extractor) extendDuration(c int) int {
	if c < len(x.toks) && x.toks[c].kind == xNum && x.toks[c].glued {
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
	if k < len(x.toks) && x.toks[k].kind == xNum && xMinuteUnits[x.word(k+1)] && x.inClause(c-1, k+1) {
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
		if x.toks[k].kind == xNum {
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
	x.setParsed(FieldTimelineWeeks, x.span(i, c), lead, c)
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
	for k := a - 1; k >= a-8 && x.inSentence(a, k) && x.toks[k].kind != xNum; k-- {
		if deadline(k) {
			return true
		}
	}
	if x.inSentence(a, a-1) {
		return false
	}
	for k := b; k < b+8 && x.inSentence(a, k) && x.toks[k].kind != xNum; k++ {
		if deadline(k) {
			return true
		}
	}
	return false
}

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
// tickets a week"); before "labeled examples" it is labeled_examples; next to
// "budget" it is a budget.
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
	if p, r := x.period(j); p != 0 && x.inClause(i, j) {
		if !label && !bad && !x.perPerson(i) {
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
	}
	return e
}
