package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/advisorbot/advisorbot/bot"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/advisorbot/advisorbot/bot/health"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/metrics"
	"github.com/advisorbot/advisorbot/bot/slack"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/teams"
)

// platforms are the chat platforms one server process serves.
type platforms struct{ slack, teams bool }

// runSlack implements `advisorbot slack`: the bot in Slack over Socket
// Mode, until SIGTERM or Ctrl-C.
func runSlack(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) int {
	return runServer(ctx, "slack", platforms{slack: true}, args, stderr)
}

// runServe implements `advisorbot serve`: every platform that is
// configured, in one process, so both share one data directory (Badger
// admits one process) and one weekly summary counts both.
func runServe(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) int {
	p := platforms{slack: slackConfigured(os.Getenv), teams: teams.Configured(os.Getenv)}
	if !p.slack && !p.teams {
		fmt.Fprintln(stderr, "serve: no platform is configured: set SLACK_APP_TOKEN and SLACK_BOT_TOKEN for Slack, "+
			"MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID for Teams, or both")
		return exitBadInput
	}
	return runServer(ctx, "serve", p, args, stderr)
}

// slackConfigured: any Slack token set means Slack is wanted (and a
// missing other one is reported, not silently skipped).
func slackConfigured(getenv func(string) string) bool {
	return strings.TrimSpace(getenv("SLACK_APP_TOKEN")) != "" || strings.TrimSpace(getenv("SLACK_BOT_TOKEN")) != ""
}

// runServer reads the settings, starts a server and runs it until ctx
// ends or a platform fails.
func runServer(ctx context.Context, name string, p platforms, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data-dir", defaultDataDir(os.Getenv), "`directory` of the data (env DATA_DIR)")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	s, err := newServer(ctx, serverConfig{platforms: p, dataDir: *dataDir, getenv: os.Getenv, logs: stderr})
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "%s: %s\n", name, line)
		}
		return serverExit(err)
	}
	defer s.Close()
	if err := s.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return serverExit(err)
	}
	return exitOK
}

// errSettings marks a problem with the settings: the operator's to fix.
var errSettings = errors.New("settings")

// serverExit: a refused token or a bad setting is the operator's to fix
// (2); Slack, Microsoft or the network being unreachable is not (1).
func serverExit(err error) int {
	if errors.Is(err, errSettings) || errors.Is(err, slack.ErrConfig) {
		return exitBadInput
	}
	return exitInternal
}

// serverConfig is what a server needs from flags and the environment.
type serverConfig struct {
	platforms platforms
	dataDir   string
	getenv    func(string) string
	logs      io.Writer
	freeSpace badgerstore.FreeSpaceFunc // nil: the system's; tests fill a disk here
	now       func() time.Time          // nil: time.Now
}

// server is advisorbot running as a service: the App, the platforms, the
// health listener, the weekly summary schedulers and backups. The
// commands and the end-to-end tests build it the same way.
type server struct {
	cfg    serverConfig
	lg     *slog.Logger
	app    *App
	mx     *metrics.Metrics
	slack  *slack.Adapter
	teams  *teams.Server
	jobs   []func(context.Context)
	health []health.Check
}

// settingsError is a problem with the settings; it reads as its cause.
type settingsError struct{ err error }

func (e settingsError) Error() string        { return e.err.Error() }
func (e settingsError) Unwrap() error        { return e.err }
func (e settingsError) Is(target error) bool { return target == errSettings }

func badSettings(err error) error { return settingsError{err} }

