package advisor

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseAnswerNumbers(t *testing.T) {
	tests := []struct {
		field string
		in    string
		want  float64
	}{
		// Plain numbers, separators, suffixes and words.
		{FieldMonthlyVolume, "5k", 5000},
		{FieldMonthlyVolume, "5K", 5000},
		{FieldMonthlyVolume, "5 k", 5000},
		{FieldMonthlyVolume, "2.5k", 2500},
		{FieldMonthlyVolume, "1.2M", 1_200_000},
		{FieldMonthlyVolume, "1.2 million", 1_200_000},
		{FieldMonthlyVolume, "3 thousand", 3000},
		{FieldMonthlyVolume, "20,000", 20000},
		{FieldMonthlyVolume, "20 000", 20000},
		{FieldMonthlyVolume, "20\u00a0000", 20000},
		{FieldMonthlyVolume, "20\u202f000", 20000},
		{FieldMonthlyVolume, "1_000", 1000},
		{FieldMonthlyVolume, "1,234,567", 1_234_567},
		{FieldMonthlyVolume, "  300.  ", 300},
		{FieldMonthlyVolume, "0", 0},
		{FieldMonthlyVolume, "zero", 0},
		{FieldMonthlyVolume, "about 300", 300},
		{FieldMonthlyVolume, "~300", 300},
		{FieldMonthlyVolume, "~ 300", 300},
		{FieldMonthlyVolume, "around 300", 300},
		{FieldMonthlyVolume, "roughly 300", 300},
		{FieldMonthlyVolume, "approx. 300", 300},
		{FieldMonthlyVolume, "approx.300", 300},
		{FieldMinutesPerTask, ".5", 0.5},
		{FieldMonthlyVolume, "approximately 300!", 300},
		{FieldMonthlyVolume, "at least 300", 300},
		{FieldMonthlyVolume, "<=300", 300},
		{FieldMonthlyVolume, "< 300", 300},
		{FieldMonthlyVolume, "up to 300", 300},
		{FieldMonthlyVolume, "more than 300", 300},
		{FieldMonthlyVolume, "300+", 300},
		{FieldMonthlyVolume, "300ish", 300},
		{FieldMonthlyVolume, "300-ish", 300},
		{FieldMonthlyVolume, "300 or so", 300},
		{FieldMonthlyVolume, "300, give or take", 300},
		{FieldMonthlyVolume, "twelve", 12},
		{FieldMonthlyVolume, "a dozen", 12},
		{FieldMonthlyVolume, "three dozen", 36},
		{FieldMonthlyVolume, "twenty", 20},
		{FieldMonthlyVolume, "twenty-five", 25},
		{FieldMonthlyVolume, "twenty five thousand", 25000},
		{FieldMonthlyVolume, "a hundred", 100},
		{FieldMonthlyVolume, "two hundred and fifty", 250},
		{FieldMonthlyVolume, "two thousand five hundred", 2500},
		{FieldMonthlyVolume, "1 million 200 thousand", 1_200_000},
		{FieldMonthlyVolume, "a couple", 2},
		{FieldMonthlyVolume, "a couple of thousand", 2000},
		{FieldMonthlyVolume, "a few hundred", 300},
		{FieldMonthlyVolume, "several hundred", 300},
		{FieldMonthlyVolume, "half a million", 500_000},
		{FieldMonthlyVolume, "two and a half thousand", 2500},
		{FieldMonthlyVolume, "thousands", 2000},
		{FieldMonthlyVolume, "tens of thousands", 20000},
		{FieldMonthlyVolume, "2-3k", 2500},
		{FieldMonthlyVolume, "2k-3k", 2500},
		{FieldMonthlyVolume, "500-1k", 750},
		{FieldMonthlyVolume, "200 to 300", 250},
		{FieldMonthlyVolume, "between 200 and 300", 250},
		{FieldMonthlyVolume, "50 or 60", 55},
		// Rates become items per month: 365/12 days, 260/12 working days,
		// 52/12 weeks, 2080/12 working hours.
		{FieldMonthlyVolume, "20,000 a month", 20000},
		{FieldMonthlyVolume, "5000 monthly", 5000},
		{FieldMonthlyVolume, "5000 per mo", 5000},
		{FieldMonthlyVolume, "5000/month", 5000},
		{FieldMonthlyVolume, "about 300/day", 9125},
		{FieldMonthlyVolume, "300 a day", 9125},
		{FieldMonthlyVolume, "300 per day", 9125},
		{FieldMonthlyVolume, "300 daily", 9125},
		{FieldMonthlyVolume, "300 each day", 9125},
		{FieldMonthlyVolume, "300 every day", 9125},
		{FieldMonthlyVolume, "300/d", 9125},
		{FieldMonthlyVolume, "100 per working day", 2167},
		{FieldMonthlyVolume, "100 per business day", 2167},
		{FieldMonthlyVolume, "100 each weekday", 2167},
		{FieldMonthlyVolume, "100 on weekdays", 2167},
		{FieldMonthlyVolume, "2k per week", 8667},
		{FieldMonthlyVolume, "2000 a week", 8667},
		{FieldMonthlyVolume, "2000 weekly", 8667},
		{FieldMonthlyVolume, "2000 per wk", 8667},
		{FieldMonthlyVolume, "2000/w", 8667},
		{FieldMonthlyVolume, "about 2,000 tickets a week", 8667},
		{FieldMonthlyVolume, "About 2,000 support tickets a week.", 8667},
		{FieldMonthlyVolume, "2,000 emails a week or so", 8667},
		{FieldMonthlyVolume, "1000 every two weeks", 2167},
		{FieldMonthlyVolume, "1000 every other week", 2167},
		{FieldMonthlyVolume, "12000 a year", 1000},
		{FieldMonthlyVolume, "12000 annually", 1000},
		{FieldMonthlyVolume, "12000 per annum", 1000},
		{FieldMonthlyVolume, "12000 yearly", 1000},
		{FieldMonthlyVolume, "12000/yr", 1000},
		{FieldMonthlyVolume, "300 a quarter", 100},
		{FieldMonthlyVolume, "10 per hour", 1733},
		{FieldMonthlyVolume, "50 requests/hour", 8667},
		{FieldMonthlyVolume, "500 invoices per day", 15208},
		{FieldMonthlyVolume, "3 times a week", 13},
		{FieldMonthlyVolume, "once a month", 1},
		{FieldMonthlyVolume, "hundreds a day", 6083},
		{FieldMonthlyVolume, "thousands of tickets a month", 2000},
		{FieldMonthlyVolume, "2.5", 3},

		{FieldLabeledExamples, "500", 500},
		{FieldLabeledExamples, "about 2k", 2000},
		{FieldLabeledExamples, "none", 0},
		{FieldLabeledExamples, "None.", 0},
		{FieldLabeledExamples, "no", 0},
		{FieldLabeledExamples, "zero", 0},
		{FieldLabeledExamples, "0", 0},
		{FieldLabeledExamples, "not yet", 0},
		{FieldLabeledExamples, "a few hundred", 300},
		{FieldLabeledExamples, "a handful", 5},
		{FieldLabeledExamples, "a handful of examples", 5},
		{FieldLabeledExamples, "thousands", 2000},
		{FieldLabeledExamples, "hundreds", 200},
		{FieldLabeledExamples, "dozens", 24},
		{FieldLabeledExamples, "hundreds of thousands", 200_000},
		{FieldLabeledExamples, "500 labeled examples", 500},
		{FieldLabeledExamples, "1.5k pairs so far", 1500},

		{FieldMinutesPerTask, "6", 6},
		{FieldMinutesPerTask, "0.5", 0.5},
		{FieldMinutesPerTask, "6 min", 6},
		{FieldMinutesPerTask, "6min", 6},
		{FieldMinutesPerTask, "6 minutes", 6},
		{FieldMinutesPerTask, "6 m", 6},
		{FieldMinutesPerTask, "90 seconds", 1.5},
		{FieldMinutesPerTask, "90s", 1.5},
		{FieldMinutesPerTask, "90 sec", 1.5},
		{FieldMinutesPerTask, "1.5 hours", 90},
		{FieldMinutesPerTask, "2h", 120},
		{FieldMinutesPerTask, "1 hour", 60},
		{FieldMinutesPerTask, "an hour", 60},
		{FieldMinutesPerTask, "one hour", 60},
		{FieldMinutesPerTask, "half an hour", 30},
		{FieldMinutesPerTask, "a half hour", 30},
		{FieldMinutesPerTask, "a minute", 1},
		{FieldMinutesPerTask, "1h30", 90},
		{FieldMinutesPerTask, "1h 30m", 90},
		{FieldMinutesPerTask, "1 hour 30 minutes", 90},
		{FieldMinutesPerTask, "1 hour and 30 minutes", 90},
		{FieldMinutesPerTask, "an hour and a half", 90},
		{FieldMinutesPerTask, "one and a half hours", 90},
		{FieldMinutesPerTask, "a quarter of an hour", 15},
		{FieldMinutesPerTask, "three quarters of an hour", 45},
		{FieldMinutesPerTask, "5m30s", 5.5},
		{FieldMinutesPerTask, "5m30", 5.5},
		{FieldMinutesPerTask, "5-10 minutes", 7.5},
		{FieldMinutesPerTask, "between 5 and 10 min", 7.5},
		{FieldMinutesPerTask, "a couple of minutes", 2},
		{FieldMinutesPerTask, "a few seconds", 0.05},
		{FieldMinutesPerTask, "about 6 minutes per ticket", 6},
		{FieldMinutesPerTask, "6 min each", 6},
		{FieldMinutesPerTask, "6 minutes each ticket", 6},
		{FieldMinutesPerTask, "6 minutes a ticket", 6},
		{FieldMinutesPerTask, "6 minutes on average", 6},
		{FieldMinutesPerTask, "it takes about 6 minutes", 6},
		{FieldMinutesPerTask, "2 days", 960},
		{FieldMinutesPerTask, "100 seconds", 1.67},

		{FieldHourlyCost, "$45/h", 45},
		{FieldHourlyCost, "$45 / h", 45},
		{FieldHourlyCost, "45 dollars an hour", 45},
		{FieldHourlyCost, "45/hour", 45},
		{FieldHourlyCost, "€60 per hour", 60},
		{FieldHourlyCost, "£50/hr", 50},
		{FieldHourlyCost, "USD 45", 45},
		{FieldHourlyCost, "45 usd", 45},
		{FieldHourlyCost, "45€", 45},
		{FieldHourlyCost, "45", 45},
		{FieldHourlyCost, "45.50", 45.5},
		{FieldHourlyCost, "about $45 an hour, fully loaded", 45},
		{FieldHourlyCost, "$45 hourly", 45},
		{FieldHourlyCost, "$90k a year", 43.27},
		{FieldHourlyCost, "90k per year", 43.27},
		{FieldHourlyCost, "$90,000 annually", 43.27},
		{FieldHourlyCost, "90k salary", 43.27},
		{FieldHourlyCost, "$400/day", 50},
		{FieldHourlyCost, "$2,000 a week", 50},
		{FieldHourlyCost, "$8,000 a month", 46.15},
		{FieldHourlyCost, "£50ph", 50},
		{FieldHourlyCost, "£40k pa", 19.23},
		{FieldHourlyCost, "£40k p.a.", 19.23},
		{FieldHourlyCost, "$120k/yr fully loaded", 57.69},

		{FieldBudget, "$50k", 50000},
		{FieldBudget, "50,000", 50000},
		{FieldBudget, "50k USD", 50000},
		{FieldBudget, "1.2M", 1_200_000},
		{FieldBudget, "€30k", 30000},
		{FieldBudget, "50 grand", 50000},
		{FieldBudget, "$50k one-off", 50000},
		{FieldBudget, "about $50k in total", 50000},
		{FieldBudget, "$1.5bn", 1.5e9},
		{FieldBudget, "none", 0},
		{FieldBudget, "no budget", 0},
		{FieldBudget, "No budget!", 0},
		{FieldBudget, "zero", 0},
		{FieldBudget, "nothing", 0},
		{FieldBudget, "$0", 0},

		// Weeks: days ÷ 7, working days ÷ 5, months × 52/12, quarters 13, years 52.
		{FieldTimelineWeeks, "6", 6},
		{FieldTimelineWeeks, "6 weeks", 6},
		{FieldTimelineWeeks, "6w", 6},
		{FieldTimelineWeeks, "two weeks", 2},
		{FieldTimelineWeeks, "a fortnight", 2},
		{FieldTimelineWeeks, "3 months", 13},
		{FieldTimelineWeeks, "a month", 4.33},
		{FieldTimelineWeeks, "within 2 months", 8.67},
		{FieldTimelineWeeks, "a quarter", 13},
		{FieldTimelineWeeks, "half a year", 26},
		{FieldTimelineWeeks, "6 months", 26},
		{FieldTimelineWeeks, "1 year", 52},
		{FieldTimelineWeeks, "a year", 52},
		{FieldTimelineWeeks, "1.5 years", 78},
		{FieldTimelineWeeks, "10 days", 1.43},
		{FieldTimelineWeeks, "10 business days", 2},
		{FieldTimelineWeeks, "in 6 weeks", 6},
		{FieldTimelineWeeks, "6 weeks from now", 6},
		{FieldTimelineWeeks, "2-3 weeks", 2.5},
		{FieldTimelineWeeks, "1 month and 2 weeks", 6.33},
	}
	for _, tt := range tests {
		v, err := ParseAnswer(tt.field, tt.in)
		if err != nil {
			t.Errorf("ParseAnswer(%q, %q): %v", tt.field, tt.in, err)
			continue
		}
		if v.Field != tt.field || v.Number != tt.want || v.Text != "" || v.Bool {
			t.Errorf("ParseAnswer(%q, %q) = %+v, want Number %v", tt.field, tt.in, v, tt.want)
		}
	}
}

