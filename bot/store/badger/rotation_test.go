package badgerstore_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
)

// TestRotation: the bot's own backups are whole files named by time, and
// only the newest Keep stay.
func TestRotation(t *testing.T) {
	st := openBadger(t, badgerstore.Options{Create: true, Dir: t.TempDir(), GCInterval: -1})
	r := badgerstore.Rotation{Dir: t.TempDir(), Interval: time.Hour, Keep: 2}
	if _, ok := r.Newest(); ok {
		t.Error("Newest found a backup in an empty directory")
	}
	start := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	for i := range 4 {
		if err := r.Once(st, start.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"advisorbot-20261127T050000Z.backup", "advisorbot-20261127T060000Z.backup"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("kept %v, want %v", names, want)
	}
	if newest, ok := r.Newest(); !ok || !newest.Equal(start.Add(3*time.Hour)) {
		t.Errorf("newest backup %v %v, want %v", newest, ok, start.Add(3*time.Hour))
	}
}

// TestRotationRunUsesTheStoreClock: the running rotation names and ages
// backups by the store's clock, not the machine's, and a backup younger
// than Interval is not followed by another at start.
func TestRotationRunUsesTheStoreClock(t *testing.T) {
	at := time.Date(2026, 11, 27, 3, 0, 0, 0, time.UTC)
	st := openBadger(t, badgerstore.Options{Create: true, Dir: t.TempDir(), GCInterval: -1, Now: func() time.Time { return at }})
	r := badgerstore.Rotation{Dir: t.TempDir(), Interval: time.Hour, Keep: 3}
	lg := slog.New(slog.DiscardHandler)

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { r.Run(ctx, lg, st); close(done) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, ok := r.Newest(); ok || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if newest, ok := r.Newest(); !ok || !newest.Equal(at) {
		t.Fatalf("first backup at %v (%v), want the store's clock %v", newest, ok, at)
	}

	// Half an hour later by the store's clock the backup is still young:
	// a restart waits for the rest of the interval (here, until cancelled).
	at = at.Add(30 * time.Minute)
	stopped, stop := context.WithCancel(t.Context())
	stop()
	r.Run(stopped, lg, st)
	if names, _ := os.ReadDir(r.Dir); len(names) != 1 {
		t.Errorf("%d backups after a restart within the interval, want 1", len(names))
	}
}

// TestWriteBackupFile: without replace an existing file is kept and the
// error says it exists; with it, the file is replaced whole.
func TestWriteBackupFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.backup")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	if err := badgerstore.WriteBackupFile(path, false, write("one")); err != nil {
		t.Fatal(err)
	}
	if err := badgerstore.WriteBackupFile(path, false, write("two")); !errors.Is(err, os.ErrExist) {
		t.Errorf("second write without replace: %v, want os.ErrExist", err)
	}
	if err := badgerstore.WriteBackupFile(path, true, write("three")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, []byte("three")) {
		t.Errorf("after replace: %q, %v", got, err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode: %v, %v; want 0600", fi, err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}
