package badgerstore

import "github.com/advisorbot/advisorbot/advisor"

// The setters below put a decoded value straight into its field, without
// the checks of advisor.UseCase.Set, which cost more than the whole decode
// and were made when the profile was stored. TestRefCodecEveryField fails
// when the advisor gains a field they do not set.

func setProfileText(u *advisor.UseCase, name, s string) {
	switch name {
	case advisor.FieldTitle:
		u.Title = s
	case advisor.FieldDescription:
		u.Description = s
	case advisor.FieldDepartment:
		u.Department = s
	case advisor.FieldTask:
		u.Task = advisor.Task(s)
	case advisor.FieldAccuracy:
		u.Accuracy = advisor.Accuracy(s)
	case advisor.FieldDomain:
		u.Domain = advisor.Domain(s)
	case advisor.FieldOutputConsistency:
		u.OutputConsistency = advisor.Consistency(s)
	case advisor.FieldKnowledge:
		u.Knowledge = advisor.Knowledge(s)
	case advisor.FieldPromptBaseline:
		u.PromptBaseline = advisor.PromptBaseline(s)
	case advisor.FieldLatency:
		u.Latency = advisor.Latency(s)
	case advisor.FieldDataSensitivity:
		u.DataSensitivity = advisor.Sensitivity(s)
	case advisor.FieldMLSkill:
		u.MLSkill = advisor.Skill(s)
	}
}

// profileCells hold a decoded profile's numbers and booleans, which its
// fields point at: one allocation instead of one per field.
type profileCells struct {
	ints  [2]int
	nums  [4]float64
	bools [5]bool
}

// cells returns the profile cells of the ref being decoded.
func (r *binReader) cells() *profileCells {
	if r.cell == nil {
		r.cell = new(profileCells)
	}
	return r.cell
}

func (r *binReader) setNumber(u *advisor.UseCase, name string, x float64) {
	c := r.cells()
	switch name {
	case advisor.FieldMonthlyVolume:
		c.ints[0] = int(x)
		u.MonthlyVolume = &c.ints[0]
	case advisor.FieldLabeledExamples:
		c.ints[1] = int(x)
		u.LabeledExamples = &c.ints[1]
	case advisor.FieldMinutesPerTask:
		c.nums[0] = x
		u.MinutesPerTask = &c.nums[0]
	case advisor.FieldHourlyCost:
		c.nums[1] = x
		u.HourlyCost = &c.nums[1]
	case advisor.FieldBudget:
		c.nums[2] = x
		u.Budget = &c.nums[2]
	case advisor.FieldTimelineWeeks:
		c.nums[3] = x
		u.TimelineWeeks = &c.nums[3]
	}
}

func (r *binReader) setBool(u *advisor.UseCase, name string, b bool) {
	c := r.cells()
	switch name {
	case advisor.FieldHumanReview:
		c.bools[0] = b
		u.HumanReview = &c.bools[0]
	case advisor.FieldCitationsRequired:
		c.bools[1] = b
		u.CitationsRequired = &c.bools[1]
	case advisor.FieldRegulated:
		c.bools[2] = b
		u.Regulated = &c.bools[2]
	case advisor.FieldRulesExpressible:
		c.bools[3] = b
		u.RulesExpressible = &c.bools[3]
	case advisor.FieldSelfHostingOK:
		c.bools[4] = b
		u.SelfHostingOK = &c.bools[4]
	}
}
