package parse

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/advisor"
)

func TestAnswerNumbers(t *testing.T) {
	tests := []struct {
		field string
		in    string
		want  float64
	}{
		// Plain numbers, separators, suffixes and words.
		{advisor.FieldMonthlyVolume, "5k", 5000},
		{advisor.FieldMonthlyVolume, "5K", 5000},
		{advisor.FieldMonthlyVolume, "5 k", 5000},
		{advisor.FieldMonthlyVolume, "2.5k", 2500},
		{advisor.FieldMonthlyVolume, "1.2M", 1_200_000},
		{advisor.FieldMonthlyVolume, "1.2 million", 1_200_000},
		{advisor.FieldMonthlyVolume, "3 thousand", 3000},
		{advisor.FieldMonthlyVolume, "20,000", 20000},
		{advisor.FieldMonthlyVolume, "20 000", 20000},
		{advisor.FieldMonthlyVolume, "20\u00a0000", 20000},
		{advisor.FieldMonthlyVolume, "20\u202f000", 20000},
		{advisor.FieldMonthlyVolume, "1_000", 1000},
		{advisor.FieldMonthlyVolume, "1,234,567", 1_234_567},
		{advisor.FieldMonthlyVolume, "  300.  ", 300},
		{advisor.FieldMonthlyVolume, "0", 0},
		{advisor.FieldMonthlyVolume, "zero", 0},
		{advisor.FieldMonthlyVolume, "about 300", 300},
		{advisor.FieldMonthlyVolume, "~300", 300},
		{advisor.FieldMonthlyVolume, "~ 300", 300},
		{advisor.FieldMonthlyVolume, "around 300", 300},
		{advisor.FieldMonthlyVolume, "roughly 300", 300},
		{advisor.FieldMonthlyVolume, "approx. 300", 300},
		{advisor.FieldMonthlyVolume, "approx.300", 300},
		{advisor.FieldMinutesPerTask, ".5", 0.5},
		{advisor.FieldMonthlyVolume, "approximately 300!", 300},
		{advisor.FieldMonthlyVolume, "at least 300", 300},
		{advisor.FieldMonthlyVolume, "<=300", 300},
		{advisor.FieldMonthlyVolume, "< 300", 300},
		{advisor.FieldMonthlyVolume, "up to 300", 300},
		{advisor.FieldMonthlyVolume, "more than 300", 300},
		{advisor.FieldMonthlyVolume, "300+", 300},
		{advisor.FieldMonthlyVolume, "300ish", 300},
		{advisor.FieldMonthlyVolume, "300-ish", 300},
		{advisor.FieldMonthlyVolume, "300 or so", 300},
		{advisor.FieldMonthlyVolume, "300, give or take", 300},
		{advisor.FieldMonthlyVolume, "twelve", 12},
		{advisor.FieldMonthlyVolume, "a dozen", 12},
		{advisor.FieldMonthlyVolume, "three dozen", 36},
		{advisor.FieldMonthlyVolume, "twenty", 20},
		{advisor.FieldMonthlyVolume, "twenty-five", 25},
		{advisor.FieldMonthlyVolume, "twenty five thousand", 25000},
		{advisor.FieldMonthlyVolume, "a hundred", 100},
		{advisor.FieldMonthlyVolume, "two hundred and fifty", 250},
		{advisor.FieldMonthlyVolume, "two thousand five hundred", 2500},
		{advisor.FieldMonthlyVolume, "1 million 200 thousand", 1_200_000},
		{advisor.FieldMonthlyVolume, "a couple", 2},
		{advisor.FieldMonthlyVolume, "a couple of thousand", 2000},
		{advisor.FieldMonthlyVolume, "a few hundred", 300},
		{advisor.FieldMonthlyVolume, "several hundred", 300},
		{advisor.FieldMonthlyVolume, "half a million", 500_000},
		{advisor.FieldMonthlyVolume, "two and a half thousand", 2500},
		{advisor.FieldMonthlyVolume, "thousands", 2000},
		{advisor.FieldMonthlyVolume, "tens of thousands", 20000},
		{advisor.FieldMonthlyVolume, "2-3k", 2500},
		{advisor.FieldMonthlyVolume, "2k-3k", 2500},
		{advisor.FieldMonthlyVolume, "500-1k", 750},
		{advisor.FieldMonthlyVolume, "200 to 300", 250},
		{advisor.FieldMonthlyVolume, "between 200 and 300", 250},
		{advisor.FieldMonthlyVolume, "50 or 60", 55},
		// Rates become items per month: 365/12 days, 260/12 working days,
		// 52/12 weeks, 2080/12 working hours.
		{advisor.FieldMonthlyVolume, "20,000 a month", 20000},
		{advisor.FieldMonthlyVolume, "5000 monthly", 5000},
		{advisor.FieldMonthlyVolume, "5000 per mo", 5000},
		{advisor.FieldMonthlyVolume, "5000/month", 5000},
		{advisor.FieldMonthlyVolume, "about 300/day", 9125},
		{advisor.FieldMonthlyVolume, "300 a day", 9125},
		{advisor.FieldMonthlyVolume, "300 per day", 9125},
		{advisor.FieldMonthlyVolume, "300 daily", 9125},
		{advisor.FieldMonthlyVolume, "300 each day", 9125},
		{advisor.FieldMonthlyVolume, "300 every day", 9125},
		{advisor.FieldMonthlyVolume, "300/d", 9125},
		{advisor.FieldMonthlyVolume, "100 per working day", 2167},
		{advisor.FieldMonthlyVolume, "100 per business day", 2167},
		{advisor.FieldMonthlyVolume, "100 each weekday", 2167},
		{advisor.FieldMonthlyVolume, "100 on weekdays", 2167},
		{advisor.FieldMonthlyVolume, "2k per week", 8667},
		{advisor.FieldMonthlyVolume, "2000 a week", 8667},
		{advisor.FieldMonthlyVolume, "2000 weekly", 8667},
		{advisor.FieldMonthlyVolume, "2000 per wk", 8667},
		{advisor.FieldMonthlyVolume, "2000/w", 8667},
		{advisor.FieldMonthlyVolume, "about 2,000 tickets a week", 8667},
		{advisor.FieldMonthlyVolume, "About 2,000 support tickets a week.", 8667},
		{advisor.FieldMonthlyVolume, "2,000 emails a week or so", 8667},
		{advisor.FieldMonthlyVolume, "1000 every two weeks", 2167},
		{advisor.FieldMonthlyVolume, "1000 every other week", 2167},
		{advisor.FieldMonthlyVolume, "12000 a year", 1000},
		{advisor.FieldMonthlyVolume, "12000 annually", 1000},
		{advisor.FieldMonthlyVolume, "12000 per annum", 1000},
		{advisor.FieldMonthlyVolume, "12000 yearly", 1000},
		{advisor.FieldMonthlyVolume, "12000/yr", 1000},
		{advisor.FieldMonthlyVolume, "300 a quarter", 100},
		{advisor.FieldMonthlyVolume, "10 per hour", 1733},
		{advisor.FieldMonthlyVolume, "50 requests/hour", 8667},
		{advisor.FieldMonthlyVolume, "500 invoices per day", 15208},
		{advisor.FieldMonthlyVolume, "3 times a week", 13},
		{advisor.FieldMonthlyVolume, "once a month", 1},
		{advisor.FieldMonthlyVolume, "hundreds a day", 6083},
		{advisor.FieldMonthlyVolume, "thousands of tickets a month", 2000},
		{advisor.FieldMonthlyVolume, "2.5", 3},

		{advisor.FieldLabeledExamples, "500", 500},
		{advisor.FieldLabeledExamples, "about 2k", 2000},
		{advisor.FieldLabeledExamples, "none", 0},
		{advisor.FieldLabeledExamples, "None.", 0},
		{advisor.FieldLabeledExamples, "no", 0},
		{advisor.FieldLabeledExamples, "zero", 0},
		{advisor.FieldLabeledExamples, "0", 0},
		{advisor.FieldLabeledExamples, "not yet", 0},
		{advisor.FieldLabeledExamples, "a few hundred", 300},
		{advisor.FieldLabeledExamples, "a handful", 5},
		{advisor.FieldLabeledExamples, "a handful of examples", 5},
		{advisor.FieldLabeledExamples, "thousands", 2000},
		{advisor.FieldLabeledExamples, "hundreds", 200},
		{advisor.FieldLabeledExamples, "dozens", 24},
		{advisor.FieldLabeledExamples, "hundreds of thousands", 200_000},
		{advisor.FieldLabeledExamples, "500 labeled examples", 500},
		{advisor.FieldLabeledExamples, "1.5k pairs so far", 1500},

		{advisor.FieldMinutesPerTask, "6", 6},
		{advisor.FieldMinutesPerTask, "0.5", 0.5},
		{advisor.FieldMinutesPerTask, "6 min", 6},
		{advisor.FieldMinutesPerTask, "6min", 6},
		{advisor.FieldMinutesPerTask, "6 minutes", 6},
		{advisor.FieldMinutesPerTask, "6 m", 6},
		{advisor.FieldMinutesPerTask, "90 seconds", 1.5},
		{advisor.FieldMinutesPerTask, "90s", 1.5},
		{advisor.FieldMinutesPerTask, "90 sec", 1.5},
		{advisor.FieldMinutesPerTask, "1.5 hours", 90},
		{advisor.FieldMinutesPerTask, "2h", 120},
		{advisor.FieldMinutesPerTask, "1 hour", 60},
		{advisor.FieldMinutesPerTask, "an hour", 60},
		{advisor.FieldMinutesPerTask, "one hour", 60},
		{advisor.FieldMinutesPerTask, "half an hour", 30},
		{advisor.FieldMinutesPerTask, "a half hour", 30},
		{advisor.FieldMinutesPerTask, "a minute", 1},
		{advisor.FieldMinutesPerTask, "1h30", 90},
		{advisor.FieldMinutesPerTask, "1h 30m", 90},
		{advisor.FieldMinutesPerTask, "1 hour 30 minutes", 90},
		{advisor.FieldMinutesPerTask, "1 hour and 30 minutes", 90},
		{advisor.FieldMinutesPerTask, "an hour and a half", 90},
		{advisor.FieldMinutesPerTask, "one and a half hours", 90},
		{advisor.FieldMinutesPerTask, "a quarter of an hour", 15},
		{advisor.FieldMinutesPerTask, "three quarters of an hour", 45},
		{advisor.FieldMinutesPerTask, "5m30s", 5.5},
		{advisor.FieldMinutesPerTask, "5m30", 5.5},
		{advisor.FieldMinutesPerTask, "5-10 minutes", 7.5},
		{advisor.FieldMinutesPerTask, "between 5 and 10 min", 7.5},
		{advisor.FieldMinutesPerTask, "a couple of minutes", 2},
		{advisor.FieldMinutesPerTask, "a few seconds", 0.05},
		{advisor.FieldMinutesPerTask, "about 6 minutes per ticket", 6},
		{advisor.FieldMinutesPerTask, "6 min each", 6},
		{advisor.FieldMinutesPerTask, "6 minutes each ticket", 6},
		{advisor.FieldMinutesPerTask, "6 minutes a ticket", 6},
		{advisor.FieldMinutesPerTask, "6 minutes on average", 6},
		{advisor.FieldMinutesPerTask, "it takes about 6 minutes", 6},
		{advisor.FieldMinutesPerTask, "2 days", 960},
		{advisor.FieldMinutesPerTask, "100 seconds", 1.67},

		{advisor.FieldHourlyCost, "$45/h", 45},
		{advisor.FieldHourlyCost, "$45 / h", 45},
		{advisor.FieldHourlyCost, "45 dollars an hour", 45},
		{advisor.FieldHourlyCost, "45/hour", 45},
		{advisor.FieldHourlyCost, "€60 per hour", 60},
		{advisor.FieldHourlyCost, "£50/hr", 50},
		{advisor.FieldHourlyCost, "USD 45", 45},
		{advisor.FieldHourlyCost, "45 usd", 45},
		{advisor.FieldHourlyCost, "45€", 45},
		{advisor.FieldHourlyCost, "45", 45},
		{advisor.FieldHourlyCost, "45.50", 45.5},
		{advisor.FieldHourlyCost, "about $45 an hour, fully loaded", 45},
		{advisor.FieldHourlyCost, "$45 hourly", 45},
		{advisor.FieldHourlyCost, "$90k a year", 43.27},
		{advisor.FieldHourlyCost, "90k per year", 43.27},
		{advisor.FieldHourlyCost, "$90,000 annually", 43.27},
		{advisor.FieldHourlyCost, "90k salary", 43.27},
		{advisor.FieldHourlyCost, "$400/day", 50},
		{advisor.FieldHourlyCost, "$2,000 a week", 50},
		{advisor.FieldHourlyCost, "$8,000 a month", 46.15},
		{advisor.FieldHourlyCost, "£50ph", 50},
		{advisor.FieldHourlyCost, "£40k pa", 19.23},
		{advisor.FieldHourlyCost, "£40k p.a.", 19.23},
		{advisor.FieldHourlyCost, "$120k/yr fully loaded", 57.69},

		{advisor.FieldBudget, "$50k", 50000},
		{advisor.FieldBudget, "50,000", 50000},
		{advisor.FieldBudget, "50k USD", 50000},
		{advisor.FieldBudget, "1.2M", 1_200_000},
		{advisor.FieldBudget, "€30k", 30000},
		{advisor.FieldBudget, "50 grand", 50000},
		{advisor.FieldBudget, "$50k one-off", 50000},
		{advisor.FieldBudget, "about $50k in total", 50000},
		{advisor.FieldBudget, "$1.5bn", 1.5e9},
		{advisor.FieldBudget, "none", 0},
		{advisor.FieldBudget, "no budget", 0},
		{advisor.FieldBudget, "No budget!", 0},
		{advisor.FieldBudget, "zero", 0},
		{advisor.FieldBudget, "nothing", 0},
		{advisor.FieldBudget, "$0", 0},

		// Weeks: days ÷ 7, working days ÷ 5, months × 52/12, quarters 13, years 52.
		{advisor.FieldTimelineWeeks, "6", 6},
		{advisor.FieldTimelineWeeks, "6 weeks", 6},
		{advisor.FieldTimelineWeeks, "6w", 6},
		{advisor.FieldTimelineWeeks, "two weeks", 2},
		{advisor.FieldTimelineWeeks, "a fortnight", 2},
		{advisor.FieldTimelineWeeks, "3 months", 13},
		{advisor.FieldTimelineWeeks, "a month", 4.33},
		{advisor.FieldTimelineWeeks, "within 2 months", 8.67},
		{advisor.FieldTimelineWeeks, "a quarter", 13},
		{advisor.FieldTimelineWeeks, "half a year", 26},
		{advisor.FieldTimelineWeeks, "6 months", 26},
		{advisor.FieldTimelineWeeks, "1 year", 52},
		{advisor.FieldTimelineWeeks, "a year", 52},
		{advisor.FieldTimelineWeeks, "1.5 years", 78},
		{advisor.FieldTimelineWeeks, "10 days", 1.43},
		{advisor.FieldTimelineWeeks, "10 business days", 2},
		{advisor.FieldTimelineWeeks, "in 6 weeks", 6},
		{advisor.FieldTimelineWeeks, "6 weeks from now", 6},
		{advisor.FieldTimelineWeeks, "2-3 weeks", 2.5},
		{advisor.FieldTimelineWeeks, "1 month and 2 weeks", 6.33},
	}
	for _, tt := range tests {
		v, err := Answer(tt.field, tt.in)
		if err != nil {
			t.Errorf("Answer(%q, %q): %v", tt.field, tt.in, err)
			continue
		}
		if v.Field != tt.field || v.Number != tt.want || v.Text != "" || v.Bool {
			t.Errorf("Answer(%q, %q) = %+v, want Number %v", tt.field, tt.in, v, tt.want)
		}
	}
}

