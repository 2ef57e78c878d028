package badgerstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// The closed record: what lets an open skip re-reading a store that was
// closed cleanly.
//
// checkFiles reads every table and log before Badger sees them, which over
// a million records is seconds of every open, and most of what a report
// such as `advisorbot summary` spends. Yet a store its writer closed
// cleanly holds exactly the files that writer left: Badger synced and
// truncated them before Close returned. So Close, once Badger has closed,
// writes closedName listing each data file with what the filesystem says
// of it (inode, size, modification and change times). The next open reads
// in full only the files that no longer match; a store that was not closed
// cleanly has a memtable log the record does not list, or no record at
// all, and is read in full.
//
// Any write to a file, or a chmod, or a copy to another place, changes its
// change time or inode, which a program cannot set back. One race is left:
// a file written within the same tick of the filesystem's clock as the
// record would look unchanged after a second write in that tick. So a file
// counts as unchanged only when its change time is before the record's
// own, and Close waits for the clock to move past the last data file's
// change time before it writes the record (git's index does the same for
// the same reason).
//
// The record is a performance aid, never a source of truth: it is read
// only to skip work, an unreadable or foreign one is ignored, and it is
// removed when a writable open begins changing files.
const closedName = "advisorbot-closed.json"

// closedVersion changes when the record's meaning does; another version
// is ignored.
const closedVersion = 1

type closedRecord struct {
	Version int                  `json:"version"`
	Files   map[string]fileStamp `json:"files"`
}

// fileStamp is what the filesystem says of one file. Comparable, so that
// equal stamps mean an unchanged file.
type fileStamp struct {
	Dev, Ino         uint64
	Size             int64
	MTimeNs, CTimeNs int64
}

// unchanged is the set of data files (tables and logs) whose contents are
// as a clean close left them.
type unchanged map[string]bool

// readClosed returns the data files of dir that match its closed record;
// none when there is no record or it cannot be trusted. It never writes.
func readClosed(dir string) unchanged {
	rec, ok := stampOf(filepath.Join(dir, closedName))
	if !ok {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(dir, closedName))
	if err != nil {
		return nil
	}
	var r closedRecord
	if json.Unmarshal(data, &r) != nil || r.Version != closedVersion {
		return nil
	}
	return r.match(rec, func(name string) (fileStamp, bool) { return stampOf(filepath.Join(dir, name)) })
}

// match is the files whose stamp now is the one recorded, from before
// the record itself (rec) was written.
func (r closedRecord) match(rec fileStamp, now func(name string) (fileStamp, bool)) unchanged {
	same := unchanged{}
	for name, want := range r.Files {
		got, ok := now(name)
		if ok && got == want && got.CTimeNs < rec.CTimeNs {
			same[name] = true
		}
	}
	return same
}

// closedTicks bounds Close's wait for the filesystem's clock: a tick is a
// few milliseconds; a clock that does not move in a second is not going
// to, and the record is then not written (the next open reads in full).
const (
	closedTick     = 2 * time.Millisecond
	closedMaxTicks = 500
)

// writeClosed writes dir's closed record. The caller has closed Badger
// cleanly and nothing else writes dir. Where the system gives no stamps
// it writes nothing.
func writeClosed(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	r := closedRecord{Version: closedVersion, Files: map[string]fileStamp{}}
	var latest int64
	for _, e := range entries {
		if name := e.Name(); isTable(name) || isLog(name) {
			st, ok := stampOf(filepath.Join(dir, name))
			if !ok {
				return nil // no stamps here: every open reads in full
			}
			r.Files[name] = st
			latest = max(latest, st.CTimeNs)
		}
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, closedName+".tmp")
	for range closedMaxTicks {
		if err := writeSynced(tmp, data); err != nil {
			return err
		}
		if st, ok := stampOf(tmp); ok && st.CTimeNs > latest {
			if err := os.Rename(tmp, filepath.Join(dir, closedName)); err != nil {
				return err
			}
			return syncDir(dir)
		}
		time.Sleep(closedTick)
	}
	return errors.Join(errors.New("the filesystem's clock did not move"), os.Remove(tmp))
}

// removeClosed removes dir's closed record, for an open that is about to
// change the files it lists.
func removeClosed(dir string) error {
	err := os.Remove(filepath.Join(dir, closedName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, fileMode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
