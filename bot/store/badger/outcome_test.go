package badgerstore_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

var outcomeMonday = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// TestBadgerFollowupsSurviveRestart: a claimed follow-up stays claimed
// after the process restarts, so it never goes out twice; a released one
// is free again after a restart; outcomes and opt-outs are kept.
func TestBadgerFollowupsSurviveRestart(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	open := func() *badgerstore.Store {
		b, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	claim := func(b *badgerstore.Store, id string, n int, want bool) {
		t.Helper()
		if ok, err := b.ClaimFollowup(ctx, id, n); err != nil || ok != want {
			t.Errorf("ClaimFollowup(%s, %d) = %v, %v; want %v", id, n, ok, err, want)
		}
	}
	b := open()
	r := storetest.SampleAssessment("r1", "U1", "Finance", advisor.RAG, 100, outcomeMonday)
	o := storetest.SampleOutcome(r, store.OutcomeBuilt, outcomeMonday.Add(30*24*time.Hour))
	if err := b.SaveOutcome(ctx, o); err != nil {
		t.Fatal(err)
	}
	if err := b.SetFollowupOptOut(ctx, "U2", true); err != nil {
		t.Fatal(err)
	}
	claim(b, "r1", 1, true)
	claim(b, "r2", 1, true)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	b = open()
	claim(b, "r1", 1, false)
	claim(b, "r1", 2, true)
	if err := b.ReleaseFollowup(ctx, "r2", 1); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	b = openBadger(t, badgerstore.Options{Create: true, Dir: dir})
	claim(b, "r1", 1, false)
	claim(b, "r1", 2, false)
	claim(b, "r2", 1, true)
	got, err := b.GetOutcome(ctx, "r1")
	if err != nil || !cmp.Equal(got, o) {
		t.Errorf("outcome after two restarts: %v\n%s", err, cmp.Diff(o, got))
	}
	if out, err := b.FollowupOptOut(ctx, "U2"); err != nil || !out {
		t.Errorf("opt-out after two restarts: %v, %v", out, err)
	}
}

// refsOf lists b's assessment refs in [since, until).
func refsOf(t *testing.T, b *badgerstore.Store, since, until time.Time) []store.AssessmentRef {
	t.Helper()
	var out []store.AssessmentRef
	if err := b.EachAssessmentRef(t.Context(), since, until, func(r store.AssessmentRef) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// schemaOf is the version meta/schema records.
func schemaOf(t *testing.T, b *badgerstore.Store) int {
	t.Helper()
	var meta struct{ V int }
	if err := badgerstore.Scan(b, func(k, v []byte, _ uint64) {
		if string(k) == "meta/schema" {
			if err := json.Unmarshal(v, &meta); err != nil {
				t.Error(err)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	return meta.V
}

// TestBadgerSchema1Store: a store written before outcomes existed (schema
// 1: every value "v":1, empty time index values) opens read-only as it is,
// lists its assessments' refs from their records, and is marked schema 2
// by the first writable open, after which new assessments carry their ref
// in the index and old and new list together in time order.
func TestBadgerSchema1Store(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	b, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var recs []store.Assessment
	var old []store.AssessmentRef
	for i := range 12 {
		user := []string{"U123", "U456"}[i%2]
		r := storetest.SampleAssessment(fmt.Sprint(user, "-r", i), user, "Finance", advisor.RAG, 100, outcomeMonday.Add(time.Duration(i)*time.Hour))
		if err := b.SaveAssessment(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := b.SaveFeedback(ctx, store.Feedback{RecID: r.ID, User: user, Chosen: advisor.RAG}); err != nil {
			t.Fatal(err)
		}
		recs, old = append(recs, r), append(old, store.RefOf(r))
	}
	// Rewrite it as schema 1 wrote it: "v":1, and nothing in the time
	// index's values.
	var keys, vals [][]byte
	err = badgerstore.Scan(b, func(k, v []byte, _ uint64) {
		switch {
		case bytes.HasPrefix(k, []byte("rt/")):
			v = []byte{}
		case bytes.HasPrefix(v, []byte(fmt.Sprintf(`{"v":%d`, badgerstore.SchemaVersion))):
			v = append([]byte(`{"v":1`), v[len(fmt.Sprintf(`{"v":%d`, badgerstore.SchemaVersion)):]...)
		}
		keys, vals = append(keys, k), append(vals, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if err := badgerstore.PutRaw(b, k, vals[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	ro := openBadger(t, badgerstore.Options{Dir: dir, ReadOnly: true})
	if v := schemaOf(t, ro); v != 1 {
		t.Fatalf("the rewritten store is schema %d, want 1", v)
	}
	if d := cmp.Diff(old, refsOf(t, ro, time.Time{}, time.Time{})); d != "" {
		t.Errorf("refs of a schema-1 store, read-only (-want +got):\n%s", d)
	}
	if n := len(refsOf(t, ro, recs[2].CreatedAt, recs[5].CreatedAt)); n != 3 {
		t.Errorf("a window over a schema-1 store lists %d refs, want 3", n)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	ro = openBadger(t, badgerstore.Options{Dir: dir, ReadOnly: true})
	if v := schemaOf(t, ro); v != 1 {
		t.Errorf("a read-only open changed the schema to %d", v)
	}
	// Its backup restores into this version's store, marked as such.
	var backup bytes.Buffer
	if err := ro.Backup(&backup); err != nil {
		t.Fatal(err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	restored := openBadger(t, badgerstore.Options{Create: true, Dir: t.TempDir()})
	if err := restored.Restore(&backup); err != nil {
		t.Fatal(err)
	}
	if v := schemaOf(t, restored); v != badgerstore.SchemaVersion {
		t.Errorf("a restored schema-1 backup is schema %d, want %d", v, badgerstore.SchemaVersion)
	}
	if d := cmp.Diff(old, refsOf(t, restored, time.Time{}, time.Time{})); d != "" {
		t.Errorf("refs of a restored schema-1 backup (-want +got):\n%s", d)
	}

	rw := openBadger(t, badgerstore.Options{Create: true, Dir: dir})
	if v := schemaOf(t, rw); v != badgerstore.SchemaVersion {
		t.Errorf("after a writable open the store is schema %d, want %d", v, badgerstore.SchemaVersion)
	}
	got, err := rw.GetAssessment(ctx, recs[0].ID)
	if err != nil || got.User != recs[0].User {
		t.Errorf("a schema-1 record: %+v, %v", got.ID, err)
	}
	// Between the old ones in time, and in the index with its ref.
	fresh := storetest.SampleAssessment("fresh", "U9", "Legal", advisor.PromptEngineering, 10, recs[0].CreatedAt.Add(time.Minute))
	fresh.TZ = "Asia/Tokyo"
	if err := rw.SaveAssessment(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	want := append([]store.AssessmentRef{old[0], store.RefOf(fresh)}, old[1:]...)
	if d := cmp.Diff(want, refsOf(t, rw, time.Time{}, time.Time{})); d != "" {
		t.Errorf("refs of old and new assessments (-want +got):\n%s", d)
	}
	filled := 0
	if err := badgerstore.Scan(rw, func(k, v []byte, _ uint64) {
		if bytes.HasPrefix(k, []byte("rt/")) && len(v) > 0 {
			filled++
			if !bytes.Contains(v, []byte("fresh")) || !bytes.Contains(v, []byte("Asia/Tokyo")) {
				t.Errorf("%s = %q, want fresh's ref", k, v)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if filled != 1 {
		t.Errorf("%d time index entries hold a ref, want the new one's", filled)
	}
	// Forgetting works across both schemas.
	if err := rw.ForgetUser(ctx, "U123"); err != nil {
		t.Fatal(err)
	}
	for _, r := range refsOf(t, rw, time.Time{}, time.Time{}) {
		if r.User == "U123" {
			t.Errorf("a forgotten user's assessment is still listed: %s", r.ID)
		}
	}
}

// TestBadgerListingsInChunks lists more assessments and outcomes than one
// read transaction takes, through windows that start and end inside
// chunks, with fn using the store between them.
func TestBadgerListingsInChunks(t *testing.T) {
	ctx := t.Context()
	b := openBadger(t, badgerstore.Options{Create: true, Dir: t.TempDir()})
	const n = 10_000
	recs := make([]store.Assessment, n)
	outs := make([]store.Outcome, 0, n)
	for i := range n {
		recs[i] = storetest.SampleAssessment(fmt.Sprintf("r%05d", i), fmt.Sprint("U", i%7), "Finance", advisor.RAG, 100, outcomeMonday.Add(time.Duration(i)*time.Minute))
		if i%10 != 3 {
			outs = append(outs, storetest.SampleOutcome(recs[i], store.OutcomeBuilt, recs[i].CreatedAt.Add(30*24*time.Hour)))
		}
	}
	if err := b.Import(ctx, recs); err != nil {
		t.Fatal(err)
	}
	if err := b.ImportOutcomes(ctx, outs); err != nil {
		t.Fatal(err)
	}
	from, to := 123, 9_876
	i := from
	err := b.EachAssessmentRef(ctx, recs[from].CreatedAt, recs[to].CreatedAt, func(r store.AssessmentRef) error {
		if want := store.RefOf(recs[i]); !cmp.Equal(r, want) {
			return fmt.Errorf("ref %d: %s, want %s", i, r.ID, want.ID)
		}
		i++
		if _, err := b.GetAssessment(ctx, r.ID); err != nil { // the store is usable from fn
			return err
		}
		return nil
	})
	if err != nil || i != to {
		t.Errorf("listed refs %d to %d, %v; want %d to %d", from, i, err, from, to)
	}
	var got []string
	err = b.EachOutcome(ctx, outs[100].At, time.Time{}, func(o store.Outcome) error {
		got = append(got, o.RecID)
		return nil
	})
	if err != nil || len(got) != len(outs)-100 || got[0] != outs[100].RecID || got[len(got)-1] != outs[len(outs)-1].RecID {
		t.Errorf("EachOutcome listed %d (%v), want %d from %s", len(got), err, len(outs)-100, outs[100].RecID)
	}
	// Bulk-imported outcomes are what SaveOutcome would have stored.
	one, err := b.GetOutcome(ctx, outs[42].RecID)
	if err != nil || !cmp.Equal(one, outs[42]) {
		t.Errorf("imported outcome: %v\n%s", err, cmp.Diff(outs[42], one))
	}
	if err := b.SaveOutcome(ctx, storetest.SampleOutcome(recs[0], store.OutcomeDropped, outcomeMonday.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	count := 0
	if err := b.EachOutcome(ctx, time.Time{}, time.Time{}, func(store.Outcome) error { count++; return nil }); err != nil || count != len(outs) {
		t.Errorf("after re-reporting an imported outcome, %d are listed (%v), want %d", count, err, len(outs))
	}
}