func TestAnswerBools(t *testing.T) {
	yes := []string{
		"yes", "Yes.", "YES!", "y", "yeah", "yep", "yup", "sure", "true", "correct", "of course", "definitely",
		"absolutely", "ok", "okay", "yes we do", "Yes, we do.", "yes, always", "of course we do",
		"probably yes", "yes please", "I think so", "well, yes",
	}
	no := []string{
		"no", "No.", "n", "nope", "nah", "false", "not really", "never", "none", "not at all", "no we don't",
		"No, never.", "nope, not needed", "absolutely not", "probably not", "definitely not", "I don't think so",
	}
	for _, field := range []string{advisor.FieldHumanReview, advisor.FieldCitationsRequired, advisor.FieldRegulated, advisor.FieldRulesExpressible, advisor.FieldSelfHostingOK} {
		for _, in := range yes {
			if v, err := Answer(field, in); err != nil || !v.Bool || v.Field != field {
				t.Errorf("Answer(%q, %q) = %+v, %v; want yes", field, in, v, err)
			}
		}
		for _, in := range no {
			if v, err := Answer(field, in); err != nil || v.Bool || v.Field != field {
				t.Errorf("Answer(%q, %q) = %+v, %v; want no", field, in, v, err)
			}
		}
	}
}

func TestAnswerChoices(t *testing.T) {
	tests := []struct {
		field, in, want string
	}{
		{advisor.FieldAccuracy, "high", "high"},
		{advisor.FieldAccuracy, "High", "high"},
		{advisor.FieldAccuracy, " HIGH. ", "high"},
		{advisor.FieldAccuracy, "crit", "critical"},
		{advisor.FieldAccuracy, "c", "critical"},
		{advisor.FieldAccuracy, "very high", "critical"},
		{advisor.FieldAccuracy, "mission critical", "critical"},
		{advisor.FieldAccuracy, "mission-critical", "critical"},
		{advisor.FieldAccuracy, "life or death", "critical"},
		{advisor.FieldAccuracy, "it must be perfect", "critical"},
		{advisor.FieldAccuracy, "zero tolerance", "critical"},
		{advisor.FieldAccuracy, "important", "high"},
		{advisor.FieldAccuracy, "high stakes", "high"},
		{advisor.FieldAccuracy, "high-stakes", "high"},
		{advisor.FieldAccuracy, "I think it's high", "high"},
		{advisor.FieldAccuracy, "moderate", "medium"},
		{advisor.FieldAccuracy, "normal", "medium"},
		{advisor.FieldAccuracy, "average", "medium"},
		{advisor.FieldAccuracy, "med", "medium"},
		{advisor.FieldAccuracy, "minor", "low"},
		{advisor.FieldAccuracy, "not much", "low"},
		{advisor.FieldAccuracy, "low stakes", "low"},

		{advisor.FieldTask, "classify", "classify"},
		{advisor.FieldTask, "classification", "classify"},
		{advisor.FieldTask, "categorize", "classify"},
		{advisor.FieldTask, "route", "classify"},
		{advisor.FieldTask, "triage", "classify"},
		{advisor.FieldTask, "tag", "classify"},
		{advisor.FieldTask, "extraction", "extract"},
		{advisor.FieldTask, "parse", "extract"},
		{advisor.FieldTask, "summary", "summarize"},
		{advisor.FieldTask, "summarise", "summarize"},
		{advisor.FieldTask, "sum", "summarize"},
		{advisor.FieldTask, "write", "draft"},
		{advisor.FieldTask, "generate", "draft"},
		{advisor.FieldTask, "compose", "draft"},
		{advisor.FieldTask, "q&a", "answer"},
		{advisor.FieldTask, "Q & A", "answer"},
		{advisor.FieldTask, "questions", "answer"},
		{advisor.FieldTask, "faq", "answer"},
		{advisor.FieldTask, "chat", "converse"},
		{advisor.FieldTask, "conversation", "converse"},
		{advisor.FieldTask, "coding", "code"},
		{advisor.FieldTask, "programming", "code"},
		{advisor.FieldTask, "translation", "translate"},
		{advisor.FieldTask, "decision", "decide"},
		{advisor.FieldTask, "approve", "decide"},
		{advisor.FieldTask, "approval", "decide"},
		{advisor.FieldTask, "other", "other"},

		{advisor.FieldKnowledge, "none", "none"},
		{advisor.FieldKnowledge, "no", "none"},
		{advisor.FieldKnowledge, "nothing", "none"},
		{advisor.FieldKnowledge, "private_changing", "private_changing"},
		{advisor.FieldKnowledge, "private changing", "private_changing"},
		{advisor.FieldKnowledge, "Private-Changing", "private_changing"},
		{advisor.FieldKnowledge, "private-static", "private_static"},
		{advisor.FieldKnowledge, "private s", "private_static"},
		{advisor.FieldKnowledge, "internal docs that change", "private_changing"},
		{advisor.FieldKnowledge, "changes often", "private_changing"},
		{advisor.FieldKnowledge, "changing", "private_changing"},
		{advisor.FieldKnowledge, "static", "private_static"},
		{advisor.FieldKnowledge, "fixed internal docs", "private_static"},
		{advisor.FieldKnowledge, "public", "public"},
		{advisor.FieldKnowledge, "web", "public"},
		{advisor.FieldKnowledge, "general knowledge", "public"},

		{advisor.FieldPromptBaseline, "not yet", "untried"},
		{advisor.FieldPromptBaseline, "no", "untried"},
		{advisor.FieldPromptBaseline, "haven't tried", "untried"},
		{advisor.FieldPromptBaseline, "never", "untried"},
		{advisor.FieldPromptBaseline, "works", "good_enough"},
		{advisor.FieldPromptBaseline, "good", "good_enough"},
		{advisor.FieldPromptBaseline, "good enough", "good_enough"},
		{advisor.FieldPromptBaseline, "good_enough", "good_enough"},
		{advisor.FieldPromptBaseline, "fine", "good_enough"},
		{advisor.FieldPromptBaseline, "yes it works", "good_enough"},
		{advisor.FieldPromptBaseline, "Yes, it works!", "good_enough"},
		{advisor.FieldPromptBaseline, "stuck", "plateaued"},
		{advisor.FieldPromptBaseline, "plateau", "plateaued"},
		{advisor.FieldPromptBaseline, "not good enough", "plateaued"},
		{advisor.FieldPromptBaseline, "tried but", "plateaued"},
		{advisor.FieldPromptBaseline, "tried, but it wasn't good enough", "plateaued"},

		{advisor.FieldLatency, "realtime", "realtime"},
		{advisor.FieldLatency, "real-time", "realtime"},
		{advisor.FieldLatency, "real time", "realtime"},
		{advisor.FieldLatency, "instant", "realtime"},
		{advisor.FieldLatency, "sub-second", "realtime"},
		{advisor.FieldLatency, "interactive", "interactive"},
		{advisor.FieldLatency, "seconds", "interactive"},
		{advisor.FieldLatency, "a few seconds", "interactive"},
		{advisor.FieldLatency, "batch", "batch"},
		{advisor.FieldLatency, "overnight", "batch"},
		{advisor.FieldLatency, "offline", "batch"},
		{advisor.FieldLatency, "hours", "batch"},
		{advisor.FieldLatency, "daily", "batch"},

		{advisor.FieldDataSensitivity, "public", "public"},
		{advisor.FieldDataSensitivity, "internal", "internal"},
		{advisor.FieldDataSensitivity, "internal only", "internal"},
		{advisor.FieldDataSensitivity, "confidential", "confidential"},
		{advisor.FieldDataSensitivity, "restricted", "restricted"},
		{advisor.FieldDataSensitivity, "secret", "restricted"},
		{advisor.FieldDataSensitivity, "highly confidential", "restricted"},
		{advisor.FieldDataSensitivity, "PII", "restricted"},
		{advisor.FieldDataSensitivity, "PHI", "restricted"},
		{advisor.FieldDataSensitivity, "health data", "restricted"},
		{advisor.FieldDataSensitivity, "not sensitive", "internal"},

		{advisor.FieldMLSkill, "none", "none"},
		{advisor.FieldMLSkill, "no", "none"},
		{advisor.FieldMLSkill, "no ML", "none"},
		{advisor.FieldMLSkill, "some", "some"},
		{advisor.FieldMLSkill, "a bit", "some"},
		{advisor.FieldMLSkill, "basic", "some"},
		{advisor.FieldMLSkill, "strong", "strong"},
		{advisor.FieldMLSkill, "expert", "strong"},
		{advisor.FieldMLSkill, "yes, ML team", "strong"},

		{advisor.FieldDomain, "general", "general"},
		{advisor.FieldDomain, "everyday", "general"},
		{advisor.FieldDomain, "specialized", "specialized"},
		{advisor.FieldDomain, "specialised", "specialized"},
		{advisor.FieldDomain, "jargon", "specialized"},
		{advisor.FieldDomain, "technical", "specialized"},
		{advisor.FieldDomain, "niche", "niche"},
		{advisor.FieldDomain, "very specialized", "niche"},
		{advisor.FieldDomain, "unusual", "niche"},
		{advisor.FieldDomain, "rare language", "niche"},

		{advisor.FieldOutputConsistency, "flexible", "flexible"},
		{advisor.FieldOutputConsistency, "free form", "flexible"},
		{advisor.FieldOutputConsistency, "free-form", "flexible"},
		{advisor.FieldOutputConsistency, "loose", "flexible"},
		{advisor.FieldOutputConsistency, "consistent", "consistent"},
		{advisor.FieldOutputConsistency, "same style", "consistent"},
		{advisor.FieldOutputConsistency, "strict", "strict"},
		{advisor.FieldOutputConsistency, "exact schema", "strict"},
		{advisor.FieldOutputConsistency, "JSON", "strict"},
		{advisor.FieldOutputConsistency, "fixed format", "strict"},
		{advisor.FieldOutputConsistency, "JSON schema", "strict"},
	}
	for _, tt := range tests {
		v, err := Answer(tt.field, tt.in)
		if err != nil {
			t.Errorf("Answer(%q, %q): %v", tt.field, tt.in, err)
			continue
		}
		if v.Field != tt.field || v.Text != tt.want || v.Number != 0 || v.Bool {
			t.Errorf("Answer(%q, %q) = %+v, want Text %q", tt.field, tt.in, v, tt.want)
		}
	}
}

