package badgerstore_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

func TestBadgerBackupRestore(t *testing.T) {
	ctx := t.Context()
	src := openBadger(t, badgerstore.Options{})
	keys := storetest.Population(t, src)
	if _, err := src.MarkSummary(ctx, "2026-W48"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := src.Backup(&buf); err != nil {
		t.Fatal(err)
	}

	dst := openBadger(t, badgerstore.Options{Create: true, Dir: t.TempDir()})
	if err := dst.Restore(bytes.NewReader(buf.Bytes())); err != nil {
		t.Fatal(err)
	}
	for _, k := range keys["U456"] {
		want, _ := src.GetConversation(ctx, k)
		got, err := dst.GetConversation(ctx, k)
		if err != nil || !got.UpdatedAt.Equal(want.UpdatedAt) || got.User != "U456" {
			t.Errorf("restored %s: %+v, %v", k, got, err)
		}
	}
	for _, user := range []string{"U123", "U456", ""} {
		want, _ := src.Assessments(ctx, user, time.Time{}, 0)
		got, err := dst.Assessments(ctx, user, time.Time{}, 0)
		if err != nil || len(got) != len(want) || len(got) == 0 {
			t.Errorf("restored recommendations of %q: %d, %v; want %d", user, len(got), err, len(want))
		}
	}
	ws, _ := src.Week(ctx, "2026-W48")
	wd, err := dst.Week(ctx, "2026-W48")
	if err != nil || wd.Assessments != ws.Assessments || wd.Helpful != ws.Helpful {
		t.Errorf("restored week = %+v, %v; want %+v", wd, err, ws)
	}
	if ok, err := dst.MarkSummary(ctx, "2026-W48"); err != nil || ok {
		t.Errorf("restored summary marker missing: %v, %v", ok, err)
	}
	// Outcomes, follow-up claims and opt-outs come along.
	outcomes := func(s *badgerstore.Store) (out []store.Outcome) {
		t.Helper()
		if err := s.EachOutcome(ctx, time.Time{}, time.Time{}, func(o store.Outcome) error { out = append(out, o); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if want, got := outcomes(src), outcomes(dst); len(want) != 6 || !cmp.Equal(want, got) {
		t.Errorf("restored outcomes differ (%d, want 6):\n%s", len(got), cmp.Diff(want, got))
	}
	if o, err := dst.GetOutcome(ctx, "U456-r1"); err != nil || o.Status != store.OutcomeDropped {
		t.Errorf("restored outcome of U456-r1: %+v, %v", o, err)
	}
	if ok, err := dst.ClaimFollowup(ctx, "U456-r0", 1); err != nil || ok {
		t.Errorf("restored follow-up claim missing: %v, %v", ok, err)
	}
	if out, err := dst.FollowupOptOut(ctx, "U456"); err != nil || !out {
		t.Errorf("restored opt-out missing: %v, %v", out, err)
	}
	// The restored store keeps working, including ForgetUser.
	if err := dst.ForgetUser(ctx, "U123"); err != nil {
		t.Fatal(err)
	}
	if got, _ := dst.Assessments(ctx, "U123", time.Time{}, 0); len(got) != 0 {
		t.Errorf("after forget on a restored store: %d recommendations", len(got))
	}

	err = dst.Restore(bytes.NewReader(buf.Bytes()))
	if !errors.Is(err, badgerstore.ErrNotEmpty) || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("restore into a store with records: err = %v, want ErrNotEmpty", err)
	}
}
