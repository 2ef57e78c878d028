package advisor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// drawProfile draws a valid profile: each field known with probability
// 0.7, choices uniformly, numbers log-uniformly over realistic ranges
// (the ROI's slopes span orders of magnitude, which randomProfile's
// uniform numbers rarely reach).
func drawProfile(r *rand.Rand) UseCase {
	var u UseCase
	ranges := map[string][2]float64{
		FieldMonthlyVolume: {10, 1e6}, FieldMinutesPerTask: {0.5, 240}, FieldHourlyCost: {15, 200},
		FieldLabeledExamples: {1, 1e5}, FieldBudget: {1e3, 1e6}, FieldTimelineWeeks: {1, 104},
	}
	for _, f := range Fields() {
		if f.Kind == KindText || r.Float64() < 0.3 {
			continue
		}
		v := Value{Field: f.Name}
		switch f.Kind {
		case KindEnum:
			v.Text = f.Options[r.IntN(len(f.Options))]
		case KindBool:
			v.Bool = r.IntN(2) == 1
		default:
			lim := ranges[f.Name]
			v.Number = math.Exp(math.Log(lim[0]) + r.Float64()*(math.Log(lim[1])-math.Log(lim[0])))
			if f.Kind == KindInt {
				v.Number = math.Round(v.Number)
			}
		}
		if err := u.Set(v); err != nil {
			panic(err)
		}
	}
	return u
}

