package badgerstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Rotation is the running bot's own backups: one every Interval into Dir,
// keeping the newest Keep. Each file is named by its UTC time
// ([BackupName]), so the names sort by age and a restart can tell when
// the last backup was taken without trusting file times.
type Rotation struct {
	Dir      string        // an existing directory, outside the data directory
	Interval time.Duration // between backups
	Keep     int           // backups kept, at least 1
}

const (
	backupPrefix, backupSuffix = "advisorbot-", ".backup"
	backupTimeLayout           = "20060102T150405Z"
)

// BackupName is the file name of a backup taken at t, as [Rotation] writes
// them: "advisorbot-20261127T030000Z.backup".
func BackupName(t time.Time) string {
	return backupPrefix + t.UTC().Format(backupTimeLayout) + backupSuffix
}

// Run takes a backup of st every Interval until ctx ends, the first one at
// once unless the newest backup is younger than Interval (so a bot
// restarting in a loop does not rotate good backups out). Backups are
// named and aged by the store's clock. A failed backup is logged and
// retried at the next tick; it never stops the bot.
func (r Rotation) Run(ctx context.Context, lg *slog.Logger, st *Store) {
	wait := time.Duration(0)
	if newest, ok := r.Newest(); ok {
		if age := st.now().Sub(newest); age < r.Interval {
			wait = r.Interval - age
		}
	}
	select {
	case <-ctx.Done():
		return
	case <-time.After(wait):
	}
	for {
		if err := r.Once(st, st.now()); err != nil {
			lg.Error("backup failed", "dir", r.Dir, "err", err)
		} else {
			lg.Info("backup written", "dir", r.Dir)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.Interval):
		}
	}
}

// names lists the backups in Dir, oldest first (the timestamp sorts).
func (r Rotation) names() ([]string, error) {
	entries, err := os.ReadDir(r.Dir)
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

// Newest is the time of the newest backup in Dir, if any.
func (r Rotation) Newest() (time.Time, bool) {
	names, err := r.names()
	if err != nil || len(names) == 0 {
		return time.Time{}, false
	}
	n := names[len(names)-1]
	t, err := time.Parse(backupTimeLayout, strings.TrimSuffix(strings.TrimPrefix(n, backupPrefix), backupSuffix))
	return t, err == nil
}

// Once writes one backup of st named by now and prunes the oldest beyond
// Keep. When the new backup is under half the size of the one before (a
// data volume that went missing, say), nothing is pruned: that is for a
// person to judge.
func (r Rotation) Once(st *Store, now time.Time) error {
	prev, _ := r.names()
	name := BackupName(now)
	if err := WriteBackupFile(filepath.Join(r.Dir, name), false, st.Backup); err != nil {
		return err
	}
	if len(prev) > 0 {
		old, err1 := os.Stat(filepath.Join(r.Dir, prev[len(prev)-1]))
		cur, err2 := os.Stat(filepath.Join(r.Dir, name))
		if err1 == nil && err2 == nil && cur.Size()*2 < old.Size() {
			return fmt.Errorf("backup %s is under half the size of %s; kept every older backup, check the data directory", name, prev[len(prev)-1])
		}
	}
	names, err := r.names()
	if err != nil {
		return fmt.Errorf("prune %s: %w", r.Dir, err)
	}
	for len(names) > r.Keep {
		if err := os.Remove(filepath.Join(r.Dir, names[0])); err != nil {
			return fmt.Errorf("prune %s: %w", r.Dir, err)
		}
		names = names[1:]
	}
	return nil
}

// WriteBackupFile writes path through a temporary file (0600) in the same
// directory, synced and then moved into place, so path is only ever a
// whole backup. Without replace an existing path is left alone (a hard
// link, unlike a rename, refuses to overwrite) and the error wraps
// [os.ErrExist]. write is usually a store's [Store.Backup], or a backup
// streamed from a running bot.
func WriteBackupFile(path string, replace bool, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".advisorbot-backup-*")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // after a rename this fails harmlessly
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
	if replace {
		if err := os.Rename(tmp.Name(), path); err != nil {
			return fmt.Errorf("rename to %s: %w", path, err)
		}
		return nil
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, os.ErrExist) {
			// Wrapped, so a command can say how to replace it.
			return fmt.Errorf("%s appeared meanwhile: %w", path, os.ErrExist)
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
