package badgerstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

// The damage corpus: every kind of file Badger keeps, cut at ten points,
// with a byte flipped at three, and missing. Every case must end one of
// two ways, read-only or not: refused with a DamagedError (or, for a
// reader, ErrNotClosedCleanly) and every file byte-identical, or opened
// with every record intact. A panic anywhere, in this goroutine or one of
// Badger's, fails the test by crashing it.

// damageFixture writes records small and large (one over the value
// threshold, so the value log holds an entry) into dir.
func damageFixture(t *testing.T, b *Store) {
	t.Helper()
	ctx := context.Background()
	for i := range 300 {
		c := store.Conversation{Key: store.ConvKey{Platform: "slack", Team: "T1", Channel: fmt.Sprint("C", i)}, User: fmt.Sprint("U", i%7),
			Phase: store.PhaseAsking, Turns: []store.Turn{{At: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), From: "user", Text: strings.Repeat("words ", 300)}}}
		if err := b.SaveConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	big := store.Conversation{Key: store.ConvKey{Platform: "slack", Team: "T1", Channel: "BIG"}, User: "U1", Phase: store.PhaseAsking,
		Turns: []store.Turn{{From: "user", Text: strings.Repeat("a long message ", 20_000)}}}
	if err := b.SaveConversation(ctx, big); err != nil {
		t.Fatal(err)
	}
}

// dump is every live key and value.
func dump(t *testing.T, b *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err := b.scan(func(k, v []byte, _ uint64) { out[string(k)] = string(v) }); err != nil {
		t.Fatal(err)
	}
	return out
}

// copyDir copies the Badger files of src into dst, keeping a file's zero
// tail sparse (a crashed store's logs are preallocated to 16 and 128 MiB).
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(dst, 0o700); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "LOCK" || !e.Type().IsRegular() {
			continue
		}
		if err := copySparse(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}

// copySparse copies a file, leaving its zero blocks as holes.
func copySparse(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer out.Close()
	buf, zero := make([]byte, 1<<20), make([]byte, 1<<20)
	var off int64
	for {
		n, err := in.Read(buf)
		if n > 0 && !bytes.Equal(buf[:n], zero[:n]) {
			if _, err := out.WriteAt(buf[:n], off); err != nil {
				return err
			}
		}
		off += int64(n)
		if err == io.EOF {
			return out.Truncate(off)
		}
		if err != nil {
			return err
		}
	}
}

// extent is the length of data without its zero tail.
func extent(data []byte) int {
	return len(bytes.TrimRight(data, "\x00"))
}

// fingerprint is every file's name and hash, to tell that nothing changed.
func fingerprint(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "LOCK" {
			continue // Badger's lock file, created by a reader too
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		h := crc32.New(crc32.MakeTable(crc32.Castagnoli))
		n, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = fmt.Sprintf("%d bytes, crc %x", n, h.Sum32())
	}
	return out
}

type damage struct {
	name string
	file string
	do   func(path string) error
}

