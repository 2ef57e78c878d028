package explain

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/advisorbot/advisorbot/advisor"
)

// The burden of proof. The stance reading (stance.go) catches another
// approach put forward in words the lexicon knows; a writer who has never
// seen the lexicon paraphrases past it ("a lookup over your wiki is the
// smarter route"). So a sentence that evaluates or advises (comparatives,
// superlatives, modals of advice, regret, rhetorical questions, orders to
// build something: lexicon/burden.txt) must show that it favours the
// rules' approach: the chosen approach, named or referred to as "it" or
// "this approach", is what it speaks well of, or another approach named
// is the one it speaks ill of. Evaluation with no such anchor fails, and
// so does criticism of the chosen approach with no counterweight. Plain
// facts, numbers, next steps and risks stated as risks carry no burden,
// nor do the forms caveats.go lists (review by people, revisit caveats,
// mitigations, expectations).
// A false rejection costs fluency; a miss shows a contradiction, so the
// doubt goes against the sentence.

var burdenLexicon = sync.OnceValue(func() map[string]*regexp.Regexp { return mustLexicon("lexicon/burden.txt") })

// burdenCue returns a compiled category of burden.txt.
func burdenCue(name string) *regexp.Regexp {
	re, ok := burdenLexicon()[name]
	if !ok {
		panic("explain: no burden category " + name)
	}
	return re
}

// builders are the approaches an order's verb can build by itself.
var builders = []advisor.Approach{advisor.FineTuning, advisor.RAG, advisor.ClassicAutomation, advisor.KeepManual, advisor.PromptEngineering}

// evidence is what one sentence shows about the approaches it evaluates.
type evidence struct {
	favour     bool             // speaks well of the rules' approach
	against    bool             // speaks ill of it, by stance
	criticized bool             // a pejorative, regret or doubt aimed at it
	otherDown  bool             // speaks ill of another approach
	hedged     bool             // another approach named under a condition
	otherUp    advisor.Approach // speaks well of another approach
	prescribes bool             // orders something built or kept
	rhetorical bool             // a question that argues
	delayed    bool             // the rules' approach put off for later
}

// evaluative reports whether s (normalized) judges or advises, and so
// carries the burden of proof.
func evaluative(s string) bool {
	return burdenCue("evaluative").MatchString(s) || burdenCue("pejorative").MatchString(s) ||
		burdenCue("criticism").MatchString(s) && !burdenCue("risk_frame").MatchString(s)
}

// burden applies the rule to s (normalized), whose clauses readSentence
// read as readings.
func (j *judge) burden(s string, readings []clauseReading) *violation {
	e := j.gather(s, readings)
	j.prevOther = false
	if ms := mentions(s, j.chosen); len(ms) > 0 {
		j.prevOther = !compatible(ms[len(ms)-1].a, j.chosen)
	}
	if !e.prescribes && !evaluative(j.defuse(s)) || j.revisitCaveat(s) && !e.criticized && !e.delayed {
		return nil
	}
	counter := burdenCue("counterweight").MatchString(s)
	switch {
	case e.delayed, e.otherUp != "" && !e.favour:
		return &violation{ReasonContradicts, fmt.Sprintf("speaks for %s, rules chose %s", e.otherUp, j.chosen)}
	case e.criticized && !counter, e.against && !e.favour && !counter:
		return &violation{ReasonContradicts, fmt.Sprintf("judges %s with no counterweight", j.chosen)}
	case !e.favour && !(e.otherDown && !e.rhetorical) && !e.hedged && !(e.against && counter):
		return &violation{ReasonContradicts, fmt.Sprintf("evaluates without favouring %s", j.chosen)}
	}
	return nil
}

