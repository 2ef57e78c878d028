package advisor

// Kind is the type of a profile field's value.
type Kind int

// Field kinds.
const (
	KindText Kind = iota
	KindEnum
	KindInt
	KindNumber
	KindBool
)

func (k Kind) String() string {
	switch k {
	case KindText:
		return "text"
	case KindEnum:
		return "choice"
	case KindInt:
		return "whole number"
	case KindNumber:
		return "number"
	case KindBool:
		return "yes/no"
	}
	return "unknown"
}

// Field describes one profile field: its JSON name, its type, the values it
// allows, and how to ask for it in plain words. The table in [Fields]
// drives decoding, validation, the planner's questions and the answer
// parser's checks, but a field's meaning lives in more places than the
// table.
//
// To add a field:
//  1. usecase.go: the UseCase struct field with its JSON tag.
//  2. fields.go: a Field* name and a row in fieldTable (kind, options,
//     bounds, the question and an example answer).
//  3. access.go: the by-name getter and setter cases.
//  4. options.go: plain-words labels for its choices, if it has any.
//  5. profile.go: its prior (the value assumed while unknown), stated in
//     the Priors comment.
//  6. rules.go or rules_constraints.go: the rule that uses it, citing its
//     source in knowledge/kb; recommend.go if it should show in what-ifs.
//  7. priors.go and planner.go: its distribution, if the planner should
//     ask for it.
//  8. parse/: how people say it, in answers (answer.go) and descriptions
//     (extract_*.go); bot/confirm.go and bot/commands.go for the words of
//     a confirmation and a what-if.
//
// TestFieldTableComplete, TestSetAndClear and TestOptionsTable catch a
// missed step 1-4; the scenario tests and the conversation evaluation in
// package bot show what steps 5-8 change in the advice.
type Field struct {
	Name     string
	Kind     Kind
	Options  []string // allowed values of an enum; "yes"/"no" for a bool
	Question string   // asked by the planner, in plain words
	Example  string   // an answer the parser accepts, shown when it rejects one
	Min, Max float64  // inclusive bounds of numbers; Max is the text length for text
	MinOpen  bool     // Min itself is not allowed (timeline_weeks > 0)
}

// Field names, as in the JSON profile.
const (
	FieldTitle             = "title"
	FieldDescription       = "description"
	FieldDepartment        = "department"
	FieldTask              = "task"
	FieldMonthlyVolume     = "monthly_volume"
	FieldMinutesPerTask    = "minutes_per_task"
	FieldHourlyCost        = "hourly_cost"
	FieldAccuracy          = "accuracy"
	FieldHumanReview       = "human_review"
	FieldDomain            = "domain"
	FieldOutputConsistency = "output_consistency"
	FieldKnowledge         = "knowledge"
	FieldCitationsRequired = "citations_required"
	FieldLabeledExamples   = "labeled_examples"
	FieldPromptBaseline    = "prompt_baseline"
	FieldLatency           = "latency"
	FieldDataSensitivity   = "data_sensitivity"
	FieldRegulated         = "regulated"
	FieldMLSkill           = "ml_skill"
	FieldBudget            = "budget"
	FieldTimelineWeeks     = "timeline_weeks"
	FieldRulesExpressible  = "rules_expressible"
	FieldSelfHostingOK     = "self_hosting_ok"
)