func TestAnswerText(t *testing.T) {
	v, err := Answer(advisor.FieldDescription, "  Route tickets.\nQuickly!  ")
	if err != nil || v.Text != "Route tickets.\nQuickly!" || v.Field != advisor.FieldDescription {
		t.Errorf("description = %+v, %v", v, err)
	}
	v, err = Answer(advisor.FieldTitle, strings.Repeat("é", advisor.MaxTitleLen))
	if err != nil || utf8.RuneCountInString(v.Text) != advisor.MaxTitleLen {
		t.Errorf("title at the limit = %v", err)
	}
}

func TestAnswerRejects(t *testing.T) {
	tests := []struct {
		field, in string
		reason    string // a part of the reason; "" checks only that it fails
	}{
		{advisor.FieldMonthlyVolume, "", "empty"},
		{advisor.FieldMonthlyVolume, "   ", "empty"},
		{advisor.FieldMonthlyVolume, "lots", `could not read "lots" as a number of items per month`},
		{advisor.FieldMonthlyVolume, "10-5", "could not read"},
		{advisor.FieldMonthlyVolume, "5 thousand to 10", "could not read"},
		{advisor.FieldMonthlyVolume, "a lot", ""},
		{advisor.FieldMonthlyVolume, "many", ""},
		{advisor.FieldMonthlyVolume, "a", ""},
		{advisor.FieldMonthlyVolume, "k", ""},
		{advisor.FieldMonthlyVolume, "half", ""},
		{advisor.FieldMonthlyVolume, "1e", ""},
		{advisor.FieldMonthlyVolume, "2000 a", ""},
		{advisor.FieldMonthlyVolume, "twenty twenty", ""},
		{advisor.FieldMonthlyVolume, "-5", "negative"},
		{advisor.FieldMonthlyVolume, "−5", "negative"},
		{advisor.FieldMonthlyVolume, "about -5", "negative"},
		{advisor.FieldMonthlyVolume, "NaN", ""},
		{advisor.FieldMonthlyVolume, "Inf", ""},
		{advisor.FieldMonthlyVolume, "+Inf", ""},
		{advisor.FieldMonthlyVolume, "1e9", ""},
		{advisor.FieldMonthlyVolume, "0x10", ""},
		{advisor.FieldMonthlyVolume, strings.Repeat("9", 190), "at most"},
		{advisor.FieldMonthlyVolume, strings.Repeat("9", 30), "at most"},
		{advisor.FieldMonthlyVolume, "2 billion", "at most"},
		{advisor.FieldMonthlyVolume, "1,5", "dot for decimals"},
		{advisor.FieldMonthlyVolume, "20,00", "dot for decimals"},
		{advisor.FieldMonthlyVolume, "20.000", "thousands separator"},
		{advisor.FieldMonthlyVolume, "1.000.000", "thousands separator"},
		{advisor.FieldMonthlyVolume, "5 10", ""},
		{advisor.FieldMonthlyVolume, "300 minutes", ""},
		{advisor.FieldMonthlyVolume, "$300", ""},
		{advisor.FieldMonthlyVolume, "300 per minute", ""},
		{advisor.FieldMonthlyVolume, "50%", ""},
		{advisor.FieldMonthlyVolume, "not sure", "skip"},
		{advisor.FieldMonthlyVolume, "I don't know", "skip"},
		{advisor.FieldMonthlyVolume, strings.Repeat("1 ", 150), "a few words"},

		{advisor.FieldLabeledExamples, "2.5", "whole number"},
		{advisor.FieldLabeledExamples, "500 a week", "not a rate"},
		{advisor.FieldLabeledExamples, "some", ""},
		{advisor.FieldLabeledExamples, "lots", ""},

		{advisor.FieldMinutesPerTask, "6 minutes a day", "how long one item takes"},
		{advisor.FieldMinutesPerTask, "1:30", ""},
		{advisor.FieldMinutesPerTask, "quick", ""},
		{advisor.FieldMinutesPerTask, "5 10 minutes", ""},
		{advisor.FieldMinutesPerTask, "30 minutes 1 hour", ""},
		{advisor.FieldMinutesPerTask, "1 hour 1 hour", ""},
		{advisor.FieldMinutesPerTask, "6 kg", ""},
		{advisor.FieldMinutesPerTask, "an", ""},
		{advisor.FieldMinutesPerTask, "100 days", "at most"},

		{advisor.FieldHourlyCost, "$90k", `add "a year"`},
		{advisor.FieldHourlyCost, "lots", "cost per hour"},
		{advisor.FieldHourlyCost, "-45", "negative"},
		{advisor.FieldHourlyCost, "-$45", "negative"},
		{advisor.FieldHourlyCost, "$-45", "negative"},
		{advisor.FieldHourlyCost, "45 per kg", ""},

		{advisor.FieldBudget, "$5k a month", "one-off"},
		{advisor.FieldBudget, "n/a", ""},
		{advisor.FieldBudget, "plenty", ""},
		{advisor.FieldBudget, "2 trillion", ""},

		{advisor.FieldTimelineWeeks, "asap", "not a length of time"},
		{advisor.FieldTimelineWeeks, "ASAP!", "not a length of time"},
		{advisor.FieldTimelineWeeks, "next month", "not a length of time"},
		{advisor.FieldTimelineWeeks, "by Q3", "not a length of time"},
		{advisor.FieldTimelineWeeks, "0", "more than 0"},
		{advisor.FieldTimelineWeeks, "0 weeks", "more than 0"},
		{advisor.FieldTimelineWeeks, "6m", ""},
		{advisor.FieldTimelineWeeks, "by march", ""},
		{advisor.FieldTimelineWeeks, "1000 weeks", "at most"},
		{advisor.FieldTimelineWeeks, "20 years", "at most"},

		{advisor.FieldHumanReview, "maybe", "answer skip"},
		{advisor.FieldHumanReview, "not sure", "answer skip"},
		{advisor.FieldHumanReview, "don't know", "answer skip"},
		{advisor.FieldHumanReview, "I don’t know", "answer skip"},
		{advisor.FieldHumanReview, "no idea", "answer skip"},
		{advisor.FieldHumanReview, "sometimes", "not a clear yes or no"},
		{advisor.FieldHumanReview, "yes and no", "not a clear yes or no"},
		{advisor.FieldHumanReview, "yes but not always", "not a clear yes or no"},
		{advisor.FieldHumanReview, "yes, but only for refunds", "both yes and no"},
		{advisor.FieldHumanReview, "banana", `could not read "banana" as yes or no`},
		{advisor.FieldHumanReview, "1", ""},
		{advisor.FieldHumanReview, "👍", ""},
		{advisor.FieldHumanReview, "?", ""},

		{advisor.FieldAccuracy, "banana", `"Low: easy to spot and fix", "Medium: some rework or annoyance", "High: it costs money or trust", "Critical: harm, legal or safety risk"`},
		{advisor.FieldAccuracy, "not critical", ""},
		{advisor.FieldAccuracy, "2", ""},
		{advisor.FieldKnowledge, "private", `could mean "Our own documents, which rarely change" or "Our own documents, which change"`},
		{advisor.FieldKnowledge, "internal docs", ""},
		{advisor.FieldKnowledge, "p", "could mean"},
		{advisor.FieldTask, "c", `could mean "Sort, tag or route items" or "Hold a conversation" or "Write or change code"`},
		{advisor.FieldLatency, "not sure", "skip"},
		{advisor.FieldDataSensitivity, "none", ""},
		{advisor.FieldDataSensitivity, "...", ""},

		{advisor.FieldTitle, "", "empty"},
		{advisor.FieldTitle, strings.Repeat("x", advisor.MaxTitleLen+1), "201 characters"},
		{advisor.FieldDepartment, "\xff\xfe", "UTF-8"},
	}
	for _, tt := range tests {
		v, err := Answer(tt.field, tt.in)
		var ae *AnswerError
		if !errors.As(err, &ae) {
			t.Errorf("Answer(%q, %q) = %+v, %v; want an *AnswerError", tt.field, tt.in, v, err)
			continue
		}
		f, _ := advisor.LookupField(tt.field)
		if ae.Field != tt.field || ae.Example != f.Example || !strings.Contains(err.Error(), `try something like "`+f.Example+`"`) {
			t.Errorf("Answer(%q, %q) error %#v does not name the field and its example", tt.field, tt.in, ae)
		}
		if !strings.Contains(ae.Reason, tt.reason) {
			t.Errorf("Answer(%q, %q) reason %q, want it to contain %q", tt.field, tt.in, ae.Reason, tt.reason)
		}
		if v != (advisor.Value{}) {
			t.Errorf("Answer(%q, %q) returned %+v with its error", tt.field, tt.in, v)
		}
	}
}

