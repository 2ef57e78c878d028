package parse

// Compiling cue phrases, finding them in the text, and reading negation and hedges.

import (
	"slices"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// cuePattern is one compiled phrase.
type cuePattern struct {
	words            []string
	notPrev, notNext map[string]bool
	caps, guarded    bool
	field, val, neg  string
}

// cueTable holds the compiled phrases and, by first word, which to try.
type cueTable struct {
	patterns []cuePattern
	byFirst  map[string][]int
}

// xCues is built once and only read afterwards.
var xCues = compileCues()

func compileCues() cueTable {
	specs := slices.Clone(cueSpecs) // the table itself is never appended to
	for _, v := range draftVerbs {
		specs = append(specs, cueSpec{advisor.FieldTask, "draft", "", prefixed(v+" * ", draftObjects)})
	}
	for _, v := range answerVerbs {
		specs = append(specs, cueSpec{advisor.FieldTask, "answer", "", prefixed(v+" * ", answerObjects)})
	}
	t := cueTable{byFirst: make(map[string][]int, 512)}
	for _, s := range specs {
		for _, ph := range s.phrases {
			p := cuePattern{field: s.field, val: s.val, neg: s.neg}
			words := strings.Fields(ph)
			for len(words) > 0 && strings.HasPrefix(words[0], "!") {
				p.notPrev = addWords(p.notPrev, words[0][1:])
				words = words[1:]
			}
			for len(words) > 0 && strings.HasPrefix(words[len(words)-1], "!") {
				p.notNext = addWords(p.notNext, words[len(words)-1][1:])
				words = words[:len(words)-1]
			}
			if len(words) == 0 {
				continue
			}
			if w, ok := strings.CutPrefix(words[0], "^"); ok {
				words[0], p.caps = w, true
			}
			if w, ok := strings.CutPrefix(words[0], "?"); ok {
				words[0], p.guarded = w, true
			}
			p.words = words
			t.byFirst[words[0]] = append(t.byFirst[words[0]], len(t.patterns))
			t.patterns = append(t.patterns, p)
		}
	}
	return t
}

func prefixed(prefix string, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = prefix + w
	}
	return out
}

func addWords(m map[string]bool, alternatives string) map[string]bool {
	if m == nil {
		m = make(map[string]bool)
	}
	for _, w := range strings.Split(alternatives, "|") {
		m[w] = true
	}
	return m
}

// cueHit is one phrase found in the text, at tokens [a, b).
type cueHit struct {
	p    *cuePattern
	a, b int
	pol  polarity
}

// polarity is how the words around a phrase or an amount qualify it.
type polarity struct{ negated, weak, hedged bool }

// polarity reads the words just before tokens [a, b) in their clause, and
// for a phrase (b > a) the words just after: "HIPAA does not apply".
func (x *extractor) polarity(a, b int) polarity {
	p := x.polarityBefore(a, b)
	if a < 0 || a >= len(x.toks) {
		return p
	}
	for k := b; b > a && k < b+3 && x.inClause(a, k); k++ {
		w, next, prev := x.word(k), x.word(k+1), x.word(k-1)
		switch {
		case w == "nice" || w == "bonus": // "citations would be nice": a wish, not a requirement
			p.hedged = true
		case !xAfterNegators[w], next == "optional" || next == "negotiable" || next == "only":
		case (w == "optional" || w == "unnecessary" || w == "irrelevant") && xNegators[prev]:
		default:
			p.negated = true
		}
	}
	// "HIPAA: not applicable" says no across the colon.
	for k := b; b > a && k < b+3 && x.inSentence(a, k); k++ {
		if x.word(k) == "not" && (x.word(k+1) == "applicable" || x.word(k+1) == "relevant") ||
			x.word(k) == "n" && k+2 < len(x.toks) && x.toks[k+1].text == "/" && x.word(k+2) == "a" {
			p.negated = true
		}
	}
	return p
}

