package advisor

import (
	"math"
	"slices"
	"strconv"
)

// Sample is one built automation as calibration reads it: the profile that
// was assessed, the approach the team built, the advisor's estimate for
// that approach when it was assessed, and the actuals the team reported
// (each absent when they did not say). Only outcomes with something built
// are samples: a dropped idea says nothing about build days.
type Sample struct {
	Profile  UseCase
	Approach Approach // built
	// Estimate is the advisor's ROI for Approach at assessment time, and
	// EstimatedHoursSaved its saving in hours a month: the figures the
	// team was shown, which the ratios compare actuals with.
	Estimate            ROI
	EstimatedHoursSaved float64
	// Actuals: USD, USD a month, hours a month.
	OneOffCost, MonthlyRunCost, HoursSavedMonthly Optional
}

// Suggestion is what the reported outcomes say about one assumption.
type Suggestion struct {
	Name    string
	Unit    string
	Current float64 // the value in use when calibrating
	// Observed is the median of the values the outcomes imply (see
	// [Calibrate]); Suggested is it rounded to two significant figures,
	// all the precision a median of a handful of reports carries.
	Observed, Suggested float64
	Outcomes            int // how many outcomes imply a value
	// Enough reports whether Outcomes reached the minimum asked for;
	// only then is Suggested meant to be applied.
	Enough bool
}

// calibrated lists, per approach, the assumptions the three reported
// figures are linear in: its build days (one-off cost) and its upkeep
// days (monthly run cost). Keeping it manual has neither. The saving of
// every approach is linear in automation_share.
var calibrated = [numApproaches]struct{ build, upkeep assumptionID }{
	iPrompt:  {aBuildPrompt, aMaintPrompt},
	iRAG:     {aBuildRAG, aMaintRAG},
	iFT:      {aBuildFT, aMaintFT},
	iHybrid:  {aBuildHybrid, aMaintHybrid},
	iClassic: {aBuildClassic, aMaintClassic},
	iManual:  {-1, -1},
}

// probe is the value the calibrated assumptions take for the second of the
// two evaluations that measure a slope. It is large so that rounding to
// cents, which the ROI model does, moves the slope by at most 1e-5 a unit.
const probe = 1000

// Calibrate infers, from outcomes teams reported, the values of the
// assumptions that reproduce them, given every other assumption in a:
//
//   - one-off cost gives build_days_<approach built>,
//   - monthly run cost gives upkeep_days_<approach built>,
//   - hours saved a month gives automation_share.
//
// Each of these figures is, for a given profile and approach, linear in
// its one assumption and in none of the other two (see [costs]): one-off
// cost = intercept + slope x build days, where the slope is the day rate
// times the skill and complexity factors and the intercept is labelling
// and training; run cost likewise in upkeep days over tokens, hosting and
// search; the saving is the manual hours times the share times the
// approach's and the review's factors. So the ROI model is evaluated
// twice per outcome, with the three assumptions at 0 and at a probe
// value, which measures slope and intercept exactly, and the implied
// value is (actual - intercept) / slope. Attributing the whole miss to
// the days (rather than the day rate, which every approach shares) keeps
// each approach's figures its own; an implied value below 0 (the actual
// is under the parts the days do not drive) is taken as 0, and a share
// is kept within [0, 1]. Outcomes whose profile is not valid, whose
// approach has no such assumption, or whose slope is 0 (a share on work
// that costs nothing by hand) imply nothing.
//
// Per assumption the median of the implied values is robust to the odd
// wild report, which a mean is not. Every calibrated assumption some
// outcome implies a value for is returned, in the order of
// [Assumptions.List]; those with at least minOutcomes (below 1: 1) are
// marked Enough. [Calibrator] does the same one sample at a time.
func Calibrate(a Assumptions, samples []Sample, minOutcomes int) []Suggestion {
	c := NewCalibrator(a)
	for k := range samples {
		c.Add(&samples[k])
	}
	return c.Suggestions(minOutcomes)
}

// Calibrator is [Calibrate] and [Ratios] over samples added one at a
// time, keeping only the numbers they imply: a caller reading 100,000
// outcomes from a store need not hold them.
type Calibrator struct {
	a       Assumptions
	lo, hi  [numApproaches]Assumptions // the calibrated assumptions at 0 and at the probe
	implied [numAssumptions][]float64
	ratios  [numApproaches]struct {
		oneOff, run, saving []float64
		n                   int
	}
}

// NewCalibrator starts a calibration against the assumptions a.
func NewCalibrator(a Assumptions) *Calibrator {
	c := &Calibrator{a: a}
	for i, ids := range calibrated {
		c.lo[i], c.hi[i] = a, a
		for _, id := range [...]assumptionID{ids.build, ids.upkeep, aAutomationShare} {
			if id >= 0 {
				c.lo[i].list[id].Value, c.hi[i].list[id].Value = 0, probe
			}
		}
	}
	return c
}

