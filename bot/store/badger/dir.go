package badgerstore

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/advisorbot/advisorbot/bot/store"
)

// The data directory: what must hold before Badger is let near it. Badger
// itself creates a new, empty database wherever it finds no MANIFEST, and
// deletes every table its MANIFEST does not list, even when opened
// read-only; so a mistyped path, a lost MANIFEST or a damaged one would
// silently become an empty store or a smaller one. Open therefore
// looks first (prepareDir, then checkFiles) and only then opens.

// ErrNoData is wrapped by [Open] when the directory does not exist or
// holds no store and the caller did not ask to create one.
var ErrNoData = errors.New("badgerstore: no advisorbot data")

// ErrDamaged is wrapped by a [DamagedError].
var ErrDamaged = errors.New("badgerstore: damaged data")

// ErrNotClosedCleanly is wrapped by [Open] when a read-only open
// finds writes that were never flushed: the process that wrote them was
// killed. Replaying them needs a writable open, which a reader must not do.
var ErrNotClosedCleanly = errors.New("badgerstore: the data was not closed cleanly")

// DamagedError says which file of a data directory is damaged and how.
type DamagedError struct {
	Dir  string // the data directory
	What string // the file and the damage: "000001.sst: cut short at byte 1,891 of 189,176"
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the data in %s is damaged (%s)", e.Dir, e.What)
}

// Unwrap makes errors.Is(err, ErrDamaged) hold.
func (e *DamagedError) Unwrap() error { return ErrDamaged }

// damaged builds a DamagedError; What is kept to one line, since Badger's
// messages can span several.
func damaged(dir, format string, a ...any) error {
	return &DamagedError{Dir: dir, What: strings.Join(strings.Fields(fmt.Sprintf(format, a...)), " ")}
}

// dirMode and fileMode are what the data directory and its files are
// given: conversations are plain text, for the bot's own user only.
const (
	dirMode  fs.FileMode = 0o700
	fileMode fs.FileMode = 0o600
)

// prepareDir makes sure dir exists (creating it, 0700, only when create
// is set) and reports whether it holds a store already. A directory with
// Badger's files but no MANIFEST is damaged, never a new store.
func prepareDir(dir string, create bool) (exists bool, err error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !create {
			return false, fmt.Errorf("%w in %s", ErrNoData, dir)
		}
		if err := os.MkdirAll(dir, dirMode); err != nil {
			return false, fmt.Errorf("create %s: %w", dir, err)
		}
		return false, nil
	case err != nil:
		return false, err
	case !fi.IsDir():
		return false, fmt.Errorf("%s is a file, not a directory", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	var data []string
	manifest := false
	for _, e := range entries {
		switch name := e.Name(); {
		case name == manifestName:
			manifest = true
		case isTable(name), isLog(name):
			data = append(data, name)
		}
	}
	switch {
	case manifest:
		return true, nil
	case len(data) > 0:
		return false, damaged(dir, "MANIFEST is missing, though %s and %d other data file(s) are there", data[0], len(data)-1)
	case !create:
		return false, fmt.Errorf("%w in %s", ErrNoData, dir)
	}
	return false, nil
}

// tighten makes dir 0700 and its files 0600 where they were wider, and
// says what it changed, so an operator learns that the data was exposed.
func tighten(lg *slog.Logger, dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if mode := fi.Mode().Perm(); mode&^dirMode != 0 {
		if err := os.Chmod(dir, dirMode); err != nil {
			return fmt.Errorf("restrict %s to its owner: %w", dir, err)
		}
		lg.Warn("store: the data directory was readable by others; it is now the bot's own (0700)", "dir", dir, "was", mode.String())
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var widened []string
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue // the backup socket's directory keeps its own 0700
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		if info.Mode().Perm()&^fileMode != 0 {
			if err := os.Chmod(filepath.Join(dir, e.Name()), fileMode); err != nil {
				return fmt.Errorf("restrict %s to its owner: %w", e.Name(), err)
			}
			widened = append(widened, e.Name())
		}
	}
	if len(widened) > 0 {
		lg.Warn("store: data files were readable by others; they are now the bot's own (0600)", "dir", dir, "files", strings.Join(widened, ","))
	}
	return nil
}

// Badger's file names.
const manifestName = "MANIFEST"

func isTable(name string) bool { return strings.HasSuffix(name, ".sst") }

func isLog(name string) bool {
	return strings.HasSuffix(name, ".vlog") || strings.HasSuffix(name, ".mem")
}

// classifyOpenErr turns what badger.Open returned into the store's errors.
// Badger formats its errors with %v, so only their text tells them apart.
func classifyOpenErr(dir string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "Cannot acquire directory lock"):
		return fmt.Errorf("%w (%v)", ErrDirLocked, err)
	case strings.Contains(msg, "permission denied"), strings.Contains(msg, "read-only file system"):
		return fmt.Errorf("%w: %v", fs.ErrPermission, err)
	case strings.Contains(msg, "no space left"):
		return fmt.Errorf("%w: %v", store.ErrNoSpace, err)
	case strings.Contains(msg, "Log truncate required"):
		return fmt.Errorf("%w: %v", ErrNotClosedCleanly, err)
	}
	// Everything else Badger refuses at open is a file it cannot make
	// sense of: a key registry, a value log or a table.
	return damaged(dir, "%v", err)
}
