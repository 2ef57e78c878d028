package explain

import (
	"fmt"

	"github.com/advisorbot/advisorbot/advisor"
)

// judge reads an explanation sentence by sentence and keeps the tally the
// whole-text verdict needs. A sentence that puts another approach forward
// or argues against the rules' approach fails at once, so the gate never
// shows it; what only the whole text shows (more words spent on the merits
// of another approach than on the rules' one, several points against the
// rules' approach and none for it) fails at the end.
type judge struct {
	chosen advisor.Approach
	// words of clauses in favour of the rules' approach, and of clauses
	// with a point in favour of each other one.
	forChosen int
	forOther  map[advisor.Approach]int
	// clauses that put the rules' approach down, and that speak for it.
	againstChosen, supportChosen int
	// the sentence before last named another approach last, so a
	// leading "it" may speak of that one (evaluate.go).
	prevOther bool
}

func newJudge(chosen advisor.Approach) *judge {
	return &judge{chosen: chosen, forOther: map[advisor.Approach]int{}}
}

// sentence reads one sentence (raw text) and returns a violation if it
// puts another approach forward or argues against the rules' approach.
func (j *judge) sentence(raw string) *violation {
	s := normalize(raw)
	if cue("override").MatchString(s) {
		return &violation{ReasonContradicts, fmt.Sprintf("sets the rules aside, rules chose %s", j.chosen)}
	}
	readings := readSentence(s, j.chosen)
	for _, c := range readings {
		pro, other := false, advisor.Approach("")
		for _, ns := range c.stances {
			switch {
			case ns.s == attacked:
				return &violation{ReasonContradicts, fmt.Sprintf("argues against %s, the rules' choice", j.chosen)}
			case j.chosen == advisor.Hybrid && ns.a != j.chosen && compatible(ns.a, j.chosen) && ns.s == promoted && ns.only:
				return &violation{ReasonContradicts, fmt.Sprintf("puts forward %s alone, rules chose %s", ns.a, j.chosen)}
			case compatible(ns.a, j.chosen):
				if ns.s != demoted && ns.s != attacked {
					pro = true
				}
				if ns.a == j.chosen && ns.s == demoted {
					j.againstChosen++
				}
			case ns.s == promoted:
				return &violation{ReasonContradicts, fmt.Sprintf("puts forward %s, rules chose %s", ns.a, j.chosen)}
			case ns.s == mild:
				other = ns.a
			}
		}
		switch {
		case other != "" && !pro:
			j.forOther[other] += c.words
		case pro:
			j.forChosen += c.words
			j.supportChosen++
		}
	}
	return j.burden(s, readings)
}

// verdict judges the whole text read so far.
func (j *judge) verdict() *violation {
	for a, w := range j.forOther {
		if w > j.forChosen {
			return &violation{ReasonContradicts, fmt.Sprintf("spends more words on the merits of %s (%d) than of %s (%d)", a, w, j.chosen, j.forChosen)}
		}
	}
	if j.againstChosen >= 2 && j.againstChosen > j.supportChosen {
		return &violation{ReasonContradicts, fmt.Sprintf("argues against %s more than for it (%d to %d)", j.chosen, j.againstChosen, j.supportChosen)}
	}
	return nil
}
