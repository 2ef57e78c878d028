package advisor

import (
	"math"
	"testing"
)

// TestROIHandComputed checks the model against figures worked out by hand
// for one profile: 10,000 classifications a month, 3 minutes each at $40/h,
// everything else at its prior (small model tier, general domain, no
// examples, no review, rules cannot do it).
func TestROIHandComputed(t *testing.T) {
	a := DefaultAssumptions()
	u := UseCase{Task: TaskClassify, MonthlyVolume: ptr(10_000), MinutesPerTask: ptr(3.0), HourlyCost: ptr(40.0)}
	f := resolve(&u, &a)
	var roi [numApproaches]ROI
	f.costs(&a, &roi)

	// manual = 10,000 x 3/60 x 40 = 20,000; automation share 0.7 -> 14,000 saved.
	if got := f.manualMonthly(); got != 20_000 {
		t.Errorf("manual = %v, want 20000", got)
	}
	// Hosting $1.70 x 730 h = 1,241; training 500 ex x (300+300+20) tok x 3 epochs x $1.50/1M = 1.395;
	// retraining (5 days x $1,000 + 1.395) / 12 = 416.7829.
	want := [numApproaches]ROI{
		// one-off 10 days; run 10,000 x (1,800 x 0.40 + 20 x 1.60)/1M = 7.52 + 0.5 day upkeep.
		iPrompt: {OneOffCost: 10_000, MonthlyRunCost: 507.52, MonthlyLaborSaved: 14_000, NetMonthly: 13_492.48},
		// one-off 25 days; run 10,000 x (5,800 x 0.40 + 20 x 1.60)/1M = 23.52 + 73 search + 2 days.
		iRAG: {OneOffCost: 25_000, MonthlyRunCost: 2_096.52, MonthlyLaborSaved: 14_000, NetMonthly: 11_903.48},
		// one-off 30 days + 500 x $3 labelling + 1.395 training;
		// run 10,000 x (600 x 0.10 + 20 x 0.40)/1M = 0.68 + 1,241 + 416.78 + 1.5 days.
		iFT: {OneOffCost: 31_501.40, MonthlyRunCost: 3_158.46, MonthlyLaborSaved: 14_000, NetMonthly: 10_841.54},
		// one-off 45 days + labelling + training; run 10,000 x (4,600 x 0.10 + 8)/1M = 4.68 + hosting + retraining + 73 + 3 days.
		iHybrid: {OneOffCost: 46_501.40, MonthlyRunCost: 4_735.46, MonthlyLaborSaved: 14_000, NetMonthly: 9_264.54},
		// rules cannot do it: share 0.7 x 0.15 = 0.105 -> 2,100 saved; classification is a
		// small rule set (0.3x): 0.3 x 20 days, and 0.3 x ($200 runtime + 1 day).
		iClassic: {OneOffCost: 6_000, MonthlyRunCost: 360, MonthlyLaborSaved: 2_100, NetMonthly: 1_740},
		iManual:  {},
	}
	for i := range roi {
		got, w := roi[i], want[i]
		name := approachOrder[i]
		for _, c := range []struct {
			field     string
			got, want float64
		}{
			{"one_off_cost", got.OneOffCost, w.OneOffCost},
			{"monthly_run_cost", got.MonthlyRunCost, w.MonthlyRunCost},
			{"monthly_labor_saved", got.MonthlyLaborSaved, w.MonthlyLaborSaved},
			{"net_monthly", got.NetMonthly, w.NetMonthly},
		} {
			if math.Abs(c.got-c.want) > 0.011 {
				t.Errorf("%s %s = %v, want %v", name, c.field, c.got, c.want)
			}
		}
		checkIdentities(t, string(name), f.manualMonthly(), got)
	}
	if p := roi[iPrompt].PaybackMonths; !p.Valid || math.Abs(p.Value-10_000/13_492.48) > 1e-9 {
		t.Errorf("prompt payback = %+v, want %v", p, 10_000/13_492.48)
	}
	if r := roi[iPrompt].ROI12; !r.Valid || math.Abs(r.Value-15.190976) > 1e-9 {
		t.Errorf("prompt roi_12m = %+v, want 15.190976", r)
	}
	if p := roi[iClassic].PaybackMonths; !p.Valid || math.Abs(p.Value-6_000.0/1_740) > 1e-9 {
		t.Errorf("classic payback = %+v, want %v", p, 6_000.0/1_740)
	}
	m := roi[iManual]
	if m.PaybackMonths.Valid || m.ROI12.Valid || m.ROI36.Valid {
		t.Errorf("keep_manual has ratios, want nulls: %+v", m)
	}
}