// gather collects the evidence of s: the stance of each approach named,
// what is said right after it, the approach an order builds, and what
// "it" or "this approach" at a clause's start is said to be.
func (j *judge) gather(s string, readings []clauseReading) evidence {
	e := evidence{rhetorical: strings.HasSuffix(s, "?") && burdenCue("evaluative").MatchString(s)}
	for _, c := range readings {
		for _, ns := range c.stances {
			up := ns.s != demoted && ns.s != attacked
			switch {
			case j.chosen == advisor.Hybrid && ns.a != j.chosen && compatible(ns.a, j.chosen) && ns.only && up:
				e.otherUp = ns.a // one part of the hybrid as the whole answer
			case compatible(ns.a, j.chosen) && up:
				e.favour = !e.rhetorical || e.favour
			case compatible(ns.a, j.chosen):
				e.against = true
			case up && ns.s != neutral:
				e.otherUp = ns.a
			case !up:
				e.otherDown = true
			}
		}
	}
	j.mentionEvidence(s, &e)
	named := mentions(s, j.chosen)
	for _, cs := range clauseStarts(s) {
		clause := s[cs:]
		if burdenCue("prescribe").MatchString(clause) {
			// "The main risk is X, so <order>": an order after a risk
			// that names no other approach mitigates it.
			mitigates := burdenCue("risk_frame").MatchString(s[:cs]) && !j.namesOther(named, cs, len(s))
			j.prescription(clause, &e, mitigates)
		}
		if !burdenCue("anchor").MatchString(clause) || burdenCue("dummy_subject").MatchString(clause) {
			continue
		}
		// "RAG adds cost; that is the wrong trade": a pronoun after
		// another approach named speaks of that one (stance.go reads it),
		// even when it was named in the sentence before.
		last, ok := lastBefore(named, cs)
		switch {
		case ok && !compatible(last.a, j.chosen):
			continue
		case !ok && cs == 0 && j.prevOther && bareAnchor.MatchString(clause):
			continue
		case !ok && cs > 0 && (burdenCue("prescribe").MatchString(s) || evaluative(s[:cs])):
			// "Spend it on X; that is the lasting asset": "that" is the
			// unnamed thing just ordered or praised.
			continue
		}
		rest := clause[burdenCue("anchor").FindStringIndex(clause)[1]:]
		if negative(rest) || cue("attack_post").MatchString(rest) || cue("unpraise").MatchString(rest) || cue("down").MatchString(rest) {
			e.against = true
		} else {
			e.favour = true
		}
	}
	if j.chosen == advisor.KeepManual && manualFavour(s) {
		e.favour = true
	}
	// "Give it another quarter before automating": waiting is keeping the
	// work manual, unless what waits is another approach.
	if loc := burdenCue("delay").FindStringIndex(s); loc != nil && j.chosen != advisor.KeepManual {
		if next := mentions(s[loc[1]:], j.chosen); len(next) == 0 || compatible(next[0].a, j.chosen) {
			e.otherUp, e.delayed = advisor.KeepManual, true
		}
	}
	return e
}

// mentionEvidence reads the words around each approach named: a verdict
// right after it, regret or a wish before it, and in a rhetorical question
// which side of the comparison it is on ("why keep X when you could Y?"
// argues for Y).
func (j *judge) mentionEvidence(s string, e *evidence) {
	starts := append(clauseStarts(s), len(s))
	conditional := sentenceIf.MatchString(s) && !cue("persuade").MatchString(s)
	chosenSubject := false
	ms := mentions(s, j.chosen)
	for i, m := range ms {
		cs, ce := 0, len(s)
		for _, b := range starts {
			if b <= m.start {
				cs = b
			} else if b >= m.end {
				ce = b
				break
			}
		}
		if i+1 < len(ms) && ms[i+1].start < ce {
			ce = ms[i+1].start // what follows the next name is said of it
		}
		pre, post := s[cs:m.start], s[m.end:ce]
		mine := compatible(m.a, j.chosen) && !(j.chosen == advisor.Hybrid && m.a != j.chosen && e.otherUp == m.a)
		object := comparisonObject.MatchString(pre)
		// A condition on another approach is a caveat ("only pays off
		// with 500 examples"); "before the model answers" is no condition.
		hedged := conditional || cue("hedge_post").MatchString(post) || cue("hedge_any").MatchString(s[cs:ce])
		switch {
		case !mine && compatible(m.a, j.chosen) && negative(post):
			// "Retrieval alone would get the format wrong": a part of the
			// hybrid found wanting on its own speaks for the whole.
			e.otherUp, e.otherDown = "", true
		case mine && (negative(post) || regretBefore.MatchString(pre)):
			e.criticized = true
		case mine && e.rhetorical && object:
			e.favour = true
		case mine && e.rhetorical:
			e.criticized = true // "do you really want to own a model?"
		case mine && !object:
			chosenSubject = true
		case !mine && (wishBefore.MatchString(pre) || e.rhetorical && object):
			e.otherUp = m.a
		case !mine && negatedAdvice.MatchString(pre):
			e.otherDown = true // "we do not recommend fine-tuning yet"
		case !mine && benefit(post):
			e.otherUp = m.a // "a hosted model would take the drudgery away"
		case !mine && forgoneBefore.MatchString(pre) && negative(post):
			e.otherUp = m.a
		case !mine && negative(post) && !burdenCue("criticism").MatchString(pre):
			e.otherDown = true
		case (!mine || m.a != j.chosen && j.chosen == advisor.Hybrid) && burdenCue("criticism").MatchString(s) && ellipticNot.MatchString(s[m.end:]):
			// "Humans tire; a tuned model will not": the bare "will not"
			// denies the fault just named, also when what denies it is one
			// part of the hybrid alone.
			e.otherUp = m.a
		case !mine && hedged:
			e.hedged = true
		}
	}
	// "X costs more than [the chosen approach]" compares; it does not
	// argue against the approach named as the comparison's object.
	if !chosenSubject && !e.rhetorical {
		e.against = false
	}
}