// damagesOf lists the corpus's damages to the named file of dir.
func damagesOf(t *testing.T, dir, file string) []damage {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	end := int64(extent(data))
	var out []damage
	for k := range 10 {
		at := end * int64(k) / 10
		out = append(out, damage{fmt.Sprintf("cut at %d of %d", at, end), file, func(p string) error { return os.Truncate(p, at) }})
	}
	for _, frac := range []int64{5, 50, 95} {
		at := end * frac / 100
		out = append(out, damage{fmt.Sprintf("byte %d flipped", at), file, func(p string) error {
			f, err := os.OpenFile(p, os.O_RDWR, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			var b [1]byte
			if _, err := f.ReadAt(b[:], at); err != nil {
				return err
			}
			b[0] ^= 0xA5
			_, err = f.WriteAt(b[:], at)
			return err
		}})
	}
	return append(out, damage{"missing", file, os.Remove})
}

func TestDamagedStores(t *testing.T) {
	if testing.Short() {
		t.Skip("the damage corpus opens a few hundred stores")
	}
	base := t.TempDir()

	// A store closed cleanly: tables, a value log with an entry, the
	// MANIFEST, the key registry and the discard stats.
	closed := filepath.Join(base, "closed")
	b, err := Open(nil, Options{Dir: closed, Create: true, GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	damageFixture(t, b)
	want := dump(t, b)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}

	// A store whose process was killed: its writes are only in the
	// memtable log. The copy is taken while the store is open, as a crash
	// would leave it (every write was synced).
	crashed := filepath.Join(base, "crashed")
	live, err := Open(nil, Options{Dir: filepath.Join(base, "live"), Create: true, GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	damageFixture(t, live)
	wantCrashed := dump(t, live)
	copyDir(t, filepath.Join(base, "live"), crashed)
	live.Close()

	var cases []struct {
		template string
		want     map[string]string
		damage
	}
	add := func(template string, want map[string]string, files ...string) {
		for _, f := range files {
			for _, d := range damagesOf(t, template, f) {
				cases = append(cases, struct {
					template string
					want     map[string]string
					damage
				}{template, want, d})
			}
		}
	}
	kinds := map[string]bool{}
	for _, dir := range []string{closed, crashed} {
		entries, _ := os.ReadDir(dir)
		var files []string
		for _, e := range entries {
			n := e.Name()
			kind := filepath.Ext(n)
			if kind == "" {
				kind = n
			}
			if n == "LOCK" || kinds[kind] {
				continue
			}
			kinds[kind] = true
			files = append(files, n)
		}
		if dir == closed {
			add(dir, want, files...)
		} else {
			add(dir, wantCrashed, files...)
		}
	}
	for _, k := range []string{".sst", ".vlog", ".mem", "MANIFEST", "KEYREGISTRY", "DISCARD"} {
		if !kinds[k] {
			t.Fatalf("the fixtures have no %s file to damage (have %v)", k, slices.Sorted(maps.Keys(kinds)))
		}
	}

	outcomes := map[string]int{}
	for i, c := range cases {
		for _, ro := range []bool{true, false} {
			dir := filepath.Join(base, fmt.Sprint("case", i, ro))
			copyDir(t, c.template, dir)
			if err := c.do(filepath.Join(dir, c.file)); err != nil {
				t.Fatal(err)
			}
			before := fingerprint(t, dir)
			name := fmt.Sprintf("%s of %s, %s, read-only %v", c.file, filepath.Base(c.template), c.name, ro)
			b, err := Open(nil, Options{Dir: dir, ReadOnly: ro, GCInterval: -1})
			var de *DamagedError
			switch {
			case err == nil:
				got := dump(t, b)
				b.Close()
				if !maps.Equal(got, c.want) {
					t.Errorf("%s: opened with %d records, want the %d written (or a refusal)", name, len(got), len(c.want))
				}
				outcomes["opened intact"]++
				continue
			case errors.As(err, &de):
				if !strings.Contains(err.Error(), dir) {
					t.Errorf("%s: %v does not name the directory", name, err)
				}
				outcomes["refused as damaged"]++
			case ro && errors.Is(err, ErrNotClosedCleanly):
				outcomes["refused: not closed cleanly"]++
			default:
				t.Errorf("%s: %v; want a DamagedError or an intact store", name, err)
				continue
			}
			if after := fingerprint(t, dir); !maps.Equal(before, after) {
				t.Errorf("%s: refused, but the files changed:\nbefore %v\nafter  %v", name, before, after)
			}
			os.RemoveAll(dir)
		}
	}
	t.Logf("%d damaged stores opened twice each: %v", len(cases), outcomes)
}

// TestNoDataIsNotANewStore: without Create a missing or empty directory
// is refused and nothing is created; a directory with data files but no
// MANIFEST is damaged, whatever was asked.
func TestNoDataIsNotANewStore(t *testing.T) {
	base := t.TempDir()
	missing := filepath.Join(base, "typo")
	for _, ro := range []bool{false, true} {
		if _, err := Open(nil, Options{Dir: missing, ReadOnly: ro}); !errors.Is(err, ErrNoData) {
			t.Errorf("missing directory, read-only %v: %v, want ErrNoData", ro, err)
		}
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the missing directory was created: %v", err)
	}
	empty := filepath.Join(base, "empty")
	os.Mkdir(empty, 0o700)
	if _, err := Open(nil, Options{Dir: empty}); !errors.Is(err, ErrNoData) {
		t.Errorf("empty directory: %v, want ErrNoData", err)
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("files created in the empty directory: %v", entries)
	}

	dir := filepath.Join(base, "data")
	b, err := Open(nil, Options{Dir: dir, Create: true})
	if err != nil {
		t.Fatal(err)
	}
	damageFixture(t, b)
	b.Close()
	os.Remove(filepath.Join(dir, "MANIFEST"))
	before := fingerprint(t, dir)
	for _, o := range []Options{{Dir: dir}, {Dir: dir, ReadOnly: true}, {Dir: dir, Create: true}} {
		_, err := Open(nil, o)
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "MANIFEST is missing") {
			t.Errorf("%+v: %v, want damaged: MANIFEST is missing", o, err)
		}
	}
	if after := fingerprint(t, dir); !maps.Equal(before, after) {
		t.Errorf("files changed: %v -> %v", before, after)
	}
}
