package badgerstore_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

func TestBadgerSchema(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	b, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var meta map[string]int
	if err := badgerstore.Scan(b, func(k, v []byte, _ uint64) {
		if string(k) == "meta/schema" {
			_ = json.Unmarshal(v, &meta)
		}
	}); err != nil || meta["v"] != badgerstore.SchemaVersion {
		t.Errorf("meta/schema = %v, %v; want v %d", meta, err, badgerstore.SchemaVersion)
	}

	// A record written by a newer advisorbot is refused, not misread.
	newer := badgerstore.SchemaVersion + 1
	key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "C1"}
	if err := b.SaveConversation(ctx, storetest.SampleConversation(key, "U1", 2)); err != nil {
		t.Fatal(err)
	}
	if err := badgerstore.PutRaw(b, []byte("c/slack/T1/C1/"), fmt.Appendf(nil, `{"v":%d,"user":"U1","phase":"asking"}`, newer)); err != nil {
		t.Fatal(err)
	}
	_, err = b.GetConversation(ctx, key)
	if !errors.Is(err, badgerstore.ErrNewerSchema) || !strings.Contains(err.Error(), "get conversation") {
		t.Errorf("reading a newer record: err = %v, want ErrNewerSchema naming the operation", err)
	}
	t.Logf("newer record: %v", err)

	// So is a whole database written by a newer one.
	if err := badgerstore.PutRaw(b, []byte("meta/schema"), fmt.Appendf(nil, `{"v":%d}`, newer)); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b2, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: dir})
	if err == nil {
		b2.Close()
		t.Fatalf("opened a database of schema %d", newer)
	}
	if !errors.Is(err, badgerstore.ErrNewerSchema) || !strings.Contains(err.Error(), dir) {
		t.Errorf("open of a newer database: err = %v, want ErrNewerSchema naming %s", err, dir)
	}
	t.Logf("newer database: %v", err)
}

// TestBadgerSecondOpen checks Badger's directory lock, which holds within
// one process too (flock locks are per open file), so no child process is
// needed.
func TestBadgerSecondOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	b, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	b2, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: dir})
	if err == nil {
		b2.Close()
		t.Fatal("a second open of the same directory succeeded")
	}
	t.Logf("second open: %v", err)
	want := "store: open " + dir + ": badgerstore: another advisorbot process is using this data directory"
	if !errors.Is(err, badgerstore.ErrDirLocked) || !strings.HasPrefix(err.Error(), want) ||
		!strings.Contains(err.Error(), "only one advisorbot process may use a data dir") {
		t.Errorf("second open: err = %q, want ErrDirLocked starting %q", err, want)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b3 := openBadger(t, badgerstore.Options{Create: true, Dir: dir})
	if _, err := b3.FirstSeen(t.Context(), "Ev1", time.Hour); err != nil {
		t.Errorf("open after the first closed: %v", err)
	}
}

// TestBadgerGCAndClose runs the value-log GC goroutine often and checks
// that Close stops it and can be called again.
func TestBadgerGCAndClose(t *testing.T) {
	ctx := t.Context()
	b, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: t.TempDir(), GCInterval: time.Millisecond})
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
	b, err := badgerstore.Open(lg, badgerstore.Options{Create: true, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SaveAssessment(t.Context(), storetest.SampleAssessment("r1", "U1", "", advisor.RAG, 1, time.Now())); err != nil {
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
	if _, err := badgerstore.Open(nil, badgerstore.Options{RetentionDays: -1}); err == nil {
		t.Error("negative retention accepted")
	}
	b := openBadger(t, badgerstore.Options{Create: true, Dir: t.TempDir(), GCInterval: -1})
	if lsm, vlog := b.Size(); lsm < 0 || vlog < 0 {
		t.Errorf("Size = %d, %d", lsm, vlog)
	}
}

// TestBadgerReserve: below the free-space reserve every write fails with
// ErrNoSpace and changes nothing, reads go on, and writes resume when
// space returns. A server may open below the reserve (the database opens
// once there is room); a command may not.
func TestBadgerReserve(t *testing.T) {
	ctx := t.Context()
	var free atomic.Uint64
	free.Store(1 << 30)
	stat := func(string) (uint64, uint64, error) { return free.Load(), 100 << 30, nil }
	dir := t.TempDir()
	o := badgerstore.Options{Create: true, Dir: dir, MinFree: badgerstore.MinFree{Bytes: 64 << 20}, FreeSpace: stat, GCInterval: -1}
	b, err := badgerstore.Open(nil, o)
	if err != nil {
		t.Fatal(err)
	}
	key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "D1"}
	if err := b.SaveConversation(ctx, storetest.SampleConversation(key, "U1", 2)); err != nil {
		t.Fatal(err)
	}
	free.Store(10 << 20)
	for name, write := range map[string]func() error{
		"save":       func() error { return b.SaveConversation(ctx, storetest.SampleConversation(key, "U1", 4)) },
		"first seen": func() error { _, err := b.FirstSeen(ctx, "e1", time.Hour); return err },
		"forget":     func() error { return b.ForgetUser(ctx, "U1") },
		"writable":   func() error { return b.Writable(ctx) },
	} {
		if err := write(); !errors.Is(err, store.ErrNoSpace) || !strings.Contains(err.Error(), "10 MiB free") {
			t.Errorf("%s with 10 MiB free: %v, want ErrNoSpace saying how much is free", name, err)
		}
	}
	if c, err := b.GetConversation(ctx, key); err != nil || len(c.Turns) != 2 {
		t.Errorf("read with a full disk: %d turns, %v", len(c.Turns), err)
	}
	free.Store(1 << 30)
	if err := b.SaveConversation(ctx, storetest.SampleConversation(key, "U1", 4)); err != nil {
		t.Errorf("save after space returned: %v", err)
	}
	b.Close()

	free.Store(1 << 20)
	if _, err := badgerstore.Open(nil, o); !errors.Is(err, store.ErrNoSpace) {
		t.Errorf("a command's open on a full disk: %v, want ErrNoSpace", err)
	}
	o.WaitForSpace = true
	b, err = badgerstore.Open(nil, o)
	if err != nil {
		t.Fatalf("a server's open on a full disk: %v", err)
	}
	defer b.Close()
	if _, err := b.GetConversation(ctx, key); !errors.Is(err, store.ErrNoSpace) {
		t.Errorf("read before the deferred open: %v, want ErrNoSpace", err)
	}
	free.Store(1 << 30)
	if c, err := b.GetConversation(ctx, key); err != nil || len(c.Turns) != 4 {
		t.Errorf("read once space returned: %d turns, %v", len(c.Turns), err)
	}
}

func TestParseMinFree(t *testing.T) {
	for in, want := range map[string]badgerstore.MinFree{
		"64MiB": {Bytes: 64 << 20}, "64 mib": {Bytes: 64 << 20}, "1GB": {Bytes: 1e9}, "512m": {Bytes: 512 << 20},
		"2%": {Percent: 2}, "0": {}, "4096": {Bytes: 4096}, "1.5GiB": {Bytes: 3 << 29},
	} {
		if got, err := badgerstore.ParseMinFree(in); err != nil || got != want {
			t.Errorf("ParseMinFree(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "lots", "-1MiB", "60%", "1e30GB", "NaN"} {
		if _, err := badgerstore.ParseMinFree(bad); err == nil {
			t.Errorf("ParseMinFree(%q) accepted", bad)
		}
	}
}
