package advisor

import (
	"fmt"
	"math"
	"slices"
)

// Recommendation is the advisor's answer for one profile.
type Recommendation struct {
	Approach          Approach         `json:"approach"`
	Confidence        float64          `json:"confidence"` // 0..1: the approach's share of the evidence, as in Ranking
	Ranking           []Ranked         `json:"ranking"`    // all six approaches, best first
	Reasons           []Reason         `json:"reasons"`    // every push, those about the chosen approach first
	Risks             []string         `json:"risks"`
	NextSteps         []string         `json:"next_steps"`
	ManualMonthlyCost float64          `json:"manual_monthly_cost"`
	ROI               map[Approach]ROI `json:"roi"`
	NextQuestions     []Question       `json:"next_questions"`
	// Settled is the share of plausible answers to the open questions
	// under which the approach would stand (1 when nothing is open); the
	// planner stops asking at 0.9. Only RecommendInferred plans.
	Settled       float64      `json:"settled"`
	AssumedFields []string     `json:"assumed_fields"` // decision fields that used a prior
	Assumptions   []Assumption `json:"assumptions"`    // the figures the ROI used, with dates
}

// Ranked is one approach's score: its share of the evidence, summing to 1.
type Ranked struct {
	Approach Approach `json:"approach"`
	Score    float64  `json:"score"`
}

// Advisor recommends approaches under one set of assumptions. It is
// immutable and safe for concurrent use.
type Advisor struct {
	a Assumptions
}

// New returns an Advisor using the given assumptions.
func New(a Assumptions) *Advisor { return &Advisor{a: a} }

// Assumptions returns the advisor's assumptions.
func (adv *Advisor) Assumptions() Assumptions { return adv.a }

// temperature spreads raw points into shares: a lead of 2.5 points is
// e:1 odds. It was set so one strong guideline (about 3 points) reads as a
// clear but not certain preference.
const temperature = 2.5

// Recommend runs the rules and the ROI model on u, without planning
// questions (NextQuestions is empty; see [Advisor.RecommendInferred]). It
// returns the profile's problems, unchanged, when u is not valid.
func (adv *Advisor) Recommend(u UseCase) (Recommendation, error) {
	return adv.recommend(u, nil, false)
}

// RecommendInferred is [Advisor.Recommend] with the question planner, for
// a profile some of whose fields were inferred from free text rather than
// answered (see package advisor/parse). Inferred values count as evidence, but the
// planner asks to confirm any whose correction is likely to change the
// outcome. Names that are not known fields of u are ignored.
func (adv *Advisor) RecommendInferred(u UseCase, inferred []string) (Recommendation, error) {
	return adv.recommend(u, inferred, true)
}

func (adv *Advisor) recommend(u UseCase, inferred []string, plan bool) (Recommendation, error) {
	if err := u.Validate(); err != nil {
		return Recommendation{}, err
	}
	var mask uint32
	for _, name := range inferred {
		if i := fieldIndex(name); i >= 0 && u.Known(name) {
			mask |= 1 << i
		}
	}
	a := &adv.a
	f := resolve(&u, a)

	var roi [numApproaches]ROI
	f.costs(a, &roi)
	for i := range roi {
		if r := &roi[i]; !finite(r.OneOffCost, r.MonthlyRunCost, r.MonthlyLaborSaved, r.NetMonthly) {
			// unreachable with validated profiles and capped assumptions.
			return Recommendation{}, fmt.Errorf("advisor: ROI of %s is not finite", approachOrder[i])
		}
	}
	reasons := make([]Reason, 0, 64)
	s := scorer{f: &f, reasons: &reasons}
	s.run(&roi)
	best := top(&s.score, &roi)

	rec := Recommendation{
		Approach:          approachOrder[best],
		ManualMonthlyCost: f.manualMonthly(),
		ROI:               make(map[Approach]ROI, numApproaches),
	}
	for i, r := range roi {
		rec.ROI[approachOrder[i]] = r
	}
	rec.Ranking = ranking(&s.score, best)
	rec.Reasons = orderReasons(reasons, rec.Approach)
	rec.NextQuestions, rec.Settled = []Question{}, 1
	if plan {
		if qs, settled := adv.plan(&f, best, mask); qs != nil {
			rec.NextQuestions, rec.Settled = qs, settled
		} else {
			rec.Settled = settled // NextQuestions stays [], not null, in JSON
		}
	}
	rec.AssumedFields = assumedFields(&f)
	rec.Confidence = rec.Ranking[0].Score
	rec.Risks = risks(&f, best)
	rec.NextSteps = stepsFor(&f, best)
	rec.Assumptions = a.used(f.task)
	return rec, nil
}

