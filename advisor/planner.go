package advisor

// Question is a follow-up the planner wants answered: the field, a short
// question in plain words, and the answers to offer (empty for numbers,
// which people type).
//
// Inferred marks a field that was read from the employee's own words rather
// than answered; Current is the value read, which the question asks to
// confirm or correct.
type Question struct {
	Field    string   `json:"field"`
	Question string   `json:"question"`
	Options  []string `json:"options"`
	Inferred bool     `json:"inferred,omitempty"`
	Current  string   `json:"current,omitempty"`
}

// noOptions encodes as [] rather than null for typed answers.
var noOptions = []string{}

// economicOnly reports whether only the economics read the named field.
func economicOnly(name string) bool {
	switch name {
	case FieldMonthlyVolume, FieldMinutesPerTask, FieldHourlyCost, FieldBudget:
		return true
	}
	return false
}

// readsROI reports whether the ROI model reads the named field; for the
// others the planner reuses the current ROI instead of recomputing it.
func readsROI(name string) bool {
	switch name {
	case FieldTask, FieldMonthlyVolume, FieldMinutesPerTask, FieldHourlyCost,
		FieldAccuracy, FieldHumanReview, FieldDomain, FieldKnowledge,
		FieldLabeledExamples, FieldMLSkill, FieldRulesExpressible, FieldSelfHostingOK:
		return true
	}
	return false
}

// maxProbes bounds the values tried for one numeric field.
const maxProbes = 48

// candidates returns the values worth trying for field i: every option of
// an enum or bool, and for a number one value in each interval over which
// the outcome cannot change (see numberProbes).
func (adv *Advisor) candidates(f *facts, roi *[numApproaches]ROI, i int, out []Value) []Value {
	fd := &fieldTable[i]
	out = out[:0]
	switch fd.Kind {
	case KindEnum:
		for _, o := range fd.Options {
			out = append(out, Value{Field: fd.Name, Text: o})
		}
	case KindBool:
		out = append(out, Value{Field: fd.Name, Bool: true}, Value{Field: fd.Name, Bool: false})
	case KindInt, KindNumber:
		var buf [maxProbes]float64
		for _, x := range adv.numberProbes(f, roi, i, buf[:0]) {
			out = append(out, Value{Field: fd.Name, Number: x})
		}
	}
	return out
}

// outcome is what a question can change: the approach, and whether that
// approach pays back within 12 months.
type outcome struct {
	approach int
	payback  bool
}

// evaluate scores facts without reasons; roi is recomputed only when the
// changed field feeds the ROI model.
// With static set, the profile-only rules are known not to change, and
// their scores are reused.
func (adv *Advisor) evaluate(f *facts, roi *[numApproaches]ROI, recompute bool, static *[numApproaches]float64) outcome {
	r := roi
	var fresh [numApproaches]ROI
	if recompute {
		f.costs(&adv.a, &fresh)
		r = &fresh
	}
	s := scorer{f: f}
	if static != nil {
		s.score = *static
	} else {
		s.static()
	}
	s.economics(r)
	best := top(&s.score, r)
	p := r[best].PaybackMonths
	return outcome{best, p.Valid && p.Value <= 12}
}

// plan returns the unknown fields whose answer could change the approach or
// move its payback across 12 months, most decisive first: the share of
// possible answers that flip the approach counts fully, a payback crossing
// half. Equally decisive fields keep decisionFields order. Inferred fields
// (bit i of inferred set) are weighed like unknown ones, so a guess that
// matters is confirmed and one that does not is left alone.
func (adv *Advisor) plan(f *facts, roi *[numApproaches]ROI, chosen int, inferred uint32) []Question {
	p := roi[chosen].PaybackMonths
	base := outcome{chosen, p.Valid && p.Value <= 12}
	st := scorer{f: f}
	st.static()

	type ranked struct {
		field int
		score float64
	}
	var found [len(decisionFields)]ranked
	n := 0
	var buf [maxProbes]Value
	for _, name := range decisionFields {
		i := fieldIndex(name)
		if f.isKnown(name) && inferred&(1<<i) == 0 {
			continue
		}
		cands := adv.candidates(f, roi, i, buf[:])
		recompute := readsROI(name)
		var static *[numApproaches]float64
		if economicOnly(name) {
			static = &st.score
		}
		cur := f.value(i)
		flips, crosses := 0, 0
		for _, v := range cands {
			if v == cur {
				continue // the current (or assumed) value gives the current outcome
			}
			g := *f
			g.set(i, v)
			o := adv.evaluate(&g, roi, recompute, static)
			switch {
			case o.approach != base.approach:
				flips++
			case o.payback != base.payback:
				crosses++
			}
		}
		if flips+crosses == 0 {
			continue
		}
		score := (float64(flips) + 0.5*float64(crosses)) / float64(len(cands))
		// Insertion keeps equal scores in decisionFields order.
		j := n
		for j > 0 && found[j-1].score < score {
			found[j] = found[j-1]
			j--
		}
		found[j] = ranked{i, score}
		n++
	}
	out := make([]Question, n)
	for k := range n {
		fd := &fieldTable[found[k].field]
		opts := noOptions
		if fd.Options != nil {
			// A copy: a caller that edits it must not change the field table.
			opts = append([]string(nil), fd.Options...)
		}
		out[k] = Question{Field: fd.Name, Question: fd.Question, Options: opts}
		if inferred&(1<<found[k].field) != 0 {
			out[k].Inferred = true
			out[k].Current = f.display(found[k].field)
		}
	}
	return out
}

// display is the current value of field i as a person would type it.
func (f *facts) display(i int) string {
	v := f.value(i)
	switch fieldTable[i].Kind {
	case KindBool:
		return yesNo(v.Bool)
	case KindInt, KindNumber:
		return formatNumber(v.Number)
	}
	return v.Text
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