func TestAnswerErrorMessage(t *testing.T) {
	_, err := Answer(advisor.FieldMonthlyVolume, "  lots ")
	want := `monthly_volume: could not read "lots" as a number of items per month; try something like "about 2,000 a week"`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}

	long := strings.Repeat("ab", 100)
	_, err = Answer(advisor.FieldTitle, "  "+long+strings.Repeat("c", advisor.MaxTitleLen)+"  ")
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

func TestAnswerUnknownField(t *testing.T) {
	for _, tt := range []struct{ field, example string }{
		{"monthly volume", advisor.FieldMonthlyVolume},
		{"Monthly-Volume", advisor.FieldMonthlyVolume},
		{"budg", advisor.FieldBudget},
		{"colour", advisor.FieldTitle},
		{"", advisor.FieldTitle},
	} {
		_, err := Answer(tt.field, "5")
		var ae *AnswerError
		if !errors.As(err, &ae) {
			t.Errorf("Answer(%q) = %v, want an *AnswerError", tt.field, err)
			continue
		}
		if ae.Example != tt.example || !strings.Contains(ae.Reason, "known fields are title, description") || !strings.Contains(err.Error(), tt.example) {
			t.Errorf("Answer(%q) error %q, want example %q and the known fields", tt.field, err, tt.example)
		}
	}
}

