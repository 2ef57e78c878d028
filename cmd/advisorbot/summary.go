package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/summary/chart"
	"github.com/advisorbot/advisorbot/bot/teams"
)

// runSummary implements `advisorbot summary [--week 2026-W48] [--out DIR] [--post]`:
// the weekly summary as Markdown on standard output, its chart as a PNG in
// --out, and with --post both posted to the configured Slack and Teams
// channels.
func runSummary(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("summary", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	fs.StringVar(&sf.dataDir, "data-dir", defaultDataDir(os.Getenv), "`directory` of the data (env DATA_DIR)")
	week := fs.String("week", "", "ISO `week` such as 2026-W48; default the last full week")
	out := fs.String("out", "", "`directory` to write the chart PNG to")
	post := fs.Bool("post", false, "post the summary and chart to SUMMARY_CHANNEL in Slack and TEAMS_SUMMARY_CHANNEL in Teams, once per week each")
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
	var dests []summary.Destination
	if *post {
		var err error
		if dests, err = summaryDestinations(cliLogger(stderr), os.Getenv, platforms{slack: true, teams: true}, nil, nil); err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				fmt.Fprintf(stderr, "summary: %s\n", line)
			}
			return exitBadInput
		}
	}
	// A report only reads, so it opens read-only and can share the
	// directory with other readers. Posting writes the week's marker, so
	// the scheduler in a bot started later does not post the same week
	// again.
	acc := readData
	if *post {
		acc = writeData
	}
	cfg, ok := sf.appConfig(stderr)
	if !ok {
		return exitBadInput
	}
	st, err := openStore(cliLogger(stderr), cfg, acc)
	if err != nil {
		msg, code := storeProblem(sf.dataDir, err)
		fmt.Fprintf(stderr, "summary: %s\n", msg)
		return code
	}
	defer st.Close()
	if *post && !*force {
		var code int
		if dests, code = unposted(ctx, st, dests, *week, stderr); code != exitOK {
			return code
		}
	}
	r, err := summary.NewReport(ctx, st, *week, &chart.Plot{}, slack.ThreadLink)
	if err != nil {
		fmt.Fprintf(stderr, "summary: %v\n", err)
		return exitInternal
	}
	fmt.Fprint(stdout, r.Markdown)
	if *out != "" {
		if code := writeChart(*out, *week, r.Chart, stderr); code != exitOK {
			return code
		}
	}
	for _, d := range dests {
		if err := summary.Publish(ctx, st, d, *week, slack.ThreadLink); err != nil {
			fmt.Fprintf(stderr, "summary: %v\n", err)
			return exitInternal
		}
		fmt.Fprintf(stderr, "posted to %s\n", d.Name())
	}
	return exitOK
}

// unposted is dests less those this week's summary was already posted
// to, each named on stderr; none left is a bad-input exit.
func unposted(ctx context.Context, st store.Store, dests []summary.Destination, week string, stderr io.Writer) ([]summary.Destination, int) {
	var left []summary.Destination
	for _, d := range dests {
		done, err := summary.MarkerFor(st, d.MarkKey()).SummaryMarked(ctx, week)
		if err != nil {
			fmt.Fprintf(stderr, "summary: %v\n", err)
			return nil, exitInternal
		}
		if done {
			fmt.Fprintf(stderr, "summary: the %s summary was already posted to %s; add --force to post it again\n", week, d.Name())
			continue
		}
		left = append(left, d)
	}
	if len(left) == 0 {
		return nil, exitBadInput
	}
	return left, exitOK
}

// writeChart writes the week's chart PNG into dir, creating it.
func writeChart(dir, week string, png []byte, stderr io.Writer) int {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "summary: --out: %v\n", err)
		return exitBadInput
	}
	path := filepath.Join(dir, "advisorbot-"+week+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		fmt.Fprintf(stderr, "summary: write chart: %v\n", err)
		return exitInternal
	}
	fmt.Fprintf(stderr, "chart written to %s\n", path)
	return exitOK
}

// summaryDestinations are the configured summary channels of the
// platforms p serves: Slack's SUMMARY_CHANNEL and Teams'
// TEAMS_SUMMARY_CHANNEL. A server passes its own Slack poster and Teams
// connector (with its metrics); nil builds them from the settings.
func summaryDestinations(lg *slog.Logger, getenv func(string) string, p platforms, poster *slack.Poster, conn *teams.Connector) ([]summary.Destination, error) {
	var out []summary.Destination
	var errs []error
	if ch := strings.TrimSpace(getenv("SUMMARY_CHANNEL")); ch != "" && p.slack {
		if poster == nil {
			cfg, err := slack.ConfigFromEnv(getenv)
			errs = append(errs, err)
			poster = slack.NewPoster(lg, cfg)
		}
		out = append(out, poster.To(ch))
	}
	if ch := strings.TrimSpace(getenv("TEAMS_SUMMARY_CHANNEL")); ch != "" && p.teams {
		if conn == nil {
			cfg, err := teams.ConfigFromEnv(getenv)
			errs = append(errs, err)
			conn = &teams.Connector{Tokens: cfg.Tokens(), BaseURL: cfg.ConnectorURL}
		}
		out = append(out, &teams.Poster{Conn: conn, Channel: ch})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("--post needs SUMMARY_CHANNEL (the Slack channel id, e.g. C0123ABCD) or TEAMS_SUMMARY_CHANNEL (a Teams team name, Team/Channel, or channel id), or both")
	}
	return out, nil
}