// Add takes in one sample, for both the suggestions and the ratios.
func (c *Calibrator) Add(s *Sample) {
	i := s.Approach.index()
	if i < 0 {
		return
	}
	c.addRatios(i, s)
	if i == iManual {
		return
	}
	f, ok := resolveValid(&s.Profile, &c.a)
	if !ok {
		return
	}
	var r0, r1 [numApproaches]ROI
	f.costs(&c.lo[i], &r0)
	f.costs(&c.hi[i], &r1)
	ids := calibrated[i]
	c.solve(ids.build, s.OneOffCost, r0[i].OneOffCost, r1[i].OneOffCost)
	c.solve(ids.upkeep, s.MonthlyRunCost, r0[i].MonthlyRunCost, r1[i].MonthlyRunCost)
	if f.hourly > 0 {
		// The saving is money at the profile's hourly cost; the report
		// is hours, so both sides are compared in hours.
		c.solve(aAutomationShare, s.HoursSavedMonthly, r0[i].MonthlyLaborSaved/f.hourly, r1[i].MonthlyLaborSaved/f.hourly)
	}
}

// Merge takes in what o took in, so that samples can be added on several
// goroutines, each to its own Calibrator. Both must have been started
// with the same assumptions. The result does not depend on the order.
func (c *Calibrator) Merge(o *Calibrator) {
	for id := range c.implied {
		c.implied[id] = append(c.implied[id], o.implied[id]...)
	}
	for i := range c.ratios {
		r, x := &c.ratios[i], &o.ratios[i]
		r.oneOff, r.run, r.saving = append(r.oneOff, x.oneOff...), append(r.run, x.run...), append(r.saving, x.saving...)
		r.n += x.n
	}
}

// solve records the value of assumption id that reproduces actual, given
// the figure at 0 and at the probe.
func (c *Calibrator) solve(id assumptionID, actual Optional, at0, atProbe float64) {
	slope := (atProbe - at0) / probe
	if !actual.Valid || !(slope > 0) {
		return
	}
	v := min(max((actual.Value-at0)/slope, 0), maxAssumption)
	if id == aAutomationShare {
		v = min(v, 1)
	}
	c.implied[id] = append(c.implied[id], v)
}

// Suggestions are [Calibrate]'s result for the samples added so far.
func (c *Calibrator) Suggestions(minOutcomes int) []Suggestion {
	minOutcomes = max(minOutcomes, 1)
	var out []Suggestion
	for id, vs := range c.implied {
		if len(vs) == 0 {
			continue
		}
		cur := c.a.list[id]
		m := Median(slices.Clone(vs))
		out = append(out, Suggestion{
			Name: cur.Name, Unit: cur.Unit, Current: cur.Value,
			Observed: m, Suggested: twoFigures(m),
			Outcomes: len(vs), Enough: len(vs) >= minOutcomes,
		})
	}
	return out
}

// twoFigures rounds x to two significant figures, halves away from zero:
// 31.37 to 31, 30.5 to 31, 0.437 to 0.44, 104 to 100.
func twoFigures(x float64) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	p := math.Pow(10, math.Floor(math.Log10(math.Abs(x)))-1)
	// Printing and reading back drops the binary noise of the product
	// (0.44000000000000006), so files show what people would write.
	v, _ := strconv.ParseFloat(strconv.FormatFloat(math.Round(x/p)*p, 'g', 2, 64), 64)
	return v
}

// Median is the middle of xs (the mean of the two middle values for an
// even count), or 0 when xs is empty. xs is reordered.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[m]
	}
	return (xs[m-1] + xs[m]) / 2
}

// ApproachRatios are the medians of actual ÷ estimated for the outcomes
// built with one approach, each with the number of outcomes behind it
// (0: none reported that figure, and the median is 0).
type ApproachRatios struct {
	Approach                  Approach
	OneOff, Run, Saving       float64
	OneOffN, RunN, SavingN, N int // N: samples of this approach
}

// Ratios compares actuals with the estimates the teams were shown: per
// approach built, in the order of [Approaches], the median of actual ÷
// estimated one-off cost, monthly run cost and hours saved a month. A
// ratio of 1.4 means the actual was 40% over the estimate; a figure
// estimated at 0 or less, or not reported, is left out. Unlike
// [Calibrate], which re-prices each profile under the assumptions in use,
// Ratios reads the estimate snapshot, since the question is how far off
// the figures people acted on were.
func Ratios(samples []Sample) []ApproachRatios {
	var c Calibrator
	for k := range samples {
		if i := samples[k].Approach.index(); i >= 0 {
			c.addRatios(i, &samples[k])
		}
	}
	return c.Ratios()
}

func (c *Calibrator) addRatios(i int, s *Sample) {
	add := func(dst *[]float64, actual Optional, estimate float64) {
		if actual.Valid && estimate > 0 && !math.IsInf(estimate, 0) {
			*dst = append(*dst, actual.Value/estimate)
		}
	}
	b := &c.ratios[i]
	b.n++
	add(&b.oneOff, s.OneOffCost, s.Estimate.OneOffCost)
	add(&b.run, s.MonthlyRunCost, s.Estimate.MonthlyRunCost)
	add(&b.saving, s.HoursSavedMonthly, s.EstimatedHoursSaved)
}

// Ratios are [Ratios]' result for the samples added so far.
func (c *Calibrator) Ratios() []ApproachRatios {
	var out []ApproachRatios
	for i := range c.ratios {
		b := &c.ratios[i]
		if b.n == 0 {
			continue
		}
		out = append(out, ApproachRatios{
			Approach: approachOrder[i],
			OneOff:   Median(slices.Clone(b.oneOff)), OneOffN: len(b.oneOff),
			Run: Median(slices.Clone(b.run)), RunN: len(b.run),
			Saving: Median(slices.Clone(b.saving)), SavingN: len(b.saving),
			N: b.n,
		})
	}
	return out
}