// company is a set of "true" figures: what the company's builds really
// take, which outcomes priced with them must lead Calibrate back to.
func company(t testing.TB) Assumptions {
	t.Helper()
	a := DefaultAssumptions()
	for name, v := range map[string]float64{
		"build_days_prompt_engineering": 14, "upkeep_days_prompt_engineering": 1.5,
		"build_days_rag": 40, "upkeep_days_rag": 3.5,
		"build_days_fine_tuning": 55, "upkeep_days_fine_tuning": 2,
		"build_days_hybrid": 70, "upkeep_days_hybrid": 4.5,
		"build_days_classic_automation": 12, "upkeep_days_classic_automation": 0.6,
		"automation_share": 0.45,
	} {
		if err := a.Set(name, v, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

// actualSample is an outcome whose actuals are exactly what the advisor
// computes under truth for the approach built, next to the estimate the
// defaults gave.
func actualSample(t testing.TB, truth *Advisor, u UseCase, built Approach) Sample {
	t.Helper()
	real, err := truth.Recommend(u)
	if err != nil {
		t.Fatal(err)
	}
	est, err := New(DefaultAssumptions()).Recommend(u)
	if err != nil {
		t.Fatal(err)
	}
	w := truth.Workload(u)
	r := real.ROI[built]
	return Sample{
		Profile: u, Approach: built,
		Estimate: est.ROI[built], EstimatedHoursSaved: w.HoursSaved(est.ROI[built]),
		OneOffCost: Some(r.OneOffCost), MonthlyRunCost: Some(r.MonthlyRunCost), HoursSavedMonthly: Some(w.HoursSaved(r)),
	}
}

// TestCalibrateRecoversTruth: outcomes priced with known figures, over
// varied profiles (review, skill, niche labelling, self-hosting, classic
// complexity all change the slopes and intercepts), lead back to exactly
// those figures.
func TestCalibrateRecoversTruth(t *testing.T) {
	truthA := company(t)
	truth := New(truthA)
	r := rand.New(rand.NewPCG(1, 2))
	var samples []Sample
	for range 400 {
		u := drawProfile(r)
		built := approachOrder[r.IntN(numApproaches-1)] // never keep_manual
		s := actualSample(t, truth, u, built)
		if s.Estimate.MonthlyLaborSaved <= 0 {
			continue // e.g. classic automation on work nobody does by hand
		}
		samples = append(samples, s)
	}
	got := Calibrate(DefaultAssumptions(), samples, 5)
	if len(got) != 11 {
		t.Fatalf("got %d suggestions, want 11 (5 build, 5 upkeep, the share): %+v", len(got), got)
	}
	for _, s := range got {
		want := truthA.list[assumptionIndex(t, s.Name)].Value
		// Money is rounded to cents, so the implied values are exact to
		// about a cent over the slope.
		if math.Abs(s.Observed-want) > 1e-3*want || s.Suggested != want || !s.Enough {
			t.Errorf("%s: observed %v, suggested %v from %d (enough %v); want %v", s.Name, s.Observed, s.Suggested, s.Outcomes, s.Enough, want)
		}
		if def := DefaultAssumptions(); s.Current != def.list[assumptionIndex(t, s.Name)].Value {
			t.Errorf("%s: current %v is not the default", s.Name, s.Current)
		}
	}
}

// TestCalibratorMerge: samples split over several calibrators and merged
// give what one calibrator given them all gives.
func TestCalibratorMerge(t *testing.T) {
	truth := New(company(t))
	r := rand.New(rand.NewPCG(7, 8))
	var samples []Sample
	for range 200 {
		samples = append(samples, actualSample(t, truth, drawProfile(r), approachOrder[r.IntN(numApproaches)]))
	}
	parts := []*Calibrator{NewCalibrator(DefaultAssumptions()), NewCalibrator(DefaultAssumptions()), NewCalibrator(DefaultAssumptions())}
	for k := range samples {
		parts[k%3].Add(&samples[k])
	}
	parts[0].Merge(parts[1])
	parts[0].Merge(parts[2])
	if got, want := fmt.Sprint(parts[0].Suggestions(5)), fmt.Sprint(Calibrate(DefaultAssumptions(), samples, 5)); got != want {
		t.Errorf("merged %s\nwant   %s", got, want)
	}
	if got, want := fmt.Sprint(parts[0].Ratios()), fmt.Sprint(Ratios(samples)); got != want {
		t.Errorf("merged ratios %s\nwant          %s", got, want)
	}
}

func assumptionIndex(t testing.TB, name string) int {
	t.Helper()
	a := DefaultAssumptions()
	for i, x := range a.list {
		if x.Name == name {
			return i
		}
	}
	t.Fatalf("no assumption %s", name)
	return -1
}

// TestCalibrateByHand checks the mapping on figures worked out by hand for
// a profile with no fine-tuning or complexity factors: prompting, 1,000
// items of 6 minutes at $50 an hour ($5,000 a month by hand).
func TestCalibrateByHand(t *testing.T) {
	u, err := DecodeUseCase([]byte(`{"task":"draft","monthly_volume":1000,"minutes_per_task":6,"hourly_cost":50,"human_review":false}`))
	if err != nil {
		t.Fatal(err)
	}
	def := DefaultAssumptions()
	rec, _ := New(def).Recommend(u)
	tokens := rec.ROI[PromptEngineering].MonthlyRunCost - 0.5*1000 // the run cost less 0.5 upkeep days at $1,000
	sample := func(oneOff, run, hours float64) Sample {
		return Sample{Profile: u, Approach: PromptEngineering, OneOffCost: Some(oneOff), MonthlyRunCost: Some(run), HoursSavedMonthly: Some(hours)}
	}
	for _, c := range []struct {
		name                 string
		s                    Sample
		build, upkeep, share float64
	}{
		// $15,000 at $1,000 a day is 15 days; tokens plus $2,000 is 2 days;
		// 100 hours of the 100 done by hand is all of them... capped at 1.
		{"over", sample(15000, tokens+2000, 100), 15, 2, 1},
		// 35 of 100 hours is a share of 0.35.
		{"under", sample(4000, tokens+250, 35), 4, 0.25, 0.35},
		// A run cost under the tokens alone implies no upkeep at all.
		{"below intercept", sample(0, tokens/2, 0), 0, 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Calibrate(def, []Sample{c.s}, 1)
			want := map[string]float64{"build_days_prompt_engineering": c.build, "upkeep_days_prompt_engineering": c.upkeep, "automation_share": c.share}
			if len(got) != len(want) {
				t.Fatalf("got %+v", got)
			}
			for _, s := range got {
				if math.Abs(s.Observed-want[s.Name]) > 1e-4 {
					t.Errorf("%s = %v, want %v", s.Name, s.Observed, want[s.Name])
				}
			}
		})
	}
}

func TestCalibrateCountsAndSkips(t *testing.T) {
	u, _ := DecodeUseCase([]byte(`{"task":"answer","monthly_volume":5000,"minutes_per_task":5,"hourly_cost":40}`))
	bad := u
	bad.Accuracy = "perfect" // not a valid choice
	def := DefaultAssumptions()
	day := def.v(aDayRate)
	rag := func(days float64) Sample {
		rec, _ := New(DefaultAssumptions()).Recommend(u)
		return Sample{Profile: u, Approach: RAG, OneOffCost: Some(days * day), Estimate: rec.ROI[RAG]}
	}
	samples := []Sample{
		rag(20), rag(30), rag(31), rag(400), // one wild report: the median ignores it
		{Profile: u, Approach: KeepManual, OneOffCost: Some(1000), HoursSavedMonthly: Some(10)},
		{Profile: u, Approach: "skunkworks", OneOffCost: Some(1000)},
		{Profile: bad, Approach: RAG, OneOffCost: Some(1000)},
		{Profile: u, Approach: RAG}, // nothing reported
	}
	got := Calibrate(DefaultAssumptions(), samples, 5)
	if len(got) != 1 || got[0].Name != "build_days_rag" || got[0].Outcomes != 4 || got[0].Enough {
		t.Fatalf("got %+v; want build_days_rag from 4 outcomes, not enough for 5", got)
	}
	if got[0].Observed != 30.5 || got[0].Suggested != 31 || got[0].Current != 25 || got[0].Unit != "engineer days" {
		t.Errorf("got %+v; want the median 30.5, suggested 31, current 25", got[0])
	}
	if got := Calibrate(DefaultAssumptions(), samples, 4); !got[0].Enough {
		t.Errorf("4 outcomes are enough for a minimum of 4: %+v", got)
	}
	if got := Calibrate(DefaultAssumptions(), nil, 5); got != nil {
		t.Errorf("no samples: %+v", got)
	}
}

func TestTwoFigures(t *testing.T) {
	for x, want := range map[float64]float64{31.37: 31, 0.437: 0.44, 104: 100, 0.7: 0.7, 1.55: 1.6, 0: 0, 2.96: 3, 30.5: 31, 0.045: 0.045, 99.6: 100} {
		if got := twoFigures(x); got != want {
			t.Errorf("twoFigures(%v) = %v, want %v", x, got, want)
		}
	}
}

func TestRatios(t *testing.T) {
	s := func(a Approach, oneOff, estOneOff, hours, estHours float64) Sample {
		return Sample{Approach: a, OneOffCost: Some(oneOff), Estimate: ROI{OneOffCost: estOneOff}, HoursSavedMonthly: Some(hours), EstimatedHoursSaved: estHours}
	}
	got := Ratios([]Sample{
		s(RAG, 30000, 25000, 50, 100),
		s(RAG, 50000, 25000, 100, 100),
		s(RAG, 20000, 25000, 75, 100),
		s(PromptEngineering, 10000, 0, 10, 20), // an estimate of 0: no ratio
		{Approach: "unknown"},
	})
	want := []ApproachRatios{
		{Approach: PromptEngineering, Saving: 0.5, SavingN: 1, N: 1},
		{Approach: RAG, OneOff: 1.2, OneOffN: 3, Saving: 0.75, SavingN: 3, N: 3},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %+v, want %+v", got[i], want[i])
		}
	}
}

// TestApproachIsRecommend: the cheap entry point picks what Recommend
// picks, for random profiles under the defaults and under other figures.
func TestApproachIsRecommend(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, a := range []Assumptions{DefaultAssumptions(), company(t)} {
		adv := New(a)
		seen := map[Approach]int{}
		for range 3000 {
			u := drawProfile(r)
			rec, err := adv.Recommend(u)
			if err != nil {
				t.Fatal(err)
			}
			got, err := adv.Approach(u)
			if err != nil || got != rec.Approach {
				t.Fatalf("Approach = %s, %v; Recommend = %s for %+v", got, err, rec.Approach, u)
			}
			seen[got]++
		}
		if len(seen) < 5 {
			t.Errorf("the random profiles reach only %v; the comparison needs most approaches", seen)
		}
	}
	// Each way a profile can be invalid gives Validate's problems.
	nan, neg, frac := math.NaN(), -1.0, 2
	for _, bad := range []func(*UseCase){
		func(u *UseCase) { u.Task = "juggle" },
		func(u *UseCase) { u.Title = strings.Repeat("x", MaxTitleLen+1) },
		func(u *UseCase) { u.Description = "\xff" },
		func(u *UseCase) { u.HourlyCost = &nan },
		func(u *UseCase) { u.MinutesPerTask = &neg },
		func(u *UseCase) { frac = MaxMonthlyVolume + 1; u.MonthlyVolume = &frac },
	} {
		u := drawProfile(r)
		bad(&u)
		want := u.Validate()
		if _, err := New(DefaultAssumptions()).Approach(u); err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("Approach: %v; Validate: %v", err, want)
		}
	}
}
