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
	"sync"
	"time"

	"github.com/advisorbot/advisorbot/bot"
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

// serverExit: a refused token or a bad setting is the operator's to fix
// (2); Slack, Microsoft or the network being unreachable is not (1).
func serverExit(err error) int {
	if errors.Is(err, bot.ErrSettings) {
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
	slack  *slack.Server
	teams  *teams.Server
	jobs   []func(context.Context)
	health []health.Check
}

// serverSettings are the environment's settings, read and checked
// together so one start-up reports every problem at once.
type serverSettings struct {
	slack     slack.Config
	teams     teams.Config
	days      int
	minFree   badgerstore.MinFree
	lg        *slog.Logger
	backups   badgerstore.Rotation
	schedules summarySchedule
	followups bot.FollowupConfig
}

func readServerSettings(cfg serverConfig) (serverSettings, error) {
	getenv := cfg.getenv
	var st serverSettings
	var problems []error
	note := func(err error) { problems = append(problems, err) }
	var err error
	if cfg.platforms.slack {
		st.slack, err = slack.ConfigFromEnv(getenv)
		note(err)
	}
	if cfg.platforms.teams {
		st.teams, err = teams.ConfigFromEnv(getenv)
		note(err)
	}
	st.days, err = retentionDays(getenv)
	note(err)
	st.minFree, err = minFree(getenv)
	note(err)
	st.lg, err = serverLogger(cfg.logs, getenv)
	note(err)
	st.backups, err = backupFromEnv(getenv)
	note(err)
	st.schedules, err = summarySchedules(getenv, cfg.platforms, st.teams)
	note(err)
	st.followups, err = followupFromEnv(getenv)
	note(err)
	// The model's own settings are read again when the App is built; here
	// they join the rest, so one start-up names every problem (exit 2).
	_, err = modelLimits(getenv)
	note(err)
	_, err = personLimits(getenv)
	note(err)
	_, err = assumptionsFromEnv(getenv)
	note(err)
	if err := errors.Join(problems...); err != nil {
		return serverSettings{}, bot.SettingsError(err)
	}
	return st, nil
}

func newServer(ctx context.Context, cfg serverConfig) (*server, error) {
	set, err := readServerSettings(cfg)
	if err != nil {
		return nil, err
	}
	lg := set.lg
	s := &server{cfg: cfg, lg: lg, mx: metrics.New()}
	access := map[string]bot.Access{"slack": set.slack.Access(), "teams": set.teams.Access()}
	s.app, err = openApp(

		lg, appConfig{dataDir: cfg.dataDir, retentionDays: set.days, minFree: set.minFree, server: true, getenv: cfg.getenv, access: access,
			freeSpace: cfg.freeSpace, now: cfg.now,
			onModelCall: func(u llm.Usage, d time.Duration, err error) {
				s.mx.ModelCall(u.PromptTokens, u.CompletionTokens, d, err)
			}})

	if err != nil {
		msg, code := storeProblem(cfg.dataDir, err)
		if code == exitBadInput {
			return nil, bot.SettingsError(errors.New(msg))
		}
		return nil, errors.New(msg)
	}
	s.mx.ConversationsActive(s.app.Engine.ActiveConversations)
	s.mx.DataFreeBytes(s.app.Store.FreeBytes)
	s.health = []health.Check{storeCheck(s.app.Store)}
	if err := s.start(ctx, set); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// start builds the platforms, the summary and backup jobs and the health
// listener around the opened App.
func (s *server) start(ctx context.Context, set serverSettings) error {
	cfg, lg := s.cfg, s.lg
	if cfg.platforms.slack {
		if err := s.startSlack(ctx, set.slack); err != nil {
			return err
		}
	}
	if cfg.platforms.teams {
		// Bind the public listener before any background work starts, so
		// a busy port stops start-up cleanly.
		set.teams.Observer = s.mx
		var err error
		if s.teams, err = teams.New(lg, set.teams, s.app.Engine, s.app.Store); err != nil {
			return err
		}
		s.health = append(s.health, health.Check{Name: "teams", Run: s.teams.Ready})
	}
	if set.schedules.on {
		if err := s.scheduleSummaries(set); err != nil {
			return bot.SettingsError(err)
		}
	}
	if set.followups.Enabled {
		s.scheduleFollowups(set.followups)
	}
	if addr := httpAddr(); addr != "" {
		if _, err := startHealth(ctx, lg, addr, s.health, s.mx.Handler()); err != nil {
			return bot.SettingsError(err)
		}
	}
	if set.backups.Dir != "" {
		s.jobs = append(s.jobs, func(ctx context.Context) { set.backups.Run(ctx, lg, s.app.Store) })
	}
	if err := serveBackups(ctx, lg, cfg.dataDir, s.app.Store); err != nil {
		// Not fatal: scheduled backups still work; say how to get one.
		lg.Warn("backup: advisorbot backup cannot reach this bot; set BACKUP_DIR for scheduled backups", "err", err)
	}
	return nil
}

// startSlack builds the Slack adapter and checks its tokens with Slack.
func (s *server) startSlack(ctx context.Context, c slack.Config) error {
	c.Observer = s.mx
	var err error
	if s.slack, err = slack.New(s.lg, c, s.app.Engine, s.app.Store); err != nil {
		return err
	}
	if err := s.slack.Check(ctx); err != nil {
		return err
	}
	s.health = append(s.health, health.Check{Name: "slack", Run: s.slack.Ready})
	return nil
}

// scheduleSummaries adds a weekly summary job for each configured
// summary channel, sharing the platforms' own clients.
func (s *server) scheduleSummaries(set serverSettings) error {
	var poster *slack.Poster
	var conn *teams.Connector
	if s.slack != nil {
		poster = slack.NewPoster(s.lg, set.slack)
	}
	if s.teams != nil {
		conn = s.teams.Connector()
	}
	dests, err := summaryDestinations(s.lg, s.cfg.getenv, s.cfg.platforms, poster, conn)
	if err != nil {
		return err
	}
	for _, d := range dests {
		s.schedule(set.schedules, d)
	}
	return nil
}

// schedule adds a weekly summary job posting to one platform.
func (s *server) schedule(sc summarySchedule, d summary.Destination) {
	lg := s.lg.With("destination", d.Name())
	job := summary.NewScheduler(lg, s.app.Store, d, sc.schedule, sc.grace, slack.ThreadLink)
	s.jobs = append(s.jobs, func(ctx context.Context) {
		if err := job.Run(ctx); err != nil {
			lg.Error("summary: scheduler stopped", "err", err)
		}
	})
	lg.Info("advisorbot: weekly summary scheduled", "schedule", sc.schedule.String())
}

// scheduleFollowups adds the job that sends due follow-ups through each
// served platform.
func (s *server) scheduleFollowups(fc bot.FollowupConfig) {
	couriers := map[string]bot.Courier{}
	if s.slack != nil {
		couriers["slack"] = s.slack.Courier()
	}
	if s.teams != nil {
		couriers["teams"] = s.teams.Courier()
	}
	f := &bot.Followups{Engine: s.app.Engine, Store: s.app.Store, Config: fc, Couriers: couriers,
		Clock: systemClock{s.cfg.now}, Log: s.lg.With("job", "followups")}
	s.jobs = append(s.jobs, func(ctx context.Context) {
		if err := f.Run(ctx); err != nil {
			s.lg.Error("follow-ups: stopped", "err", err)
		}
	})
	s.lg.Info("advisorbot: follow-ups scheduled", "days", fc.Days)
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

// Close releases the platforms' listeners and connections and the
// store. Run must have returned.
func (s *server) Close() error {
	if s.teams != nil {
		s.teams.Close()
	}
	if s.slack != nil {
		s.slack.Close()
	}
	if s.app == nil {
		return nil
	}
	err := s.app.Close()
	s.app = nil
	return err
}
