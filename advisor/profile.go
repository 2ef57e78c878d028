package advisor

import "math"

// facts is a profile with every unknown replaced by its prior. The rules,
// the ROI model and the planner work on facts so that "what if this field
// were X" is a plain field assignment, with no pointers and no allocation.
type facts struct {
	task        Task
	volume      float64
	minutes     float64
	hourly      float64
	accuracy    Accuracy
	review      bool
	domain      Domain
	consistency Consistency
	knowledge   Knowledge
	citations   bool
	labeled     float64
	baseline    PromptBaseline
	latency     Latency
	sensitivity Sensitivity
	regulated   bool
	skill       Skill
	budget      float64 // +Inf: no limit given
	timeline    float64 // +Inf: no deadline given
	rules       bool
	selfHost    bool

	known uint32 // bit i set: fieldTable[i] was answered, not assumed
}

// Priors are the values the rules assume for unknown fields. They are chosen
// to be conservative about complexity: with nothing known, the advice is the
// vendors' common starting point, prompt engineering with an eval set.
//
//	task other, accuracy medium, human_review no, domain general,
//	output_consistency flexible, knowledge none, citations_required no,
//	labeled_examples 0, prompt_baseline untried, latency interactive,
//	data_sensitivity internal, regulated no, ml_skill some, budget and
//	timeline unlimited, rules_expressible no, self_hosting_ok no.
//
// monthly_volume, minutes_per_task and hourly_cost come from the assumptions
// (prior_monthly_volume, prior_minutes_per_task, prior_hourly_cost).
func priorFacts(a *Assumptions) facts {
	return facts{
		task:        TaskOther,
		volume:      a.v(aPriorVolume),
		minutes:     a.v(aPriorMinutes),
		hourly:      a.v(aPriorHourly),
		accuracy:    AccuracyMedium,
		domain:      DomainGeneral,
		consistency: ConsistencyFlexible,
		knowledge:   KnowledgeNone,
		baseline:    BaselineUntried,
		latency:     LatencyInteractive,
		sensitivity: SensitivityInternal,
		skill:       SkillSome,
		budget:      math.Inf(1),
		timeline:    math.Inf(1),
	}
}

// resolve fills the facts from a profile, priors where it is silent.
func resolve(u *UseCase, a *Assumptions) facts {
	f := priorFacts(a)
	for i := range fieldTable {
		name := fieldTable[i].Name
		if !u.Known(name) || fieldTable[i].Kind == KindText {
			continue
		}
		f.set(i, u.value(&fieldTable[i]))
	}
	f.conditionalPriors()
	return f
}

// conditionalPriors replaces a prior that what is known makes unlikely.
// Answers that must cite their sources, and answers to people's questions,
// almost always draw on the company's own documents (the textbook case for
// retrieval), so for them the knowledge prior is private documents rather
// than "nothing beyond the item". The planner's distributions (priors.go)
// follow the same dependencies; each prior here is the likeliest value of
// its distribution there.
func (f *facts) conditionalPriors() {
	if !f.isKnown(FieldKnowledge) && (f.citations || f.task == TaskAnswer) {
		f.knowledge = KnowledgePrivateStatic
	}
	// Labels and fields are a fixed output: a classification or an
	// extraction must match its taxonomy or schema exactly.
	if !f.isKnown(FieldOutputConsistency) && (f.task == TaskClassify || f.task == TaskExtract) {
		f.consistency = ConsistencyStrict
	}
}

// set assigns one field's value and marks it known.
func (f *facts) set(i int, v Value) {
	f.known |= 1 << i
	switch fieldTable[i].Name {
	case FieldTask:
		f.task = Task(v.Text)
	case FieldMonthlyVolume:
		f.volume = v.Number
	case FieldMinutesPerTask:
		f.minutes = v.Number
	case FieldHourlyCost:
		f.hourly = v.Number
	case FieldAccuracy:
		f.accuracy = Accuracy(v.Text)
	case FieldHumanReview:
		f.review = v.Bool
	case FieldDomain:
		f.domain = Domain(v.Text)
	case FieldOutputConsistency:
		f.consistency = Consistency(v.Text)
	case FieldKnowledge:
		f.knowledge = Knowledge(v.Text)
	case FieldCitationsRequired:
		f.citations = v.Bool
	case FieldLabeledExamples:
		f.labeled = v.Number
	case FieldPromptBaseline:
		f.baseline = PromptBaseline(v.Text)
	case FieldLatency:
		f.latency = Latency(v.Text)
	case FieldDataSensitivity:
		f.sensitivity = Sensitivity(v.Text)
	case FieldRegulated:
		f.regulated = v.Bool
	case FieldMLSkill:
		f.skill = Skill(v.Text)
	case FieldBudget:
		f.budget = v.Number
	case FieldTimelineWeeks:
		f.timeline = v.Number
	case FieldRulesExpressible:
		f.rules = v.Bool
	case FieldSelfHostingOK:
		f.selfHost = v.Bool
	}
}

// isKnown reports whether the named field was answered.
func (f *facts) isKnown(name string) bool {
	i := fieldIndex(name)
	return i >= 0 && f.known&(1<<i) != 0
}

// privateKnowledge reports whether the task needs facts only the company has.
func (f *facts) privateKnowledge() bool {
	return f.knowledge == KnowledgePrivateStatic || f.knowledge == KnowledgePrivateChanging
}

// value returns field i's current value (answered or assumed), in the form
// set takes, so the planner can skip trying what is already there.
func (f *facts) value(i int) Value {
	v := Value{Field: fieldTable[i].Name}
	switch v.Field {
	case FieldTask:
		v.Text = string(f.task)
	case FieldMonthlyVolume:
		v.Number = f.volume
	case FieldMinutesPerTask:
		v.Number = f.minutes
	case FieldHourlyCost:
		v.Number = f.hourly
	case FieldAccuracy:
		v.Text = string(f.accuracy)
	case FieldHumanReview:
		v.Bool = f.review
	case FieldDomain:
		v.Text = string(f.domain)
	case FieldOutputConsistency:
		v.Text = string(f.consistency)
	case FieldKnowledge:
		v.Text = string(f.knowledge)
	case FieldCitationsRequired:
		v.Bool = f.citations
	case FieldLabeledExamples:
		v.Number = f.labeled
	case FieldPromptBaseline:
		v.Text = string(f.baseline)
	case FieldLatency:
		v.Text = string(f.latency)
	case FieldDataSensitivity:
		v.Text = string(f.sensitivity)
	case FieldRegulated:
		v.Bool = f.regulated
	case FieldMLSkill:
		v.Text = string(f.skill)
	case FieldBudget:
		v.Number = f.budget
	case FieldTimelineWeeks:
		v.Number = f.timeline
	case FieldRulesExpressible:
		v.Bool = f.rules
	case FieldSelfHostingOK:
		v.Bool = f.selfHost
	}
	return v
}
