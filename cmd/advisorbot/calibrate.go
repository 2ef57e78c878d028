package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
)

// runCalibrate implements `advisorbot calibrate [--since DATE]
// [--min-outcomes N] [--assumptions FILE] [--out FILE [--force]]
// [--changes N] [--data-dir DIR]`: the outcomes teams reported against the
// assumptions in use, the figures they suggest, and which recent
// recommendations those figures would change. It only reads the data;
// nothing changes until an operator applies the file it writes.
func runCalibrate(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	return calibrateCmd(ctx, args, time.Now(), os.Getenv, stdout, stderr)
}

// changeWindow is how far back calibrate looks for recommendations the
// suggested figures would change: a quarter, as the issue asks.
const changeWindow = 90 * 24 * time.Hour

// calibrateCmd is runCalibrate at a given time, for tests.
func calibrateCmd(ctx context.Context, args []string, now time.Time, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("calibrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	fs.StringVar(&sf.dataDir, "data-dir", defaultDataDir(getenv), "`directory` of the data (env DATA_DIR)")
	sinceText := fs.String("since", "", "only outcomes reported on or after this `date` (YYYY-MM-DD); default all")
	minOutcomes := fs.Int("min-outcomes", 5, "outcomes an assumption needs before a value is suggested (`N` >= 1)")
	assumptions := fs.String("assumptions", getenv("ASSUMPTIONS_FILE"), "the assumptions `file` in use (env ASSUMPTIONS_FILE); default advisorbot's")
	out := fs.String("out", "", "write the suggested assumptions as YAML to this `file`")
	force := fs.Bool("force", false, "replace --out if it exists")
	changes := fs.Int("changes", 20, "list at most `N` changed recommendations, newest first (0: all)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: advisorbot calibrate [--since YYYY-MM-DD] [--min-outcomes N] [--assumptions FILE] [--out FILE [--force]] [--data-dir DIR]")
		fmt.Fprintln(stderr, "Compares reported outcomes with the assumptions in use and suggests the company's own figures.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "calibrate: "+format+"\n", a...)
		return exitBadInput
	}
	if fs.NArg() > 0 {
		return bad("unexpected argument %q; see advisorbot calibrate -h", fs.Arg(0))
	}
	var since time.Time
	if *sinceText != "" {
		t, err := time.Parse(time.DateOnly, *sinceText)
		if err != nil {
			return bad("--since %q is not a date; use YYYY-MM-DD, for example 2026-11-01", *sinceText)
		}
		since = t
	}
	if *minOutcomes < 1 {
		return bad("--min-outcomes must be 1 or more, not %d", *minOutcomes)
	}
	if *changes < 0 {
		return bad("--changes must be 0 (all) or more, not %d", *changes)
	}
	if *out != "" {
		if err := outTarget(*out, sf.dataDir, *force); err != nil {
			return bad("%v", err)
		}
	}
	base := advisor.DefaultAssumptions()
	if *assumptions != "" {
		a, err := loadAssumptions(*assumptions)
		if err != nil {
			var ps advisor.Problems
			if !errors.As(err, &ps) {
				return bad("assumptions %s: %v", *assumptions, err)
			}
			for _, p := range ps {
				fmt.Fprintf(stderr, "calibrate: assumptions %s: %s\n", *assumptions, p)
			}
			return exitBadInput
		}
		base = a
	}

	st, code := openStoreCmd(sf, readData, "calibrate", stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	c, err := calibrate(ctx, st, calibrateInput{
		base: base, since: since, now: now, minOutcomes: *minOutcomes,
		workers: runtime.GOMAXPROCS(0), fileInUse: *assumptions,
	})
	if err != nil {
		fmt.Fprintf(stderr, "calibrate: %v\n", err)
		return exitInternal
	}
	if err := writeCalibration(stdout, &c, *changes); err != nil {
		fmt.Fprintf(stderr, "calibrate: write the report: %v\n", err)
		return exitInternal
	}
	if *out == "" {
		return exitOK
	}
	if !c.anyEnough() {
		fmt.Fprintf(stderr, "calibrate: no assumption has %d or more outcomes yet, so %s was not written\n", *minOutcomes, *out)
		return exitOK
	}
	if err := writeBackupFile(*out, *force, func(w io.Writer) error { return writeAssumptionsYAML(w, &c) }); err != nil {
		fmt.Fprintf(stderr, "calibrate: %v\n", err)
		return exitInternal
	}
	fmt.Fprintf(stderr, "calibrate: wrote %s; apply it with --assumptions %s, or ASSUMPTIONS_FILE=%s for the bot\n", *out, *out, *out)
	return exitOK
}
