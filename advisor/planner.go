package advisor

// Question is a follow-up the planner wants answered: the field, a short
// question in plain words, and the answers to offer (empty for numbers,
// which people type).
type Question struct {
	Field    string   `json:"field"`
	Question string   `json:"question"`
	Options  []string `json:"options"`
}

// noOptions encodes as [] rather than null for typed answers.
var noOptions = []string{}

// Probe values for numeric fields: a spread wide enough that if no value in
// it changes the outcome, no plausible answer will. Values are roughly
// geometric because costs and volumes matter by orders of magnitude.
var probes = map[string][]float64{
	FieldMonthlyVolume:   {50, 500, 5_000, 50_000, 500_000, 5_000_000},
	FieldMinutesPerTask:  {0.5, 2, 10, 30, 120},
	FieldHourlyCost:      {20, 45, 90, 200},
	FieldLabeledExamples: {0, 50, 200, 1_000, 10_000},
	FieldBudget:          {5_000, 25_000, 100_000, 500_000},
	FieldTimelineWeeks:   {2, 6, 12, 26},
}

// roiFields are the fields the ROI model reads; for the others the planner
// reuses the current ROI instead of recomputing it.
var roiFields = map[string]bool{
	FieldTask: true, FieldMonthlyVolume: true, FieldMinutesPerTask: true, FieldHourlyCost: true,
	FieldAccuracy: true, FieldHumanReview: true, FieldDomain: true, FieldKnowledge: true,
	FieldLabeledExamples: true, FieldMLSkill: true, FieldRulesExpressible: true,
}

// candidates returns the values worth trying for field i.
func candidates(i int, out []Value) []Value {
	f := &fieldTable[i]
	out = out[:0]
	switch f.Kind {
	case KindEnum:
		for _, o := range f.Options {
			out = append(out, Value{Field: f.Name, Text: o})
		}
	case KindBool:
		out = append(out, Value{Field: f.Name, Bool: true}, Value{Field: f.Name, Bool: false})
	case KindInt, KindNumber:
		for _, x := range probes[f.Name] {
			out = append(out, Value{Field: f.Name, Number: x})
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
func (adv *Advisor) evaluate(f *facts, roi *[numApproaches]ROI, recompute bool) outcome {
	r := roi
	var fresh [numApproaches]ROI
	if recompute {
		f.costs(&adv.a, &fresh)
		r = &fresh
	}
	s := scorer{f: f}
	s.run(r)
	best := top(&s.score)
	p := r[best].PaybackMonths
	return outcome{best, p.Valid && p.Value <= 12}
}

// plan returns the unknown fields whose answer could change the approach or
// move its payback across 12 months, most decisive first: the share of
// possible answers that flip the approach counts fully, a payback crossing
// half. Equally decisive fields keep decisionFields order.
func (adv *Advisor) plan(f *facts, roi *[numApproaches]ROI, chosen int) []Question {
	p := roi[chosen].PaybackMonths
	base := outcome{chosen, p.Valid && p.Value <= 12}

	type ranked struct {
		field int
		score float64
	}
	var found [len(decisionFields)]ranked
	n := 0
	var buf [16]Value
	for _, name := range decisionFields {
		if f.isKnown(name) {
			continue
		}
		i := fieldIndex(name)
		cands := candidates(i, buf[:])
		flips, crosses := 0, 0
		for _, v := range cands {
			g := *f
			g.set(i, v)
			o := adv.evaluate(&g, roi, roiFields[name])
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
		opts := fd.Options
		if opts == nil {
			opts = noOptions
		}
		out[k] = Question{Field: fd.Name, Question: fd.Question, Options: opts}
	}
	return out
}