// checkIdentities asserts the identities the ROI model promises.
func checkIdentities(t *testing.T, name string, manual float64, r ROI) {
	t.Helper()
	const eps = 1e-6
	if math.Abs(r.NetMonthly-(r.MonthlyLaborSaved-r.MonthlyRunCost)) > 0.005+eps {
		t.Errorf("%s: net %v != saved %v - run %v", name, r.NetMonthly, r.MonthlyLaborSaved, r.MonthlyRunCost)
	}
	if r.MonthlyLaborSaved > manual+eps {
		t.Errorf("%s: saves %v, more than the manual cost %v", name, r.MonthlyLaborSaved, manual)
	}
	switch {
	case r.NetMonthly > 0 && !r.PaybackMonths.Valid,
		r.NetMonthly <= 0 && r.PaybackMonths.Valid:
		t.Errorf("%s: payback %+v with net %v", name, r.PaybackMonths, r.NetMonthly)
	case r.PaybackMonths.Valid && math.Abs(r.PaybackMonths.Value-r.OneOffCost/r.NetMonthly) > eps:
		t.Errorf("%s: payback %v != %v / %v", name, r.PaybackMonths.Value, r.OneOffCost, r.NetMonthly)
	}
	for _, c := range []struct {
		n int
		o Optional
	}{{12, r.ROI12}, {36, r.ROI36}} {
		if r.OneOffCost == 0 {
			if c.o.Valid {
				t.Errorf("%s: roi_%dm %v with no one-off cost, want null", name, c.n, c.o.Value)
			}
			continue
		}
		want := (float64(c.n)*r.NetMonthly - r.OneOffCost) / r.OneOffCost
		if !c.o.Valid || math.Abs(c.o.Value-want) > eps {
			t.Errorf("%s: roi_%dm = %+v, want %v", name, c.n, c.o, want)
		}
	}
}

// TestROIIdentities checks the identities on every scenario profile.
func TestROIIdentities(t *testing.T) {
	adv := New(DefaultAssumptions())
	for _, sc := range scenarios {
		u, err := DecodeUseCase([]byte(sc.profile))
		if err != nil {
			t.Fatal(err)
		}
		rec, err := adv.Recommend(u)
		if err != nil {
			t.Fatal(err)
		}
		for ap, r := range rec.ROI {
			checkIdentities(t, sc.name+"/"+string(ap), rec.ManualMonthlyCost, r)
		}
		if len(rec.ROI) != numApproaches {
			t.Errorf("%s: ROI for %d approaches, want 6", sc.name, len(rec.ROI))
		}
	}
}

func TestROIHumanReviewAndSkill(t *testing.T) {
	a := DefaultAssumptions()
	base := UseCase{MonthlyVolume: ptr(1000), MinutesPerTask: ptr(6.0), HourlyCost: ptr(50.0)}
	reviewed := base
	reviewed.HumanReview = ptr(true)
	none := base
	none.MLSkill = SkillNone
	roiOf := func(u UseCase) [numApproaches]ROI {
		f := resolve(&u, &a)
		var r [numApproaches]ROI
		f.costs(&a, &r)
		return r
	}
	b, r, n := roiOf(base), roiOf(reviewed), roiOf(none)
	// 1,000 x 6/60 x 50 = 5,000; 0.7 share = 3,500; reviewed: x (1 - 0.3) = 2,450.
	if b[iPrompt].MonthlyLaborSaved != 3500 || r[iPrompt].MonthlyLaborSaved != 2450 {
		t.Errorf("saved = %v / %v, want 3500 / 2450", b[iPrompt].MonthlyLaborSaved, r[iPrompt].MonthlyLaborSaved)
	}
	// No ML skill: fine-tuning build days x 1.5 = 15 more days.
	if d := n[iFT].OneOffCost - b[iFT].OneOffCost; math.Abs(d-15_000) > 0.011 {
		t.Errorf("no-skill fine-tuning costs %v more, want 15000", d)
	}
}

func TestOptionalJSON(t *testing.T) {
	for _, tt := range []struct {
		o    Optional
		want string
	}{{Optional{}, "null"}, {Some(2.5), "2.5"}, {Some(0), "0"}} {
		b, _ := tt.o.MarshalJSON()
		if string(b) != tt.want {
			t.Errorf("%+v -> %s, want %s", tt.o, b, tt.want)
		}
		var back Optional
		if err := back.UnmarshalJSON(b); err != nil || back != tt.o {
			t.Errorf("round trip of %s = %+v, %v", b, back, err)
		}
	}
}

func ptr[T any](v T) *T { return &v }
