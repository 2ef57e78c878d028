package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/summary/chart"
)

// runSummary implements `advisorbot summary [--week 2026-W48] [--out DIR] [--post]`:
// the weekly summary as Markdown on standard output, its chart as a PNG in
// --out, and with --post both posted to SUMMARY_CHANNEL in Slack.
func runSummary(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("summary", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	fs.StringVar(&sf.dataDir, "data-dir", defaultDataDir(os.Getenv), "`directory` of the data (env DATA_DIR)")
	week := fs.String("week", "", "ISO `week` such as 2026-W48; default the last full week")
	out := fs.String("out", "", "`directory` to write the chart PNG to")
	post := fs.Bool("post", false, "post the summary and chart to SUMMARY_CHANNEL in Slack, once per week")
	force := fs.Bool("force", false, "with --post, post even if this week's summary was already posted")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	now := time.Now()
	if *week == "" {
		*week = store.ISOWeek(now.AddDate(0, 0, -7))
	}
	if _, err := summary.WeekStart(*week); err != nil {
		fmt.Fprintln(stderr, err)
		return exitBadInput
	}
	var poster *slack.Poster
	var channel string
	if *post {
		cfg, err := slack.ConfigFromEnv(os.Getenv)
		if err != nil {
			fmt.Fprintf(stderr, "summary: %v\n", err)
			return exitBadInput
		}
		if channel = os.Getenv("SUMMARY_CHANNEL"); channel == "" {
			fmt.Fprintln(stderr, "summary: --post needs SUMMARY_CHANNEL, the id of the leadership channel (e.g. C0123ABCD)")
			return exitBadInput
		}
		poster = slack.NewPoster(cfg, cliLogger(stderr))
	}
	// A report only reads: open read-only when a store exists, so it does
	// none of the store's upkeep and can share the directory with other
	// readers. Posting writes the week's marker, so the scheduler in a bot
	// started later does not post the same week again.
	readOnly := !*post && fileExists(filepath.Join(sf.dataDir, "MANIFEST"))
	st, err := store.OpenBadger(cliLogger(stderr), store.BadgerOptions{Dir: sf.dataDir, ReadOnly: readOnly})
	if err != nil && !readOnly {
		st, err = openStore(appConfig{dataDir: sf.dataDir, getenv: os.Getenv}, cliLogger(stderr))
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return storeExit(err)
	}
	defer st.Close()
	if *post && !*force {
		done, err := st.SummaryMarked(ctx, *week)
		if err != nil {
			fmt.Fprintf(stderr, "summary: %v\n", err)
			return exitInternal
		}
		if done {
			fmt.Fprintf(stderr, "summary: the %s summary was already posted; add --force to post it again\n", *week)
			return exitBadInput
		}
	}
	md, png, err := buildSummary(ctx, st, *week, now)
	if err != nil {
		fmt.Fprintf(stderr, "summary: %v\n", err)
		return exitInternal
	}
	fmt.Fprint(stdout, md)
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			fmt.Fprintf(stderr, "summary: --out: %v\n", err)
			return exitBadInput
		}
		path := filepath.Join(*out, "advisorbot-"+*week+".png")
		if err := os.WriteFile(path, png, 0o644); err != nil {
			fmt.Fprintf(stderr, "summary: write chart: %v\n", err)
			return exitInternal
		}
		fmt.Fprintf(stderr, "chart written to %s\n", path)
	}
	if poster != nil {
		if err := poster.PostSummary(ctx, channel, *week, md, png); err != nil {
			fmt.Fprintf(stderr, "summary: %v\n", err)
			return exitInternal
		}
		if _, err := st.MarkSummary(ctx, *week); err != nil {
			fmt.Fprintf(stderr, "summary: posted, but could not record it (a scheduled run may post %s again): %v\n", *week, err)
			return exitInternal
		}
		fmt.Fprintf(stderr, "posted to %s\n", channel)
	}
	return exitOK
}

// buildSummary renders one week's summary and its chart.
func buildSummary(ctx context.Context, st store.Store, week string, now time.Time) (markdown string, png []byte, err error) {
	s, err := summary.Build(ctx, st, week, now, slackLink)
	if err != nil {
		return "", nil, err
	}
	if markdown, err = s.Markdown(); err != nil {
		return "", nil, err
	}
	png, err = chart.Plot{}.Render(ctx, s.ChartData())
	return markdown, png, err
}

// slackLink links an assessment to its Slack thread; other platforms have
// no link.
func slackLink(k store.ConvKey) string {
	if k.Platform != "slack" || k.Channel == "" {
		return ""
	}
	ts := k.Thread
	if ts == "" {
		return ""
	}
	return "https://slack.com/archives/" + k.Channel + "/p" + strings.ReplaceAll(ts, ".", "")
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
