package advisor

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

// outcomeOf is what a question may change, read through the public API.
func outcomeOf(t *testing.T, adv *Advisor, u UseCase) (Approach, bool) {
	t.Helper()
	rec, err := adv.Recommend(u)
	if err != nil {
		t.Fatalf("Recommend: %v", err)
	}
	p := rec.ROI[rec.Approach].PaybackMonths
	return rec.Approach, p.Valid && p.Value <= 12
}

// changes reports whether some probe answer for field changes the approach
// or moves its payback across 12 months.
func changes(t *testing.T, adv *Advisor, u UseCase, field string) bool {
	t.Helper()
	ap, pb := outcomeOf(t, adv, u)
	var buf [16]Value
	for _, v := range candidates(fieldIndex(field), buf[:]) {
		w := u
		if err := w.Set(v); err != nil {
			t.Fatalf("Set(%+v): %v", v, err)
		}
		ap2, pb2 := outcomeOf(t, adv, w)
		if ap2 != ap || pb2 != pb {
			return true
		}
	}
	return false
}

// TestPlannerAsksExactlyDecisiveFields checks, on scenario profiles and on
// random partial profiles, that every question can change the outcome and
// that every unknown field left out cannot.
func TestPlannerAsksExactlyDecisiveFields(t *testing.T) {
	adv := New(DefaultAssumptions())
	var profiles []UseCase
	for _, sc := range scenarios {
		u, err := DecodeUseCase([]byte(sc.profile))
		if err != nil {
			t.Fatal(err)
		}
		profiles = append(profiles, u)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 40 {
		profiles = append(profiles, randomProfile(rng, 0.5))
	}
	for n, u := range profiles {
		rec, err := adv.Recommend(u)
		if err != nil {
			t.Fatal(err)
		}
		asked := map[string]bool{}
		for _, q := range rec.NextQuestions {
			asked[q.Field] = true
			if u.Known(q.Field) {
				t.Errorf("profile %d: asks %s, which is already known", n, q.Field)
			}
			if !changes(t, adv, u, q.Field) {
				t.Errorf("profile %d: asks %s, but no answer changes the outcome", n, q.Field)
			}
			f, _ := LookupField(q.Field)
			if q.Question == "" || (f.Kind == KindEnum || f.Kind == KindBool) != (len(q.Options) > 0) {
				t.Errorf("profile %d: question %+v lacks text or has wrong options", n, q)
			}
		}
		for _, name := range decisionFields {
			if !u.Known(name) && !asked[name] && changes(t, adv, u, name) {
				j, _ := json.Marshal(u)
				t.Errorf("profile %d %s: does not ask %s, yet an answer changes the outcome", n, j, name)
			}
		}
	}
}

func TestPlannerCompleteProfileAsksNothing(t *testing.T) {
	adv := New(DefaultAssumptions())
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		u := randomProfile(rng, 1)
		rec, err := adv.Recommend(u)
		if err != nil {
			t.Fatal(err)
		}
		if len(rec.NextQuestions) != 0 {
			t.Errorf("complete profile gets questions %+v", rec.NextQuestions)
		}
		if len(rec.AssumedFields) != 0 {
			t.Errorf("complete profile has assumed fields %v", rec.AssumedFields)
		}
	}
}

func TestPlannerOrdersByDecisiveness(t *testing.T) {
	adv := New(DefaultAssumptions())
	rec, err := adv.Recommend(UseCase{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.NextQuestions) == 0 {
		t.Fatal("an empty profile gets no questions")
	}
	// With nothing known, whether rules can do the job decides between an
	// LLM and classic automation, so it must be among the first questions.
	for i, q := range rec.NextQuestions {
		if q.Field == FieldRulesExpressible {
			if i > 2 {
				t.Errorf("rules_expressible asked at position %d: %+v", i, rec.NextQuestions)
			}
			return
		}
	}
	t.Errorf("rules_expressible not asked on an empty profile: %+v", rec.NextQuestions)
}

// randomProfile fills each decision field with probability p, with values
// drawn from the planner's candidates.
func randomProfile(rng *rand.Rand, p float64) UseCase {
	var u UseCase
	var buf [16]Value
	for _, name := range decisionFields {
		if rng.Float64() >= p {
			continue
		}
		c := candidates(fieldIndex(name), buf[:])
		if err := u.Set(c[rng.IntN(len(c))]); err != nil {
			panic(err)
		}
	}
	return u
}
