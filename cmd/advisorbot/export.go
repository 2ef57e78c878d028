package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/render"
	"github.com/advisorbot/advisorbot/bot/store"
)

// runExport implements `advisorbot export --format csv|jsonl [--since DATE]`:
// the assessments and the outcomes their owners reported.
func runExport(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	fs.StringVar(&sf.dataDir, "data-dir", defaultDataDir(os.Getenv), "`directory` of the data (env DATA_DIR)")
	format := fs.String("format", "csv", "csv or jsonl")
	sinceText := fs.String("since", "", "only assessments made on or after this `date` (YYYY-MM-DD), with their outcomes")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	var since time.Time
	if *sinceText != "" {
		t, err := time.Parse("2006-01-02", *sinceText)
		if err != nil {
			fmt.Fprintf(stderr, "export: --since %q is not a date; use YYYY-MM-DD, for example 2026-11-01\n", *sinceText)
			return exitBadInput
		}
		since = t
	}
	if *format != "csv" && *format != "jsonl" {
		fmt.Fprintf(stderr, "export: --format %q is not supported; use csv or jsonl\n", *format)
		return exitBadInput
	}
	st, code := openStoreCmd(sf, readData, "export", stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	recs, err := st.Assessments(ctx, "", since, 0)
	if err != nil {
		fmt.Fprintf(stderr, "export: %v\n", err)
		return exitInternal
	}
	// An outcome is reported after its assessment, so it is listed from
	// the same day; it belongs in the export when its assessment does.
	var outs []store.Outcome
	err = st.EachOutcome(ctx, since, time.Time{}, func(o store.Outcome) error {
		if !o.AssessedAt.Before(since) {
			outs = append(outs, o)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintf(stderr, "export: %v\n", err)
		return exitInternal
	}
	if *format == "jsonl" {
		err = writeJSONL(stdout, recs, outs)
	} else {
		err = writeCSV(stdout, recs, outs)
	}
	if err != nil {
		fmt.Fprintf(stderr, "export: %v\n", err)
		return exitInternal
	}
	return exitOK
}

// writeJSONL writes one line per assessment, then one per outcome, oldest
// first, each with its "kind", so a reader can tell them apart.
func writeJSONL(w io.Writer, recs []store.Assessment, outs []store.Outcome) error {
	enc := json.NewEncoder(w)
	for _, r := range recs {
		if err := enc.Encode(struct {
			Kind string `json:"kind"`
			store.Assessment
		}{"assessment", r}); err != nil {
			return err
		}
	}
	for _, o := range outs {
		if err := enc.Encode(struct {
			Kind string `json:"kind"`
			store.Outcome
		}{"outcome", o}); err != nil {
			return err
		}
	}
	return nil
}

// csvHeader is the analysts' table: one row per assessment, the
// recommended approach's economics, the profile fields that decide, then
// what its owner reported (empty until they did): the approach built and
// the estimate for it beside each actual.
var csvHeader = []string{"id", "created_at", "user", "department", "title", "approach", "confidence",
	"manual_monthly_cost", "one_off_cost", "monthly_run_cost", "monthly_labor_saved", "net_monthly",
	"payback_months", "roi_12m", "roi_36m", "task", "monthly_volume", "minutes_per_task", "hourly_cost", "knowledge",
	"outcome", "outcome_at", "approach_built",
	"estimated_one_off_cost", "actual_one_off_cost", "estimated_monthly_run_cost", "actual_monthly_run_cost",
	"estimated_hours_saved_monthly", "actual_hours_saved_monthly", "outcome_reason"}

// writeCSV writes the table. An outcome whose assessment has expired (an
// outcome is kept for the retention period from its report, so it can
// outlive the assessment) gets a row of its own from the estimate it
// carries, before the assessments, since it is older than all of them.
func writeCSV(w io.Writer, recs []store.Assessment, outs []store.Outcome) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	have := make(map[string]bool, len(recs))
	for _, r := range recs {
		have[r.ID] = true
	}
	byRec := make(map[string]*store.Outcome, len(outs))
	var orphans []*store.Outcome
	for i := range outs {
		byRec[outs[i].RecID] = &outs[i]
		if !have[outs[i].RecID] {
			orphans = append(orphans, &outs[i])
		}
	}
	slices.SortStableFunc(orphans, func(a, b *store.Outcome) int { return a.AssessedAt.Compare(b.AssessedAt) })
	var rows [][]string
	for _, o := range orphans {
		rows = append(rows, append(orphanColumns(o), outcomeColumns(o)...))
	}
	for _, r := range recs {
		rows = append(rows, append(assessmentColumns(r), outcomeColumns(byRec[r.ID])...))
	}
	for _, row := range rows {
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func csvOpt(o advisor.Optional) string {
	if !o.Valid {
		return ""
	}
	return csvNum(o.Value)
}

// Words people typed lose control and bidi characters, which no analyst
// wants and which act on the terminal the CSV is often printed to; JSONL,
// escaped by encoding/json, keeps them exactly.

// assessmentColumns are the assessment's part of its row.
func assessmentColumns(r store.Assessment) []string {
	roi := r.Result.ROI[r.Result.Approach]
	p := r.Profile
	return []string{r.ID, r.CreatedAt.UTC().Format(time.RFC3339), render.StripControls(r.User), render.StripControls(r.Department), render.StripControls(r.Title),
		string(r.Result.Approach), csvNum(r.Result.Confidence), csvNum(r.Result.ManualMonthlyCost),
		csvNum(roi.OneOffCost), csvNum(roi.MonthlyRunCost), csvNum(roi.MonthlyLaborSaved), csvNum(roi.NetMonthly),
		csvOpt(roi.PaybackMonths), csvOpt(roi.ROI12), csvOpt(roi.ROI36), string(p.Task),
		intOr(p.MonthlyVolume), floatOr(p.MinutesPerTask), floatOr(p.HourlyCost), string(p.Knowledge)}
}

// orphanColumns stand for an expired assessment: what its outcome kept
// of it. The economics of the recommended approach went with it.
func orphanColumns(o *store.Outcome) []string {
	p := o.Profile
	return []string{render.StripControls(o.RecID), o.AssessedAt.UTC().Format(time.RFC3339), render.StripControls(o.User), render.StripControls(o.Department), render.StripControls(o.Title),
		string(o.Recommended), "", "", "", "", "", "", "", "", "", string(p.Task),
		intOr(p.MonthlyVolume), floatOr(p.MinutesPerTask), floatOr(p.HourlyCost), string(p.Knowledge)}
}

// outcomeColumns are the outcome's part of a row; empty when o is nil.
func outcomeColumns(o *store.Outcome) []string {
	if o == nil {
		return make([]string, 10)
	}
	return []string{string(o.Status), o.At.UTC().Format(time.RFC3339), string(o.Approach),
		csvNum(o.Estimate.OneOffCost), csvOpt(o.OneOffCost), csvNum(o.Estimate.MonthlyRunCost), csvOpt(o.MonthlyRunCost),
		csvNum(o.EstimatedHoursSaved), csvOpt(o.HoursSavedMonthly), render.StripControls(o.Reason)}
}

func intOr(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func floatOr(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}
