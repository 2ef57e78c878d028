package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
)

// runBackup implements `advisorbot backup --out FILE|DIR [--force]`: a full
// backup of a data directory in Badger's backup format. A stopped bot's
// directory is opened read-only; a running bot holds its directory, so the
// backup is asked of the bot itself through the socket it serves there
// (backupSocket), from a snapshot while it keeps serving. An existing file
// is replaced only with --force, and never one inside the data directory.
func runBackup(ctx context.Context, args []string, _ io.Reader, _, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	fs.StringVar(&sf.dataDir, "data-dir", defaultDataDir(os.Getenv), "`directory` of the data (env DATA_DIR)")
	out := fs.String("out", "", "backup `file` to write, or a directory to write a timestamped one in (required)")
	force := fs.Bool("force", false, "replace --out if it exists")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "backup: give the file to write: advisorbot backup --out advisorbot.backup (or a directory)")
		return exitBadInput
	}
	target, err := backupTarget(*out, sf.dataDir, *force, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "backup: %v\n", err)
		return exitBadInput
	}
	cfg, ok := sf.appConfig(stderr)
	if !ok {
		return exitBadInput
	}
	st, err := openStore(cliLogger(stderr), cfg, readData)
	if errors.Is(err, badgerstore.ErrDirLocked) {
		if err := backupFromBot(ctx, sf.dataDir, target, *force); err != nil {
			fmt.Fprintf(stderr, "backup: the bot is running on %s and could not be asked for a backup: %v\n", sf.dataDir, err)
			return exitInternal
		}
		fmt.Fprintf(stderr, "backup written to %s (taken by the running bot)\n", target)
		return exitOK
	}
	if err != nil {
		msg, code := storeProblem(sf.dataDir, err)
		fmt.Fprintf(stderr, "backup: %s\n", msg)
		return code
	}
	defer st.Close()
	if err := writeBackupFile(target, *force, st.Backup); err != nil {
		fmt.Fprintf(stderr, "backup: %v\n", err)
		return exitInternal
	}
	fmt.Fprintf(stderr, "backup written to %s\n", target)
	return exitOK
}

// backupTarget is the file a backup goes to: out, or a timestamped file
// in out when it is a directory. It must not exist (unless force), and
// must not be inside the data directory, where it could replace one of
// the store's own files.
func backupTarget(out, dataDir string, force bool, now time.Time) (string, error) {
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		out = filepath.Join(out, badgerstore.BackupName(now))
	}
	if inside(out, dataDir) {
		return "", fmt.Errorf("--out %s is inside the data directory %s; write backups elsewhere, ideally to another disk", out, dataDir)
	}
	fi, err := os.Stat(out)
	switch {
	case err == nil && fi.IsDir():
		return "", fmt.Errorf("--out %s is a directory", out)
	case err == nil && !force:
		return "", fmt.Errorf("%s already exists; add --force to replace it, or choose another --out", out)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return "", fmt.Errorf("--out %s: %w", out, err)
	}
	if _, err := os.Stat(filepath.Dir(out)); err != nil {
		return "", fmt.Errorf("--out %s: its directory %s does not exist", out, filepath.Dir(out))
	}
	return out, nil
}

// inside reports whether path is dir or lies within it, following
// symbolic links where the paths exist.
func inside(path, dir string) bool {
	resolve := func(p string) string {
		p, err := filepath.Abs(p)
		if err != nil {
			return p
		}
		// The file itself may not exist yet; its directory may.
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return r
		}
		if r, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
			return filepath.Join(r, filepath.Base(p))
		}
		return p
	}
	rel, err := filepath.Rel(resolve(dir), resolve(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// writeBackupFile writes a backup to path whole or not at all
// (badgerstore.WriteBackupFile), and says how to replace a file that
// appeared meanwhile.
func writeBackupFile(path string, replace bool, write func(io.Writer) error) error {
	err := badgerstore.WriteBackupFile(path, replace, write)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%w; add --force to replace it", err)
	}
	return err
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
	free, err := minFree(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "restore: %v\n", err)
		return exitBadInput
	}
	cfg := appConfig{dataDir: *dataDir, minFree: free, getenv: os.Getenv}
	st, err := openStore(cliLogger(stderr), cfg, createData)
	if err != nil {
		msg, code := storeProblem(*dataDir, err)
		fmt.Fprintf(stderr, "restore: %s\n", msg)
		return code
	}
	defer st.Close()
	// Badger writes through memory-mapped files, and a disk that fills
	// during the load ends the process with SIGBUS: ask for room first,
	// twice the backup (the tables and the logs that build them) above the
	// reserve.
	if fi, err := f.Stat(); err == nil {
		free, known := st.FreeBytes()
		if need := 2*uint64(fi.Size()) + cfg.minFree.Bytes; known && free < need {
			fmt.Fprintf(stderr, "restore: %s needs about %s free on the filesystem of %s, and only %s is; free some space or restore elsewhere\n",
				fs.Arg(0), badgerstore.FormatSize(need), *dataDir, badgerstore.FormatSize(free))
			return exitInternal
		}
	}
	if err := st.Restore(f); err != nil {
		fmt.Fprintf(stderr, "restore: %v\n", err)
		if errors.Is(err, badgerstore.ErrNotEmpty) {
			return exitBadInput
		}
		fmt.Fprintf(stderr, "restore: %s may hold part of the backup now; delete it before trying again\n", *dataDir)
		if errors.Is(err, badgerstore.ErrBadBackup) {
			return exitBadInput
		}
		return exitInternal
	}
	fmt.Fprintf(stderr, "restored %s into %s\n", fs.Arg(0), *dataDir)
	return exitOK
}

// backupFromEnv reads the running bot's own backups from BACKUP_DIR
// (empty: no backups), BACKUP_INTERVAL (24h) and BACKUP_KEEP (7), and
// creates the directory.
func backupFromEnv(getenv func(string) string) (badgerstore.Rotation, error) {
	b, err := backupSettings(getenv)
	if err != nil {
		return b, err
	}
	if b.Dir != "" {
		if err := os.MkdirAll(b.Dir, 0o700); err != nil {
			return b, fmt.Errorf("BACKUP_DIR=%s cannot be created: %w; point it at a writable directory", b.Dir, err)
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
func backupSettings(getenv func(string) string) (badgerstore.Rotation, error) {
	b := badgerstore.Rotation{Dir: strings.TrimSpace(getenv("BACKUP_DIR")), Interval: defaultBackupInterval, Keep: defaultBackupKeep}
	if v := getenv("BACKUP_INTERVAL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute {
			return b, fmt.Errorf("BACKUP_INTERVAL=%q: give a duration of at least 1m, such as 24h", v)
		}
		b.Interval = d
	}
	if v := getenv("BACKUP_KEEP"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return b, fmt.Errorf("BACKUP_KEEP=%q: give how many backups to keep, 1 or more", v)
		}
		b.Keep = n
	}
	return b, nil
}
