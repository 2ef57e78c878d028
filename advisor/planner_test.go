package advisor

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
)

func mustDecode(t testing.TB, js string) UseCase {
	t.Helper()
	u, err := DecodeUseCase([]byte(js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return u
}

func planOf(t testing.TB, adv *Advisor, u UseCase, inferred ...string) Recommendation {
	t.Helper()
	rec, err := adv.RecommendInferred(u, inferred)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

func fieldsOf(qs []Question) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Field)
	}
	return out
}

func TestPlannerCompleteProfileAsksNothing(t *testing.T) {
	adv := New(DefaultAssumptions())
	u := mustDecode(t, `{"task":"answer","monthly_volume":3000,"minutes_per_task":8,"hourly_cost":50,"accuracy":"high",
		"human_review":true,"domain":"general","output_consistency":"flexible","knowledge":"private_changing",
		"citations_required":true,"labeled_examples":0,"prompt_baseline":"untried","latency":"interactive",
		"data_sensitivity":"internal","regulated":false,"ml_skill":"some","budget":50000,"timeline_weeks":12,
		"rules_expressible":false,"self_hosting_ok":false}`)
	rec := planOf(t, adv, u)
	if len(rec.NextQuestions) != 0 || rec.Settled != 1 {
		t.Errorf("complete profile: questions %v, settled %v", fieldsOf(rec.NextQuestions), rec.Settled)
	}
}

// TestPlannerContract checks on many random profiles what the planner
// promises: questions only while the approach is unsettled, only unknown or
// inferred decision fields, best first, each worth asking, and the same
// questions for the same profile every time.
func TestPlannerContract(t *testing.T) {
	adv := New(DefaultAssumptions())
	r := rand.New(rand.NewPCG(3, 4))
	for n := range 60 {
		u := randomProfile(r)
		rec := planOf(t, adv, u)
		js, _ := json.Marshal(u)
		switch {
		case len(rec.NextQuestions) == 0 && rec.Settled < settledShare:
			// Unsettled but nothing worth asking: every remaining field
			// moves the answer too little. Allowed, but rare.
			t.Logf("profile %d %s: unsettled (%.2f) with nothing worth asking", n, js, rec.Settled)
		case len(rec.NextQuestions) > 0 && rec.Settled >= settledShare:
			t.Errorf("profile %d %s: settled %.2f yet asks %v", n, js, rec.Settled, fieldsOf(rec.NextQuestions))
		}
		for k, q := range rec.NextQuestions {
			if u.Known(q.Field) {
				t.Errorf("profile %d: asks %s, which is answered", n, q.Field)
			}
			if q.Gain < minGain || k > 0 && q.Gain > rec.NextQuestions[k-1].Gain {
				t.Errorf("profile %d: gains out of order or too small: %v", n, rec.NextQuestions)
			}
		}
		again := planOf(t, adv, u)
		if !slices.Equal(fieldsOf(again.NextQuestions), fieldsOf(rec.NextQuestions)) || again.Settled != rec.Settled {
			t.Errorf("profile %d: not deterministic: %v then %v", n, fieldsOf(rec.NextQuestions), fieldsOf(again.NextQuestions))
		}
	}
}

// TestPlannerReachesFineTuning: from what a description typically says of
// a narrow, high-volume task (what it is, how many, how long), the planner
// must ask what fine-tuning depends on (examples, a measured prompt, the
// output format), none of which alone could flip the answer; answering them
// as a team that needs fine-tuning would must lead to fine-tuning.
func TestPlannerReachesFineTuning(t *testing.T) {
	adv := New(DefaultAssumptions())
	said := mustDecode(t, `{"task":"classify","monthly_volume":200000,"minutes_per_task":2,"domain":"niche"}`)
	truth := map[string]Value{
		FieldPromptBaseline:    {Field: FieldPromptBaseline, Text: "plateaued"},
		FieldLabeledExamples:   {Field: FieldLabeledExamples, Number: 40_000},
		FieldOutputConsistency: {Field: FieldOutputConsistency, Text: "strict"},
		FieldKnowledge:         {Field: FieldKnowledge, Text: "none"},
		FieldMLSkill:           {Field: FieldMLSkill, Text: "strong"},
		FieldRulesExpressible:  {Field: FieldRulesExpressible, Bool: false},
		FieldSelfHostingOK:     {Field: FieldSelfHostingOK, Bool: true},
		FieldCitationsRequired: {Field: FieldCitationsRequired, Bool: false},
		FieldLatency:           {Field: FieldLatency, Text: "realtime"},
		FieldAccuracy:          {Field: FieldAccuracy, Text: "high"},
		FieldHumanReview:       {Field: FieldHumanReview, Bool: false},
		FieldHourlyCost:        {Field: FieldHourlyCost, Number: 40},
		FieldDataSensitivity:   {Field: FieldDataSensitivity, Text: "internal"},
		FieldRegulated:         {Field: FieldRegulated, Bool: false},
		FieldBudget:            {Field: FieldBudget, Number: 500_000},
		FieldTimelineWeeks:     {Field: FieldTimelineWeeks, Number: 26},
	}
	rec := planOf(t, adv, said)
	first := fieldsOf(rec.NextQuestions)
	if !slices.ContainsFunc(first, func(f string) bool {
		return f == FieldPromptBaseline || f == FieldLabeledExamples || f == FieldOutputConsistency
	}) {
		t.Errorf("asks %v: none of what fine-tuning depends on", first)
	}
	u := said
	for asked := 0; asked < 6 && len(rec.NextQuestions) > 0; asked++ {
		q := rec.NextQuestions[0]
		v, ok := truth[q.Field]
		if !ok {
			t.Fatalf("asked %s, which the profile answers already (questions %v)", q.Field, fieldsOf(rec.NextQuestions))
		}
		if err := u.Set(v); err != nil {
			t.Fatal(err)
		}
		rec = planOf(t, adv, u)
	}
	if rec.Approach != FineTuning {
		js, _ := json.Marshal(u)
		t.Errorf("ended at %s with %s; want fine_tuning", rec.Approach, js)
	}
}