func TestParseAnswerBools(t *testing.T) {
	yes := []string{
		"yes", "Yes.", "YES!", "y", "yeah", "yep", "yup", "sure", "true", "correct", "of course", "definitely",
		"absolutely", "ok", "okay", "yes we do", "Yes, we do.", "yes, always", "of course we do",
		"probably yes", "yes please", "I think so", "well, yes",
	}
	no := []string{
		"no", "No.", "n", "nope", "nah", "false", "not really", "never", "none", "not at all", "no we don't",
		"No, never.", "nope, not needed", "absolutely not", "probably not", "definitely not", "I don't think so",
	}
	for _, field := range []string{FieldHumanReview, FieldCitationsRequired, FieldRegulated, FieldRulesExpressible, FieldSelfHostingOK} {
		for _, in := range yes {
			if v, err := ParseAnswer(field, in); err != nil || !v.Bool || v.Field != field {
				t.Errorf("ParseAnswer(%q, %q) = %+v, %v; want yes", field, in, v, err)
			}
		}
		for _, in := range no {
			if v, err := ParseAnswer(field, in); err != nil || v.Bool || v.Field != field {
				t.Errorf("ParseAnswer(%q, %q) = %+v, %v; want no", field, in, v, err)
			}
		}
	}
}

func TestParseAnswerChoices(t *testing.T) {
	tests := []struct {
		field, in, want string
	}{
		{FieldAccuracy, "high", "high"},
		{FieldAccuracy, "High", "high"},
		{FieldAccuracy, " HIGH. ", "high"},
		{FieldAccuracy, "crit", "critical"},
		{FieldAccuracy, "c", "critical"},
		{FieldAccuracy, "very high", "critical"},
		{FieldAccuracy, "mission critical", "critical"},
		{FieldAccuracy, "mission-critical", "critical"},
		{FieldAccuracy, "life or death", "critical"},
		{FieldAccuracy, "it must be perfect", "critical"},
		{FieldAccuracy, "zero tolerance", "critical"},
		{FieldAccuracy, "important", "high"},
		{FieldAccuracy, "high stakes", "high"},
		{FieldAccuracy, "high-stakes", "high"},
		{FieldAccuracy, "I think it's high", "high"},
		{FieldAccuracy, "moderate", "medium"},
		{FieldAccuracy, "normal", "medium"},
		{FieldAccuracy, "average", "medium"},
		{FieldAccuracy, "med", "medium"},
		{FieldAccuracy, "minor", "low"},
		{FieldAccuracy, "not much", "low"},
		{FieldAccuracy, "low stakes", "low"},

		{FieldTask, "classify", "classify"},
		{FieldTask, "classification", "classify"},
		{FieldTask, "categorize", "classify"},
		{FieldTask, "route", "classify"},
		{FieldTask, "triage", "classify"},
		{FieldTask, "tag", "classify"},
		{FieldTask, "extraction", "extract"},
		{FieldTask, "parse", "extract"},
		{FieldTask, "summary", "summarize"},
		{FieldTask, "summarise", "summarize"},
		{FieldTask, "sum", "summarize"},
		{FieldTask, "write", "draft"},
		{FieldTask, "generate", "draft"},
		{FieldTask, "compose", "draft"},
		{FieldTask, "q&a", "answer"},
		{FieldTask, "Q & A", "answer"},
		{FieldTask, "questions", "answer"},
		{FieldTask, "faq", "answer"},
		{FieldTask, "chat", "converse"},
		{FieldTask, "conversation", "converse"},
		{FieldTask, "coding", "code"},
		{FieldTask, "programming", "code"},
		{FieldTask, "translation", "translate"},
		{FieldTask, "decision", "decide"},
		{FieldTask, "approve", "decide"},
		{FieldTask, "approval", "decide"},
		{FieldTask, "other", "other"},

		{FieldKnowledge, "none", "none"},
		{FieldKnowledge, "no", "none"},
		{FieldKnowledge, "nothing", "none"},
		{FieldKnowledge, "private_changing", "private_changing"},
		{FieldKnowledge, "private changing", "private_changing"},
		{FieldKnowledge, "Private-Changing", "private_changing"},
		{FieldKnowledge, "private-static", "private_static"},
		{FieldKnowledge, "private s", "private_static"},
		{FieldKnowledge, "internal docs that change", "private_changing"},
		{FieldKnowledge, "changes often", "private_changing"},
		{FieldKnowledge, "changing", "private_changing"},
		{FieldKnowledge, "static", "private_static"},
		{FieldKnowledge, "fixed internal docs", "private_static"},
		{FieldKnowledge, "public", "public"},
		{FieldKnowledge, "web", "public"},
		{FieldKnowledge, "general knowledge", "public"},

		{FieldPromptBaseline, "not yet", "untried"},
		{FieldPromptBaseline, "no", "untried"},
		{FieldPromptBaseline, "haven't tried", "untried"},
		{FieldPromptBaseline, "never", "untried"},
		{FieldPromptBaseline, "works", "good_enough"},
		{FieldPromptBaseline, "good", "good_enough"},
		{FieldPromptBaseline, "good enough", "good_enough"},
		{FieldPromptBaseline, "good_enough", "good_enough"},
		{FieldPromptBaseline, "fine", "good_enough"},
		{FieldPromptBaseline, "yes it works", "good_enough"},
		{FieldPromptBaseline, "Yes, it works!", "good_enough"},
		{FieldPromptBaseline, "stuck", "plateaued"},
		{FieldPromptBaseline, "plateau", "plateaued"},
		{FieldPromptBaseline, "not good enough", "plateaued"},
		{FieldPromptBaseline, "tried but", "plateaued"},
		{FieldPromptBaseline, "tried, but it wasn't good enough", "plateaued"},

		{FieldLatency, "realtime", "realtime"},
		{FieldLatency, "real-time", "realtime"},
		{FieldLatency, "real time", "realtime"},
		{FieldLatency, "instant", "realtime"},
		{FieldLatency, "sub-second", "realtime"},
		{FieldLatency, "interactive", "interactive"},
		{FieldLatency, "seconds", "interactive"},
		{FieldLatency, "a few seconds", "interactive"},
		{FieldLatency, "batch", "batch"},
		{FieldLatency, "overnight", "batch"},
		{FieldLatency, "offline", "batch"},
		{FieldLatency, "hours", "batch"},
		{FieldLatency, "daily", "batch"},

		{FieldDataSensitivity, "public", "public"},
		{FieldDataSensitivity, "internal", "internal"},
		{FieldDataSensitivity, "internal only", "internal"},
		{FieldDataSensitivity, "confidential", "confidential"},
		{FieldDataSensitivity, "restricted", "restricted"},
		{FieldDataSensitivity, "secret", "restricted"},
		{FieldDataSensitivity, "highly confidential", "restricted"},
		{FieldDataSensitivity, "PII", "restricted"},
		{FieldDataSensitivity, "PHI", "restricted"},
		{FieldDataSensitivity, "health data", "restricted"},
		{FieldDataSensitivity, "not sensitive", "internal"},

		{FieldMLSkill, "none", "none"},
		{FieldMLSkill, "no", "none"},
		{FieldMLSkill, "no ML", "none"},
		{FieldMLSkill, "some", "some"},
		{FieldMLSkill, "a bit", "some"},
		{FieldMLSkill, "basic", "some"},
		{FieldMLSkill, "strong", "strong"},
		{FieldMLSkill, "expert", "strong"},
		{FieldMLSkill, "yes, ML team", "strong"},

		{FieldDomain, "general", "general"},
		{FieldDomain, "everyday", "general"},
		{FieldDomain, "specialized", "specialized"},
		{FieldDomain, "specialised", "specialized"},
		{FieldDomain, "jargon", "specialized"},
		{FieldDomain, "technical", "specialized"},
		{FieldDomain, "niche", "niche"},
		{FieldDomain, "very specialized", "niche"},
		{FieldDomain, "unusual", "niche"},
		{FieldDomain, "rare language", "niche"},

		{FieldOutputConsistency, "flexible", "flexible"},
		{FieldOutputConsistency, "free form", "flexible"},
		{FieldOutputConsistency, "free-form", "flexible"},
		{FieldOutputConsistency, "loose", "flexible"},
		{FieldOutputConsistency, "consistent", "consistent"},
		{FieldOutputConsistency, "same style", "consistent"},
		{FieldOutputConsistency, "strict", "strict"},
		{FieldOutputConsistency, "exact schema", "strict"},
		{FieldOutputConsistency, "JSON", "strict"},
		{FieldOutputConsistency, "fixed format", "strict"},
		{FieldOutputConsistency, "JSON schema", "strict"},
	}
	for _, tt := range tests {
		v, err := ParseAnswer(tt.field, tt.in)
		if err != nil {
			t.Errorf("ParseAnswer(%q, %q): %v", tt.field, tt.in, err)
			continue
		}
		if v.Field != tt.field || v.Text != tt.want || v.Number != 0 || v.Bool {
			t.Errorf("ParseAnswer(%q, %q) = %+v, want Text %q", tt.field, tt.in, v, tt.want)
		}
	}
}

