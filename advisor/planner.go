package advisor

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Question is a follow-up the planner wants answered: the field, a short
// question in plain words, and the answers to offer (empty for numbers,
// which people type).
//
// Inferred marks a field that was read from the employee's own words rather
// than answered; Current is the value read, which the question asks to
// confirm or correct. Gain is how much the answer is expected to settle the
// recommendation, in bits of the approach's uncertainty.
type Question struct {
	Field    string   `json:"field"`
	Question string   `json:"question"`
	Options  []string `json:"options"`
	Inferred bool     `json:"inferred,omitempty"`
	Current  string   `json:"current,omitempty"`
	Gain     float64  `json:"gain"`
}

// noOptions encodes as [] rather than null for typed answers.
var noOptions = []string{}

// The planner asks what is expected to settle the recommendation most.
//
// It draws planSamples plausible completions of the profile: every unknown
// decision field from the priors in priors.go, conditioned on what is known,
// and every value read from the description (not yet confirmed) kept with
// probability readingTrust (numberTrust for a number: "45k a month" is
// rarely misread, "it changes a lot" more often), else drawn too. The rules pick an approach for
// each completion. When the approach the rules pick on what is known holds in
// settledShare of them, nothing is left worth asking. Otherwise each field is
// scored by its information gain: how much knowing its answer is expected to
// reduce the uncertainty (entropy) of the approach across the completions,
// computed from the same completions grouped by the field's value. Fields
// that move several others' relevance together (labelled examples, a
// plateaued prompt, a strict format) are seen that way, where asking "could
// this one field alone flip the answer" never sees them.
//
// The draws are seeded, so the same profile always gets the same questions.
const (
	planSamples  = 1024
	settledShare = 0.9
	readingTrust = 0.85 // a choice read from the description is right this often
	numberTrust  = 0.97 // a number read from the description is right this often
	minGain      = 0.03 // bits; below this an answer changes too little to ask
	planSeed     = 0x5eed
)

// planState holds one plan's draws: per completion, the approach the rules
// chose and the bin of every decision field's value.
type planState struct {
	approach [planSamples]uint8
	bins     [planSamples][len(decisionFields)]uint8
}

// plan returns the questions worth asking, best first, and the share of
// completions in which the chosen approach holds.
func (adv *Advisor) plan(f *facts, chosen int, inferred uint32) ([]Question, float64) {
	var unknown uint32
	for _, name := range decisionFields {
		if !f.isKnown(name) {
			unknown |= 1 << fieldIndex(name)
		}
	}
	inferred &= f.known
	if unknown|inferred == 0 {
		return nil, 1
	}
	st := new(planState)
	hits := adv.draw(f, unknown, inferred, st)
	settled := float64(hits[chosen]) / planSamples
	if settled >= settledShare {
		return nil, settled
	}
	prior := entropy(hits[:], planSamples)
	type ranked struct {
		k    int
		gain float64
	}
	var found [len(decisionFields)]ranked
	n := 0
	for k, name := range decisionFields {
		i := fieldIndex(name)
		if (unknown|inferred)&(1<<i) == 0 {
			continue
		}
		gain := prior - st.conditionalEntropy(k)
		if gain < minGain {
			continue
		}
		// Insertion keeps equal gains in decisionFields order.
		j := n
		for j > 0 && found[j-1].gain < gain {
			found[j] = found[j-1]
			j--
		}
		found[j] = ranked{k, gain}
		n++
	}
	out := make([]Question, n)
	for m := range n {
		i := fieldIndex(decisionFields[found[m].k])
		fd := &fieldTable[i]
		opts := noOptions
		if fd.Options != nil {
			// A copy: a caller that edits it must not change the field table.
			opts = append([]string(nil), fd.Options...)
		}
		out[m] = Question{Field: fd.Name, Question: fd.Question, Options: opts, Gain: round3(found[m].gain)}
		if inferred&(1<<i) != 0 {
			out[m].Inferred = true
			out[m].Current = f.display(i)
		}
	}
	return out, settled
}

// draw completes the facts planSamples times, the unknown fields and any
// inferred one that a draw does not trust, records each completion's
// approach and bins in st, and counts how often each approach was chosen.
func (adv *Advisor) draw(f *facts, unknown, inferred uint32, st *planState) [numApproaches]int {
	r := sampler{rand.New(rand.NewPCG(planSeed, uint64(unknown)<<32|uint64(inferred)))}
	var hits [numApproaches]int
	for n := range planSamples {
		g := *f
		free := unknown
		for _, i := range decisionIdx {
			if inferred&(1<<i) == 0 {
				continue
			}
			trust := readingTrust
			if k := fieldTable[i].Kind; k == KindInt || k == KindNumber {
				trust = numberTrust
			}
			if r.Float64() >= trust {
				free |= 1 << i
			}
		}
		g.known &^= free
		r.complete(&g, free)
		var roi [numApproaches]ROI
		a := adv.evaluate(&g, &roi)
		st.approach[n] = uint8(a)
		hits[a]++
		g.bins(&st.bins[n])
	}
	return hits
}