// TestPlannerConfirmsDecisiveInferences: a reading that, if wrong, would
// likely change the answer is put to the person; one that would not is not.
func TestPlannerConfirmsDecisiveInferences(t *testing.T) {
	adv := New(DefaultAssumptions())
	full := `"task":"answer","monthly_volume":3000,"minutes_per_task":8,"hourly_cost":50,"accuracy":"medium",
		"human_review":true,"domain":"general","output_consistency":"flexible","citations_required":true,
		"labeled_examples":0,"prompt_baseline":"untried","latency":"interactive","data_sensitivity":"internal",
		"regulated":false,"ml_skill":"some","budget":50000,"timeline_weeks":12,"rules_expressible":false,"self_hosting_ok":false`
	// The knowledge reading decides between retrieval and prompting.
	u := mustDecode(t, `{"knowledge":"private_changing",`+full+`}`)
	if rec := planOf(t, adv, u, FieldKnowledge, FieldHourlyCost); rec.Settled >= settledShare {
		// With everything else answered, a wrong reading of knowledge is
		// the only doubt left; the planner may settle if it is small.
		t.Logf("settled %.2f with knowledge and hourly cost inferred", rec.Settled)
	} else {
		for _, q := range rec.NextQuestions {
			if q.Field == FieldHourlyCost {
				t.Errorf("asks to confirm the hourly cost, which cannot change the approach: %v", rec.NextQuestions)
			}
			if q.Field == FieldKnowledge && (!q.Inferred || q.Current != "private_changing") {
				t.Errorf("knowledge question not a confirmation of the reading: %+v", q)
			}
		}
	}
}

// randomProfile draws a profile with each decision field known or not.
func randomProfile(r *rand.Rand) UseCase {
	var u UseCase
	for _, name := range decisionFields {
		if r.IntN(3) > 0 {
			continue
		}
		f, _ := LookupField(name)
		var v Value
		v.Field = name
		switch f.Kind {
		case KindEnum:
			v.Text = f.Options[r.IntN(len(f.Options))]
		case KindBool:
			v.Bool = r.IntN(2) == 0
		default:
			v.Number = float64(r.IntN(int(min(f.Max, 1e6))) + 1)
			if name == FieldMinutesPerTask {
				v.Number = float64(r.IntN(60) + 1)
			}
		}
		if err := u.Set(v); err != nil {
			panic(err)
		}
	}
	return u
}

// TestPlannerReachesHybrid: from a description of answers drawn from
// changing documents in a language far from everyday text, which says
// nothing of examples or prompting, the planner must still find out what
// the hybrid depends on, and answering as such a team would must lead to it.
func TestPlannerReachesHybrid(t *testing.T) {
	adv := New(DefaultAssumptions())
	said := mustDecode(t, `{"task":"answer","monthly_volume":30000,"minutes_per_task":20,"knowledge":"private_changing","domain":"niche"}`)
	truth := mustDecode(t, `{"task":"answer","monthly_volume":30000,"minutes_per_task":20,"hourly_cost":120,"accuracy":"high",
		"human_review":true,"domain":"niche","output_consistency":"strict","knowledge":"private_changing","citations_required":true,
		"labeled_examples":15000,"prompt_baseline":"plateaued","latency":"interactive","data_sensitivity":"confidential",
		"regulated":false,"ml_skill":"strong","budget":1000000,"timeline_weeks":26,"rules_expressible":false,"self_hosting_ok":true}`)
	u := said
	rec := planOf(t, adv, u)
	var asked []string
	for len(asked) < 6 && len(rec.NextQuestions) > 0 {
		q := rec.NextQuestions[0]
		asked = append(asked, q.Field)
		for _, v := range truth.Values() {
			if v.Field == q.Field {
				if err := u.Set(v); err != nil {
					t.Fatal(err)
				}
			}
		}
		rec = planOf(t, adv, u)
	}
	if !slices.Contains(asked, FieldPromptBaseline) && !slices.Contains(asked, FieldLabeledExamples) {
		t.Errorf("asked %v: neither the prompt baseline nor the examples", asked)
	}
	if rec.Approach != Hybrid {
		t.Errorf("asked %v and ended at %s; want hybrid", asked, rec.Approach)
	}
}
