package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/health"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/metrics"
	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/summary"
)

// runSlack implements `advisorbot slack`: the bot in Slack over Socket
// Mode, until SIGTERM or Ctrl-C.
func runSlack(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) int {
	fs := flag.NewFlagSet("slack", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data-dir", defaultDataDir(os.Getenv), "`directory` of the data (env DATA_DIR)")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	cfg, err := slack.ConfigFromEnv(os.Getenv)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "slack: %s\n", line)
		}
		return exitBadInput
	}
	days, err := retentionDays(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "slack: %v\n", err)
		return exitBadInput
	}
	lg, err := serverLogger(stderr, os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "slack: %v\n", err)
		return exitBadInput
	}
	backups, err := backupFromEnv(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "slack: %v\n", err)
		return exitBadInput
	}
	mx := metrics.New()
	cfg.Observer = mx
	app, err := openApp(appConfig{dataDir: *dataDir, retentionDays: days, getenv: os.Getenv,
		onModelCall: func(u llm.Usage, d time.Duration, err error) {
			mx.ModelCall(u.PromptTokens, u.CompletionTokens, d, err)
		}}, lg)
	if err != nil {
		fmt.Fprintf(stderr, "slack: %v\n", err)
		return exitBadInput
	}
	defer app.Close()
	mx.ConversationsActive(app.Engine.ActiveConversations)
	ad := slack.New(lg, cfg, app.Engine, app.Store)
	if err := ad.Check(ctx); err != nil {
		fmt.Fprintln(stderr, err)
		return slackExit(err)
	}
	// Bind the listener before any background work starts, so a busy
	// port stops start-up cleanly.
	if addr := httpAddr(); addr != "" {
		ready := []health.Check{storeCheck(app.Store), {Name: "slack", Run: func(context.Context) error {
			if !ad.Connected() {
				return errors.New("not connected to Slack (Socket Mode)")
			}
			return nil
		}}}
		if _, err := startHealth(ctx, addr, ready, mx.Handler(), lg); err != nil {
			fmt.Fprintf(stderr, "slack: %v\n", err)
			return exitBadInput
		}
	}
	if ch := os.Getenv("SUMMARY_CHANNEL"); ch != "" {
		sched, err := summary.ParseSchedule(os.Getenv("SUMMARY_SCHEDULE"), os.Getenv("SUMMARY_TZ"))
		if err != nil {
			fmt.Fprintf(stderr, "slack: %v\n", err)
			return exitBadInput
		}
		grace, err := summaryGrace(os.Getenv("SUMMARY_GRACE"))
		if err != nil {
			fmt.Fprintf(stderr, "slack: %v\n", err)
			return exitBadInput
		}
		poster := slack.NewPoster(cfg, lg)
		sc := &summary.Scheduler{Schedule: sched, Grace: grace, Marker: app.Store, Log: lg,
			Post: func(ctx context.Context, week string) error {
				md, png, err := buildSummary(ctx, app.Store, week, time.Now())
				if err != nil {
					return err
				}
				return poster.PostSummary(ctx, ch, week, md, png)
			}}
		go func() {
			if err := sc.Run(ctx); err != nil {
				lg.Error("summary: scheduler stopped", "err", err)
			}
		}()
		lg.Info("advisorbot: weekly summary scheduled", "schedule", sched.String(), "channel", ch)
	}
	if backups.dir != "" {
		go backups.run(ctx, app.Store, lg)
	}
	if err := serveBackups(ctx, *dataDir, app.Store, lg); err != nil {
		// Not fatal: scheduled backups still work; say how to get one.
		lg.Warn("backup: advisorbot backup cannot reach this bot; set BACKUP_DIR for scheduled backups", "err", err)
	}
	lg.Info("advisorbot: serving Slack", "version", version, "model", app.lang.model != nil)
	if err := ad.Run(ctx); err != nil {
		fmt.Fprintln(stderr, err)
		return slackExit(err)
	}
	return exitOK
}

// slackExit: a refused token is the operator's to fix (2); Slack or the
// network being unreachable is not (1).
func slackExit(err error) int {
	if errors.Is(err, slack.ErrConfig) {
		return exitBadInput
	}
	return exitInternal
}

// summaryGrace reads SUMMARY_GRACE, how long after a missed scheduled time
// the summary is still posted at start-up (default 48h).
func summaryGrace(v string) (time.Duration, error) {
	if v == "" {
		return summary.DefaultGrace, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("SUMMARY_GRACE=%q: give a duration such as 48h", v)
	}
	return d, nil
}
