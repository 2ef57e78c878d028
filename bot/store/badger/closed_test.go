package badgerstore

import (
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// dataFiles is the tables and logs in dir.
func dataFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if isTable(e.Name()) || isLog(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// sameOf is the files of dir that count as unchanged.
func sameOf(dir string) unchanged {
	same, _ := readClosed(dir)
	return same
}

// closedStore is a store written and closed cleanly in a new directory.
func closedStore(t *testing.T) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the closed record needs the change times only Linux's stat gives here")
	}
	dir := t.TempDir()
	b, err := Open(nil, Options{Dir: dir, Create: true, GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	damageFixture(t, b)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestClosedRecord: a clean close records every data file; readers keep
// it, and a writer removes it while open and writes it again at close.
func TestClosedRecord(t *testing.T) {
	dir := closedStore(t)
	files := dataFiles(t, dir)
	if !slices.ContainsFunc(files, isTable) || !slices.ContainsFunc(files, func(n string) bool { return strings.HasSuffix(n, ".vlog") }) {
		t.Fatalf("the fixture left %v; want a table and a value log", files)
	}
	if got := slices.Sorted(maps.Keys(sameOf(dir))); !slices.Equal(got, files) {
		t.Fatalf("after a clean close, unchanged = %v; want every data file %v", got, files)
	}

	r, err := Open(nil, Options{Dir: dir, ReadOnly: true, GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if got := len(sameOf(dir)); got != len(files) {
		t.Errorf("after a read-only open, %d of %d files unchanged; a reader must leave the record as it was", got, len(files))
	}

	w, err := Open(nil, Options{Dir: dir, GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, closedName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("while open for writing the record is still there (%v)", err)
	}
	want := dump(t, w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files = dataFiles(t, dir)
	if got := slices.Sorted(maps.Keys(sameOf(dir))); !slices.Equal(got, files) {
		t.Errorf("after a second clean close, unchanged = %v; want %v", got, files)
	}
	r, err = Open(nil, Options{Dir: dir, ReadOnly: true, GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := dump(t, r); !maps.Equal(got, want) {
		t.Errorf("reopened through the record with %d records, want %d", len(got), len(want))
	}
}

// TestClosedRecordSeesChanges: damage done in place right after a clean
// close, within the same tick of the filesystem's clock, is still read and
// refused, as are files the record does not describe.
func TestClosedRecordSeesChanges(t *testing.T) {
	flip := func(at func(size int64) int64) func(string) error {
		return func(p string) error {
			f, err := os.OpenFile(p, os.O_RDWR, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			fi, err := f.Stat()
			if err != nil {
				return err
			}
			var b [1]byte
			if _, err := f.ReadAt(b[:], at(fi.Size())); err != nil {
				return err
			}
			b[0] ^= 0xA5
			_, err = f.WriteAt(b[:], at(fi.Size()))
			return err
		}
	}
	middle := func(size int64) int64 { return size / 2 }
	cases := []struct {
		name   string
		suffix string
		damage func(path string) error
	}{
		{"table byte flipped", ".sst", flip(middle)},
		{"table cut", ".sst", func(p string) error { return os.Truncate(p, 100) }},
		{"value log byte flipped", ".vlog", flip(middle)},
		{"value log cut", ".vlog", func(p string) error {
			fi, err := os.Stat(p)
			if err != nil {
				return err
			}
			return os.Truncate(p, fi.Size()-3)
		}},
		{"value log deleted", ".vlog", os.Remove},
		{"table replaced by a copy", ".sst", func(p string) error {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			data[len(data)/3] ^= 0xA5
			if err := os.Remove(p); err != nil {
				return err
			}
			return os.WriteFile(p, data, 0o600)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := closedStore(t)
			i := slices.IndexFunc(dataFiles(t, dir), func(n string) bool { return strings.HasSuffix(n, c.suffix) })
			if i < 0 {
				t.Fatalf("no %s file", c.suffix)
			}
			name := dataFiles(t, dir)[i]
			if err := c.damage(filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
			if sameOf(dir)[name] {
				t.Fatalf("%s counts as unchanged after it was changed", name)
			}
			for _, ro := range []bool{true, false} {
				b, err := Open(nil, Options{Dir: dir, ReadOnly: ro, GCInterval: -1})
				if err == nil {
					b.Close()
					t.Fatalf("read-only %v: opened a store whose %s was damaged in place", ro, name)
				}
				if !errors.Is(err, ErrDamaged) {
					t.Errorf("read-only %v: %v; want it refused as damaged", ro, err)
				}
			}
		})
	}
}

// TestClosedRecordIgnored: a record that is unreadable, of another
// version, or carried to another directory with the files spares nothing.
func TestClosedRecordIgnored(t *testing.T) {
	for _, c := range []struct {
		name string
		do   func(t *testing.T, dir string) string
	}{
		{"garbage", func(t *testing.T, dir string) string {
			writeFile(t, filepath.Join(dir, closedName), "{not json")
			return dir
		}},
		{"another version", func(t *testing.T, dir string) string {
			data, err := os.ReadFile(filepath.Join(dir, closedName))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, closedName), strings.Replace(string(data), `"version":1`, `"version":99`, 1))
			return dir
		}},
		{"copied elsewhere", func(t *testing.T, dir string) string {
			to := filepath.Join(t.TempDir(), "copy")
			copyDir(t, dir, to)
			return to
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := c.do(t, closedStore(t))
			if got := sameOf(dir); len(got) != 0 {
				t.Errorf("unchanged = %v; want none", slices.Sorted(maps.Keys(got)))
			}
		})
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestClosedRecordMatch: a file counts as unchanged only with its stamp
// as recorded and changed before the record was written. A file changed
// within the record's own tick of the clock may have been changed again
// after it, unseen.
func TestClosedRecordMatch(t *testing.T) {
	stamp := func(ctime int64) fileStamp {
		return fileStamp{Dev: 1, Ino: 7, Size: 100, MTimeNs: ctime, CTimeNs: ctime}
	}
	rec := closedRecord{Version: closedVersion, Files: map[string]fileStamp{"1.sst": stamp(1000)}}
	for _, c := range []struct {
		name    string
		recTime int64
		now     fileStamp
		present bool
		want    bool
	}{
		{"as recorded, before the record", 2000, stamp(1000), true, true},
		{"as recorded, in the record's tick", 1000, stamp(1000), true, false},
		{"changed since", 2000, stamp(3000), true, false},
		{"another inode", 2000, fileStamp{Dev: 1, Ino: 8, Size: 100, MTimeNs: 1000, CTimeNs: 1000}, true, false},
		{"another size", 2000, fileStamp{Dev: 1, Ino: 7, Size: 99, MTimeNs: 1000, CTimeNs: 1000}, true, false},
		{"mtime set back, ctime moved", 2000, fileStamp{Dev: 1, Ino: 7, Size: 100, MTimeNs: 1000, CTimeNs: 2500}, true, false},
		{"missing", 2000, fileStamp{}, false, false},
	} {
		got := rec.match(stamp(c.recTime), func(name string) (fileStamp, bool) {
			if name != "1.sst" {
				t.Fatalf("asked for %q", name)
			}
			return c.now, c.present
		})
		if got["1.sst"] != c.want {
			t.Errorf("%s: unchanged = %v, want %v", c.name, got["1.sst"], c.want)
		}
	}
}

// TestClosedRecordVoidedByALostFile: one listed file gone, and no file
// counts as unchanged, however well the others match.
func TestClosedRecordVoidedByALostFile(t *testing.T) {
	st := fileStamp{Dev: 1, Ino: 7, Size: 100, MTimeNs: 1000, CTimeNs: 1000}
	rec := closedRecord{Version: closedVersion, Files: map[string]fileStamp{"1.sst": st, "2.vlog": st}}
	got := rec.match(fileStamp{CTimeNs: 2000}, func(name string) (fileStamp, bool) { return st, name == "1.sst" })
	if got != nil {
		t.Errorf("unchanged = %v with 2.vlog gone; want none", got)
	}
}

// TestClosedRecordAfterItsFiles: Close writes the record only once the
// filesystem's clock has moved past every file it lists, so the files
// count as unchanged at all (see TestClosedRecordMatch).
func TestClosedRecordAfterItsFiles(t *testing.T) {
	dir := closedStore(t)
	rec, ok := stampOf(filepath.Join(dir, closedName))
	if !ok {
		t.Fatal("no record after a clean close")
	}
	for _, name := range dataFiles(t, dir) {
		st, _ := stampOf(filepath.Join(dir, name))
		if st.CTimeNs >= rec.CTimeNs {
			t.Errorf("%s changed at %d, not before the record (%d)", name, st.CTimeNs, rec.CTimeNs)
		}
	}
}

// TestClosedRecordFullReadWeekly: damage the filesystem does not see (here
// a byte flipped and the record then made to match, as bit rot would leave
// it) is trusted by readers, but the bot's start reads everything once the
// last full read is a week old, and refuses the store.
func TestClosedRecordFullReadWeekly(t *testing.T) {
	dir := closedStore(t)
	var rec closedRecord
	data, err := os.ReadFile(filepath.Join(dir, closedName))
	if err != nil || json.Unmarshal(data, &rec) != nil {
		t.Fatalf("record: %v %s", err, data)
	}
	i := slices.IndexFunc(dataFiles(t, dir), isTable)
	name := dataFiles(t, dir)[i]
	path := filepath.Join(dir, name)
	table, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	table[len(table)/2] ^= 0xA5
	if err := os.WriteFile(path, table, 0o600); err != nil {
		t.Fatal(err)
	}
	rec.Files[name], _ = stampOf(path)
	data, _ = json.Marshal(rec)
	// Written again until the clock has moved past the table's change, as
	// writeClosed waits: a record from the same tick covers nothing.
	for range 500 {
		writeFile(t, filepath.Join(dir, closedName), string(data))
		if sameOf(dir)[name] {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	if !sameOf(dir)[name] {
		t.Fatal("the doctored record does not cover the table; the test proves nothing")
	}

	at := func(d time.Duration) func() time.Time { return func() time.Time { return rec.FullCheck.Add(d) } }
	r, err := Open(nil, Options{Dir: dir, ReadOnly: true, GCInterval: -1, Now: at(30 * 24 * time.Hour)})
	if err != nil {
		t.Fatalf("a reader read in full: %v", err)
	}
	r.Close()
	if _, err := Open(nil, Options{Dir: dir, GCInterval: -1, Now: at(fullCheckEvery)}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("a writable open a week after the last full read: %v; want it refused as damaged", err)
	}
}

// TestClosedRecordNeedsTheLock: a record is written only while no other
// process holds the directory, so another's live files are never recorded
// as closed.
func TestClosedRecordNeedsTheLock(t *testing.T) {
	dir := closedStore(t)
	other, err := Open(nil, Options{Dir: dir, GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := writeClosed(dir, time.Now()); err == nil {
		t.Fatal("wrote a record while another store had the directory open")
	}
	if _, err := os.Stat(filepath.Join(dir, closedName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a record is there (%v)", err)
	}
}
