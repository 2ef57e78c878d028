package badgerstore_test

import (
	"bytes"
	"log/slog"
	"regexp"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

// openBadger opens a store in dir ("" for memory) closed at the test's end.
func openBadger(t testing.TB, o badgerstore.Options) *badgerstore.Store {
	t.Helper()
	b, err := badgerstore.Open(slog.New(slog.DiscardHandler), o)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return b
}

func TestBadgerConformance(t *testing.T) {
	t.Parallel() // the suite's expiry test waits
	t.Run("Memory", func(t *testing.T) {
		t.Parallel()
		storetest.Run(t, func(t *testing.T, now func() time.Time) store.Store {
			return openBadger(t, badgerstore.Options{Now: now})
		})
	})
	t.Run("Disk", func(t *testing.T) {
		t.Parallel()
		storetest.Run(t, func(t *testing.T, now func() time.Time) store.Store {
			return openBadger(t, badgerstore.Options{Create: true, Dir: t.TempDir(), Now: now})
		})
	})
}

func TestBadgerReopenKeepsEverything(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	b, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	keys := storetest.Population(t, b)
	convs := map[store.ConvKey]store.Conversation{}
	for _, ks := range keys {
		for _, k := range ks {
			c, err := b.GetConversation(ctx, k)
			if err != nil {
				t.Fatal(err)
			}
			convs[k] = c
		}
	}
	recs, err := b.Assessments(ctx, "", time.Time{}, 0)
	if err != nil || len(recs) != 12 {
		t.Fatalf("recommendations: %d, %v", len(recs), err)
	}
	wk := store.ISOWeek(recs[0].CreatedAt)
	stats, err := b.Week(ctx, wk)
	if err != nil {
		t.Fatal(err)
	}
	mustTrue(t, "mark", func() (bool, error) { return b.MarkSummary(ctx, wk) })
	mustTrue(t, "first seen", func() (bool, error) { return b.FirstSeen(ctx, "Ev1", time.Hour) })
	if err := b.CachePut(ctx, "why:rag", "Because the documents change weekly.", time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	b = openBadger(t, badgerstore.Options{Create: true, Dir: dir})
	for k, want := range convs {
		got, err := b.GetConversation(ctx, k)
		if err != nil {
			t.Fatalf("after reopen, %s: %v", k, err)
		}
		if !got.UpdatedAt.Equal(want.UpdatedAt) || len(got.Turns) != len(want.Turns) || got.Phase != want.Phase {
			t.Errorf("after reopen, %s = %+v, want %+v", k, got, want)
		}
	}
	open, err := b.OpenConversations(ctx, "slack", "U456")
	if err != nil || len(open) != 1 {
		t.Errorf("after reopen, open conversations: %d, %v; want 1", len(open), err)
	}
	again, err := b.Assessments(ctx, "", time.Time{}, 0)
	if err != nil || len(again) != len(recs) {
		t.Errorf("after reopen, %d recommendations, %v; want %d", len(again), err, len(recs))
	}
	got, err := b.Week(ctx, wk)
	if err != nil || got.Assessments != stats.Assessments || got.Helpful != stats.Helpful || got.NetMonthly != stats.NetMonthly {
		t.Errorf("after reopen, week = %+v, %v; want %+v", got, err, stats)
	}
	mustTrue(t, "summary marked", func() (bool, error) { return b.SummaryMarked(ctx, wk) })
	if first, err := b.FirstSeen(ctx, "Ev1", time.Hour); err != nil || first {
		t.Errorf("after reopen, FirstSeen(Ev1) = %v, %v; want false", first, err)
	}
	if v, ok, err := b.CacheGet(ctx, "why:rag"); err != nil || !ok || v == "" {
		t.Errorf("after reopen, cache = %q, %v, %v", v, ok, err)
	}
}

func mustTrue(t *testing.T, what string, f func() (bool, error)) {
	t.Helper()
	if ok, err := f(); err != nil || !ok {
		t.Errorf("%s = %v, %v; want true", what, ok, err)
	}
}

// TestBadgerForgetLeavesNoTrace is the forget test of the issue: after
// ForgetUser no key or value anywhere in the database holds the user's id.
func TestBadgerForgetLeavesNoTrace(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	b, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Population(t, b)
	// Records whose index entries are missing (say, written by a buggy
	// earlier version) are found by ForgetUser's sweep.
	for k, v := range map[string]string{
		"c/slack/T9/orphan/": `{"v":1,"key":{"platform":"slack","team":"T9","channel":"orphan"},"user":"U123","phase":"asking"}`,
		"r/orphan":           `{"v":1,"id":"orphan","user":"U123","created_at":"2026-11-23T09:00:00Z"}`,
		"f/orphan/U123/x":    `{"v":1,"rec_id":"orphan","user":"U123","at":"2026-11-23T09:00:00Z"}`,
		"ot/x/orphan":        string(badgerstore.EncodeOutcome(store.Outcome{RecID: "orphan", User: "U123", Status: store.OutcomeDropped, Reason: "U123 left"})),
		"o/lost":             `{"v":2,"at":"2026-12-23T09:00:00Z","user":"U123"}`,
	} {
		if err := badgerstore.PutRaw(b, []byte(k), []byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	// U1234's id contains U123's; only a whole id counts.
	u123 := regexp.MustCompile(`U123([^0-9]|$)`)
	// count counts the entries holding U123 (logging them when show is
	// set), and those holding U456 but not U123 (U123's feedback on U456's
	// recommendation holds both).
	count := func(b *badgerstore.Store, show bool) (u123s, u456s int) {
		t.Helper()
		err := badgerstore.Scan(b, func(k, v []byte, _ uint64) {
			switch {
			case u123.Match(k) || u123.Match(v):
				u123s++
				if show {
					t.Errorf("still holds U123: %s = %.80s", k, v)
				}
			case bytes.Contains(k, []byte("U456")) || bytes.Contains(v, []byte("U456")):
				u456s++
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		return u123s, u456s
	}
	held, others := count(b, false)
	if held == 0 || others == 0 {
		t.Fatalf("the population holds U123 in %d entries, U456 in %d", held, others)
	}
	t.Logf("before ForgetUser: %d entries hold U123, %d U456", held, others)

	if err := b.ForgetUser(ctx, "U123"); err != nil {
		t.Fatal(err)
	}
	// The other user's records all remain; the week's top list may now
	// name more of them (the forgotten user's entries made room).
	if n, m := count(b, true); n != 0 || m < others {
		t.Errorf("after ForgetUser: %d entries hold U123 (want 0), %d hold U456 (want at least %d)", n, m, others)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	b = openBadger(t, badgerstore.Options{Create: true, Dir: dir})
	if n, _ := count(b, true); n != 0 {
		t.Errorf("after reopen: %d entries hold U123", n)
	}
}

// TestBadgerRetention checks each key family's expiry: user records live
// RetentionDays from their write, aggregates and markers forever.
func TestBadgerRetention(t *testing.T) {
	ctx := t.Context()
	b := openBadger(t, badgerstore.Options{RetentionDays: 30})
	storetest.Population(t, b)
	if _, err := b.FirstSeen(ctx, "Ev1", time.Hour); err != nil {
		t.Fatal(err)
	}
	if err := b.CachePut(ctx, "k", "v", 10*time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := b.MarkSummary(ctx, "2026-W48"); err != nil {
		t.Fatal(err)
	}
	now := time.Now().Unix()
	want := map[string]int64{ // key prefix -> expected TTL in seconds (-1: never)
		"c/": 30 * 86400, "cu/": 30 * 86400, "r/": 30 * 86400, "ru/": 30 * 86400, "rt/": 30 * 86400,
		"f/": 30 * 86400, "fu/": 30 * 86400, "e/": 3600, "k/": 600, "w/": -1, "s/": -1, "meta/": -1,
		// Outcomes expire like assessments; an opt-out outlasts them all.
		"ot/": 30 * 86400, "o/": 30 * 86400, "ou/": 30 * 86400, "fo/": 30 * 86400, "fx/": -1,
	}
	seen := map[string]int{}
	err := badgerstore.Scan(b, func(k, _ []byte, exp uint64) {
		prefix := string(k[:bytes.IndexByte(k, '/')+1])
		ttl, ok := want[prefix]
		if !ok {
			t.Errorf("unexpected key %q", k)
			return
		}
		seen[prefix]++
		switch {
		case ttl < 0 && exp != 0:
			t.Errorf("%s expires at %d, want never", k, exp)
		case ttl >= 0 && (int64(exp) < now+ttl || int64(exp) > now+ttl+5):
			t.Errorf("%s expires in %ds, want %ds", k, int64(exp)-now, ttl)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := range want {
		if seen[p] == 0 {
			t.Errorf("no %s keys written", p)
		}
	}
}
