package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// calibrationStore is what calibrate reads.
type calibrationStore interface {
	EachOutcome(ctx context.Context, since, until time.Time, fn func(store.Outcome) error) error
	EachAssessmentRef(ctx context.Context, since, until time.Time, fn func(store.AssessmentRef) error) error
}

type calibrateInput struct {
	base        advisor.Assumptions // the figures in use
	since, now  time.Time           // outcomes reported at or after since; the run's time
	minOutcomes int
	workers     int    // re-running the rules in parallel
	fileInUse   string // the assumptions file base came from; "" for the defaults
}

// calibration is what calibrate found.
type calibration struct {
	calibrateInput
	Reported, Built, Dropped, NotYet int
	Suggestions                      []advisor.Suggestion
	Ratios                           []advisor.ApproachRatios
	// Applied is base with the suggestions that have enough outcomes.
	Applied advisor.Assumptions
	// The recommendations of the change window, re-run under Applied:
	// how many, how many profiles no longer validate, how many already
	// differ from their record under base (the rules or the figures
	// changed since; not the calibration's doing), and those the
	// suggested figures change, newest first.
	Checked, Invalid, Drifted int
	Changes                   []change
}

// change is one recommendation the suggested figures would change.
type change struct {
	ID, Title string
	Created   time.Time
	From, To  advisor.Approach
}

func (c *calibration) day() string { return c.now.Format(time.DateOnly) }

func (c *calibration) anyEnough() bool {
	return slices.ContainsFunc(c.Suggestions, func(s advisor.Suggestion) bool { return s.Enough })
}

func (c *calibration) outcomesPhrase() string {
	s := fmt.Sprintf("%d reported outcomes", c.Reported)
	if !c.since.IsZero() {
		s += " since " + c.since.Format(time.DateOnly)
	}
	return s
}

// calibrate reads the outcomes, infers the figures they imply and re-runs
// the change window's recommendations under them.
func calibrate(ctx context.Context, st calibrationStore, in calibrateInput) (calibration, error) {
	c := calibration{calibrateInput: in}
	if err := c.readOutcomes(ctx, st); err != nil {
		return c, fmt.Errorf("read outcomes: %w", err)
	}
	var err error
	c.Applied, err = in.base.WithSuggestions(c.Suggestions, c.day(), calibratedNote(c.day()))
	if err != nil {
		return c, fmt.Errorf("apply the suggestions: %w", err) // unreachable: suggestions lie within the bounds
	}
	if !c.anyEnough() {
		return c, nil // nothing would be applied, so nothing would change
	}
	if err := c.rerun(ctx, st); err != nil {
		return c, fmt.Errorf("read assessments: %w", err)
	}
	return c, nil
}

// errFound stops a listing at its first entry.
var errFound = errors.New("found")

