package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
)

// App is advisorbot wired together: the store, the optional model with its
// explainer and extractor, and the conversation engine. Chat surfaces run
// on it; end-to-end tests build it the same way.
type App struct {
	Store  *badgerstore.Store
	Engine *bot.Engine
	lang   *language
}

// appConfig is what an App needs from flags and the environment.
type appConfig struct {
	dataDir       string
	retentionDays int
	minFree       badgerstore.MinFree
	server        bool // a long-running server: wait for disk space rather than fail
	getenv        func(string) string
	onModelCall   modelCallHook             // nil: none
	freeSpace     badgerstore.FreeSpaceFunc // nil: the system's; tests fill a disk here
	now           func() time.Time          // nil: time.Now
	access        map[string]bot.Access     // each platform's access lists; nil: open
}

// explanationTTL is how long an explanation stays cached in the store.
const explanationTTL = 30 * 24 * time.Hour

// openApp opens (creating if needed) the store and wires the engine.
// Close releases the store.
func openApp(lg *slog.Logger, cfg appConfig) (*App, error) {
	getenv := cfg.getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	limits, err := personLimits(getenv)
	if err != nil {
		return nil, bot.SettingsError(err)
	}
	figures, err := assumptionsFromEnv(getenv)
	if err != nil {
		return nil, bot.SettingsError(err)
	}
	if f := getenv("ASSUMPTIONS_FILE"); f != "" {
		lg.Info("advising with the figures of ASSUMPTIONS_FILE", "file", f)
	}
	st, err := openStore(lg, cfg, createData)
	if err != nil {
		return nil, err
	}
	lang, err := newLanguageWithCache(lg, cfg.getenv, bot.StoreCache{Store: st, TTL: explanationTTL}, cfg.onModelCall)
	if err != nil {
		st.Close()
		return nil, err
	}
	eng := bot.New(lg, bot.Config{
		Advisor:   advisor.New(figures),
		Store:     st,
		Explainer: lang.explainer,
		Extractor: lang.extractor,
		Now:       cfg.now,
		Access:    cfg.access,
		Limits:    limits,
		// At the terminal the operator is alone: nobody to be fair to.
		Unrationed: map[string]bool{"terminal": true},
	})
	return &App{Store: st, Engine: eng, lang: lang}, nil
}

// Close releases the store; it is safe to call once the App is done.
func (a *App) Close() error { return a.Store.Close() }

// defaultDataDir is where advisorbot keeps its data without DATA_DIR or
// --data-dir: $XDG_DATA_HOME/advisorbot, else ~/.local/share/advisorbot.
func defaultDataDir(getenv func(string) string) string {
	if d := getenv("DATA_DIR"); d != "" {
		return d
	}
	if x := getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "advisorbot")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "advisorbot")
	}
	return "advisorbot-data"
}

// retentionDays reads RETENTION_DAYS (default 365).
func retentionDays(getenv func(string) string) (int, error) {
	v := getenv("RETENTION_DAYS")
	if v == "" {
		return 365, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 36500 {
		return 0, fmt.Errorf("RETENTION_DAYS=%q: give a whole number of days between 1 and 36500, such as 365", v)
	}
	return n, nil
}

// defaultUser names the person at the terminal.
func defaultUser(getenv func(string) string) string {
	for _, k := range []string{"ADVISORBOT_USER", "USER", "USERNAME"} {
		if u := getenv(k); u != "" {
			return u
		}
	}
	return "me"
}
