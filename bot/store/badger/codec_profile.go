package badgerstore

import "github.com/advisorbot/advisorbot/advisor"

// The codes of profile fields in binary values (see codec.go). Append
// only: a code, once written, names its field for ever.
const (
	codeTitle = iota
	codeDescription
	codeDepartment
	codeTask
	codeMonthlyVolume
	codeMinutesPerTask
	codeHourlyCost
	codeAccuracy
	codeHumanReview
	codeDomain
	codeOutputConsistency
	codeKnowledge
	codeCitationsRequired
	codeLabeledExamples
	codePromptBaseline
	codeLatency
	codeDataSensitivity
	codeRegulated
	codeMLSkill
	codeBudget
	codeTimelineWeeks
	codeRulesExpressible
	codeSelfHostingOK
	numCodes // the first code this advisorbot does not know
)

// profileCodes are the fields' JSON names by code.
var profileCodes = [numCodes]string{
	codeTitle:             advisor.FieldTitle,
	codeDescription:       advisor.FieldDescription,
	codeDepartment:        advisor.FieldDepartment,
	codeTask:              advisor.FieldTask,
	codeMonthlyVolume:     advisor.FieldMonthlyVolume,
	codeMinutesPerTask:    advisor.FieldMinutesPerTask,
	codeHourlyCost:        advisor.FieldHourlyCost,
	codeAccuracy:          advisor.FieldAccuracy,
	codeHumanReview:       advisor.FieldHumanReview,
	codeDomain:            advisor.FieldDomain,
	codeOutputConsistency: advisor.FieldOutputConsistency,
	codeKnowledge:         advisor.FieldKnowledge,
	codeCitationsRequired: advisor.FieldCitationsRequired,
	codeLabeledExamples:   advisor.FieldLabeledExamples,
	codePromptBaseline:    advisor.FieldPromptBaseline,
	codeLatency:           advisor.FieldLatency,
	codeDataSensitivity:   advisor.FieldDataSensitivity,
	codeRegulated:         advisor.FieldRegulated,
	codeMLSkill:           advisor.FieldMLSkill,
	codeBudget:            advisor.FieldBudget,
	codeTimelineWeeks:     advisor.FieldTimelineWeeks,
	codeRulesExpressible:  advisor.FieldRulesExpressible,
	codeSelfHostingOK:     advisor.FieldSelfHostingOK,
}

// profileCode is the code of the named field; ok is false for a field
// added since the codes were last extended.
var profileCode = func() map[string]uint64 {
	m := make(map[string]uint64, numCodes)
	for i, name := range profileCodes {
		m[name] = uint64(i)
	}
	return m
}()

// The setters below put a decoded value straight into its field, without
// the checks of advisor.UseCase.Set, which cost more than the whole decode
// and were made when the profile was stored. They switch on the code, a
// jump rather than a string comparison per field of a million profiles.
// TestRefCodecEveryField fails when the advisor gains a field they do not
// set. A code they do not know sets nothing.

func setProfileText(u *advisor.UseCase, code uint64, s string) {
	switch code {
	case codeTitle:
		u.Title = s
	case codeDescription:
		u.Description = s
	case codeDepartment:
		u.Department = s
	case codeTask:
		u.Task = advisor.Task(s)
	case codeAccuracy:
		u.Accuracy = advisor.Accuracy(s)
	case codeDomain:
		u.Domain = advisor.Domain(s)
	case codeOutputConsistency:
		u.OutputConsistency = advisor.Consistency(s)
	case codeKnowledge:
		u.Knowledge = advisor.Knowledge(s)
	case codePromptBaseline:
		u.PromptBaseline = advisor.PromptBaseline(s)
	case codeLatency:
		u.Latency = advisor.Latency(s)
	case codeDataSensitivity:
		u.DataSensitivity = advisor.Sensitivity(s)
	case codeMLSkill:
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

func (r *binReader) setNumber(u *advisor.UseCase, code uint64, x float64) {
	c := r.cells()
	switch code {
	case codeMonthlyVolume:
		c.ints[0] = int(x)
		u.MonthlyVolume = &c.ints[0]
	case codeLabeledExamples:
		c.ints[1] = int(x)
		u.LabeledExamples = &c.ints[1]
	case codeMinutesPerTask:
		c.nums[0] = x
		u.MinutesPerTask = &c.nums[0]
	case codeHourlyCost:
		c.nums[1] = x
		u.HourlyCost = &c.nums[1]
	case codeBudget:
		c.nums[2] = x
		u.Budget = &c.nums[2]
	case codeTimelineWeeks:
		c.nums[3] = x
		u.TimelineWeeks = &c.nums[3]
	}
}

func (r *binReader) setBool(u *advisor.UseCase, code uint64, b bool) {
	c := r.cells()
	switch code {
	case codeHumanReview:
		c.bools[0] = b
		u.HumanReview = &c.bools[0]
	case codeCitationsRequired:
		c.bools[1] = b
		u.CitationsRequired = &c.bools[1]
	case codeRegulated:
		c.bools[2] = b
		u.Regulated = &c.bools[2]
	case codeRulesExpressible:
		c.bools[3] = b
		u.RulesExpressible = &c.bools[3]
	case codeSelfHostingOK:
		c.bools[4] = b
		u.SelfHostingOK = &c.bools[4]
	}
}
