package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/advisorbot/advisorbot/bot/slack"
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
	lg := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	app, err := openApp(appConfig{dataDir: *dataDir, retentionDays: days, getenv: os.Getenv}, lg)
	if err != nil {
		fmt.Fprintf(stderr, "slack: %v\n", err)
		return exitBadInput
	}
	defer app.Close()
	ad := slack.New(lg, cfg, app.Engine, app.Store)
	if err := ad.Check(ctx); err != nil {
		fmt.Fprintln(stderr, err)
		return slackExit(err)
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
