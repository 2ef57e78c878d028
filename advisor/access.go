package advisor

// Typed accessors by field name. They let the field table drive decoding,
// validation and answers without reflection, which keeps the package fast
// and the allocation count of a recommendation predictable.

func (u *UseCase) intField(name string) *int {
	switch name {
	case FieldMonthlyVolume:
		return u.MonthlyVolume
	case FieldLabeledExamples:
		return u.LabeledExamples
	}
	return nil
}

func (u *UseCase) setInt(name string, p *int) {
	switch name {
	case FieldMonthlyVolume:
		u.MonthlyVolume = p
	case FieldLabeledExamples:
		u.LabeledExamples = p
	}
}

func (u *UseCase) numberField(name string) *float64 {
	switch name {
	case FieldMinutesPerTask:
		return u.MinutesPerTask
	case FieldHourlyCost:
		return u.HourlyCost
	case FieldBudget:
		return u.Budget
	case FieldTimelineWeeks:
		return u.TimelineWeeks
	}
	return nil
}

func (u *UseCase) setNumber(name string, p *float64) {
	switch name {
	case FieldMinutesPerTask:
		u.MinutesPerTask = p
	case FieldHourlyCost:
		u.HourlyCost = p
	case FieldBudget:
		u.Budget = p
	case FieldTimelineWeeks:
		u.TimelineWeeks = p
	}
}

func (u *UseCase) boolField(name string) *bool {
	switch name {
	case FieldHumanReview:
		return u.HumanReview
	case FieldCitationsRequired:
		return u.CitationsRequired
	case FieldRegulated:
		return u.Regulated
	case FieldRulesExpressible:
		return u.RulesExpressible
	case FieldSelfHostingOK:
		return u.SelfHostingOK
	}
	return nil
}

func (u *UseCase) setBool(name string, p *bool) {
	switch name {
	case FieldHumanReview:
		u.HumanReview = p
	case FieldCitationsRequired:
		u.CitationsRequired = p
	case FieldRegulated:
		u.Regulated = p
	case FieldRulesExpressible:
		u.RulesExpressible = p
	case FieldSelfHostingOK:
		u.SelfHostingOK = p
	}
}

func (u *UseCase) textField(name string) string {
	switch name {
	case FieldTitle:
		return u.Title
	case FieldDescription:
		return u.Description
	case FieldDepartment:
		return u.Department
	case FieldTask:
		return string(u.Task)
	case FieldAccuracy:
		return string(u.Accuracy)
	case FieldDomain:
		return string(u.Domain)
	case FieldOutputConsistency:
		return string(u.OutputConsistency)
	case FieldKnowledge:
		return string(u.Knowledge)
	case FieldPromptBaseline:
		return string(u.PromptBaseline)
	case FieldLatency:
		return string(u.Latency)
	case FieldDataSensitivity:
		return string(u.DataSensitivity)
	case FieldMLSkill:
		return string(u.MLSkill)
	}
	return ""
}

func (u *UseCase) setText(name, s string) {
	switch name {
	case FieldTitle:
		u.Title = s
	case FieldDescription:
		u.Description = s
	case FieldDepartment:
		u.Department = s
	case FieldTask:
		u.Task = Task(s)
	case FieldAccuracy:
		u.Accuracy = Accuracy(s)
	case FieldDomain:
		u.Domain = Domain(s)
	case FieldOutputConsistency:
		u.OutputConsistency = Consistency(s)
	case FieldKnowledge:
		u.Knowledge = Knowledge(s)
	case FieldPromptBaseline:
		u.PromptBaseline = PromptBaseline(s)
	case FieldLatency:
		u.Latency = Latency(s)
	case FieldDataSensitivity:
		u.DataSensitivity = Sensitivity(s)
	case FieldMLSkill:
		u.MLSkill = Skill(s)
	}
}
