package parse

import (
	"strings"
	"unicode/utf8"
)

// Number answers are read in two steps: the tokenizer turns the text into
// words, numbers and symbols, and answerReader, a small recursive-descent
// reader, matches phrases over those tokens.

// answerReader walks the tokens of one answer. Its methods consume what they
// recognise and leave the position unchanged when they do not, so readers can
// try one reading after another.
type answerReader struct {
	toks []token
	i    int
}

func (r *answerReader) peek(k int) token {
	if r.i+k < len(r.toks) {
		return r.toks[r.i+k]
	}
	return token{}
}

func (r *answerReader) atEnd() bool { return r.i >= len(r.toks) }

// word is the k-th token ahead if it is a word, else "".
func (r *answerReader) word(k int) string {
	if t := r.peek(k); t.kind == tokWord {
		return t.text
	}
	return ""
}

// match counts the tokens of a space-separated phrase found k tokens ahead,
// or returns 0.
func (r *answerReader) match(k int, phrase string) int {
	n := 0
	for phrase != "" {
		var w string
		w, phrase, _ = strings.Cut(phrase, " ")
		t := r.peek(k + n)
		if t.kind == tokEnd || t.kind == tokNum || t.text != w {
			return 0
		}
		n++
	}
	return n
}

// accept consumes a phrase if it comes next.
func (r *answerReader) accept(phrase string) bool {
	n := r.match(0, phrase)
	r.i += n
	return n > 0
}

// acceptAny consumes the longest of the phrases that comes next.
func (r *answerReader) acceptAny(phrases []string) bool {
	best := 0
	for _, ph := range phrases {
		best = max(best, r.match(0, ph))
	}
	r.i += best
	return best > 0
}

// skip consumes any run of the phrases.
func (r *answerReader) skip(phrases ...[]string) {
	for progress := true; progress; {
		progress = false
		for _, list := range phrases {
			if r.acceptAny(list) {
				progress = true
			}
		}
	}
}

// negative reports a minus sign where a number should start.
func (r *answerReader) negative() bool {
	return r.peek(0).kind == tokSym && r.peek(0).text == "-"
}

// Hedges say how sure a person is, not how much; the number stands either way.
var (
	leadingHedges = []string{
		"about", "around", "roughly", "approx", "approximately", "appr", "circa", "ca", "~", "≈", "=",
		"at least", "at most", "up to", "<=", ">=", "<", ">", "≤", "≥", "nearly", "almost", "over", "under",
		"more than", "less than", "fewer than", "no more than", "no less than", "not more than", "close to",
		"maybe", "probably", "perhaps", "like", "some", "just", "only", "exactly", "estimated", "est", "an estimated",
		"something like", "somewhere around", "somewhere", "id say", "i would say", "i think", "i guess", "i believe",
		"i estimate", "we have", "we get", "we do", "we handle", "we process", "we receive", "we see", "we spend",
		"its", "it is", "it takes", "takes", "average", "on average", "avg", "typically", "usually", "normally",
		"generally", "a total of", "in total", "total",
	}
	trailingHedges = []string{
		"or so", "ish", "give or take", "more or less", "roughly", "approx", "approximately", "about", "on average",
		"avg", "average", "or more", "or less", "+", "plus", "max", "maximum", "at most", "at least", "tops",
		"minimum", "i think", "i guess", "i believe", "probably", "maybe", "or thereabouts", "total", "in total",
		"altogether", "typically", "usually", "normally", "or something", "or something like that", "currently",
		"at the moment", "right now", "today", "these days", "at present", "so far", "in all",
	}
)

// startReading lexes an answer and skips the hedges that may lead it.
func startReading(text string, leads ...[]string) (*answerReader, string) {
	t := tokenize(text, true)
	if t.ambiguous != "" {
		return nil, t.ambiguous
	}
	// An answer is one value, so a dash that opens it can only be a minus
	// sign, whatever follows ("-five"); in a description it is a bullet.
	first := len(text)
	if len(t.toks) > 0 {
		first = t.toks[0].start
	}
	if strings.ContainsFunc(text[:first], isDash) {
		return nil, detailNegative
	}
	r := &answerReader{toks: t.toks}
	r.skip(append(leads, leadingHedges)...)
	if r.negative() {
		return nil, detailNegative
	}
	return r, ""
}

// itemNoun consumes a word that names what is counted ("tickets"), which
// is anything but a word the number readers give a meaning to.
func (r *answerReader) itemNoun() bool {
	w := r.word(0)
	if utf8.RuneCountInString(w) < 2 || isNumberKeyword(w) {
		return false
	}
	r.i++
	return true
}

// isNumberKeyword reports whether w means something to a number reader.
func isNumberKeyword(w string) bool {
	if _, ok := smallNumberWords[w]; ok {
		return true
	}
	_, big := bigScaleWords[w]
	if big || tensWords[w] > 0 || vagueCountWords[w] > 0 || vaguePluralWords[w] > 0 {
		return true
	}
	switch w {
	case "and", "or", "to", "of", "not", "no", "none", "nothing", "per", "every", "other", "between",
		"m", "b", "hundred", "dozen", "half", "quarter", "quarters", "salary":
		return true
	}
	for _, list := range [][]string{leadingHedges, trailingHedges, rateMarkers, currencyWords, costExtras} {
		if phrasesHaveWord(list, w) {
			return true
		}
	}
	for _, p := range periodWords {
		if phraseHasWord(p.phrase, w) {
			return true
		}
	}
	for _, p := range rateAdverbs {
		if p.phrase == w {
			return true
		}
	}
	for _, units := range [][]answerUnit{minuteUnits, weekUnits} {
		for _, u := range units {
			if phraseHasWord(u.phrase, w) {
				return true
			}
		}
	}
	return false
}

func phrasesHaveWord(phrases []string, w string) bool {
	for _, ph := range phrases {
		if phraseHasWord(ph, w) {
			return true
		}
	}
	return false
}

func phraseHasWord(phrase, w string) bool {
	for phrase != "" {
		var first string
		first, phrase, _ = strings.Cut(phrase, " ")
		if first == w {
			return true
		}
	}
	return false
}