// negative reports a verdict against whatever text precedes it; a fault
// taken away ("takes the drudgery away") is a verdict for it.
func negative(post string) bool {
	for _, name := range []string{"pejorative", "criticism"} {
		if loc := burdenCue(name).FindStringIndex(post); loc != nil && !remover.MatchString(post[:loc[0]]) {
			return true
		}
	}
	return false
}

// benefit reports a gain claimed for whatever text precedes it, unless it
// is denied or is the far side of a comparison ("costs more than it saves").
func benefit(post string) bool {
	loc := burdenCue("benefit").FindStringIndex(post)
	if loc == nil {
		return false
	}
	before := post[:loc[0]]
	return !strings.Contains(before, " than ") && !cue("unpraise").MatchString(before) && !cue("cue_negated").MatchString(before)
}

// remover is a verb that takes away the fault named after it.
var remover = regexp.MustCompile(`\b(?:take|takes|taking|remove|removes|removing|eliminat\w*|end|ends|ending|cut|cuts|kill|kills|get rid of|gets rid of|spare|spares|save|saves|saving|avoid|avoids|avoiding|without|no more)\s+(?:\S+\s+){0,2}$`)

// prescription reads an order at the start of clause: its verb may build
// an approach by itself ("train on your tickets"); an order to hand the
// work to people for review only is part of any approach.
func (j *judge) prescription(clause string, e *evidence, mitigates bool) {
	verb := clause[len(orderFillers.FindString(clause)):]
	if benignOrder(verb) || mitigates && !j.buildsOther(verb) {
		return
	}
	e.prescribes = true
	for _, a := range builders {
		if !burdenCue("builds_" + string(a)).MatchString(verb) {
			continue
		}
		switch {
		case a == advisor.KeepManual && burdenCue("human_review").MatchString(verb):
		case compatible(a, j.chosen):
			e.favour = true
		default:
			e.otherUp = a
		}
	}
}

// buildsOther reports whether an order's verb builds by itself an
// approach other than the rules'.
func (j *judge) buildsOther(verb string) bool {
	for _, a := range builders {
		if burdenCue("builds_"+string(a)).MatchString(verb) && !compatible(a, j.chosen) {
			return true
		}
	}
	return false
}

// orderFillers are the words that may stand before an order's verb.
var orderFillers = regexp.MustCompile(`^\W*(?:(?:so|honestly|frankly|just|simply|instead|personally|really|now|then|next step:|first,?)\W+)*`)

// comparisonObject is the words before the object of a comparison.
var comparisonObject = regexp.MustCompile(`\b(?:than|instead of|over|beats?|beating|outperforms?|when)\s+(?:\S+\s+){0,4}$`)

// negatedAdvice is advice withheld from the approach named after it.
var negatedAdvice = regexp.MustCompile(`\b(?:not|never|no longer)\s+(?:\S+\s+)?(?:recommend\w*|suggest\w*|advis\w*|need\w*|use|want|pick|choose)\s+(?:\S+\s+){0,2}$`)

// regretBefore and wishBefore: "you will regret X", "you will wish you had X".
var (
	regretBefore = regexp.MustCompile(`\bregret\w*\s+(?:\S+\s+){0,2}$`)
	wishBefore   = regexp.MustCompile(`\bwish (?:you|we|i|they) (?:had|would have|could have)\s+(?:\S+\s+){0,3}$`)
)

// bareAnchor is a pronoun that may point back to the sentence before.
var bareAnchor = regexp.MustCompile(`^\W*(?:(?:so|and|but|yes|overall|honestly|still)\W+)*(?:it|this|that|which)\b`)

// ellipticNot is a clause that ends in a bare negated auxiliary: "a model
// will not."
var ellipticNot = regexp.MustCompile(`^\W*(?:\S+\s+){0,8}?(?:will|would|does|do|can|could|is|are|did|should) not\W*$`)
