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
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

// runBackup implements `advisorbot backup --out FILE`: a full backup of a
// data directory in Badger's backup format. A stopped bot's directory is
// opened read-only; a running bot holds its directory, so the backup is
// asked of the bot itself through the socket it serves there
// (backupSocket), from a snapshot while it keeps serving.
func runBackup(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data-dir", defaultDataDir(os.Getenv), "`directory` of the data (env DATA_DIR)")
	out := fs.String("out", "", "backup `file` to write (required)")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "backup: give the file to write: advisorbot backup --out advisorbot.backup")
		return exitBadInput
	}
	if !fileExists(filepath.Join(*dataDir, "MANIFEST")) {
		fmt.Fprintf(stderr, "backup: %s holds no advisorbot data; set --data-dir or DATA_DIR\n", *dataDir)
		return exitBadInput
	}
	st, err := store.OpenBadger(cliLogger(stderr), store.BadgerOptions{Dir: *dataDir, ReadOnly: true})
	if errors.Is(err, store.ErrDirLocked) {
		if err := backupFromBot(ctx, *dataDir, *out); err != nil {
			fmt.Fprintf(stderr, "backup: the bot is running on %s and could not be asked for a backup: %v\n", *dataDir, err)
			return exitInternal
		}
		fmt.Fprintf(stderr, "backup written to %s (taken by the running bot)\n", *out)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "backup: %v\n", err)
		return storeExit(err)
	}
	defer st.Close()
	if err := writeFileAtomic(*out, st.Backup); err != nil {
		fmt.Fprintf(stderr, "backup: %v\n", err)
		return exitInternal
	}
	fmt.Fprintf(stderr, "backup written to %s\n", *out)
	return exitOK
}

// writeFileAtomic writes path through a temporary file, synced and
// renamed, so path is only ever a whole backup.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".advisorbot-backup-*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename to %s: %w", path, err)
	}
	return nil
}

// runRestore implements `advisorbot restore FILE`: loads a backup into a
// new, empty data directory.
func runRestore(_ context.Context, args []string, _ io.Reader, _, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataDir := fs.String("data-dir", defaultDataDir(os.Getenv), "empty `directory` to restore into (env DATA_DIR)")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "restore: give one backup file: advisorbot restore --data-dir /new/dir advisorbot.backup")
		return exitBadInput
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "restore: %v\n", err)
		return exitBadInput
	}
	defer f.Close()
	st, err := openStore(appConfig{dataDir: *dataDir, getenv: os.Getenv}, cliLogger(stderr))
	if err != nil {
		fmt.Fprintf(stderr, "restore: %v\n", err)
		return storeExit(err)
	}
	defer st.Close()
	if err := st.Restore(f); err != nil {
		fmt.Fprintf(stderr, "restore: %v\n", err)
		if strings.Contains(err.Error(), "not empty") {
			return exitBadInput
		}
		fmt.Fprintf(stderr, "restore: %s may hold part of the backup now; delete it before trying again\n", *dataDir)
		if errors.Is(err, store.ErrBadBackup) {
			return exitBadInput
		}
		return exitInternal
	}
	fmt.Fprintf(stderr, "restored %s into %s\n", fs.Arg(0), *dataDir)
	return exitOK
}

// backupSchedule is the running bot's own backups: every interval into
// dir, keeping the newest keep files.
type backupSchedule struct {
	dir      string
	interval time.Duration
	keep     int
}

// backupFromEnv reads BACKUP_DIR (empty: no backups), BACKUP_INTERVAL
// (24h) and BACKUP_KEEP (7), and creates the directory.
func backupFromEnv(getenv func(string) string) (backupSchedule, error) {
	b, err := backupSettings(getenv)
	if err != nil {
		return b, err
	}
	if b.dir != "" {
		if err := os.MkdirAll(b.dir, 0o700); err != nil {
			return b, fmt.Errorf("BACKUP_DIR=%s cannot be created: %w; point it at a writable directory", b.dir, err)
		}
	}
	return b, nil
}