func TestParseAnswerText(t *testing.T) {
	v, err := ParseAnswer(FieldDescription, "  Route tickets.\nQuickly!  ")
	if err != nil || v.Text != "Route tickets.\nQuickly!" || v.Field != FieldDescription {
		t.Errorf("description = %+v, %v", v, err)
	}
	v, err = ParseAnswer(FieldTitle, strings.Repeat("é", MaxTitleLen))
	if err != nil || utf8.RuneCountInString(v.Text) != MaxTitleLen {
		t.Errorf("title at the limit = %v", err)
	}
}

func TestParseAnswerRejects(t *testing.T) {
	tests := []struct {
		field, in string
		reason    string // a part of the reason; "" checks only that it fails
	}{
		{FieldMonthlyVolume, "", "empty"},
		{FieldMonthlyVolume, "   ", "empty"},
		{FieldMonthlyVolume, "lots", `could not read "lots" as a number of items per month`},
		{FieldMonthlyVolume, "10-5", "could not read"},
		{FieldMonthlyVolume, "5 thousand to 10", "could not read"},
		{FieldMonthlyVolume, "a lot", ""},
		{FieldMonthlyVolume, "many", ""},
		{FieldMonthlyVolume, "a", ""},
		{FieldMonthlyVolume, "k", ""},
		{FieldMonthlyVolume, "half", ""},
		{FieldMonthlyVolume, "1e", ""},
		{FieldMonthlyVolume, "2000 a", ""},
		{FieldMonthlyVolume, "twenty twenty", ""},
		{FieldMonthlyVolume, "-5", "negative"},
		{FieldMonthlyVolume, "−5", "negative"},
		{FieldMonthlyVolume, "about -5", "negative"},
		{FieldMonthlyVolume, "NaN", ""},
		{FieldMonthlyVolume, "Inf", ""},
		{FieldMonthlyVolume, "+Inf", ""},
		{FieldMonthlyVolume, "1e9", ""},
		{FieldMonthlyVolume, "0x10", ""},
		{FieldMonthlyVolume, strings.Repeat("9", 190), "at most"},
		{FieldMonthlyVolume, strings.Repeat("9", 30), "at most"},
		{FieldMonthlyVolume, "2 billion", "at most"},
		{FieldMonthlyVolume, "1,5", "dot for decimals"},
		{FieldMonthlyVolume, "20,00", "dot for decimals"},
		{FieldMonthlyVolume, "20.000", "thousands separator"},
		{FieldMonthlyVolume, "1.000.000", "thousands separator"},
		{FieldMonthlyVolume, "5 10", ""},
		{FieldMonthlyVolume, "300 minutes", ""},
		{FieldMonthlyVolume, "$300", ""},
		{FieldMonthlyVolume, "300 per minute", ""},
		{FieldMonthlyVolume, "50%", ""},
		{FieldMonthlyVolume, "not sure", "skip"},
		{FieldMonthlyVolume, "I don't know", "skip"},
		{FieldMonthlyVolume, strings.Repeat("1 ", 150), "a few words"},

		{FieldLabeledExamples, "2.5", "whole number"},
		{FieldLabeledExamples, "500 a week", "not a rate"},
		{FieldLabeledExamples, "some", ""},
		{FieldLabeledExamples, "lots", ""},

		{FieldMinutesPerTask, "6 minutes a day", "how long one item takes"},
		{FieldMinutesPerTask, "1:30", ""},
		{FieldMinutesPerTask, "quick", ""},
		{FieldMinutesPerTask, "5 10 minutes", ""},
		{FieldMinutesPerTask, "30 minutes 1 hour", ""},
		{FieldMinutesPerTask, "1 hour 1 hour", ""},
		{FieldMinutesPerTask, "6 kg", ""},
		{FieldMinutesPerTask, "an", ""},
		{FieldMinutesPerTask, "100 days", "at most"},

		{FieldHourlyCost, "$90k", `add "a year"`},
		{FieldHourlyCost, "lots", "cost per hour"},
		{FieldHourlyCost, "-45", "negative"},
		{FieldHourlyCost, "-$45", "negative"},
		{FieldHourlyCost, "$-45", "negative"},
		{FieldHourlyCost, "45 per kg", ""},

		{FieldBudget, "$5k a month", "one-off"},
		{FieldBudget, "n/a", ""},
		{FieldBudget, "plenty", ""},
		{FieldBudget, "2 trillion", ""},

		{FieldTimelineWeeks, "asap", "not a length of time"},
		{FieldTimelineWeeks, "ASAP!", "not a length of time"},
		{FieldTimelineWeeks, "next month", "not a length of time"},
		{FieldTimelineWeeks, "by Q3", "not a length of time"},
		{FieldTimelineWeeks, "0", "more than 0"},
		{FieldTimelineWeeks, "0 weeks", "more than 0"},
		{FieldTimelineWeeks, "6m", ""},
		{FieldTimelineWeeks, "by march", ""},
		{FieldTimelineWeeks, "1000 weeks", "at most"},
		{FieldTimelineWeeks, "20 years", "at most"},

		{FieldHumanReview, "maybe", "answer skip"},
		{FieldHumanReview, "not sure", "answer skip"},
		{FieldHumanReview, "don't know", "answer skip"},
		{FieldHumanReview, "I don’t know", "answer skip"},
		{FieldHumanReview, "no idea", "answer skip"},
		{FieldHumanReview, "sometimes", "not a clear yes or no"},
		{FieldHumanReview, "yes and no", "not a clear yes or no"},
		{FieldHumanReview, "yes but not always", "not a clear yes or no"},
		{FieldHumanReview, "yes, but only for refunds", "both yes and no"},
		{FieldHumanReview, "banana", `could not read "banana" as yes or no`},
		{FieldHumanReview, "1", ""},
		{FieldHumanReview, "👍", ""},
		{FieldHumanReview, "?", ""},

		{FieldAccuracy, "banana", `"Low: easy to spot and fix", "Medium: some rework or annoyance", "High: it costs money or trust", "Critical: harm, legal or safety risk"`},
		{FieldAccuracy, "not critical", ""},
		{FieldAccuracy, "2", ""},
		{FieldKnowledge, "private", `could mean "Our own documents, which rarely change" or "Our own documents, which change"`},
		{FieldKnowledge, "internal docs", ""},
		{FieldKnowledge, "p", "could mean"},
		{FieldTask, "c", `could mean "Sort, tag or route items" or "Hold a conversation" or "Write or change code"`},
		{FieldLatency, "not sure", "skip"},
		{FieldDataSensitivity, "none", ""},
		{FieldDataSensitivity, "...", ""},

		{FieldTitle, "", "empty"},
		{FieldTitle, strings.Repeat("x", MaxTitleLen+1), "201 characters"},
		{FieldDepartment, "\xff\xfe", "UTF-8"},
	}
	for _, tt := range tests {
		v, err := ParseAnswer(tt.field, tt.in)
		var ae *AnswerError
		if !errors.As(err, &ae) {
			t.Errorf("ParseAnswer(%q, %q) = %+v, %v; want an *AnswerError", tt.field, tt.in, v, err)
			continue
		}
		f, _ := LookupField(tt.field)
		if ae.Field != tt.field || ae.Example != f.Example || !strings.Contains(err.Error(), `try something like "`+f.Example+`"`) {
			t.Errorf("ParseAnswer(%q, %q) error %#v does not name the field and its example", tt.field, tt.in, ae)
		}
		if !strings.Contains(ae.Reason, tt.reason) {
			t.Errorf("ParseAnswer(%q, %q) reason %q, want it to contain %q", tt.field, tt.in, ae.Reason, tt.reason)
		}
		if v != (Value{}) {
			t.Errorf("ParseAnswer(%q, %q) returned %+v with its error", tt.field, tt.in, v)
		}
	}
}

