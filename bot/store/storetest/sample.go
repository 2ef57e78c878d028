package storetest

import (
	"fmt"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

func ptr[T any](v T) *T { return &v }

// SampleProfile is a realistic profile with a dozen known fields, several of
// them pointers whose zero values are real answers (false, 0).
func SampleProfile() advisor.UseCase {
	return advisor.UseCase{
		Title:             "Supplier invoice triage",
		Description:       "We route about 4,000 supplier invoices a month to the right cost centre by hand.",
		Department:        "Finance",
		Task:              advisor.TaskClassify,
		MonthlyVolume:     ptr(4000),
		MinutesPerTask:    ptr(3.5),
		HourlyCost:        ptr(45.0),
		Accuracy:          advisor.AccuracyHigh,
		HumanReview:       ptr(false),
		Knowledge:         advisor.KnowledgePrivateStatic,
		CitationsRequired: ptr(true),
		LabeledExamples:   ptr(0),
		DataSensitivity:   advisor.SensitivityConfidential,
		Budget:            ptr(20000.0),
	}
}

// SampleConversation is a conversation of user at key, advised, with
// turns alternating user and bot messages of realistic length.
func SampleConversation(key store.ConvKey, user string, turns int) store.Conversation {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	c := store.Conversation{
		Key:      key,
		User:     user,
		Phase:    store.PhaseAdvised,
		Profile:  SampleProfile(),
		Inferred: []string{"task", "monthly_volume"},
		Asked:    []string{"accuracy", "human_review", "labeled_examples"},
		Skipped:  []string{"budget"},
		Pending:  "timeline_weeks",
		RecID:    "rec-" + user,
	}
	for i := range turns {
		tr := store.Turn{At: start.Add(time.Duration(i) * time.Minute), From: "user",
			Text: fmt.Sprintf("Answer %d: about 4,000 a month, each takes three or four minutes, and mistakes cost us a late fee.", i)}
		if i%2 == 1 {
			tr.From = "bot"
			tr.Text = fmt.Sprintf("Question %d: how costly is a wrong output? low, medium, high or critical (or skip).", i)
		}
		c.Turns = append(c.Turns, tr)
	}
	return c
}

// SampleAssessment is a recommendation of approach with the given net
// monthly saving, as the advisor would return it, made by user at created.
func SampleAssessment(id, user, department string, approach advisor.Approach, net float64, created time.Time) store.Assessment {
	p := SampleProfile()
	p.Department = department
	return store.Assessment{
		ID:         id,
		Conv:       store.ConvKey{Platform: "slack", Team: "T1", Channel: "D" + user, Thread: id},
		User:       user,
		Department: department,
		Title:      p.Title,
		Profile:    p,
		Result: advisor.Recommendation{
			Approach:   approach,
			Confidence: 0.62,
			Ranking: []advisor.Ranked{
				{Approach: approach, Score: 0.62},
				{Approach: advisor.KeepManual, Score: 0.38},
			},
			Reasons: []advisor.Reason{{Factor: "task", Favors: approach, Weight: 2, Text: "Routing is a classification task.", Ref: "kb:classify"}},
			Risks:   []string{"Misrouted invoices pay late."},
			NextSteps: []string{
				"Label 200 past invoices.",
				"Measure accuracy on them before switching.",
			},
			ManualMonthlyCost: 10500,
			ROI: map[advisor.Approach]advisor.ROI{
				approach:           {OneOffCost: 5000, MonthlyRunCost: 120, MonthlyLaborSaved: net + 120, NetMonthly: net, PaybackMonths: advisor.Some(5000 / max(net, 1)), ROI12: advisor.Some(1.5)},
				advisor.KeepManual: {},
			},
			NextQuestions: []advisor.Question{{Field: "timeline_weeks", Question: "When must it run?", Options: []string{}}},
			AssumedFields: []string{"latency"},
			Assumptions:   []advisor.Assumption{{Name: "engineer_hourly_cost", Value: 95, Unit: "USD/h", AsOf: "2026-10", Source: "survey"}},
		},
		CreatedAt: created,
	}
}