func newServer(ctx context.Context, cfg serverConfig) (*server, error) {
	getenv := cfg.getenv
	var slackCfg slack.Config
	var teamsCfg teams.Config
	var problems []error
	if cfg.platforms.slack {
		c, err := slack.ConfigFromEnv(getenv)
		slackCfg = c
		problems = append(problems, err)
	}
	if cfg.platforms.teams {
		c, err := teams.ConfigFromEnv(getenv)
		teamsCfg = c
		problems = append(problems, err)
	}
	days, err := retentionDays(getenv)
	problems = append(problems, err)
	free, err := minFree(getenv)
	problems = append(problems, err)
	lg, err := serverLogger(cfg.logs, getenv)
	problems = append(problems, err)
	backups, err := backupFromEnv(getenv)
	problems = append(problems, err)
	schedules, err := summarySchedules(getenv, cfg.platforms, teamsCfg)
	problems = append(problems, err)
	if err := errors.Join(problems...); err != nil {
		return nil, badSettings(err)
	}

	s := &server{cfg: cfg, lg: lg, mx: metrics.New()}
	access := map[string]bot.Access{"slack": slackCfg.Access(), "teams": teamsCfg.Access()}
	s.app, err = openApp(appConfig{dataDir: cfg.dataDir, retentionDays: days, minFree: free, server: true, getenv: getenv, access: access,
		freeSpace: cfg.freeSpace, now: cfg.now,
		onModelCall: func(u llm.Usage, d time.Duration, err error) {
			s.mx.ModelCall(u.PromptTokens, u.CompletionTokens, d, err)
		}}, lg)
	if err != nil {
		msg, code := storeProblem(cfg.dataDir, err)
		if code == exitBadInput {
			return nil, badSettings(errors.New(msg))
		}
		return nil, errors.New(msg)
	}
	s.mx.ConversationsActive(s.app.Engine.ActiveConversations)
	s.mx.DataFreeBytes(s.app.Store.FreeBytes)
	s.health = []health.Check{storeCheck(s.app.Store)}

	if cfg.platforms.slack {
		slackCfg.Observer = s.mx
		s.slack = slack.New(lg, slackCfg, s.app.Engine, s.app.Store)
		if err := s.slack.Check(ctx); err != nil {
			s.Close()
			return nil, err
		}
		s.health = append(s.health, health.Check{Name: "slack", Run: func(context.Context) error {
			if !s.slack.Connected() {
				return errors.New("not connected to Slack (Socket Mode)")
			}
			return nil
		}})
	}
	if cfg.platforms.teams {
		// Bind the public listener before any background work starts, so
		// a busy port stops start-up cleanly.
		teamsCfg.Observer = s.mx
		s.teams, err = teams.New(lg, teamsCfg, s.app.Engine, s.app.Store)
		if err != nil {
			s.Close()
			return nil, badSettings(err)
		}
		s.health = append(s.health, health.Check{Name: "teams", Run: s.teams.Ready})
	}
	if schedules.on {
		var poster *slack.Poster
		var conn *teams.Connector
		if s.slack != nil {
			poster = slack.NewPoster(slackCfg, lg)
		}
		if s.teams != nil {
			conn = s.teams.Connector()
		}
		dests, err := summaryDestinations(getenv, lg, cfg.platforms, poster, conn)
		if err != nil {
			s.Close()
			return nil, badSettings(err)
		}
		for _, d := range dests {
			s.schedule(schedules, d)
		}
	}
	if addr := httpAddr(); addr != "" {
		if _, err := startHealth(ctx, addr, s.health, s.mx.Handler(), lg); err != nil {
			s.Close()
			return nil, badSettings(err)
		}
	}
	if backups.Dir != "" {
		s.jobs = append(s.jobs, func(ctx context.Context) { backups.Run(ctx, lg, s.app.Store) })
	}
	if err := serveBackups(ctx, cfg.dataDir, s.app.Store, lg); err != nil {
		// Not fatal: scheduled backups still work; say how to get one.
		lg.Warn("backup: advisorbot backup cannot reach this bot; set BACKUP_DIR for scheduled backups", "err", err)
	}
	return s, nil
}

// schedule adds a weekly summary job posting to one platform.
func (s *server) schedule(sc summarySchedule, d summary.Destination) {
	lg := s.lg.With("destination", d.Name())
	job := summary.NewScheduler(s.app.Store, d, sc.schedule, sc.grace, slack.ThreadLink, lg)
	s.jobs = append(s.jobs, func(ctx context.Context) {
		if err := job.Run(ctx); err != nil {
			lg.Error("summary: scheduler stopped", "err", err)
		}
	})
	lg.Info("advisorbot: weekly summary scheduled", "schedule", sc.schedule.String())
}

// Run serves every configured platform until ctx ends (nil) or one of
// them fails (its error, after the others stop).
func (s *server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for _, job := range s.jobs {
		wg.Go(func() { job(ctx) })
	}
	errs := make(chan error, 2)
	running := 0
	if s.slack != nil {
		running++
		wg.Go(func() { errs <- s.slack.Run(ctx) })
	}
	if s.teams != nil {
		running++
		wg.Go(func() { errs <- s.teams.Run(ctx) })
	}
	s.lg.Info("advisorbot: serving", "version", version, "slack", s.slack != nil, "teams", s.teams != nil, "model", s.app.lang.model != nil)
	var first error
	for range running {
		if err := <-errs; err != nil && first == nil {
			first = err
			cancel() // one platform down takes the process down, so the supervisor restarts it
		}
	}
	cancel()
	wg.Wait()
	return first
}

// Close releases the listener and the store. Run must have returned.
func (s *server) Close() error {
	if s.teams != nil {
		s.teams.Close()
	}
	if s.app == nil {
		return nil
	}
	err := s.app.Close()
	s.app = nil
	return err
}