// evaluate picks the rules' approach for complete facts, without reasons.
func (adv *Advisor) evaluate(f *facts, roi *[numApproaches]ROI) int {
	f.costs(&adv.a, roi)
	s := scorer{f: f}
	s.run(roi)
	return top(&s.score, roi)
}

// conditionalEntropy is the entropy of the approach once decision field k's
// bin is known, averaged over its bins, with the Miller-Madow correction
// for each group so fields with more bins do not look better for it.
func (st *planState) conditionalEntropy(k int) float64 {
	var counts [maxBins][numApproaches]int
	var sizes [maxBins]int
	for n := range planSamples {
		b := st.bins[n][k]
		counts[b][st.approach[n]]++
		sizes[b]++
	}
	h := 0.0
	for b := range maxBins {
		if sizes[b] > 0 {
			h += float64(sizes[b]) / planSamples * entropy(counts[b][:], sizes[b])
		}
	}
	return h
}

// entropy is the Miller-Madow corrected entropy, in bits, of counts
// summing to total.
func entropy(counts []int, total int) float64 {
	h, seen := 0.0, 0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / float64(total)
			h -= p * math.Log2(p)
			seen++
		}
	}
	if seen > 1 {
		h += float64(seen-1) / (2 * float64(total) * math.Ln2)
	}
	return h
}

// maxBins is the most bins a field's values fall into (task's ten options).
const maxBins = numTasks

// decisionIdx are the field-table indexes of decisionFields.
var decisionIdx = func() (out [len(decisionFields)]int) {
	for k, name := range decisionFields {
		out[k] = fieldIndex(name)
	}
	return out
}()

// bins groups every decision field's value (in decisionFields order) the
// way its answer would inform the rules: each option of a choice, yes or
// no, and ranges of numbers cut where the rules' thresholds and orders of
// magnitude are.
func (f *facts) bins(out *[len(decisionFields)]uint8) {
	for k, name := range decisionFields {
		var b int
		switch name {
		case FieldTask:
			b = slices.Index(taskOptions, string(f.task))
		case FieldKnowledge:
			b = slices.Index(knowledgeOptions, string(f.knowledge))
		case FieldRulesExpressible:
			b = boolBin(f.rules)
		case FieldPromptBaseline:
			b = slices.Index(baselineOptions, string(f.baseline))
		case FieldMonthlyVolume:
			b = cut(f.volume, 100, 1_000, 10_000, 100_000)
		case FieldMinutesPerTask:
			b = cut(f.minutes, 2, 5, 15, 60)
		case FieldHourlyCost:
			b = cut(f.hourly, 40, 70, 100)
		case FieldAccuracy:
			b = slices.Index(accuracyOptions, string(f.accuracy))
		case FieldHumanReview:
			b = boolBin(f.review)
		case FieldLabeledExamples:
			b = cut(f.labeled, 10, 100, 500, 5_000)
		case FieldOutputConsistency:
			b = slices.Index(consistencyOptions, string(f.consistency))
		case FieldDomain:
			b = slices.Index(domainOptions, string(f.domain))
		case FieldCitationsRequired:
			b = boolBin(f.citations)
		case FieldDataSensitivity:
			b = slices.Index(sensitivityOptions, string(f.sensitivity))
		case FieldSelfHostingOK:
			b = boolBin(f.selfHost)
		case FieldMLSkill:
			b = slices.Index(skillOptions, string(f.skill))
		case FieldLatency:
			b = slices.Index(latencyOptions, string(f.latency))
		case FieldRegulated:
			b = boolBin(f.regulated)
		case FieldTimelineWeeks:
			b = cut(f.timeline, timelineShort, timelineTight, 26, math.Inf(1))
		case FieldBudget:
			b = cut(f.budget, 10_000, 50_000, 200_000, math.Inf(1))
		}
		out[k] = uint8(max(b, 0))
	}
}

func boolBin(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cut is the index of the range x falls in, between ascending cuts.
func cut(x float64, cuts ...float64) int {
	b := 0
	for b < len(cuts) && x >= cuts[b] {
		b++
	}
	return b
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
