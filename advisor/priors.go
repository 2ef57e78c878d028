package advisor

import (
	"math"
	"math/rand/v2"
)

// The planner's picture of what is not known yet: for every decision field,
// a distribution of the answers employees give, conditioned on what is
// known (or already drawn) about the use case. The rules use one value per
// unknown field (the point priors in profile.go); the planner draws whole
// plausible profiles from these distributions, so it can see that several
// unknowns together could change the answer: fine-tuning needs a measured
// prompt that plateaued, enough examples and a learnable format at once, and
// asking about one of them alone never looks decisive.
//
// The shares are advisorbot's stated estimates of the requests it sees,
// shaped by the dependencies the guidance implies:
//   - answers to people's questions, and answers that must cite sources,
//     usually draw on the company's own documents;
//   - classification, extraction and decisions usually have a fixed output
//     (labels, fields) and often a history of past cases with outcomes;
//   - costly mistakes usually come with a person checking, and decisions
//     about people, money or rights are costlier to get wrong;
//   - teams with strong ML skills are the ones that may run models in-house;
//   - where the text is far from everyday language, a prompted model that
//     was measured has more often fallen short;
//   - a team that measured prompting has an eval set, so some examples.

// shares is a discrete distribution over a field's options (in the
// order of the field's Options), summing to 1.
type shares []float64

// draw picks an index with the given shares.
func (s shares) draw(r *rand.Rand) int {
	x := r.Float64()
	for i, p := range s {
		if x < p {
			return i
		}
		x -= p
	}
	return len(s) - 1
}

// Task shares, in taskOptions order: classify, extract, summarize, draft,
// answer, converse, code, translate, decide, other.
var taskShares = shares{0.14, 0.12, 0.10, 0.16, 0.18, 0.05, 0.05, 0.04, 0.06, 0.10}

// knowledgeShares are none, public, private_static, private_changing for a
// task; cited answers draw on private documents.
func knowledgeShares(task Task, cited, citedKnown bool) shares {
	if citedKnown && cited {
		return shares{0, 0.1, 0.45, 0.45}
	}
	switch task {
	case TaskAnswer:
		return shares{0.1, 0.15, 0.4, 0.35}
	case TaskConverse:
		return shares{0.3, 0.15, 0.3, 0.25}
	case TaskDraft:
		return shares{0.45, 0.1, 0.3, 0.15}
	case TaskSummarize, TaskTranslate, TaskCode:
		return shares{0.7, 0.1, 0.15, 0.05}
	case TaskClassify, TaskExtract, TaskDecide:
		return shares{0.6, 0.05, 0.25, 0.1}
	}
	return shares{0.5, 0.1, 0.25, 0.15}
}

// citationShare is the chance answers must cite their sources.
func citationShare(task Task, k Knowledge) float64 {
	private := k == KnowledgePrivateStatic || k == KnowledgePrivateChanging
	switch {
	case task == TaskAnswer && private:
		return 0.45
	case task == TaskAnswer && k == KnowledgePublic:
		return 0.3
	case (task == TaskDraft || task == TaskConverse || task == TaskSummarize) && private:
		return 0.2
	}
	return 0.05
}

// rulesShare is the chance fixed rules or classic ML could do the task.
func rulesShare(task Task) float64 {
	switch task {
	case TaskClassify, TaskDecide, TaskOther:
		return 0.3
	case TaskExtract:
		return 0.15
	case TaskAnswer:
		return 0.05
	}
	return 0.03
}

// consistencyShares are flexible, consistent, strict for a task.
func consistencyShares(task Task) shares {
	switch task {
	case TaskClassify, TaskExtract:
		return shares{0.25, 0.3, 0.45}
	case TaskDraft:
		return shares{0.45, 0.35, 0.2}
	case TaskSummarize, TaskTranslate:
		return shares{0.5, 0.35, 0.15}
	case TaskAnswer, TaskConverse:
		return shares{0.65, 0.3, 0.05}
	case TaskCode:
		return shares{0.4, 0.4, 0.2}
	}
	return shares{0.5, 0.3, 0.2}
}