// Backup defaults, also shown by `advisorbot config`.
const (
	defaultBackupInterval = 24 * time.Hour
	defaultBackupKeep     = 7
)

// backupSettings parses the backup settings without touching the disk.
func backupSettings(getenv func(string) string) (backupSchedule, error) {
	b := backupSchedule{dir: strings.TrimSpace(getenv("BACKUP_DIR")), interval: defaultBackupInterval, keep: defaultBackupKeep}
	if v := getenv("BACKUP_INTERVAL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute {
			return b, fmt.Errorf("BACKUP_INTERVAL=%q: give a duration of at least 1m, such as 24h", v)
		}
		b.interval = d
	}
	if v := getenv("BACKUP_KEEP"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return b, fmt.Errorf("BACKUP_KEEP=%q: give how many backups to keep, 1 or more", v)
		}
		b.keep = n
	}
	return b, nil
}

const backupPrefix, backupSuffix = "advisorbot-", ".backup"

// run takes a backup every interval until ctx ends, the first one at once
// unless the newest backup is younger than interval (so a bot restarting
// in a loop does not rotate good backups out). A failed backup is logged
// and retried at the next tick; it never stops the bot.
func (b backupSchedule) run(ctx context.Context, st *store.Badger, lg *slog.Logger) {
	wait := time.Duration(0)
	if newest, ok := b.newest(); ok {
		if age := time.Since(newest); age < b.interval {
			wait = b.interval - age
		}
	}
	select {
	case <-ctx.Done():
		return
	case <-time.After(wait):
	}
	for {
		if err := b.once(st, time.Now()); err != nil {
			lg.Error("backup failed", "dir", b.dir, "err", err)
		} else {
			lg.Info("backup written", "dir", b.dir)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(b.interval):
		}
	}
}

const backupTimeLayout = "20060102T150405Z"

// names lists the backups in dir, oldest first (the timestamp sorts).
func (b backupSchedule) names() ([]string, error) {
	entries, err := os.ReadDir(b.dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, backupSuffix) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, nil
}

// newest is the time of the newest backup, if any.
func (b backupSchedule) newest() (time.Time, bool) {
	names, err := b.names()
	if err != nil || len(names) == 0 {
		return time.Time{}, false
	}
	n := names[len(names)-1]
	t, err := time.Parse(backupTimeLayout, strings.TrimSuffix(strings.TrimPrefix(n, backupPrefix), backupSuffix))
	return t, err == nil
}

// once writes one backup named by its UTC time and prunes the oldest
// beyond keep. When the new backup is under half the size of the one
// before (a data volume that went missing, say), nothing is pruned: that
// is for a person to judge.
func (b backupSchedule) once(st *store.Badger, now time.Time) error {
	prev, _ := b.names()
	name := backupPrefix + now.UTC().Format(backupTimeLayout) + backupSuffix
	if err := writeFileAtomic(filepath.Join(b.dir, name), st.Backup); err != nil {
		return err
	}
	if len(prev) > 0 {
		old, err1 := os.Stat(filepath.Join(b.dir, prev[len(prev)-1]))
		cur, err2 := os.Stat(filepath.Join(b.dir, name))
		if err1 == nil && err2 == nil && cur.Size()*2 < old.Size() {
			return fmt.Errorf("backup %s is under half the size of %s; kept every older backup, check the data directory", name, prev[len(prev)-1])
		}
	}
	names, err := b.names()
	if err != nil {
		return fmt.Errorf("prune %s: %w", b.dir, err)
	}
	for len(names) > b.keep {
		if err := os.Remove(filepath.Join(b.dir, names[0])); err != nil {
			return fmt.Errorf("prune %s: %w", b.dir, err)
		}
		names = names[1:]
	}
	return nil
}
