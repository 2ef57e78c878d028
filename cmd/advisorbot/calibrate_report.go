package main

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
)

// writeCalibration prints calibrate's report: the suggestions, the ratios
// of actual to estimated, and the recommendations the suggested figures
// would change (at most limit of them; 0: all).
func writeCalibration(w io.Writer, c *calibration, limit int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "advisorbot calibrate, %s: %s (%d built, %d dropped, %d not yet).\n",
		c.day(), c.outcomesPhrase(), c.Built, c.Dropped, c.NotYet)
	if c.fileInUse == "" {
		fmt.Fprintln(bw, "Compared with the assumptions in use: advisorbot's defaults.")
	} else {
		fmt.Fprintf(bw, "Compared with the assumptions in use: %s.\n", cell(c.fileInUse))
	}
	writeSuggestions(bw, c)
	writeRatios(bw, c.Ratios)
	writeChanges(bw, c, limit)
	fmt.Fprintln(bw, "\nNothing changes until an operator applies the file: --assumptions FILE or ASSUMPTIONS_FILE.")
	return bw.Flush()
}

func writeSuggestions(w io.Writer, c *calibration) {
	defs := advisor.DefaultAssumptions()
	def := map[string]float64{}
	for _, a := range defs.List() {
		def[a.Name] = a.Value
	}
	var enough, few []advisor.Suggestion
	for _, s := range c.Suggestions {
		if s.Enough {
			enough = append(enough, s)
		} else {
			few = append(few, s)
		}
	}
	fmt.Fprintln(w)
	if len(enough) == 0 {
		fmt.Fprintf(w, "No assumption has %d or more outcomes yet, so there is nothing to suggest.\n", c.minOutcomes)
	} else {
		fmt.Fprintf(w, "Assumptions with %d or more outcomes (observed: the median the outcomes imply):\n", c.minOutcomes)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		inUse := c.fileInUse != ""
		head := "ASSUMPTION\tUNIT\tOBSERVED\tDEFAULT\t"
		if inUse {
			head += "IN USE\t"
		}
		fmt.Fprintln(tw, head+"SUGGESTED\tOUTCOMES")
		for _, s := range enough {
			row := fmt.Sprintf("%s\t%s\t%s\t%s\t", s.Name, s.Unit, number(s.Observed), number(def[s.Name]))
			if inUse {
				row += number(s.Current) + "\t"
			}
			fmt.Fprintf(tw, "%s%s\t%d\n", row, number(s.Suggested), s.Outcomes)
		}
		tw.Flush()
	}
	if len(few) > 0 {
		fmt.Fprintf(w, "Too few outcomes to suggest a value (fewer than %d):\n", c.minOutcomes)
		for _, s := range few {
			fmt.Fprintf(w, "  %s: %d %s, median %s %s\n", s.Name, s.Outcomes, plural(s.Outcomes, "outcome", "outcomes"), number(s.Observed), s.Unit)
		}
	}
}

func writeRatios(w io.Writer, rs []advisor.ApproachRatios) {
	fmt.Fprintln(w)
	if len(rs) == 0 {
		fmt.Fprintln(w, "No outcome reports anything built yet, so there is nothing to compare with the estimates.")
		return
	}
	fmt.Fprintln(w, "Actual ÷ estimated, median by approach built (outcomes behind each):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "APPROACH\tBUILT\tONE-OFF COST\tRUN COST\tTIME SAVED")
	ratio := func(x float64, n int) string {
		if n == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2f× (%d)", x, n)
	}
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", r.Approach.Short(), r.N, ratio(r.OneOff, r.OneOffN), ratio(r.Run, r.RunN), ratio(r.Saving, r.SavingN))
	}
	tw.Flush()
}

func writeChanges(w io.Writer, c *calibration, limit int) {
	if !c.anyEnough() {
		return
	}
	days := int(changeWindow / (24 * time.Hour))
	fmt.Fprintf(w, "\nRecommendations of the last %d days re-run with the suggested figures: %d; %d would change.\n", days, c.Checked, len(c.Changes))
	if len(c.Changes) > 0 {
		type move struct{ from, to advisor.Approach }
		counts := map[move]int{}
		var order []move
		for _, ch := range c.Changes {
			m := move{ch.From, ch.To}
			if counts[m] == 0 {
				order = append(order, m)
			}
			counts[m]++
		}
		// The commonest moves first; equal counts in the order first seen
		// (the newest recommendation first).
		slices.SortStableFunc(order, func(a, b move) int { return counts[b] - counts[a] })
		for _, m := range order {
			fmt.Fprintf(w, "  %s → %s: %d\n", m.from.Short(), m.to.Short(), counts[m])
		}
		shown := c.Changes
		if limit > 0 && len(shown) > limit {
			shown = shown[:limit]
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "DATE\tID\tWAS\tWOULD BE\tTITLE")
		for _, ch := range shown {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", ch.Created.UTC().Format(time.DateOnly), cell(ch.ID), ch.From.Short(), ch.To.Short(), cell(ch.Title))
		}
		tw.Flush()
		if n := len(c.Changes) - len(shown); n > 0 {
			fmt.Fprintf(w, "…and %d more (--changes 0 lists them all).\n", n)
		}
	}
	if c.Drifted > 0 {
		fmt.Fprintf(w, "%d more %s from %s record under the figures in use already (the rules or the figures changed since): not the calibration's doing, so not counted.\n",
			c.Drifted, plural(c.Drifted, "differs", "differ"), plural(c.Drifted, "its", "their"))
	}
	if c.Invalid > 0 {
		fmt.Fprintf(w, "%d could not be re-run: %s profile is not valid in this version.\n", c.Invalid, plural(c.Invalid, "its", "their"))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
