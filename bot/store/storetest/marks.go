package storetest

import (
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

func firstSeen(t *testing.T, s store.Store, id string, ttl time.Duration, want bool) {
	t.Helper()
	got, err := s.FirstSeen(t.Context(), id, ttl)
	must(t, "first seen", err)
	if got != want {
		t.Errorf("FirstSeen(%q) = %v, want %v", id, got, want)
	}
}

func cacheGet(t *testing.T, s store.Store, key, want string, wantOK bool) {
	t.Helper()
	got, ok, err := s.CacheGet(t.Context(), key)
	must(t, "cache get", err)
	if got != want || ok != wantOK {
		t.Errorf("CacheGet(%q) = %q, %v; want %q, %v", key, got, ok, want, wantOK)
	}
}

func testFirstSeen(t *testing.T, s store.Store) {
	firstSeen(t, s, "Ev1", time.Hour, true)
	firstSeen(t, s, "Ev1", time.Hour, false)
	firstSeen(t, s, "Ev2", time.Hour, true)
	firstSeen(t, s, "Ev1", time.Hour, false)
	firstSeen(t, s, "Ev2", time.Hour, false)
	firstSeen(t, s, "Ev1/x", time.Hour, true)
}

func testCache(t *testing.T, s store.Store) {
	ctx := t.Context()
	cacheGet(t, s, "k1", "", false)
	must(t, "put", s.CachePut(ctx, "k1", "first", time.Hour))
	cacheGet(t, s, "k1", "first", true)
	must(t, "put again", s.CachePut(ctx, "k1", "second", time.Hour))
	cacheGet(t, s, "k1", "second", true)
	must(t, "put empty", s.CachePut(ctx, "k1/x", "", time.Hour))
	cacheGet(t, s, "k1/x", "", true)
	cacheGet(t, s, "k1", "second", true)
	// A ttl of zero or less stores nothing that can be read back.
	must(t, "put with no ttl", s.CachePut(ctx, "k1", "third", 0))
	cacheGet(t, s, "k1", "", false)
}

// testExpiry waits for one-second entries to expire. Badger counts expiry
// in whole seconds, so a one-second entry lives one to two seconds; the
// wait leaves a margin above that.
func testExpiry(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, "put", s.CachePut(ctx, "short", "x", time.Second))
	must(t, "put", s.CachePut(ctx, "long", "y", time.Hour))
	firstSeen(t, s, "EvShort", time.Second, true)
	firstSeen(t, s, "EvLong", time.Hour, true)
	cacheGet(t, s, "short", "x", true)
	firstSeen(t, s, "EvShort", time.Second, false)

	time.Sleep(2500 * time.Millisecond)
	cacheGet(t, s, "short", "", false)
	cacheGet(t, s, "long", "y", true)
	firstSeen(t, s, "EvShort", time.Second, true)
	firstSeen(t, s, "EvLong", time.Hour, false)
}

func testSummaryMarks(t *testing.T, s store.Store) {
	ctx := t.Context()
	marked := func(week string, want bool) {
		t.Helper()
		got, err := s.SummaryMarked(ctx, week)
		must(t, "summary marked", err)
		if got != want {
			t.Errorf("SummaryMarked(%q) = %v, want %v", week, got, want)
		}
	}
	mark := func(week string, want bool) {
		t.Helper()
		got, err := s.MarkSummary(ctx, week)
		must(t, "mark summary", err)
		if got != want {
			t.Errorf("MarkSummary(%q) = %v, want %v", week, got, want)
		}
	}
	marked("2026-W48", false)
	mark("2026-W48", true)
	marked("2026-W48", true)
	mark("2026-W48", false)
	mark("2026-W48", false)
	marked("2026-W49", false)
	mark("2026-W49", true)
	marked("2026-W48", true)
}