// readOutcomes counts the outcomes reported since c.since and infers the
// suggestions and ratios from those built. Workers read spans of time
// concurrently, each into its own advisor.Calibrator, which keeps only
// the numbers the samples imply (not 100,000 outcomes); the calibrators
// are merged at the end.
func (c *calibration) readOutcomes(ctx context.Context, st calibrationStore) error {
	// The spans run from the oldest outcome listed: with no --since that
	// is the only way to know where they start.
	from, found := c.since, false
	err := st.EachOutcome(ctx, c.since, time.Time{}, func(o store.Outcome) error {
		from, found = o.At, true
		return errFound
	})
	if err != nil && !errors.Is(err, errFound) {
		return err
	}
	workers := max(c.workers, 1)
	type tally struct {
		cal                              *advisor.Calibrator
		reported, built, dropped, notYet int
	}
	tallies := make([]tally, workers)
	for w := range tallies {
		tallies[w].cal = advisor.NewCalibrator(c.base)
	}
	if found {
		err = inSpans(ctx, workers, from, c.now, func(ctx context.Context, w int, since, until time.Time) error {
			t := &tallies[w]
			return st.EachOutcome(ctx, since, until, func(o store.Outcome) error {
				t.reported++
				switch o.Status {
				case store.OutcomeBuilt:
					t.built++
					s := sampleOf(&o)
					t.cal.Add(&s)
				case store.OutcomeDropped:
					t.dropped++
				case store.OutcomeNotYet:
					t.notYet++
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
	}
	cal := tallies[0].cal
	for _, t := range tallies {
		if t.cal != cal {
			cal.Merge(t.cal)
		}
		c.Reported += t.reported
		c.Built += t.built
		c.Dropped += t.dropped
		c.NotYet += t.notYet
	}
	c.Ratios = cal.Ratios()
	c.Suggestions = cal.Suggestions(c.minOutcomes)
	return nil
}

// sampleOf is an outcome as the advisor's calibration reads it.
func sampleOf(o *store.Outcome) advisor.Sample {
	return advisor.Sample{
		Profile: o.Profile, Approach: o.Approach,
		Estimate: o.Estimate, EstimatedHoursSaved: o.EstimatedHoursSaved,
		OneOffCost: o.OneOffCost, MonthlyRunCost: o.MonthlyRunCost, HoursSavedMonthly: o.HoursSavedMonthly,
	}
}

// readSlices is how many spans of time per worker a listing is cut
// into: the workers read their spans from the store concurrently
// (decoding is much of the work, and one reader would be the
// bottleneck), and spans enough that a busy fortnight does not leave one
// worker with most of the work.
const readSlices = 8

// inSpans cuts [from, to) into spans, the last without an end (so an
// entry stamped after to, a clock put back, is not lost), and calls read
// for each on workers goroutines; w is the worker's number. The first
// error stops the others at their next chunk and is returned.
func inSpans(ctx context.Context, workers int, from, to time.Time, read func(ctx context.Context, w int, since, until time.Time) error) error {
	n := workers * readSlices
	if !from.Before(to) {
		n = 1
	}
	bounds := make([]time.Time, n+1) // bounds[n] is zero: no end
	for k := range n {
		bounds[k] = from.Add(to.Sub(from) / time.Duration(n) * time.Duration(k))
	}
	spans := make(chan int, n)
	for k := range n {
		spans <- k
	}
	close(spans)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for k := range spans {
				if err := read(ctx, w, bounds[k], bounds[k+1]); err != nil {
					errs[w] = err
					cancel()
					return
				}
			}
		})
	}
	wg.Wait()
	// The error that stopped the others, not their being stopped.
	var first error
	for _, err := range errs {
		switch {
		case err == nil:
		case !errors.Is(err, context.Canceled):
			return err
		case first == nil:
			first = err
		}
	}
	return first
}

// rerun re-runs the rules under the suggested figures on every
// recommendation of the change window, in parallel: each worker reads
// spans of the window from the store and picks each recommendation's
// approach (advisor.Advisor.Approach, which skips everything but the
// choice). A recommendation counts as changed when the suggested figures
// pick another approach than the record and than the figures in use
// would today, so only the calibration's own effect is listed.
func (c *calibration) rerun(ctx context.Context, st calibrationStore) error {
	suggested, inUse := advisor.New(c.Applied), advisor.New(c.base)
	workers := max(c.workers, 1)
	type tally struct {
		checked, invalid, drifted int
		changes                   []change
	}
	tallies := make([]tally, workers)
	err := inSpans(ctx, workers, c.now.Add(-changeWindow), c.now, func(ctx context.Context, w int, since, until time.Time) error {
		t := &tallies[w]
		return st.EachAssessmentRef(ctx, since, until, func(r store.AssessmentRef) error {
			t.checked++
			to, err := suggested.Approach(r.Profile)
			switch {
			case err != nil:
				t.invalid++
				return nil
			case to == r.Approach:
				return nil
			}
			if today, _ := inUse.Approach(r.Profile); today == to {
				t.drifted++
				return nil
			}
			// Copies: the store's strings may share memory with the whole
			// of the ref they were decoded from.
			t.changes = append(t.changes, change{ID: strings.Clone(r.ID), Title: strings.Clone(r.Profile.Title),
				Created: r.CreatedAt, From: r.Approach, To: to})
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, t := range tallies {
		c.Checked += t.checked
		c.Invalid += t.invalid
		c.Drifted += t.drifted
		c.Changes = append(c.Changes, t.changes...)
	}
	slices.SortFunc(c.Changes, func(a, b change) int {
		return cmp.Or(b.Created.Compare(a.Created), cmp.Compare(a.ID, b.ID))
	})
	return nil
}
