package explain

import (
	"regexp"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// stance is what a sentence does with an approach it names.
type stance int

const (
	neutral  stance = iota // named, compared or made a condition
	demoted                // left behind, said not to do, or costly
	mild                   // a point in its favour on one dimension
	promoted               // put forward as the answer
	attacked               // (the rules' approach) argued against
)

// group is one approach named once, or several named as a list ("RAG or
// fine-tuning would serve you better"): a list shares its cue words.
type group struct {
	members    []mention
	start, end int
}

// clauseBreak separates clauses whose stances are independent: "prompting
// is cheaper, but fine-tuning is better".
var clauseBreak = regexp.MustCompile(`;|\bbut\b|\bhowever\b|, (?:whereas|while|although|yet|so|since|because)\b|\bbecause\b| - |\. `)

// listJoin joins the approaches of a list.
var listJoin = regexp.MustCompile(`^\s*(?:,|/|&|\+|,? ?(?:and|or|plus|nor)|,? ?and/or|,? ?or even|,? ?or maybe)\s*$`)

// sentenceIf is a condition that governs the whole sentence: "If volume
// grows, consider prompting."
var sentenceIf = regexp.MustCompile(`^\W*(?:if|once|when|whenever|should|until|after|as soon as|in case|where)\b`)

// clauseReading is the stance of each approach named in one clause.
type clauseReading struct {
	words   int
	stances []namedStance
}

type namedStance struct {
	a advisor.Approach
	s stance
	// only: the approach is named as the whole answer ("RAG alone"),
	// which matters when it is one part of the hybrid.
	only bool
}

// automation is automation in general ("automate it"): against keeping
// it manual it is another approach; for any other choice it is the
// choice's own side.
const automation advisor.Approach = "automation"

// languageModel is a language model in general ("a model that reads each ticket"):
// against classic automation or keeping it manual it is another approach;
// for the four model approaches it is their own side.
const languageModel advisor.Approach = "llm"

// fillers are words that can stand before an order: "honestly, keep it
// manual".
var fillers = regexp.MustCompile(`^\W*(?:(?:so|honestly|really|frankly|instead|just|simply|please|now|seriously|then|and|well|look|ok|okay)\W+)*$`)

// readSentence returns the stance of every approach named in s, a
// normalized sentence, clause by clause.
func readSentence(s string, chosen advisor.Approach) []clauseReading {
	all := mentions(s, chosen)
	conditional := sentenceIf.MatchString(s) && !cue("persuade").MatchString(s)
	var out []clauseReading
	var last *namedStance // the approach named last, for "that is the best route"
	start := 0
	bounds := append(clauseBreak.FindAllStringIndex(s, -1), []int{len(s), len(s)})
	for _, b := range bounds {
		if b[0] < start {
			continue
		}
		c := clauseReading{words: len(strings.Fields(s[start:b[0]]))}
		var in []mention
		for _, m := range all {
			if m.start >= start && m.end <= b[0] {
				in = append(in, m)
			}
		}
		for _, g := range groups(s, in) {
			st := readGroup(s, start, b[0], g, in, chosen, conditional)
			only := cue("only_post").MatchString(s[g.end:b[0]]) || cue("only_pre").MatchString(s[start:g.start])
			for _, m := range g.members {
				c.stances = append(c.stances, namedStance{m.a, st, only})
			}
		}
		if len(in) == 0 && last != nil {
			if ns, ok := anaphora(s[start:b[0]], *last, chosen, conditional); ok {
				c.stances = append(c.stances, ns)
			}
		}
		if n := len(c.stances); n > 0 {
			last = &c.stances[n-1]
		}
		out = append(out, c)
		start = b[1]
	}
	return out
}

// afterComma is the part of s after its last comma or colon: an order
// after a condition or an aside ("unless you like waste, automate it").
func afterComma(s string) string {
	return s[strings.LastIndexAny(s, ",:")+1:]
}

// anaphora reads a clause that names no approach but speaks of the one
// named before it: "keep it manual; that is the safest route".
func anaphora(clause string, last namedStance, chosen advisor.Approach, conditional bool) (namedStance, bool) {
	loc := cue("anaphora").FindStringIndex(clause)
	if loc == nil || last.s == demoted || conditional {
		return namedStance{}, false
	}
	rest := clause[loc[1]:]
	switch {
	case cue("unpraise").MatchString(rest) || cue("hedge_post").MatchString(rest):
		return namedStance{}, false
	case last.a == chosen && cue("attack_post").MatchString(rest):
		return namedStance{a: last.a, s: attacked}, true
	case cue("praise").MatchString(rest) || cue("praise_neg").MatchString(rest):
		return namedStance{a: last.a, s: promoted, only: last.only}, true
	}
	return namedStance{}, false
}

// groups joins consecutive mentions that form a list.
func groups(s string, ms []mention) []group {
	var out []group
	for _, m := range ms {
		if n := len(out); n > 0 && listJoin.MatchString(s[out[n-1].end:m.start]) {
			out[n-1].members = append(out[n-1].members, m)
			out[n-1].end = m.end
			continue
		}
		out = append(out, group{members: []mention{m}, start: m.start, end: m.end})
	}
	return out
}

// readGroup decides the stance of one group in the clause s[cs:ce]. The
// words just before it and just after it decide first; otherwise a
// promoting word earlier in the clause that no other group took puts it
// forward; a condition turns being put forward into a mere option.
func readGroup(s string, cs, ce int, g group, in []mention, chosen advisor.Approach, conditional bool) stance {
	prevEnd, nextStart := cs, ce
	for _, m := range in {
		if m.end <= g.start && m.end > prevEnd {
			prevEnd = m.end
		}
		if m.start >= g.end && m.start < nextStart {
			nextStart = m.start
		}
	}
	local, prefix, post := s[prevEnd:g.start], s[cs:g.start], s[g.end:nextStart]
	isChosen := g.members[0].a == chosen || g.members[0].a == automation && chosen != advisor.KeepManual
	name := s[g.start:g.end]
	hedged := conditional || cue("hedge_any").MatchString(s[cs:ce]) ||
		(cue("hedge_pre").MatchString(prefix) || cue("hedge_post").MatchString(post)) && !cue("persuade").MatchString(s[cs:ce])

	st := neutral
	switch {
	case cue("boost").MatchString(local):
		st = promoted
	case isChosen && cue("attack_pre").MatchString(local):
		return attacked
	case cue("negate").MatchString(local):
		return demoted
	case cue("praise_neg").MatchString(post):
		st = promoted
	case isChosen && cue("attack_post").MatchString(post):
		return attacked
	case cue("unpraise").MatchString(post), cue("attack_post").MatchString(post):
		return demoted
	case cue("dimension").MatchString(post):
		st = mild
	case cue("praise").MatchString(post):
		st = promoted
	case cue("down").MatchString(post):
		return demoted
	case cue("weak_down").MatchString(post):
		if !isChosen {
			return demoted
		}
	case promotedBefore(s, cs, g.start, in):
		st = promoted
	case cue("mild").MatchString(post):
		st = mild
	}
	// A name that starts with a verb ("script it") is an order only at
	// the clause's start: in "a rules-based script" it is a noun.
	if st == neutral && (promotedBefore(s, cs, g.start, in) || cue("verb_mention").MatchString(name) && fillers.MatchString(afterComma(prefix))) {
		st = promoted
	}
	if st >= mild && !isChosen && stepTowards(s, g.end, chosen) {
		return neutral
	}
	if st >= mild && hedged {
		return neutral
	}
	return st
}

// promotedBefore reports whether a promoting word before position at, not
// yet taken by an approach put forward between it and at, governs the
// group there: "I recommend moving from prompting to fine-tuning" puts
// forward fine-tuning, since "from" left prompting behind.
func promotedBefore(s string, cs, at int, in []mention) bool {
	clause := s[cs:at]
	pending := false
	pos := 0
	take := func(upTo int) {
		seg := clause[pos:upTo]
		if loc := cue("imperative").FindStringIndex(seg); pos == 0 && loc != nil {
			pending = true
		}
		for _, loc := range cue("promote").FindAllStringIndex(seg, -1) {
			before := clause[:pos+loc[0]]
			if cue("descriptive").MatchString(before) || cue("cue_negated").MatchString(before) {
				continue
			}
			pending = true
		}
	}
	for _, m := range in {
		if m.start < cs || m.end > at {
			continue
		}
		take(m.start - cs)
		if pending && !cue("negate").MatchString(clause[:m.start-cs]) {
			pending = false // this approach took the promoting word
		}
		pos = m.end - cs
	}
	take(len(clause))
	return pending
}

// stepTowards reports whether the approach that ends at position end is a
// step on the way to the rules' approach named later in the sentence:
// "start with prompting, then add fine-tuning".
func stepTowards(s string, end int, chosen advisor.Approach) bool {
	loc := cue("step").FindStringIndex(s[end:])
	if loc == nil {
		return false
	}
	for _, m := range mentions(s[end+loc[1]:], chosen) {
		if compatible(m.a, chosen) {
			return true
		}
	}
	return false
}
