package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/render"
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
	fmt.Fprintf(stdout, "Deleted every conversation, assessment, piece of feedback and outcome of %s, and their follow-up opt-out.\n", sf.user)
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