func TestParseAnswerErrorMessage(t *testing.T) {
	_, err := ParseAnswer(FieldMonthlyVolume, "  lots ")
	want := `monthly_volume: could not read "lots" as a number of items per month; try something like "about 2,000 a week"`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}

	long := strings.Repeat("ab", 100)
	_, err = ParseAnswer(FieldTitle, "  "+long+strings.Repeat("c", MaxTitleLen)+"  ")
	var ae *AnswerError
	if !errors.As(err, &ae) {
		t.Fatalf("long title: %v", err)
	}
	if n := utf8.RuneCountInString(ae.Input); n != maxShownRunes || !strings.HasPrefix(ae.Input, "abab") || !strings.HasSuffix(ae.Input, "…") {
		t.Errorf("Input = %q (%d runes), want the first %d runes ending in an ellipsis", ae.Input, n, maxShownRunes)
	}
	if ae.Input != strings.TrimSpace(ae.Input) {
		t.Errorf("Input %q is not trimmed", ae.Input)
	}
}

func TestParseAnswerUnknownField(t *testing.T) {
	for _, tt := range []struct{ field, example string }{
		{"monthly volume", FieldMonthlyVolume},
		{"Monthly-Volume", FieldMonthlyVolume},
		{"budg", FieldBudget},
		{"colour", FieldTitle},
		{"", FieldTitle},
	} {
		_, err := ParseAnswer(tt.field, "5")
		var ae *AnswerError
		if !errors.As(err, &ae) {
			t.Errorf("ParseAnswer(%q) = %v, want an *AnswerError", tt.field, err)
			continue
		}
		if ae.Example != tt.example || !strings.Contains(ae.Reason, "known fields are title, description") || !strings.Contains(err.Error(), tt.example) {
			t.Errorf("ParseAnswer(%q) error %q, want example %q and the known fields", tt.field, err, tt.example)
		}
	}
}

