package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"strings"
	"syscall"

	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
)

// access is what a command does with the data directory. Only the
// commands that create conversations (chat and the servers) and restore
// may create one; a command asked to read opens it read-only.
type access int

const (
	readData   access = iota // history, export, summary, backup: read-only, must exist
	writeData                // forget, summary --post: must exist
	createData               // chat, slack, teams, serve, restore: created when missing
)

// minFree reads MIN_FREE_SPACE: the free space kept on the data
// directory's filesystem (default 64MiB).
func minFree(getenv func(string) string) (badgerstore.MinFree, error) {
	v := strings.TrimSpace(getenv("MIN_FREE_SPACE"))
	if v == "" {
		return badgerstore.DefaultMinFree, nil
	}
	m, err := badgerstore.ParseMinFree(v)
	if err != nil {
		return m, fmt.Errorf("MIN_FREE_SPACE: %w", err)
	}
	return m, nil
}

// openStore opens the Badger store in the data directory as acc allows.
func openStore(lg *slog.Logger, cfg appConfig, acc access) (*badgerstore.Store, error) {
	return badgerstore.Open(lg, badgerstore.Options{
		Dir:           cfg.dataDir,
		RetentionDays: cfg.retentionDays,
		ReadOnly:      acc == readData,
		Create:        acc == createData,
		MinFree:       cfg.minFree,
		WaitForSpace:  cfg.server,
		FreeSpace:     cfg.freeSpace,
		Now:           cfg.now,
	})
}

// storeProblem is what a person is told when a data directory cannot be
// opened, in one line, and the exit code: the operator's to fix (a path,
// a lock, permissions) is bad input; damage and a full disk are not.
func storeProblem(dir string, err error) (string, int) {
	var de *badgerstore.DamagedError
	switch {
	case errors.As(err, &de):
		return fmt.Sprintf("%v; restore a backup with advisorbot restore (into a new --data-dir)", de), exitInternal
	case errors.Is(err, badgerstore.ErrNoData):
		return fmt.Sprintf("no advisorbot data in %s: check --data-dir or DATA_DIR", dir), exitBadInput
	case errors.Is(err, badgerstore.ErrNotClosedCleanly):
		return fmt.Sprintf("the data in %s was not closed cleanly (the bot was killed or crashed): "+
			"start the bot, or run advisorbot chat, once to recover it, then run this again", dir), exitInternal
	case errors.Is(err, store.ErrNoSpace):
		return fmt.Sprintf("%v; free some space, or set MIN_FREE_SPACE lower", err), exitInternal
	case errors.Is(err, badgerstore.ErrDirLocked):
		return fmt.Sprintf("another advisorbot process is using %s, and only one may use a data directory at a time: "+
			"stop it, or point --data-dir or DATA_DIR elsewhere", dir), exitBadInput
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return fmt.Sprintf("cannot write to %s (%v): point --data-dir or DATA_DIR at a directory this user may write; "+
			"history, export and summary read it as it is", dir, rootCause(err)), exitBadInput
	}
	return err.Error(), exitInternal
}

// rootCause is the innermost error: "read-only file system" rather than
// the chain of operations that met it.
func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
