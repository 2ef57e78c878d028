package advisor

// Approach is the approach [Advisor.Recommend] picks for u and nothing
// else: no reasons, ranking, risks, steps or assumptions list, and no
// allocation. It is how many stored profiles are re-run under other
// assumptions (advisorbot calibrate's "which recommendations would have
// changed"), at a fraction of Recommend's cost. It returns the profile's
// problems, unchanged, when u is not valid.
func (adv *Advisor) Approach(u UseCase) (Approach, error) {
	f, ok := resolveValid(&u, &adv.a)
	if !ok {
		return "", u.Validate()
	}
	var roi [numApproaches]ROI
	return approachOrder[adv.evaluate(&f, &roi)], nil
}

// resolveValid is [UseCase.Validate] and resolve in one pass over the
// field table: the same checks and the same facts, without looking each
// field up by name twice over (Known scans the table for its name). ok is
// false when a field is not valid.
func resolveValid(u *UseCase, a *Assumptions) (f facts, ok bool) {
	f = priorFacts(a)
	var v Value
	for i := range fieldTable {
		fd := &fieldTable[i]
		if !u.load(fd, &v) {
			continue
		}
		if _, ok := fd.check(&v); !ok {
			return f, false
		}
		if fd.Kind != KindText {
			f.set(i, v)
		}
	}
	f.conditionalPriors()
	return f, true
}

// WithSuggestions returns a with the suggestions that have Enough outcomes
// applied: each value is the suggestion's, dated asOf and cited as the
// company's figure from its outcomes, with note (for example "advisorbot
// calibrate, 2026-12-01") after it.
func (a Assumptions) WithSuggestions(sugs []Suggestion, asOf, note string) (Assumptions, error) {
	for _, s := range sugs {
		if !s.Enough {
			continue
		}
		if err := a.SetFromOutcomes(s.Name, s.Suggested, asOf, s.Outcomes, note); err != nil {
			return a, err
		}
	}
	return a, nil
}