var (
	domainShares      = shares{0.55, 0.35, 0.10}       // general, specialized, niche
	baselineShares    = shares{0.55, 0.15, 0.30}       // untried, good_enough, plateaued
	baselineNiche     = shares{0.45, 0.10, 0.45}       // the same where the language is niche
	accuracyShares    = shares{0.15, 0.45, 0.30, 0.10} // low, medium, high, critical
	accuracyDecide    = shares{0.05, 0.30, 0.40, 0.25} // decisions about people, money or rights
	latencyShares     = shares{0.30, 0.60, 0.10}       // batch, interactive, realtime
	sensitivityShares = shares{0.10, 0.50, 0.30, 0.10} // public, internal, confidential, restricted
	skillShares       = shares{0.30, 0.50, 0.20}       // none, some, strong
)

// exampleBands are ranges of past examples with their outcome, and their
// shares for tasks with a history of decided cases (classification,
// extraction, decisions, translation) and for the rest. A count is drawn
// log-uniformly within its band.
var (
	exampleBands     = [...][2]float64{{0, 0}, {10, 100}, {100, 500}, {500, 5000}, {5000, 50000}}
	examplesCases    = shares{0.25, 0.15, 0.15, 0.25, 0.20}
	examplesOthers   = shares{0.40, 0.15, 0.15, 0.18, 0.12}
	examplesMeasured = shares{0.10, 0.25, 0.25, 0.25, 0.15} // an eval set exists
)

func (r sampler) logUniform(lo, hi float64) float64 {
	return math.Exp(math.Log(lo) + r.Float64()*(math.Log(hi)-math.Log(lo)))
}

// sampler draws plausible completions of a profile.
type sampler struct{ *rand.Rand }

// Field bits of the decision fields, for masks of known and free fields;
// computed once from the field table so the planner's hot loop does no
// name lookups.
var (
	bitTask        = fieldBit(FieldTask)
	bitVolume      = fieldBit(FieldMonthlyVolume)
	bitMinutes     = fieldBit(FieldMinutesPerTask)
	bitHourly      = fieldBit(FieldHourlyCost)
	bitAccuracy    = fieldBit(FieldAccuracy)
	bitReview      = fieldBit(FieldHumanReview)
	bitDomain      = fieldBit(FieldDomain)
	bitConsistency = fieldBit(FieldOutputConsistency)
	bitKnowledge   = fieldBit(FieldKnowledge)
	bitCitations   = fieldBit(FieldCitationsRequired)
	bitLabeled     = fieldBit(FieldLabeledExamples)
	bitBaseline    = fieldBit(FieldPromptBaseline)
	bitLatency     = fieldBit(FieldLatency)
	bitSensitivity = fieldBit(FieldDataSensitivity)
	bitRegulated   = fieldBit(FieldRegulated)
	bitSkill       = fieldBit(FieldMLSkill)
	bitBudget      = fieldBit(FieldBudget)
	bitTimeline    = fieldBit(FieldTimelineWeeks)
	bitRules       = fieldBit(FieldRulesExpressible)
	bitSelfHost    = fieldBit(FieldSelfHostingOK)
)

func fieldBit(name string) uint32 { return 1 << fieldIndex(name) }

// complete draws a value for every decision field whose bit is set in free,
// conditioned on the fields already set in g, in an order that lets each
// draw see what it depends on (the task, knowledge, the domain, the
// baseline, accuracy and skill come before what they shape). Drawn fields
// are marked known in g. The draws are direct calls, not a table of
// funcs, so g stays on the planner's stack: 1,024 completions a plan.
func (r sampler) complete(g *facts, free uint32) {
	g.known |= free
	r.drawWork(g, free)
	r.drawScale(g, free)
	r.drawRisk(g, free)
	if free&bitBudget != 0 {
		g.budget = math.Inf(1) // most requests name no budget
		if r.Float64() < 0.4 {
			g.budget = math.Round(r.logUniform(5_000, 500_000))
		}
	}
	if free&bitTimeline != 0 {
		g.timeline = math.Inf(1)
		if r.Float64() < 0.4 {
			g.timeline = 2 + 24*r.Float64()
		}
	}
}