// Every field's Example is shown as an answer that works; it had better.
func TestParseAnswerExamplesParse(t *testing.T) {
	for _, f := range Fields() {
		v, err := ParseAnswer(f.Name, f.Example)
		if err != nil {
			t.Errorf("the example for %s does not parse: %v", f.Name, err)
			continue
		}
		var u UseCase
		if err := u.Set(v); err != nil {
			t.Errorf("the example for %s parses to %+v, which Set refuses: %v", f.Name, v, err)
		}
	}
}

func TestParseEnumSynonymsTable(t *testing.T) {
	for name, syns := range enumSynonyms {
		f, ok := LookupField(name)
		if !ok || f.Kind != KindEnum {
			t.Errorf("synonyms for %q, which is not a choice field", name)
			continue
		}
		for phrase, option := range syns {
			if answerWords(phrase) != phrase {
				t.Errorf("%s synonym %q is not in answerWords form %q, so it can never match", name, phrase, answerWords(phrase))
			}
			if !slices.Contains(f.Options, option) {
				t.Errorf("%s synonym %q maps to %q, which is not an option", name, phrase, option)
			}
			if slices.Contains(f.Options, phrase) && phrase != option {
				t.Errorf("%s synonym %q shadows an option of the same name", name, phrase)
			}
			if stripFillers(phrase) != phrase {
				t.Errorf("%s synonym %q loses words to the filler list and can never match", name, phrase)
			}
		}
	}
}