// fieldTable lists every profile field in JSON order.
var fieldTable = [...]Field{
	{Name: FieldTitle, Kind: KindText, Max: MaxTitleLen, Question: "What should we call this use case?", Example: "Invoice triage"},
	{Name: FieldDescription, Kind: KindText, Max: MaxDescriptionLen, Question: "Describe what you want to automate, in a few sentences.", Example: "Route incoming support tickets to the right team"},
	{Name: FieldDepartment, Kind: KindText, Max: MaxDepartmentLen, Question: "Which department would own it?", Example: "Finance"},
	{Name: FieldTask, Kind: KindEnum, Options: taskOptions, Question: "What does the automation mainly do?", Example: "sort, tag or route items"},
	{Name: FieldMonthlyVolume, Kind: KindInt, Max: MaxMonthlyVolume, Question: "How many items does this involve per month?", Example: "about 2,000 a week"},
	{Name: FieldMinutesPerTask, Kind: KindNumber, Max: MaxMinutesPerTask, Question: "How many minutes does a person spend on one item today?", Example: "6 minutes"},
	{Name: FieldHourlyCost, Kind: KindNumber, Max: MaxHourlyCost, Question: "What does an hour of that person's time cost, fully loaded?", Example: "$45/h"},
	{Name: FieldAccuracy, Kind: KindEnum, Options: accuracyOptions, Question: "How costly is a wrong output?", Example: "high"},
	{Name: FieldHumanReview, Kind: KindBool, Options: boolOptions, Question: "Will a person check each output before it takes effect?", Example: "yes"},
	{Name: FieldDomain, Kind: KindEnum, Options: domainOptions, Question: "How far is the text from everyday language (jargon, other languages, unusual formats)?", Example: "specialist jargon"},
	{Name: FieldOutputConsistency, Kind: KindEnum, Options: consistencyOptions, Question: "How strictly must the output follow a fixed format, schema, tone or style?", Example: "an exact format"},
	{Name: FieldKnowledge, Kind: KindEnum, Options: knowledgeOptions, Question: "Which facts does the task need beyond the item itself?", Example: "our own documents, which change"},
	{Name: FieldCitationsRequired, Kind: KindBool, Options: boolOptions, Question: "Must each answer point to its sources?", Example: "no"},
	{Name: FieldLabeledExamples, Kind: KindInt, Max: MaxLabeledExample, Question: "How many good input-to-output examples do you have today?", Example: "500"},
	{Name: FieldPromptBaseline, Kind: KindEnum, Options: baselineOptions, Question: "Have you measured a prompted model on a test set, and how did it do?", Example: "measured, and it falls short"},
	{Name: FieldLatency, Kind: KindEnum, Options: latencyOptions, Question: "How fast must each answer come?", Example: "within a few seconds"},
	{Name: FieldDataSensitivity, Kind: KindEnum, Options: sensitivityOptions, Question: "How sensitive is the data involved?", Example: "confidential"},
	{Name: FieldRegulated, Kind: KindBool, Options: boolOptions, Question: "Do finance, health, legal, employment or public-sector rules apply?", Example: "no"},
	{Name: FieldMLSkill, Kind: KindEnum, Options: skillOptions, Question: "Can the team run model training, evaluations and MLOps?", Example: "some: a person or two"},
	{Name: FieldBudget, Kind: KindNumber, Max: MaxBudget, Question: "What one-off budget is available?", Example: "$50k"},
	{Name: FieldTimelineWeeks, Kind: KindNumber, Max: MaxTimelineWeeks, MinOpen: true, Question: "In how many weeks must it be live?", Example: "6 weeks"},
	{Name: FieldRulesExpressible, Kind: KindBool, Options: boolOptions, Question: "Could fixed rules, or classic ML on structured data, do the job?", Example: "no"},
	{Name: FieldSelfHostingOK, Kind: KindBool, Options: boolOptions, Question: "May open-weight models be run in-house?", Example: "yes"},
}

// fieldIndex finds a field by name; the table is small, so a linear scan
// beats a map and allocates nothing.
func fieldIndex(name string) int {
	for i := range fieldTable {
		if fieldTable[i].Name == name {
			return i
		}
	}
	return -1
}

// Fields returns the profile fields in JSON order. The slice is a copy; the
// Options slices are shared and must not be modified.
func Fields() []Field {
	out := make([]Field, len(fieldTable))
	copy(out, fieldTable[:])
	return out
}

// LookupField returns the field named name.
func LookupField(name string) (Field, bool) {
	i := fieldIndex(name)
	if i < 0 {
		return Field{}, false
	}
	return fieldTable[i], true
}

// Known reports whether the named field has a value. Unknown names report false.
func (u *UseCase) Known(name string) bool {
	i := fieldIndex(name)
	if i < 0 {
		return false
	}
	var v Value
	return u.load(&fieldTable[i], &v)
}

// Clear makes the named field unknown again. Unknown names are ignored.
func (u *UseCase) Clear(name string) {
	i := fieldIndex(name)
	if i < 0 {
		return
	}
	switch fieldTable[i].Kind {
	case KindInt:
		u.setInt(name, nil)
	case KindNumber:
		u.setNumber(name, nil)
	case KindBool:
		u.setBool(name, nil)
	default:
		u.setText(name, "")
	}
}

// Values returns the profile's known values in field order.
func (u *UseCase) Values() []Value {
	var out []Value
	for i := range fieldTable {
		if u.Known(fieldTable[i].Name) {
			out = append(out, u.value(&fieldTable[i]))
		}
	}
	return out
}

// Clone returns a copy of u that shares no memory with it.
func (u UseCase) Clone() UseCase {
	c := u
	for _, v := range u.Values() {
		if f := fieldTable[fieldIndex(v.Field)]; f.Kind != KindText && f.Kind != KindEnum {
			_ = c.Set(v) // v came from a valid profile, so Set accepts it
		}
	}
	return c
}
