package summary

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// OutcomeWindow is how far back estimates are compared with actuals: a
// quarter, so the medians rest on more than one week's few reports and
// the summary's cost stays bounded by the reports of a quarter, not by
// everything ever stored.
const OutcomeWindow = 13 * 7 * 24 * time.Hour

// Outcomes is the summary's section on what teams reported after their
// assessments.
type Outcomes struct {
	// This week's reports.
	Reported, Built, Dropped, NotYet int
	// Window is the span the ratios and misses cover, ending with the week.
	WindowWeeks int
	// Ratios are, per approach built, the median of actual ÷ estimated.
	Ratios []ApproachRatios
	// Misses are the three largest misses in the window, largest first.
	Misses []Miss
}

// ApproachRatios are an approach's median actual-to-estimate ratios, each
// with the number of outcomes behind it (0: none reported that figure).
type ApproachRatios struct {
	Approach                    advisor.Approach
	OneOff, Run, Saving         float64
	OneOffN, RunN, SavingN, All int
}

// Miss is one outcome far from its estimate.
type Miss struct {
	Title    string
	Approach advisor.Approach
	What     string  // "one-off cost", "monthly run cost" or "time saved"
	Ratio    float64 // actual ÷ estimated
}

// Empty reports whether there is nothing to show.
func (o Outcomes) Empty() bool { return o.Reported == 0 && len(o.Ratios) == 0 }

// buildOutcomes reads the outcomes reported in the window ending at end.
func buildOutcomes(ctx context.Context, st store.Store, weekStart, end time.Time) (Outcomes, error) {
	out := Outcomes{WindowWeeks: int(OutcomeWindow / (7 * 24 * time.Hour))}
	type figures struct{ oneOff, run, saving []float64 }
	by := map[advisor.Approach]*figures{}
	var misses []Miss
	err := st.EachOutcome(ctx, end.Add(-OutcomeWindow), end, func(o store.Outcome) error {
		if !o.At.Before(weekStart) {
			out.Reported++
			switch o.Status {
			case store.OutcomeBuilt:
				out.Built++
			case store.OutcomeDropped:
				out.Dropped++
			case store.OutcomeNotYet:
				out.NotYet++
			}
		}
		if o.Status != store.OutcomeBuilt || !o.Approach.Valid() {
			return nil
		}
		f := by[o.Approach]
		if f == nil {
			f = &figures{}
			by[o.Approach] = f
		}
		add := func(dst *[]float64, what string, actual advisor.Optional, estimate float64) {
			if !actual.Valid || estimate <= 0 {
				return
			}
			r := actual.Value / estimate
			*dst = append(*dst, r)
			misses = append(misses, Miss{Title: o.Title, Approach: o.Approach, What: what, Ratio: r})
		}
		add(&f.oneOff, "one-off cost", o.OneOffCost, o.Estimate.OneOffCost)
		add(&f.run, "monthly run cost", o.MonthlyRunCost, o.Estimate.MonthlyRunCost)
		add(&f.saving, "time saved", o.HoursSavedMonthly, o.EstimatedHoursSaved)
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("summary: outcomes: %w", err)
	}
	for _, a := range advisor.Approaches() {
		f := by[a]
		if f == nil {
			continue
		}
		out.Ratios = append(out.Ratios, ApproachRatios{
			Approach: a,
			OneOff:   advisor.Median(f.oneOff), OneOffN: len(f.oneOff),
			Run: advisor.Median(f.run), RunN: len(f.run),
			Saving: advisor.Median(f.saving), SavingN: len(f.saving),
		})
	}
	// A miss is how many times off, either way: 3× and ⅓× are as far.
	slices.SortStableFunc(misses, func(a, b Miss) int {
		return cmp.Compare(math.Abs(math.Log(b.Ratio+1e-9)), math.Abs(math.Log(a.Ratio+1e-9)))
	})
	out.Misses = misses[:min(3, len(misses))]
	return out, nil
}