// FuzzParseAnswer checks the contract for every field: never a panic, and
// either a value the field accepts or an *AnswerError that shows the example.
func FuzzParseAnswer(f *testing.F) {
	for _, s := range []string{
		"5k", "about 2,000 tickets a week", "1h30", "$90k a year", "half an hour", "a few hundred",
		"yes we do", "private changing", "crit", "-5", "20.000", "1,5", "asap", "2-3k", "between 5 and 10",
		"1e308", strings.Repeat("9", 320), "an hour and a half", "a quarter of an hour", "every 0 weeks",
		"\xff", "один", "", "   ", "1 000 000 000 000", "0.0000001", "hundreds of thousands of millions",
	} {
		f.Add(s)
	}
	for _, fl := range fieldTable {
		f.Add(fl.Example)
	}
	names := FieldNames()
	f.Fuzz(func(t *testing.T, text string) {
		for _, name := range names {
			fl := &fieldTable[fieldIndex(name)]
			v, err := ParseAnswer(name, text)
			if err != nil {
				var ae *AnswerError
				if !errors.As(err, &ae) {
					t.Fatalf("ParseAnswer(%q, %q) error %T %v, want *AnswerError", name, text, err, err)
				}
				if !strings.Contains(err.Error(), fl.Example) {
					t.Fatalf("ParseAnswer(%q, %q) error %q does not show the example %q", name, text, err, fl.Example)
				}
				if utf8.RuneCountInString(ae.Input) > maxShownRunes || !utf8.ValidString(ae.Input) {
					t.Fatalf("ParseAnswer(%q, %q) Input %q is not short, valid text", name, text, ae.Input)
				}
				continue
			}
			if v.Field != name {
				t.Fatalf("ParseAnswer(%q, %q) = %+v, for another field", name, text, v)
			}
			if p, ok := fl.check(v); !ok {
				t.Fatalf("ParseAnswer(%q, %q) = %+v, which fails its check: %v", name, text, v, p)
			}
		}
	})
}

