package advisor

import (
	"math"
	"slices"
)

// The planner must ask a numeric field exactly when some answer would change
// the outcome. Trying a fixed list of values misses narrow ranges, so the
// probes are derived from the rules instead. Every rule reads a number in
// one of two ways:
//
//   - against a fixed threshold (labeled_examples < 10, timeline < 4 weeks),
//     or against the one-off costs (budget), which a probe at each
//     threshold covers;
//   - through the ROI model, where volume, minutes and hourly cost enter
//     linearly (manual cost, tokens) and labeled examples piecewise
//     linearly (labelling stops once enough examples exist). Each economic
//     test (net > 0, 36-month value > 0, payback <= 12 months, one
//     approach's value above another's, the distillation tests) is then the
//     sign of a linear function, which can change only at its root.
//
// Between consecutive thresholds and roots the outcome is constant, so one
// probe per interval (plus 0) tries every outcome the field can produce.

// numberProbes returns the probe values for numeric field i, ascending.
func (adv *Advisor) numberProbes(f *facts, roi *[numApproaches]ROI, i int, out []float64) []float64 {
	fd := &fieldTable[i]
	var pts [64]float64
	ts := pts[:0]
	switch fd.Name {
	case FieldMonthlyVolume, FieldMinutesPerTask, FieldHourlyCost:
		ts = adv.linearRoots(f, i, 0, fd.Max, ts)
	case FieldLabeledExamples:
		needed := adv.a.v(aExamplesProduction)
		if f.domain == DomainNiche {
			needed = adv.a.v(aExamplesNewSkill)
		}
		ts = append(ts, 10, 100, 500, needed)
		ts = adv.linearRoots(f, i, 0, needed, ts)
		ts = adv.linearRoots(f, i, needed, fd.Max, ts)
	case FieldBudget:
		// Over budget at one-off > budget, far over at one-off > 1.5 x budget.
		for k := iPrompt; k <= iClassic; k++ {
			ts = append(ts, roi[k].OneOffCost, roi[k].OneOffCost/budgetFarOver)
		}
	case FieldTimelineWeeks:
		ts = append(ts, timelineShort, timelineTight)
	}
	return intervalProbes(ts, fd, out)
}

// intervalProbes returns one value inside each interval the boundaries ts
// cut the field's range into: the lowest allowed value, the midpoint between
// each pair of neighbouring boundaries, and one value above the last. A
// boundary itself is not probed: for a root the outcome there is a single
// point nobody will type, and for a threshold it equals the interval above.
func intervalProbes(ts []float64, fd *Field, out []float64) []float64 {
	lo := fd.Min
	if fd.MinOpen {
		lo = math.Min(0.5, fd.Max)
	}
	slices.Sort(ts)
	out = append(out, lo)
	prev := lo
	for _, t := range ts {
		if t <= prev*(1+1e-9) || t > fd.Max || len(out) >= maxProbes-1 {
			continue
		}
		out = append(out, (prev+t)/2)
		prev = t
	}
	if above := math.Min(prev*2+1, fd.Max); above > prev {
		out = append(out, above)
	}
	if fd.Kind == KindInt {
		for k, x := range out {
			out[k] = math.Ceil(x)
		}
		out = slices.Compact(out)
	}
	return out
}

// linearRoots appends the roots, inside (lo, hi), of every economic test as
// a function of numeric field i, which the ROI model treats linearly on
// [lo, hi]. Two evaluations of the model give each quantity's line.
func (adv *Advisor) linearRoots(f *facts, i int, lo, hi float64, ts []float64) []float64 {
	x0, x1 := lo, lo+1
	if hi-lo < 2 {
		return ts
	}
	var r0, r1 [numApproaches]ROI
	g := *f
	g.set(i, Value{Number: x0})
	g.costs(&adv.a, &r0)
	g.set(i, Value{Number: x1})
	g.costs(&adv.a, &r1)

	root := func(q func(r *[numApproaches]ROI) float64) {
		y0, y1 := q(&r0), q(&r1)
		if slope := y1 - y0; slope != 0 {
			if x := x0 - y0/slope*(x1-x0); x > lo && x < hi {
				ts = append(ts, x)
			}
		}
	}
	for k := iPrompt; k <= iClassic; k++ {
		root(func(r *[numApproaches]ROI) float64 { return r[k].NetMonthly })
		root(func(r *[numApproaches]ROI) float64 { return r[k].value36() })
		root(func(r *[numApproaches]ROI) float64 { return 12*r[k].NetMonthly - r[k].OneOffCost })
		for j := k + 1; j <= iClassic; j++ {
			root(func(r *[numApproaches]ROI) float64 { return r[k].value36() - r[j].value36() })
		}
	}
	for _, p := range [...][2]int{{iFT, iPrompt}, {iHybrid, iRAG}} {
		t, q := p[0], p[1]
		root(func(r *[numApproaches]ROI) float64 { return r[t].NetMonthly - r[q].NetMonthly })
		root(func(r *[numApproaches]ROI) float64 { return r[t].MonthlyRunCost - distilRunShare*r[q].MonthlyRunCost })
		root(func(r *[numApproaches]ROI) float64 {
			return r[t].OneOffCost - r[q].OneOffCost - 12*(r[t].NetMonthly-r[q].NetMonthly)
		})
	}
	return ts
}
