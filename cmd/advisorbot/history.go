package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/render"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
)

// runHistory implements `advisorbot history [--user NAME | --all]`.
func runHistory(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs)
	all := fs.Bool("all", false, "everyone's assessments")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	st, code := openStoreCmd(sf, readData, "history", stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	user := sf.user
	if *all {
		user = ""
	}
	recs, err := st.Assessments(ctx, user, time.Time{}, 0)
	if err != nil {
		fmt.Fprintf(stderr, "history: %v\n", err)
		return exitInternal
	}
	if len(recs) == 0 {
		fmt.Fprintln(stdout, "No assessments yet. Start one with: advisorbot chat")
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "date\tuser\tapproach\tnet/month\tpayback\ttitle")
	for _, r := range recs {
		roi := r.Result.ROI[r.Result.Approach]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.CreatedAt.Format("2006-01-02"), cell(r.User), r.Result.Approach,
			advisor.Money(roi.NetMonthly), advisor.Months(roi.PaybackMonths), cell(r.Title))
	}
	if err := tw.Flush(); err != nil {
		return exitInternal
	}
	return exitOK
}

// cell is stored words as one cell of a table printed to a terminal: no
// control or bidi characters (a title must not clear the screen, plant a
// hidden link or reverse the row), and no tab or line break to shift the
// columns.
func cell(s string) string { return strings.Join(strings.Fields(render.StripControls(s)), " ") }

// runExport implements `advisorbot export --format csv|jsonl [--since DATE]`.
func runExport(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	fs.StringVar(&sf.dataDir, "data-dir", defaultDataDir(os.Getenv), "`directory` of the data (env DATA_DIR)")
	format := fs.String("format", "csv", "csv or jsonl")
	sinceText := fs.String("since", "", "only assessments on or after this `date` (YYYY-MM-DD)")
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
	if *format == "jsonl" {
		enc := json.NewEncoder(stdout)
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				fmt.Fprintf(stderr, "export: %v\n", err)
				return exitInternal
			}
		}
		return exitOK
	}
	if err := writeCSV(stdout, recs); err != nil {
		fmt.Fprintf(stderr, "export: %v\n", err)
		return exitInternal
	}
	return exitOK
}

// csvHeader is the analysts' table: one row per assessment, the
// recommended approach's economics, and the profile fields that decide.
var csvHeader = []string{"id", "created_at", "user", "department", "title", "approach", "confidence",
	"manual_monthly_cost", "one_off_cost", "monthly_run_cost", "monthly_labor_saved", "net_monthly",
	"payback_months", "roi_12m", "roi_36m", "task", "monthly_volume", "minutes_per_task", "hourly_cost", "knowledge"}

func writeCSV(w io.Writer, recs []store.Assessment) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	opt := func(o advisor.Optional) string {
		if !o.Valid {
			return ""
		}
		return num(o.Value)
	}
	for _, r := range recs {
		roi := r.Result.ROI[r.Result.Approach]
		p := r.Profile
		// Words people typed lose control and bidi characters, which no
		// analyst wants and which act on the terminal the CSV is often
		// printed to; JSONL, escaped by encoding/json, keeps them exactly.
		row := []string{r.ID, r.CreatedAt.UTC().Format(time.RFC3339), render.StripControls(r.User), render.StripControls(r.Department), render.StripControls(r.Title),
			string(r.Result.Approach), num(r.Result.Confidence), num(r.Result.ManualMonthlyCost),
			num(roi.OneOffCost), num(roi.MonthlyRunCost), num(roi.MonthlyLaborSaved), num(roi.NetMonthly),
			opt(roi.PaybackMonths), opt(roi.ROI12), opt(roi.ROI36), string(p.Task),
			intOr(p.MonthlyVolume), floatOr(p.MinutesPerTask), floatOr(p.HourlyCost), string(p.Knowledge)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
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

// runForget implements `advisorbot forget --user NAME`.
func runForget(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("forget", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "user" })
	if !explicit || sf.user == "" {
		fmt.Fprintln(stderr, "forget: say whose data to delete: advisorbot forget --user NAME")
		return exitBadInput
	}
	st, code := openStoreCmd(sf, writeData, "forget", stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	if err := st.ForgetUser(ctx, sf.user); err != nil {
		fmt.Fprintf(stderr, "forget: %v\n", err)
		return exitInternal
	}
	fmt.Fprintf(stdout, "Deleted every conversation, assessment and piece of feedback of %s.\n", sf.user)
	return exitOK
}

// openStoreCmd opens the store for command name as acc allows, printing
// why it cannot.
func openStoreCmd(sf storeFlags, acc access, name string, stderr io.Writer) (*badgerstore.Store, int) {
	cfg, ok := sf.appConfig(stderr)
	if !ok {
		return nil, exitBadInput
	}
	st, err := openStore(cliLogger(stderr), cfg, acc)
	if err != nil {
		msg, code := storeProblem(cfg.dataDir, err)
		fmt.Fprintf(stderr, "%s: %s\n", name, msg)
		return nil, code
	}
	return st, exitOK
}