// drawWork draws what the work is: the task, the knowledge it needs, the
// citations, rules, consistency, domain, prompting baseline and examples.
func (r sampler) drawWork(g *facts, free uint32) {
	if free&bitTask != 0 {
		g.task = Task(taskOptions[taskShares.draw(r.Rand)])
	}
	if free&bitKnowledge != 0 {
		citedKnown := free&bitCitations == 0 && g.known&bitCitations != 0
		g.knowledge = Knowledge(knowledgeOptions[knowledgeShares(g.task, g.citations, citedKnown).draw(r.Rand)])
	}
	if free&bitCitations != 0 {
		g.citations = r.Float64() < citationShare(g.task, g.knowledge)
	}
	if free&bitRules != 0 {
		g.rules = r.Float64() < rulesShare(g.task)
	}
	if free&bitConsistency != 0 {
		g.consistency = Consistency(consistencyOptions[consistencyShares(g.task).draw(r.Rand)])
	}
	if free&bitDomain != 0 {
		g.domain = Domain(domainOptions[domainShares.draw(r.Rand)])
	}
	if free&bitBaseline != 0 {
		bs := baselineShares
		if g.domain == DomainNiche {
			bs = baselineNiche
		}
		g.baseline = PromptBaseline(baselineOptions[bs.draw(r.Rand)])
	}
	if free&bitLabeled != 0 {
		r.drawExamples(g)
	}
}

// drawScale draws how much of the work there is and what it costs.
func (r sampler) drawScale(g *facts, free uint32) {
	if free&bitVolume != 0 {
		g.volume = math.Round(r.logUniform(10, 100_000))
	}
	if free&bitMinutes != 0 {
		g.minutes = r.logUniform(1, 60)
	}
	if free&bitHourly != 0 {
		g.hourly = 25 + 95*r.Float64()
	}
}

// drawRisk draws the stakes and the team: accuracy, review, latency,
// sensitivity, regulation, ML skill and self-hosting.
func (r sampler) drawRisk(g *facts, free uint32) {
	if free&bitAccuracy != 0 {
		as := accuracyShares
		if g.task == TaskDecide {
			as = accuracyDecide
		}
		g.accuracy = Accuracy(accuracyOptions[as.draw(r.Rand)])
	}
	if free&bitReview != 0 {
		p := 0.4
		if g.accuracy == AccuracyHigh || g.accuracy == AccuracyCritical {
			p = 0.6
		}
		g.review = r.Float64() < p
	}
	if free&bitLatency != 0 {
		g.latency = Latency(latencyOptions[latencyShares.draw(r.Rand)])
	}
	if free&bitSensitivity != 0 {
		g.sensitivity = Sensitivity(sensitivityOptions[sensitivityShares.draw(r.Rand)])
	}
	if free&bitRegulated != 0 {
		p := 0.15
		if g.task == TaskDecide {
			p = 0.35
		}
		g.regulated = r.Float64() < p
	}
	if free&bitSkill != 0 {
		g.skill = Skill(skillOptions[skillShares.draw(r.Rand)])
	}
	if free&bitSelfHost != 0 {
		p := 0.25
		switch g.skill {
		case SkillStrong:
			p = 0.45
		case SkillNone:
			p = 0.15
		}
		g.selfHost = r.Float64() < p
	}
}

// drawExamples draws a count of past examples within a band.
func (r sampler) drawExamples(g *facts) {
	bands := examplesOthers
	switch {
	case g.baseline != BaselineUntried:
		bands = examplesMeasured
	case g.task == TaskClassify, g.task == TaskExtract, g.task == TaskDecide, g.task == TaskTranslate:
		bands = examplesCases
	}
	b := exampleBands[bands.draw(r.Rand)]
	g.labeled = 0
	if b[1] > 0 {
		g.labeled = math.Round(r.logUniform(b[0], b[1]))
	}
}