func BenchmarkParseAnswer(b *testing.B) {
	answers := [][2]string{
		{FieldMonthlyVolume, "about 2,000 tickets a week"},
		{FieldMinutesPerTask, "an hour and a half"},
		{FieldHourlyCost, "$90k a year"},
		{FieldKnowledge, "internal docs that change"},
		{FieldHumanReview, "yes, we do"},
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range answers {
			if _, err := ParseAnswer(a[0], a[1]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestParseAnswerNeverReturnsNonFinite(t *testing.T) {
	for _, in := range []string{strings.Repeat("9", 400) + " a day", "1" + strings.Repeat("0", 308) + "k"} {
		for _, name := range []string{FieldMonthlyVolume, FieldBudget, FieldHourlyCost, FieldTimelineWeeks, FieldMinutesPerTask} {
			if v, err := ParseAnswer(name, in); err == nil && (math.IsInf(v.Number, 0) || math.IsNaN(v.Number)) {
				t.Errorf("ParseAnswer(%q, %q) = %v", name, in, v.Number)
			}
		}
	}
}

// TestParseAnswerElaborated: people answer in a sentence, not a keyword.
// An answer that names one option, best at its start, is read as that
// option; the rest is elaboration.
func TestParseAnswerElaborated(t *testing.T) {
	tests := []struct {
		field, in, want string
	}{
		{FieldKnowledge, "none, everything is in the ticket", "none"},
		{FieldKnowledge, "None. Everything is in the ticket.", "none"},
		{FieldKnowledge, "nothing, it's all in the email", "none"},
		{FieldKnowledge, "no public info needed", "none"},
		{FieldKnowledge, "private, it changes a lot", "private_changing"},
		{FieldKnowledge, "private - changes every week", "private_changing"},
		{FieldKnowledge, "our own docs, they change every month", "private_changing"},
		{FieldKnowledge, "it's in our wiki, updated weekly", "private_changing"},
		{FieldKnowledge, "internal docs that are updated all the time", "private_changing"},
		{FieldKnowledge, "we look things up in the CRM", "private_changing"},
		{FieldKnowledge, "the price list, which changes often", "private_changing"},
		{FieldKnowledge, "our own docs, they never change", "private_static"},
		{FieldKnowledge, "private, it rarely changes", "private_static"},
		{FieldKnowledge, "the handbook, it's revised once a year", "private_static"},
		{FieldKnowledge, "our policies, they don't change", "private_static"},
		{FieldKnowledge, "public info", "public"},
		{FieldKnowledge, "public, it's on the web", "public"},
		{FieldKnowledge, "general knowledge, nothing internal needed", "public"},
		{FieldKnowledge, "Our own documents, which change", "private_changing"},
		{FieldKnowledge, "our own documents which rarely change", "private_static"},

		{FieldPromptBaseline, "we tried prompting and it plateaued", "plateaued"},
		{FieldPromptBaseline, "tried it, not good enough", "plateaued"},
		{FieldPromptBaseline, "measured, and it falls short", "plateaued"},
		{FieldPromptBaseline, "tested it; it stopped improving at 80%", "plateaued"},
		{FieldPromptBaseline, "good enough already", "good_enough"},
		{FieldPromptBaseline, "we tested it, works well", "good_enough"},
		{FieldPromptBaseline, "yes, it passes our test set", "good_enough"},
		{FieldPromptBaseline, "never tried", "untried"},
		{FieldPromptBaseline, "not yet, we have no test set", "untried"},
		{FieldPromptBaseline, "no, we haven't measured anything", "untried"},

		{FieldOutputConsistency, "strict, it has to match the template", "strict"},
		{FieldOutputConsistency, "strict: JSON for the ERP import", "strict"},
		{FieldOutputConsistency, "not strict, any wording is fine", "flexible"},
		{FieldOutputConsistency, "consistent, our brand voice", "consistent"},
		{FieldOutputConsistency, "it must follow the style guide", "consistent"},
		{FieldOutputConsistency, "flexible, as long as it's polite", "flexible"},

		{FieldDomain, "jargon-heavy", "specialized"},
		{FieldDomain, "lots of jargon", "specialized"},
		{FieldDomain, "specialized, legal terms", "specialized"},
		{FieldDomain, "everyday language, no jargon", "general"},
		{FieldDomain, "general - ordinary customer emails", "general"},
		{FieldDomain, "niche, full of our internal codes", "niche"},
		{FieldDomain, "it's full of internal codes", "niche"},

		{FieldAccuracy, "high, a wrong refund costs money", "high"},
		{FieldAccuracy, "pretty high, customers get angry", "high"},
		{FieldAccuracy, "medium, it's annoying but fixable", "medium"},
		{FieldAccuracy, "low, someone re-sorts it", "low"},
		{FieldAccuracy, "critical - a wrong dose could hurt someone", "critical"},
		{FieldAccuracy, "it could mean a lawsuit", "critical"},

		{FieldLatency, "a few seconds, the customer is waiting", "interactive"},
		{FieldLatency, "overnight is fine", "batch"},
		{FieldLatency, "batch, a daily run is fine", "batch"},
		{FieldLatency, "realtime, during the call", "realtime"},
		{FieldLatency, "instant, as they type", "realtime"},

		{FieldDataSensitivity, "confidential, it has contracts", "confidential"},
		{FieldDataSensitivity, "internal, nothing personal", "internal"},
		{FieldDataSensitivity, "customer data and some PII", "restricted"},
		{FieldDataSensitivity, "public, but some of it is personal data", "restricted"},
		{FieldDataSensitivity, "mostly public stuff", "public"},

		{FieldMLSkill, "some, one data scientist", "some"},
		{FieldMLSkill, "no, nobody on the team", "none"},
		{FieldMLSkill, "strong, we have ML engineers", "strong"},
		{FieldMLSkill, "a bit, a person or two", "some"},

		{FieldTask, "route tickets to the right team", "classify"},
		{FieldTask, "answer questions from the handbook", "answer"},
		{FieldTask, "draft replies to customer questions", "draft"},
		{FieldTask, "translate, support articles into German", "translate"},
		{FieldTask, "extract the totals from invoices", "extract"},
	}
	for _, tt := range tests {
		v, err := ParseAnswer(tt.field, tt.in)
		if err != nil {
			t.Errorf("ParseAnswer(%q, %q): %v", tt.field, tt.in, err)
			continue
		}
		if v.Field != tt.field || v.Text != tt.want {
			t.Errorf("ParseAnswer(%q, %q) = %q, want %q", tt.field, tt.in, v.Text, tt.want)
		}
	}
}

// TestParseAnswerElaboratedBools: yes and no with their reasons.
func TestParseAnswerElaboratedBools(t *testing.T) {
	tests := []struct {
		field, in string
		want      bool
	}{
		{FieldHumanReview, "yes we always check", true},
		{FieldHumanReview, "Yes, a person checks each one", true},
		{FieldHumanReview, "yes, legal signs off on each one", true},
		{FieldHumanReview, "nope, nobody checks them", false},
		{FieldHumanReview, "No, it takes effect directly", false},
		{FieldHumanReview, "no, they go straight out", false},
		{FieldCitationsRequired, "yes, auditors want the source", true},
		{FieldRegulated, "yes, it's banking", true},
		{FieldRulesExpressible, "no, it needs reading free text", false},
		{FieldSelfHostingOK, "yes, we run our own GPUs", true},
	}
	for _, tt := range tests {
		v, err := ParseAnswer(tt.field, tt.in)
		if err != nil || v.Bool != tt.want {
			t.Errorf("ParseAnswer(%q, %q) = %v, %v; want %v", tt.field, tt.in, v.Bool, err, tt.want)
		}
	}
}

// TestParseAnswerElaboratedRejects: an answer that names two options, only
// says what it is not, or hedges is asked again, never guessed.
func TestParseAnswerElaboratedRejects(t *testing.T) {
	tests := []struct {
		field, in string
		reason    string
	}{
		{FieldOutputConsistency, "not strict", "says what it is not"},
		{FieldOutputConsistency, "it isn't strict", "says what it is not"},
		{FieldOutputConsistency, "strict but sometimes flexible", "names both"},
		{FieldOutputConsistency, "strict, or not strict", "says and denies"},
		{FieldKnowledge, "not public", "says what it is not"},
		{FieldKnowledge, "it's not really public", "says what it is not"},
		{FieldKnowledge, "no, it's public", "names both"},
		{FieldKnowledge, "public, and our wiki", "names both"},
		{FieldKnowledge, "our wiki", "could mean"},
		{FieldKnowledge, "internal docs", "could mean"},
		{FieldKnowledge, "maybe our wiki", "skip"},
		{FieldKnowledge, "the ticket has attachments", "not one of the choices"},
		{FieldAccuracy, "not critical", "says what it is not"},
		{FieldAccuracy, "low, it's critical for us", "names both"},
		{FieldAccuracy, "high or critical, it depends", "skip"},
		{FieldLatency, "not realtime", "says what it is not"},
		{FieldLatency, "realtime or batch", "names both"},
		{FieldDomain, "not very technical", "says what it is not"},
		{FieldDomain, "general, and niche", "names both"},
		{FieldPromptBaseline, "we tried", "could mean"},
		{FieldPromptBaseline, "good enough, it plateaued", "names both"},
		{FieldTask, "summarize and translate", "names both"},
		{FieldTask, "we want to classify and extract", "names both"},
		{FieldDataSensitivity, "not confidential", "says what it is not"},
		{FieldMLSkill, "strong, or none", "names both"},
		{FieldHumanReview, "yes, except refunds", "both yes and no"},
	}
	for _, tt := range tests {
		v, err := ParseAnswer(tt.field, tt.in)
		var ae *AnswerError
		if !errors.As(err, &ae) {
			t.Errorf("ParseAnswer(%q, %q) = %+v, %v; want an *AnswerError", tt.field, tt.in, v, err)
			continue
		}
		if !strings.Contains(ae.Reason, tt.reason) {
			t.Errorf("ParseAnswer(%q, %q) reason %q, want it to contain %q", tt.field, tt.in, ae.Reason, tt.reason)
		}
		for _, o := range OptionsOf(tt.field) {
			if strings.Contains(o.Value, "_") && strings.Contains(ae.Reason, o.Value) {
				t.Errorf("ParseAnswer(%q, %q) reason %q names the value %s, not its words", tt.field, tt.in, ae.Reason, o.Value)
			}
		}
	}
}