// polarityBefore reads only the words before tokens [a, b) and the
// sentence's mood. It suits a thing named rather than a claim made: in "the
// handbook never changes" the handbook is still there.
func (x *extractor) polarityBefore(a, b int) polarity {
	var p polarity
	if a < 0 || a >= len(x.toks) {
		return p
	}
	if s := x.toks[a].sent; s < len(x.questions) && x.questions[s] {
		p.hedged = true
	}
	for k := a - 1; k >= a-8 && x.inClause(a, k); k-- {
		w := x.word(k)
		switch {
		case xHedges[w] && (b > a || xAmountHedges[w]), (w == "sure" || w == "certain") && xNegators[x.word(k-1)]:
			p.hedged = true
		case b > a && xBeliefVerbs[w] && (x.word(k-1) == "i" || x.word(k-1) == "we"):
			p.hedged = true // a belief, not a fact; before an amount it is an estimate
		case xNegators[w] && !xNegationExits[x.word(k+1)] && (k >= a-3 || x.bridged(k, a)):
			p.negated = true
		case k >= a-2 && xWeakNegators[w]:
			p.weak = true
		}
	}
	return p
}

// xBridgeWords may stand between a negator and what it negates without
// ending its reach: "doesn't need to follow an exact template".
var xBridgeWords = wordSet("need", "needs", "have", "has", "to", "be", "follow", "use", "match", "in", "an", "a",
	"the", "it", "always", "necessarily", "really", "got", "any", "our", "we", "them", "been")

// bridged reports whether every token strictly between k and a is a bridge word.
func (x *extractor) bridged(k, a int) bool {
	for j := k + 1; j < a; j++ {
		if !xBridgeWords[x.word(j)] {
			return false
		}
	}
	return true
}

// matchWords matches a phrase at token j within one clause and returns the
// token after it, or -1.
func (x *extractor) matchWords(words []string, j, clause int) int {
	for k, w := range words {
		if w == "*" {
			for g := 0; g <= 3; g++ {
				if end := x.matchWords(words[k+1:], j+g, clause); end >= 0 {
					return end
				}
				if j+g >= len(x.toks) || x.toks[j+g].kind != tokWord || x.toks[j+g].clause != clause {
					return -1
				}
			}
			return -1
		}
		if j >= len(x.toks) || x.toks[j].clause != clause || x.toks[j].text != w && !inClass(w, x.toks[j].text) {
			return -1
		}
		j++
	}
	return j
}

// findCues records every phrase in the text, in text order.
func (x *extractor) findCues() {
	for i := range x.toks {
		for _, pi := range xCues.byFirst[x.toks[i].text] {
			p := &xCues.patterns[pi]
			b := x.matchWords(p.words, i, x.toks[i].clause)
			switch {
			case b < 0, p.caps && !x.toks[i].caps:
			case p.notPrev != nil && x.inClause(i, i-1) && p.notPrev[x.toks[i-1].text]:
			case p.notNext != nil && x.inClause(i, b) && p.notNext[x.toks[b].text]:
			case p.guarded && x.anyBefore(i, 5, xInputWords):
			default:
				pol := x.polarity(i, b)
				if p.field == advisor.FieldRulesExpressible && x.notJust(i) {
					pol.negated = true // "not just based on the form field": rules are not enough
				}
				x.hits = append(x.hits, cueHit{p: p, a: i, b: b, pol: pol})
			}
		}
	}
}

// notJust reports "not just", "not only" or "more than just" shortly before token i.
func (x *extractor) notJust(i int) bool {
	for k := i - 1; k >= i-6 && x.inClause(i, k); k-- {
		if (x.word(k) == "just" || x.word(k) == "only" || x.word(k) == "simply") && (x.word(k-1) == "not" || x.word(k-1) == "than") {
			return true
		}
	}
	return false
}

// vote is what a hit says about its field: its value, or "" for nothing.
func (h *cueHit) vote() string {
	switch {
	case h.pol.hedged:
		return ""
	case h.pol.negated:
		return h.p.neg
	case h.pol.weak:
		return ""
	}
	return h.p.val
}
