package advisor

import (
	"encoding/json"
	"math"
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

// changes reports whether some answer for field changes the approach or
// moves its payback across 12 months. It tries every option of a choice and,
// for a number, a dense sweep of its whole range that shares nothing with
// the planner's own probes, so the planner is checked, not repeated.
func changes(t *testing.T, adv *Advisor, u UseCase, field string) bool {
	t.Helper()
	ap, pb := outcomeOf(t, adv, u)
	for _, v := range sweep(field) {
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

// sweep lists the answers the tests try for a field: every option, or for
// a number 400 log-spaced values over its range (whole for integers).
func sweep(field string) []Value {
	f, _ := LookupField(field)
	var out []Value
	switch f.Kind {
	case KindEnum:
		for _, o := range f.Options {
			out = append(out, Value{Field: field, Text: o})
		}
	case KindBool:
		out = append(out, Value{Field: field, Bool: true}, Value{Field: field, Bool: false})
	default:
		if !f.MinOpen {
			out = append(out, Value{Field: field})
		}
		const n = 400
		lo, hi := math.Log(0.1), math.Log(f.Max)
		for k := range n {
			x := math.Min(math.Exp(lo+(hi-lo)*float64(k)/(n-1)), f.Max)
			if f.Kind == KindInt {
				x = math.Round(x)
			}
			out = append(out, Value{Field: field, Number: x})
		}
	}
	return out
}

// witnessed reports whether one of the planner's own probes for field
// changes the outcome: the proof a question is worth asking.
func witnessed(t *testing.T, adv *Advisor, u UseCase, field string) bool {
	t.Helper()
	ap, pb := outcomeOf(t, adv, u)
	f := resolve(&u, &adv.a)
	var roi [numApproaches]ROI
	f.costs(&adv.a, &roi)
	var buf [maxProbes]Value
	for _, v := range adv.candidates(&f, &roi, fieldIndex(field), buf[:]) {
		w := u
		if err := w.Set(v); err != nil {
			t.Fatalf("Set(%+v): %v", v, err)
		}
		if ap2, pb2 := outcomeOf(t, adv, w); ap2 != ap || pb2 != pb {
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
			if !witnessed(t, adv, u, q.Field) {
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

// realistic are the numbers random profiles draw from.
var realistic = map[string][]float64{
	FieldMonthlyVolume:   {20, 150, 800, 3_000, 12_000, 60_000, 400_000, 3_000_000},
	FieldMinutesPerTask:  {0.3, 1, 3, 8, 20, 45, 180},
	FieldHourlyCost:      {18, 35, 60, 110, 229, 400},
	FieldLabeledExamples: {0, 5, 40, 150, 480, 2_000, 50_000},
	FieldBudget:          {0, 3_000, 15_000, 40_000, 120_000, 1_000_000},
	FieldTimelineWeeks:   {1, 3, 5, 9, 16, 40},
}

// randomProfile fills each decision field with probability p.
func randomProfile(rng *rand.Rand, p float64) UseCase {
	var u UseCase
	for _, name := range decisionFields {
		if rng.Float64() >= p {
			continue
		}
		c := sweep(name)
		v := c[rng.IntN(len(c))]
		if f, _ := LookupField(name); f.Kind == KindInt || f.Kind == KindNumber {
			// Realistic magnitudes, not the sweep's extremes.
			v.Number = realistic[name][rng.IntN(len(realistic[name]))]
		}
		if err := u.Set(v); err != nil {
			panic(err)
		}
	}
	return u
}

// TestPlannerConfirmsDecisiveInferences: an inferred field is asked back,
// with the value read, exactly when another answer would change the outcome.
func TestPlannerConfirmsDecisiveInferences(t *testing.T) {
	adv := New(DefaultAssumptions())
	rng := rand.New(rand.NewPCG(5, 6))
	asked := 0
	for range 40 {
		u := randomProfile(rng, 0.6)
		var inferred []string
		for _, name := range decisionFields {
			if u.Known(name) && rng.IntN(2) == 0 {
				inferred = append(inferred, name)
			}
		}
		rec, err := adv.RecommendInferred(u, inferred)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]Question{}
		for _, q := range rec.NextQuestions {
			got[q.Field] = q
		}
		for _, name := range inferred {
			q, ok := got[name]
			if decisive := witnessed(t, adv, u, name) || changes(t, adv, u, name); decisive != ok {
				t.Errorf("inferred %s: asked %v, but an answer changes the outcome: %v", name, ok, decisive)
			}
			if ok {
				asked++
				if !q.Inferred || q.Current == "" {
					t.Errorf("confirmation of %s lacks the value read: %+v", name, q)
				}
			}
		}
		for _, q := range rec.NextQuestions {
			if u.Known(q.Field) && !q.Inferred {
				t.Errorf("asks answered field %s", q.Field)
			}
		}
	}
	if asked == 0 {
		t.Error("no inferred field was ever worth confirming; the test is not exercising anything")
	}
}