// top returns the index of the highest score. When the evidence is even,
// the approach that costs least to start wins (keeping it manual costs
// nothing), then the earlier, simpler one.
func top(score *[numApproaches]float64, roi *[numApproaches]ROI) int {
	best := 0
	for i := 1; i < numApproaches; i++ {
		if score[i] > score[best] || score[i] == score[best] && roi[i].OneOffCost < roi[best].OneOffCost {
			best = i
		}
	}
	return best
}

// ranking turns points into shares with a softmax, the chosen approach
// first (it leads or ties), then the rest by share.
func ranking(score *[numApproaches]float64, chosen int) []Ranked {
	hi := slices.Max(score[:])
	var sum float64
	var w [numApproaches]float64
	for i, x := range score {
		w[i] = math.Exp((x - hi) / temperature)
		sum += w[i]
	}
	out := make([]Ranked, numApproaches)
	for i := range out {
		out[i] = Ranked{approachOrder[i], round3(w[i] / sum)}
	}
	first := approachOrder[chosen]
	slices.SortStableFunc(out, func(x, y Ranked) int {
		switch {
		case x.Approach == first:
			return -1
		case y.Approach == first:
			return 1
		case x.Score > y.Score:
			return -1
		case x.Score < y.Score:
			return 1
		}
		return 0
	})
	return out
}

func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// orderReasons puts the pushes about the chosen approach first (strongest
// first), then the rest by strength, so the first few explain the choice.
func orderReasons(rs []Reason, chosen Approach) []Reason {
	about := func(r *Reason) bool { return r.Favors == chosen || r.Disfavors == chosen }
	slices.SortStableFunc(rs, func(x, y Reason) int {
		ax, ay := about(&x), about(&y)
		if ax != ay {
			if ax {
				return -1
			}
			return 1
		}
		wx, wy := math.Abs(x.Weight), math.Abs(y.Weight)
		switch {
		case wx > wy:
			return -1
		case wx < wy:
			return 1
		}
		return 0
	})
	return rs
}

// decisionFields are the fields the rules read, in the order the planner
// prefers to ask them when they are equally decisive.
var decisionFields = [...]string{
	FieldTask, FieldKnowledge, FieldRulesExpressible, FieldPromptBaseline,
	FieldMonthlyVolume, FieldMinutesPerTask, FieldHourlyCost, FieldAccuracy,
	FieldHumanReview, FieldLabeledExamples, FieldOutputConsistency, FieldDomain,
	FieldCitationsRequired, FieldDataSensitivity, FieldSelfHostingOK, FieldMLSkill,
	FieldLatency, FieldRegulated, FieldTimelineWeeks, FieldBudget,
}

// assumedFields lists the decision fields still at their prior.
func assumedFields(f *facts) []string {
	out := make([]string, 0, len(decisionFields))
	for _, name := range decisionFields {
		if !f.isKnown(name) {
			out = append(out, name)
		}
	}
	return out
}

// used lists the assumptions a recommendation for task t relies on: all
// general figures and the token sizes of t.
func (a *Assumptions) used(t Task) []Assumption {
	out := make([]Assumption, 0, aTaskTokens+2)
	out = append(out, a.list[:aTaskTokens]...)
	i := aTaskTokens + 2*assumptionID(taskIndex(t))
	return append(out, a.list[i], a.list[i+1])
}
