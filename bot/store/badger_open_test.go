package store_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

func TestBadgerSchema(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	b, err := store.OpenBadger(nil, store.BadgerOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var meta map[string]int
	if err := store.Scan(b, func(k, v []byte, _ uint64) {
		if string(k) == "meta/schema" {
			_ = json.Unmarshal(v, &meta)
		}
	}); err != nil || meta["v"] != store.SchemaVersion {
		t.Errorf("meta/schema = %v, %v; want v %d", meta, err, store.SchemaVersion)
	}

	// A record written by a newer advisorbot is refused, not misread.
	key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "C1"}
	if err := b.SaveConversation(ctx, storetest.SampleConversation(key, "U1", 2)); err != nil {
		t.Fatal(err)
	}
	if err := store.PutRaw(b, []byte("c/slack/T1/C1/"), []byte(`{"v":2,"user":"U1","phase":"asking"}`)); err != nil {
		t.Fatal(err)
	}
	_, err = b.GetConversation(ctx, key)
	if !errors.Is(err, store.ErrNewerSchema) || !strings.Contains(err.Error(), "get conversation") {
		t.Errorf("reading a v2 record: err = %v, want ErrNewerSchema naming the operation", err)
	}
	t.Logf("newer record: %v", err)

	// So is a whole database written by a newer one.
	if err := store.PutRaw(b, []byte("meta/schema"), []byte(`{"v":2}`)); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b2, err := store.OpenBadger(nil, store.BadgerOptions{Dir: dir})
	if err == nil {
		b2.Close()
		t.Fatal("opened a database of schema 2")
	}
	if !errors.Is(err, store.ErrNewerSchema) || !strings.Contains(err.Error(), dir) {
		t.Errorf("open of a v2 database: err = %v, want ErrNewerSchema naming %s", err, dir)
	}
	t.Logf("newer database: %v", err)
}

// TestBadgerSecondOpen checks Badger's directory lock, which holds within
// one process too (flock locks are per open file), so no child process is
// needed.
func TestBadgerSecondOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	b, err := store.OpenBadger(nil, store.BadgerOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	b2, err := store.OpenBadger(nil, store.BadgerOptions{Dir: dir})
	if err == nil {
		b2.Close()
		t.Fatal("a second open of the same directory succeeded")
	}
	t.Logf("second open: %v", err)
	want := "store: open " + dir + ": another advisorbot process is using this data directory"
	if !errors.Is(err, store.ErrDirLocked) || !strings.HasPrefix(err.Error(), want) ||
		!strings.Contains(err.Error(), "only one advisorbot process may use a data dir") {
		t.Errorf("second open: err = %q, want ErrDirLocked starting %q", err, want)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b3 := openBadger(t, store.BadgerOptions{Dir: dir})
	if _, err := b3.FirstSeen(t.Context(), "Ev1", time.Hour); err != nil {
		t.Errorf("open after the first closed: %v", err)
	}
}

// TestBadgerGCAndClose runs the value-log GC goroutine often and checks
// that Close stops it and can be called again.
func TestBadgerGCAndClose(t *testing.T) {
	ctx := t.Context()
	b, err := store.OpenBadger(nil, store.BadgerOptions{Dir: t.TempDir(), GCInterval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		if err := b.CachePut(ctx, fmt.Sprint("k", i%3), strings.Repeat("x", 1000), time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(20 * time.Millisecond)
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if err := b.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
		})
	}
	wg.Wait()
	if lsm, vlog := b.Size(); lsm != 0 || vlog != 0 {
		t.Errorf("Size after Close = %d, %d", lsm, vlog)
	}
	if err := b.Backup(&bytes.Buffer{}); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Backup after Close: %v", err)
	}
	if err := b.Restore(&bytes.Buffer{}); !errors.Is(err, store.ErrClosed) {
		t.Errorf("Restore after Close: %v", err)
	}
}

// TestBadgerLogsWarningsOnly checks that Badger's chatter (it logs at INFO
// on every open and close) stays out of the application's log.
func TestBadgerLogsWarningsOnly(t *testing.T) {
	var buf bytes.Buffer
	lg := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	b, err := store.OpenBadger(lg, store.BadgerOptions{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SaveRecommendation(t.Context(), storetest.SampleRecommendation("r1", "U1", "", advisor.RAG, 1, time.Now())); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(buf.String()) {
		if !strings.Contains(line, "level=WARN") && !strings.Contains(line, "level=ERROR") {
			t.Errorf("logged below warning: %s", line)
		}
	}
}

func TestBadgerOptions(t *testing.T) {
	if _, err := store.OpenBadger(nil, store.BadgerOptions{RetentionDays: -1}); err == nil {
		t.Error("negative retention accepted")
	}
	b := openBadger(t, store.BadgerOptions{Dir: t.TempDir(), GCInterval: -1})
	if lsm, vlog := b.Size(); lsm < 0 || vlog < 0 {
		t.Errorf("Size = %d, %d", lsm, vlog)
	}
}
