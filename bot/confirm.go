package bot

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
)

// One confirmation turn, at most, per assessment: the values read from the
// description that are decisive and uncertain are put to the person
// together ("I read: about 8,700 a month, 3 minutes each. Right?"), rather
// than one "is that right?" per value. "yes" confirms them all; a typed
// correction ("volume is 3k", "no, 5 minutes each") changes what it names
// and confirms the rest.

// confirmation builds the question listing the readings of fields.
func (t *turn) confirmation(fields []string) *Question {
	var rs []Reading
	for _, name := range fields {
		f, ok := advisor.LookupField(name)
		if !ok {
			continue
		}
		for _, v := range t.c.Profile.Values() {
			if v.Field == name {
				rs = append(rs, reading(f, v, t.c.Evidence[name]))
			}
		}
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Value
		if r.Name != "" {
			parts[i] = r.Name + ": " + r.Value
		}
	}
	example := "volume is 3k"
	if len(rs) > 0 {
		example = t.exampleCorrection(rs[0].Field)
	}
	return &Question{
		Field:   FieldConfirm,
		Text:    fmt.Sprintf(msgConfirm, strings.Join(parts, "; "), example),
		Options: []advisor.Option{{Value: "yes", Label: "Yes, that's right"}},
		Example: example,
		Number:  len(t.c.Asked),
		AtMost:  MaxQuestions,
		Confirm: rs,
	}
}

// reading shows one value as a person would say it, with the words it
// was read from when they say it differently ("2,000 a week").
func reading(f advisor.Field, v advisor.Value, evidence string) Reading {
	r := Reading{Field: f.Name, Name: nounOf(f.Name)}
	switch f.Name {
	case advisor.FieldMonthlyVolume:
		r.Name, r.Value = "", "about "+advisor.Count(v.Number)+" a month"
	case advisor.FieldMinutesPerTask:
		r.Name, r.Value = "", asTyped(v.Number)+" minutes each"
	case advisor.FieldHourlyCost:
		r.Name, r.Value = "", advisor.Money(v.Number)+" an hour"
	case advisor.FieldLabeledExamples:
		r.Name, r.Value = "", "about "+advisor.Count(v.Number)+" past examples with their outcome"
	case advisor.FieldBudget:
		r.Value = advisor.Money(v.Number)
	case advisor.FieldTimelineWeeks:
		r.Value = asTyped(v.Number) + " weeks"
	default:
		r.Value = display(f, v)
	}
	if e := strings.TrimSpace(evidence); e != "" && (f.Kind == advisor.KindInt || f.Kind == advisor.KindNumber) && !strings.Contains(r.Value, e) {
		r.Value += fmt.Sprintf(" (from %q)", e)
	}
	return r
}

// nounOf is what people call a field, the word a correction can start
// with ("knowledge is ...").
func nounOf(field string) string {
	if n, ok := preferredNoun[field]; ok {
		return n
	}
	return strings.ReplaceAll(field, "_", " ")
}

// preferredNoun is what a confirmation calls each field; fieldPhrases
// reads each back.
var preferredNoun = map[string]string{
	advisor.FieldTask:              "task",
	advisor.FieldKnowledge:         "knowledge",
	advisor.FieldOutputConsistency: "format",
	advisor.FieldAccuracy:          "cost of a mistake",
	advisor.FieldHumanReview:       "review",
	advisor.FieldCitationsRequired: "sources",
	advisor.FieldDomain:            "language",
	advisor.FieldPromptBaseline:    "prompting so far",
	advisor.FieldLatency:           "speed",
	advisor.FieldDataSensitivity:   "data",
	advisor.FieldRegulated:         "regulated",
	advisor.FieldMLSkill:           "ML skills",
	advisor.FieldRulesExpressible:  "rules",
	advisor.FieldSelfHostingOK:     "self-hosting",
	advisor.FieldBudget:            "budget",
	advisor.FieldTimelineWeeks:     "deadline",
}

// exampleCorrection is a correction of field a person could type: for a
// choice, one of the other answers, so the example never repeats the
// reading.
func (t *turn) exampleCorrection(field string) string {
	switch field {
	case advisor.FieldMonthlyVolume:
		return "volume is 3k"
	case advisor.FieldMinutesPerTask:
		return "it's 5 minutes each"
	case advisor.FieldHourlyCost:
		return "rate is $60/h"
	case advisor.FieldLabeledExamples:
		return "examples: 200"
	}
	current := ""
	for _, v := range t.c.Profile.Values() {
		if v.Field == field {
			current = v.Text
			if f, _ := advisor.LookupField(field); f.Kind == advisor.KindBool {
				current = map[bool]string{true: "yes", false: "no"}[v.Bool]
			}
		}
	}
	for _, o := range advisor.OptionsOf(field) {
		if o.Value != current {
			return nounOf(field) + " is " + strings.ToLower(o.Label)
		}
	}
	f, _ := advisor.LookupField(field)
	return nounOf(field) + " is " + f.Example
}

