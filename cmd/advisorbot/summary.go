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
	var dests []destination
	if *post {
		var err error
		if dests, err = summaryDestinations(os.Getenv, cliLogger(stderr)); err != nil {
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
	st, err := openStore(cfg, acc, cliLogger(stderr))
	if err != nil {
		msg, code := storeProblem(sf.dataDir, err)
		fmt.Fprintf(stderr, "summary: %s\n", msg)
		return code
	}
	defer st.Close()
	if *post && !*force {
		var left []destination
		for _, d := range dests {
			done, err := d.marker(st).SummaryMarked(ctx, *week)
			if err != nil {
				fmt.Fprintf(stderr, "summary: %v\n", err)
				return exitInternal
			}
			if done {
				fmt.Fprintf(stderr, "summary: the %s summary was already posted to %s; add --force to post it again\n", *week, d.name)
				continue
			}
			left = append(left, d)
		}
		if len(left) == 0 {
			return exitBadInput
		}
		dests = left
	}
	md, png, err := buildSummary(ctx, st, *week, chart.Plot{})
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
	for _, d := range dests {
		dpng := png
		if d.plot != (chart.Plot{}) {
			if _, dpng, err = buildSummary(ctx, st, *week, d.plot); err != nil {
				fmt.Fprintf(stderr, "summary: %v\n", err)
				return exitInternal
			}
		}
		if err := d.post(ctx, st, *week, md, dpng); err != nil {
			fmt.Fprintf(stderr, "summary: %v\n", err)
			return exitInternal
		}
		if _, err := d.marker(st).MarkSummary(ctx, *week); err != nil {
			fmt.Fprintf(stderr, "summary: posted to %s, but could not record it (a scheduled run may post %s again): %v\n", d.name, *week, err)
			return exitInternal
		}
		fmt.Fprintf(stderr, "posted to %s\n", d.name)
	}
	return exitOK
}

// destination is one place `summary --post` posts to.
type destination struct {
	name   string     // for messages: "Slack channel C0123", "Teams channel Leadership"
	plot   chart.Plot // the chart's size there; zero: the default
	marker func(store.Store) summary.Marker
	post   func(ctx context.Context, st store.Store, week, md string, png []byte) error
}

// summaryDestinations are the configured summary channels: Slack's
// SUMMARY_CHANNEL and Teams' TEAMS_SUMMARY_CHANNEL.
func summaryDestinations(getenv func(string) string, lg *slog.Logger) ([]destination, error) {
	var out []destination
	var errs []error
	if ch := strings.TrimSpace(getenv("SUMMARY_CHANNEL")); ch != "" {
		cfg, err := slack.ConfigFromEnv(getenv)
		errs = append(errs, err)
		poster := slack.NewPoster(cfg, lg)
		out = append(out, destination{name: "Slack channel " + ch,
			marker: func(st store.Store) summary.Marker { return st },
			post: func(ctx context.Context, _ store.Store, week, md string, png []byte) error {
				return poster.PostSummary(ctx, ch, week, md, png)
			}})
	}
	if ch := strings.TrimSpace(getenv("TEAMS_SUMMARY_CHANNEL")); ch != "" {
		cfg, err := teams.ConfigFromEnv(getenv)
		errs = append(errs, err)
		conn := &teams.Connector{Tokens: cfg.Tokens(), BaseURL: cfg.ConnectorURL}
		out = append(out, destination{name: "Teams channel " + ch,
			plot:   chart.Plot{Width: teams.ChartWidth, Height: teams.ChartHeight},
			marker: func(st store.Store) summary.Marker { return platformMarker{st, teamsMarkPrefix} },
			post: func(ctx context.Context, st store.Store, week, md string, png []byte) error {
				return (&teams.Poster{Conn: conn, Store: st, Channel: ch}).PostSummary(ctx, week, md, png)
			}})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errors.New("--post needs SUMMARY_CHANNEL (the Slack channel id, e.g. C0123ABCD) or TEAMS_SUMMARY_CHANNEL (a Teams team name, Team/Channel, or channel id), or both")
	}
	return out, nil
}

// buildSummary renders one week's summary and its chart.
// plot sets the chart's size (zero: the default).
func buildSummary(ctx context.Context, st store.Store, week string, plot chart.Plot) (markdown string, png []byte, err error) {
	s, err := summary.Build(ctx, st, week, slackLink)
	if err != nil {
		return "", nil, err
	}
	if markdown, err = s.Markdown(); err != nil {
		return "", nil, err
	}
	png, err = plot.Render(ctx, s.ChartData())
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