// Every field's Example is shown as an answer that works; it had better.
func TestAnswerExamplesParse(t *testing.T) {
	for _, f := range advisor.Fields() {
		v, err := Answer(f.Name, f.Example)
		if err != nil {
			t.Errorf("the example for %s does not parse: %v", f.Name, err)
			continue
		}
		var u advisor.UseCase
		if err := u.Set(v); err != nil {
			t.Errorf("the example for %s parses to %+v, which Set refuses: %v", f.Name, v, err)
		}
	}
}

func TestEnumSynonymsTable(t *testing.T) {
	for name, syns := range enumSynonyms {
		f, ok := advisor.LookupField(name)
		if !ok || f.Kind != advisor.KindEnum {
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

// FuzzAnswer checks the contract for every field: never a panic, and
// either a value the field accepts or an *AnswerError that shows the example.
func FuzzAnswer(f *testing.F) {
	for _, s := range []string{
		"5k", "about 2,000 tickets a week", "1h30", "$90k a year", "half an hour", "a few hundred",
		"yes we do", "private changing", "crit", "-5", "20.000", "1,5", "asap", "2-3k", "between 5 and 10",
		"1e308", strings.Repeat("9", 320), "an hour and a half", "a quarter of an hour", "every 0 weeks",
		"\xff", "один", "", "   ", "1 000 000 000 000", "0.0000001", "hundreds of thousands of millions",
	} {
		f.Add(s)
	}
	fields := advisor.Fields()
	for _, fl := range fields {
		f.Add(fl.Example)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, fl := range fields {
			name := fl.Name
			v, err := Answer(name, text)
			if err != nil {
				var ae *AnswerError
				if !errors.As(err, &ae) {
					t.Fatalf("Answer(%q, %q) error %T %v, want *AnswerError", name, text, err, err)
				}
				if !strings.Contains(err.Error(), fl.Example) {
					t.Fatalf("Answer(%q, %q) error %q does not show the example %q", name, text, err, fl.Example)
				}
				if utf8.RuneCountInString(ae.Input) > maxShownRunes || !utf8.ValidString(ae.Input) {
					t.Fatalf("Answer(%q, %q) Input %q is not short, valid text", name, text, ae.Input)
				}
				continue
			}
			if v.Field != name {
				t.Fatalf("Answer(%q, %q) = %+v, for another field", name, text, v)
			}
			var u advisor.UseCase
			if err := u.Set(v); err != nil {
				t.Fatalf("Answer(%q, %q) = %+v, which fails its check: %v", name, text, v, err)
			}
		}
	})
}

func BenchmarkAnswer(b *testing.B) {
	answers := [][2]string{
		{advisor.FieldMonthlyVolume, "about 2,000 tickets a week"},
		{advisor.FieldMinutesPerTask, "an hour and a half"},
		{advisor.FieldHourlyCost, "$90k a year"},
		{advisor.FieldKnowledge, "internal docs that change"},
		{advisor.FieldHumanReview, "yes, we do"},
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range answers {
			if _, err := Answer(a[0], a[1]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestAnswerNeverReturnsNonFinite(t *testing.T) {
	for _, in := range []string{strings.Repeat("9", 400) + " a day", "1" + strings.Repeat("0", 308) + "k"} {
		for _, name := range []string{advisor.FieldMonthlyVolume, advisor.FieldBudget, advisor.FieldHourlyCost, advisor.FieldTimelineWeeks, advisor.FieldMinutesPerTask} {
			if v, err := Answer(name, in); err == nil && (math.IsInf(v.Number, 0) || math.IsNaN(v.Number)) {
				t.Errorf("Answer(%q, %q) = %v", name, in, v.Number)
			}
		}
	}
}

// TestAnswerElaborated: people answer in a sentence, not a keyword.
// An answer that names one option, best at its start, is read as that
// option; the rest is elaboration.
func TestAnswerElaborated(t *testing.T) {
	tests := []struct {
		field, in, want string
	}{
		{advisor.FieldKnowledge, "none, everything is in the ticket", "none"},
		{advisor.FieldKnowledge, "None. Everything is in the ticket.", "none"},
		{advisor.FieldKnowledge, "nothing, it's all in the email", "none"},
		{advisor.FieldKnowledge, "no public info needed", "none"},
		{advisor.FieldKnowledge, "private, it changes a lot", "private_changing"},
		{advisor.FieldKnowledge, "private - changes every week", "private_changing"},
		{advisor.FieldKnowledge, "our own docs, they change every month", "private_changing"},
		{advisor.FieldKnowledge, "it's in our wiki, updated weekly", "private_changing"},
		{advisor.FieldKnowledge, "internal docs that are updated all the time", "private_changing"},
		{advisor.FieldKnowledge, "we look things up in the CRM", "private_changing"},
		{advisor.FieldKnowledge, "the price list, which changes often", "private_changing"},
		{advisor.FieldKnowledge, "our own docs, they never change", "private_static"},
		{advisor.FieldKnowledge, "private, it rarely changes", "private_static"},
		{advisor.FieldKnowledge, "the handbook, it's revised once a year", "private_static"},
		{advisor.FieldKnowledge, "our policies, they don't change", "private_static"},
		{advisor.FieldKnowledge, "public info", "public"},
		{advisor.FieldKnowledge, "public, it's on the web", "public"},
		{advisor.FieldKnowledge, "general knowledge, nothing internal needed", "public"},
		{advisor.FieldKnowledge, "Our own documents, which change", "private_changing"},
		{advisor.FieldKnowledge, "our own documents which rarely change", "private_static"},

		{advisor.FieldPromptBaseline, "we tried prompting and it plateaued", "plateaued"},
		{advisor.FieldPromptBaseline, "tried it, not good enough", "plateaued"},
		{advisor.FieldPromptBaseline, "measured, and it falls short", "plateaued"},
		{advisor.FieldPromptBaseline, "tested it; it stopped improving at 80%", "plateaued"},
		{advisor.FieldPromptBaseline, "good enough already", "good_enough"},
		{advisor.FieldPromptBaseline, "we tested it, works well", "good_enough"},
		{advisor.FieldPromptBaseline, "yes, it passes our test set", "good_enough"},
		{advisor.FieldPromptBaseline, "never tried", "untried"},
		{advisor.FieldPromptBaseline, "not yet, we have no test set", "untried"},
		{advisor.FieldPromptBaseline, "no, we haven't measured anything", "untried"},

		{advisor.FieldOutputConsistency, "strict, it has to match the template", "strict"},
		{advisor.FieldOutputConsistency, "strict: JSON for the ERP import", "strict"},
		{advisor.FieldOutputConsistency, "not strict, any wording is fine", "flexible"},
		{advisor.FieldOutputConsistency, "consistent, our brand voice", "consistent"},
		{advisor.FieldOutputConsistency, "it must follow the style guide", "consistent"},
		{advisor.FieldOutputConsistency, "flexible, as long as it's polite", "flexible"},

		{advisor.FieldDomain, "jargon-heavy", "specialized"},
		{advisor.FieldDomain, "lots of jargon", "specialized"},
		{advisor.FieldDomain, "specialized, legal terms", "specialized"},
		{advisor.FieldDomain, "everyday language, no jargon", "general"},
		{advisor.FieldDomain, "general - ordinary customer emails", "general"},
		{advisor.FieldDomain, "niche, full of our internal codes", "niche"},
		{advisor.FieldDomain, "it's full of internal codes", "niche"},

		{advisor.FieldAccuracy, "high, a wrong refund costs money", "high"},
		{advisor.FieldAccuracy, "pretty high, customers get angry", "high"},
		{advisor.FieldAccuracy, "medium, it's annoying but fixable", "medium"},
		{advisor.FieldAccuracy, "low, someone re-sorts it", "low"},
		{advisor.FieldAccuracy, "critical - a wrong dose could hurt someone", "critical"},
		{advisor.FieldAccuracy, "it could mean a lawsuit", "critical"},

		{advisor.FieldLatency, "a few seconds, the customer is waiting", "interactive"},
		{advisor.FieldLatency, "overnight is fine", "batch"},
		{advisor.FieldLatency, "batch, a daily run is fine", "batch"},
		{advisor.FieldLatency, "realtime, during the call", "realtime"},
		{advisor.FieldLatency, "instant, as they type", "realtime"},

		{advisor.FieldDataSensitivity, "confidential, it has contracts", "confidential"},
		{advisor.FieldDataSensitivity, "internal, nothing personal", "internal"},
		{advisor.FieldDataSensitivity, "customer data and some PII", "restricted"},
		{advisor.FieldDataSensitivity, "public, but some of it is personal data", "restricted"},
		{advisor.FieldDataSensitivity, "mostly public stuff", "public"},

		{advisor.FieldMLSkill, "some, one data scientist", "some"},
		{advisor.FieldMLSkill, "no, nobody on the team", "none"},
		{advisor.FieldMLSkill, "strong, we have ML engineers", "strong"},
		{advisor.FieldMLSkill, "a bit, a person or two", "some"},

		{advisor.FieldTask, "route tickets to the right team", "classify"},
		{advisor.FieldTask, "answer questions from the handbook", "answer"},
		{advisor.FieldTask, "draft replies to customer questions", "draft"},
		{advisor.FieldTask, "translate, support articles into German", "translate"},
		{advisor.FieldTask, "extract the totals from invoices", "extract"},
	}
	for _, tt := range tests {
		v, err := Answer(tt.field, tt.in)
		if err != nil {
			t.Errorf("Answer(%q, %q): %v", tt.field, tt.in, err)
			continue
		}
		if v.Field != tt.field || v.Text != tt.want {
			t.Errorf("Answer(%q, %q) = %q, want %q", tt.field, tt.in, v.Text, tt.want)
		}
	}
}

// TestAnswerElaboratedBools: yes and no with their reasons.
func TestAnswerElaboratedBools(t *testing.T) {
	tests := []struct {
		field, in string
		want      bool
	}{
		{advisor.FieldHumanReview, "yes we always check", true},
		{advisor.FieldHumanReview, "Yes, a person checks each one", true},
		{advisor.FieldHumanReview, "yes, legal signs off on each one", true},
		{advisor.FieldHumanReview, "nope, nobody checks them", false},
		{advisor.FieldHumanReview, "No, it takes effect directly", false},
		{advisor.FieldHumanReview, "no, they go straight out", false},
		{advisor.FieldCitationsRequired, "yes, auditors want the source", true},
		{advisor.FieldRegulated, "yes, it's banking", true},
		{advisor.FieldRulesExpressible, "no, it needs reading free text", false},
		{advisor.FieldSelfHostingOK, "yes, we run our own GPUs", true},
	}
	for _, tt := range tests {
		v, err := Answer(tt.field, tt.in)
		if err != nil || v.Bool != tt.want {
			t.Errorf("Answer(%q, %q) = %v, %v; want %v", tt.field, tt.in, v.Bool, err, tt.want)
		}
	}
}

// TestAnswerElaboratedRejects: an answer that names two options, only
// says what it is not, or hedges is asked again, never guessed.
func TestAnswerElaboratedRejects(t *testing.T) {
	tests := []struct {
		field, in string
		reason    string
	}{
		{advisor.FieldOutputConsistency, "not strict", "says what it is not"},
		{advisor.FieldOutputConsistency, "it isn't strict", "says what it is not"},
		{advisor.FieldOutputConsistency, "strict but sometimes flexible", "names both"},
		{advisor.FieldOutputConsistency, "strict, or not strict", "says and denies"},
		{advisor.FieldKnowledge, "not public", "says what it is not"},
		{advisor.FieldKnowledge, "it's not really public", "says what it is not"},
		{advisor.FieldKnowledge, "no, it's public", "names both"},
		{advisor.FieldKnowledge, "public, and our wiki", "names both"},
		{advisor.FieldKnowledge, "our wiki", "could mean"},
		{advisor.FieldKnowledge, "internal docs", "could mean"},
		{advisor.FieldKnowledge, "maybe our wiki", "skip"},
		{advisor.FieldKnowledge, "the ticket has attachments", "not one of the choices"},
		{advisor.FieldAccuracy, "not critical", "says what it is not"},
		{advisor.FieldAccuracy, "low, it's critical for us", "names both"},
		{advisor.FieldAccuracy, "high or critical, it depends", "skip"},
		{advisor.FieldLatency, "not realtime", "says what it is not"},
		{advisor.FieldLatency, "realtime or batch", "names both"},
		{advisor.FieldDomain, "not very technical", "says what it is not"},
		{advisor.FieldDomain, "general, and niche", "names both"},
		{advisor.FieldPromptBaseline, "we tried", "could mean"},
		{advisor.FieldPromptBaseline, "good enough, it plateaued", "names both"},
		{advisor.FieldTask, "summarize and translate", "names both"},
		{advisor.FieldTask, "we want to classify and extract", "names both"},
		{advisor.FieldDataSensitivity, "not confidential", "says what it is not"},
		{advisor.FieldMLSkill, "strong, or none", "names both"},
		{advisor.FieldHumanReview, "yes, except refunds", "both yes and no"},
	}
	for _, tt := range tests {
		v, err := Answer(tt.field, tt.in)
		var ae *AnswerError
		if !errors.As(err, &ae) {
			t.Errorf("Answer(%q, %q) = %+v, %v; want an *AnswerError", tt.field, tt.in, v, err)
			continue
		}
		if !strings.Contains(ae.Reason, tt.reason) {
			t.Errorf("Answer(%q, %q) reason %q, want it to contain %q", tt.field, tt.in, ae.Reason, tt.reason)
		}
		for _, o := range advisor.OptionsOf(tt.field) {
			if strings.Contains(o.Value, "_") && strings.Contains(ae.Reason, o.Value) {
				t.Errorf("Answer(%q, %q) reason %q names the value %s, not its words", tt.field, tt.in, ae.Reason, o.Value)
			}
		}
	}
}

// A label typed back, as the terminal shows it or a person copies it from
// a button, is read as its option.
func TestAnswerLabels(t *testing.T) {
	for _, f := range advisor.Fields() {
		for _, o := range advisor.OptionsOf(f.Name) {
			for _, in := range []string{o.Label, strings.ToLower(o.Label), o.Label + "."} {
				v, err := Answer(f.Name, in)
				got := v.Text
				if f.Kind == advisor.KindBool {
					got = map[bool]string{true: "yes", false: "no"}[v.Bool]
				}
				if err != nil || got != o.Value {
					t.Errorf("Answer(%s, %q) = %q, %v; want %q", f.Name, in, got, err, o.Value)
				}
			}
		}
	}
}

// The cue tables name only options of their own field, and no phrase is
// spelt so that it can never match.
func TestEnumHintsTable(t *testing.T) {
	for name, hints := range enumHints {
		f, ok := advisor.LookupField(name)
		if !ok || f.Kind != advisor.KindEnum {
			t.Errorf("hints for %q, which is not a choice field", name)
			continue
		}
		for phrase, options := range hints {
			if answerWords(phrase) != phrase {
				t.Errorf("%s hint %q is not in answerWords form", name, phrase)
			}
			if len(options) < 2 {
				t.Errorf("%s hint %q names %v; a phrase for one option belongs in enumSynonyms", name, phrase, options)
			}
			for _, o := range options {
				if !slices.Contains(f.Options, o) {
					t.Errorf("%s hint %q names %q, which is not an option", name, phrase, o)
				}
			}
			if _, dup := enumSynonyms[name][phrase]; dup {
				t.Errorf("%s %q is both a synonym and a hint", name, phrase)
			}
		}
	}
}
