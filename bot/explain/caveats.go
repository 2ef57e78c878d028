package explain

import (
	"regexp"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// Caveats. The burden of proof (evaluate.go) reads evaluative words by
// their form, and some forms are not verdicts on an approach: a person
// asked to review the output is part of any automated approach, "revisit
// this if volume grows" is a condition on the future, "instead of
// guessing" contrasts with a failure, "the data should support 90%" is an
// expectation, an order to add an alert mitigates a risk. Those spans are
// blanked before the trigger is read, so that any other evaluative word in
// the same sentence still carries the burden. And keeping it manual is
// argued for without naming it: building would not pay back, a template
// or checklist is enough, a person is the control.

// defuse returns s (normalized) with the spans blanked that look
// evaluative but carry no verdict on an approach.
func (j *judge) defuse(s string) string {
	b := []byte(s)
	blank := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			b[i] = ' '
		}
	}
	for _, name := range []string{"review_advice", "revisit", "descriptive_superlative", "evidence_suggests"} {
		if name == "review_advice" && burdenCue("hands_back").MatchString(s) {
			continue
		}
		for _, loc := range burdenCue(name).FindAllStringIndex(s, -1) {
			blank(loc[0], loc[1])
		}
	}
	ms := mentions(s, j.chosen)
	starts := clauseStarts(s)
	// "Should" is an expectation when what it is said of is a thing of the
	// chosen approach, not the reader, a person or another approach.
	for _, loc := range burdenCue("expect_should").FindAllStringIndex(s, -1) {
		cs := clauseStart(starts, loc[0])
		subject := s[cs:loc[0]]
		if !burdenCue("advice_subject").MatchString(subject) && !j.namesOther(ms, cs, loc[0]) {
			blank(loc[0], loc[1])
		}
	}
	// "Instead of guessing": the far side, up to the next punctuation,
	// names no approach. A sentence that opens with the contrast ("Instead
	// of X, ...") sets up an order, so it keeps its weight.
	for _, loc := range burdenCue("contrast_link").FindAllStringIndex(s, -1) {
		if orderFillers.FindString(s[:loc[0]]) == s[:loc[0]] {
			continue
		}
		end := len(s)
		if i := strings.IndexAny(s[loc[1]:], ",;:.!?"); i >= 0 {
			end = loc[1] + i
		}
		if !namesAny(ms, loc[1], end) {
			blank(loc[0], loc[1])
		}
	}
	return string(b)
}

// benignOrder reports whether an order (its verb first) neither builds an
// approach nor hands the work back: a person kept on review, a check or
// alert added, a measurement taken.
func benignOrder(verb string) bool {
	return burdenCue("review_order").MatchString(verb) && !burdenCue("hands_back").MatchString(verb) || burdenCue("mitigation").MatchString(verb)
}

// revisitCaveat reports whether s is a conditional call to re-evaluate
// later ("If volume grows past N, revisit this"), in which any other
// approach is named inside the condition or as what would hold under it
// ("since retrieval alone would then be cheaper").
func (j *judge) revisitCaveat(s string) bool {
	loc := burdenCue("revisit").FindStringIndex(s)
	if loc == nil || !sentenceIf.MatchString(s) || cue("persuade").MatchString(s) {
		return false
	}
	starts := append(clauseStarts(s), len(s))
	for _, m := range mentions(s, j.chosen) {
		mine := m.a == j.chosen || compatible(m.a, j.chosen) && j.chosen != advisor.Hybrid
		if mine || m.end <= loc[0] {
			continue
		}
		cs := clauseStart(starts, m.start)
		ce := len(s)
		for _, b := range starts {
			if b > m.start {
				ce = b
				break
			}
		}
		if !burdenCue("then_mood").MatchString(s[cs:ce]) {
			return false
		}
	}
	return true
}

// manualFavour reports whether s argues for keeping the work manual
// without naming it: building would cost more than it saves, a small
// aid such as a template does the job, a person is praised as the control.
func manualFavour(s string) bool {
	if burdenCue("build_cost").MatchString(s) {
		return true
	}
	if loc := burdenCue("manual_aid").FindStringIndex(s); loc != nil && !verdictAgainst(s[loc[1]:]) && !cue("cue_negated").MatchString(s[:loc[0]]) {
		return true
	}
	for _, cs := range clauseStarts(s) {
		if loc := burdenCue("human_subject").FindStringIndex(s[cs:]); loc != nil && !verdictAgainst(s[cs+loc[1]:]) {
			return true
		}
	}
	return false
}

// verdictAgainst reports a verdict against whatever text precedes rest.
func verdictAgainst(rest string) bool {
	return negative(rest) || cue("attack_post").MatchString(rest) || cue("unpraise").MatchString(rest) || cue("down").MatchString(rest)
}

// forgoneBefore is the words before an approach that is left out: said
// of it, a fault is a point in its favour ("skipping the custom model is
// leaving money on the table").
var forgoneBefore = regexp.MustCompile(`\b(?:skip\w*|avoid\w*|drop\w*|ditch\w*|forgo\w*|not (?:using|having|building|training|doing|adding)|without|pass(?:ing)? (?:on|up)|giving up(?: on)?|ignoring|ruling out|leaving out)\s+(?:(?:the|a|an|your|any)\s+){0,2}$`)