// asTyped writes a number as people type it: 4.5, not 5; 8,667, not
// 8666.67.
func asTyped(x float64) string {
	if x >= 100 || x == math.Trunc(x) {
		return advisor.Count(x)
	}
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// answerConfirmation applies the reply to a confirmation: "yes" confirms
// every reading; corrections change what they name and confirm the rest.
// It returns a problem to show (and asks again) when the reply names
// nothing it can apply.
func (t *turn) answerConfirmation(text string) (problem string) {
	fields := t.c.Confirming
	done := func(confirmed ...string) {
		for _, f := range confirmed {
			t.c.Inferred = slices.DeleteFunc(t.c.Inferred, func(x string) bool { return x == f })
			t.c.Unverified = slices.DeleteFunc(t.c.Unverified, func(x string) bool { return x == f })
		}
		t.c.Confirming, t.c.Pending = nil, ""
	}
	if confirms(text) {
		done(fields...)
		return ""
	}
	if denies(text) {
		// "no" says something is wrong, not what: a bare "no" must never
		// be read as a value ("none") of the one field shown.
		if len(fields) == 1 {
			return fmt.Sprintf(msgRightValue, t.exampleCorrection(fields[0]))
		}
		return fmt.Sprintf(msgWhichWrong, t.exampleCorrection(fields[0]))
	}
	corrections := readCorrections(strings.TrimSpace(text), fields)
	if len(corrections) == 0 {
		return fmt.Sprintf(msgCorrectionUnread, t.exampleCorrection(fields[0]))
	}
	for _, v := range corrections {
		if err := t.c.Profile.Set(v); err != nil {
			return answerProblem(err)
		}
	}
	done(fields...)
	return ""
}

// denies reports a reply that only says a reading is wrong.
func denies(text string) bool {
	switch normalize(text) {
	case "no", "n", "nope", "nah", "wrong", "not right", "that's wrong", "thats wrong", "no, that's wrong",
		"no thats wrong", "not quite", "no, not quite", "incorrect", "no, wrong":
		return true
	}
	return false
}

// readCorrections reads the values a reply corrects, clause by clause:
// "volume is 3k and 5 minutes each". A clause may name its field ("volume
// is 3k", "knowledge: our wiki, changes weekly"), or state a value the
// description reader recognises ("5 minutes each"), or, when only one
// reading was shown, be the value itself ("3000").
func readCorrections(text string, fields []string) []advisor.Value {
	text = normalize(text)
	for _, lead := range []string{"no,", "no ", "nope,", "not quite,", "actually,", "actually "} {
		text = strings.TrimSpace(strings.TrimPrefix(text, lead))
	}
	var out []advisor.Value
	have := func(f string) bool {
		return slices.ContainsFunc(out, func(v advisor.Value) bool { return v.Field == f })
	}
	for _, clause := range splitClauses(text) {
		if name, value, ok := cutFieldPhrase(clause); ok {
			if v, err := parse.Answer(name, value); err == nil && !have(name) {
				out = append(out, v)
				continue
			}
		}
		res := parse.Description(clause)
		found := false
		for _, v := range res.Profile.Values() {
			if slices.Contains(fields, v.Field) && !have(v.Field) {
				out, found = append(out, v), true
			}
		}
		if !found && len(fields) == 1 {
			if v, err := parse.Answer(fields[0], clause); err == nil && !have(fields[0]) {
				out = append(out, v)
			}
		}
	}
	return out
}

// splitClauses cuts a reply at commas, semicolons and "and".
func splitClauses(text string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' }) {
		for _, c := range strings.Split(part, " and ") {
			if c = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(c), "actually")); c != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

// cutFieldPhrase reads "<field> is <value>", "<field>: <value>" or
// "<field> = <value>".
func cutFieldPhrase(clause string) (field, value string, ok bool) {
	for _, sep := range []string{" is ", ": ", " = ", " are ", " was "} {
		name, rest, found := strings.Cut(clause, sep)
		if !found {
			continue
		}
		name = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(name, "the "), "our "))
		if f, ok := fieldFromPhrase(name); ok {
			return f, strings.TrimSpace(rest), true
		}
	}
	return "", "", false
}
