package parse

import (
	"strings"
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/advisor"
)

// Extraction is what [Description] read from a use case's description.
type Extraction struct {
	Profile  advisor.UseCase   // only the fields read; its Description field is never set
	Inferred []string          // names of the fields set, in field-table order
	Evidence map[string]string // field -> the snippet of text it came from
}

// Bounds on the work Description does. Descriptions hold at most
// [advisor.MaxDescriptionLen] runes; twice that in bytes covers any real one, and
// everything after it is ignored so that a paste of a whole document costs
// no more than a description.
const (
	maxExtractBytes  = 8000
	maxExtractParses = 64  // Answer calls per description
	maxEvidenceBytes = 160 // one snippet, enough for a clause
	evidenceContext  = 3   // words shown either side of what was read
)

// Description reads the obvious signals in a free-text description of a use
// case and fills the profile fields it can read with confidence. It is the
// extractor used when no language model is configured, so it prefers leaving
// a field unknown to guessing: the planner then asks, while a wrong value
// would silently steer the recommendation. A field is set only from an
// explicit phrase that is neither negated ("no PII") nor hedged ("not sure
// whether HIPAA applies", a question), and a choice is left unknown when the
// text points two ways. Numbers go through [Answer], so they are read
// exactly as a typed answer would be. Counts of finished past work ("12k
// resolved disputes with the final decision") are labeled examples, and a
// one-off batch is spread over the 36 months the ROI model values. Title,
// description and department are never set.
//
// Description never fails; text it cannot read yields an empty Extraction.
func Description(text string) Extraction {
	x := newExtractor(text)
	x.readAmounts()
	x.readBatches()
	x.readOneOff()
	x.readHistory()
	x.readSignals()
	return x.result()
}

// extractor holds one description as tokens, and what has been read from it.
type extractor struct {
	text      string
	toks      []token
	questions []bool  // per sentence: it ends in a question mark
	sentFlags []uint8 // per sentence: what it mentions (see markSentences)
	hits      []cueHit
	u         advisor.UseCase
	evidence  map[string]string
	parses    int
	oneOff    [3]int // a one-off batch: evidence from, count at, evidence to (see noteOneOff)
	perBatch  noted  // "2k strings per release" (see notePerBatch)
	batchRate noted  // "4 releases a year"
	// exampleSent is 1 + the sentence labeled examples were counted in, or 0.
	// It is about past work, so its review words ("approved by our editors")
	// do not describe the automation.
	exampleSent int
}

// noted is an amount kept for a later reading: tokens [a, b), the amount
// at a and, at n, the noun it goes with.
type noted struct{ a, b, n int }

func newExtractor(text string) *extractor {
	if len(text) > maxExtractBytes {
		cut := maxExtractBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	x := &extractor{text: strings.ToValidUTF8(text, "\uFFFD")}
	t := tokenize(x.text, false)
	x.toks, x.questions = t.toks, t.questions
	splitClausesAtWords(x.toks)
	return x
}

// Words that open a new clause: what follows them is not negated or hedged
// by what precedes them ("no PII, but HIPAA applies"). Choice answers keep
// them inside a clause, where phrases such as "tried but" live.
var clauseWords = map[string]bool{"but": true, "however": true, "although": true, "though": true, "whereas": true}

// splitClausesAtWords starts a new clause at every clause word that does not
// open its sentence.
func splitClausesAtWords(toks []token) {
	shift := 0
	for k := range toks {
		if k > 0 && toks[k].kind == tokWord && clauseWords[toks[k].text] && toks[k-1].sent == toks[k].sent {
			shift++
		}
		toks[k].clause += shift
	}
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
	for a < b-1 && x.toks[a].kind == tokSym && !xCurrencySyms[x.toks[a].text] {
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
func (x *extractor) set(v advisor.Value, a, b int) {
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
	v, err := Answer(field, text)
	if err != nil || field == advisor.FieldMonthlyVolume && v.Number == 0 {
		return // "4 campaigns a year" rounds to none a month: ask rather than say none
	}
	x.set(v, a, b)
}

// fieldNames is every field name in field-table order.
var fieldNames = advisor.FieldNames()

func (x *extractor) result() Extraction {
	ex := Extraction{Profile: x.u}
	for _, name := range fieldNames {
		if x.u.Known(name) {
			ex.Inferred = append(ex.Inferred, name)
		}
	}
	if len(ex.Inferred) > 0 {
		ex.Evidence = x.evidence
	}
	return ex
}
