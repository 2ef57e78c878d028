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
// removed when a writable open begins changing files. A file it lists that
// is gone voids it: a deleted value log would leave tables pointing into
// nothing, which only reading the tables shows.
//
// What it cannot see is damage that bypasses the filesystem: a bad sector
// or bit rot under an unchanged inode and times. So a writable open reads
// everything anyway when the last full read is older than fullCheckEvery
// (the record carries its time), and deleting the record forces a full
// read at the next open.
const closedName = "advisorbot-closed.json"

// fullCheckEvery is how old the last full read may be before a writable
// open (the bot's start) does another: weekly, a few seconds at a million
// assessments.
const fullCheckEvery = 7 * 24 * time.Hour

// closedVersion changes when the record's meaning does; another version
// is ignored.
const closedVersion = 1

type closedRecord struct {
	Version int                  `json:"version"`
	Files   map[string]fileStamp `json:"files"`
	// FullCheck is when every file was last read in full.
	FullCheck time.Time `json:"full_check"`
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

// readClosed returns the data files of dir that match its closed record,
// and when every file was last read in full; none and the zero time when
// there is no record or it cannot be trusted. It never writes.
func readClosed(dir string) (unchanged, time.Time) {
	rec, ok := stampOf(filepath.Join(dir, closedName))
	if !ok {
		return nil, time.Time{}
	}
	data, err := os.ReadFile(filepath.Join(dir, closedName))
	if err != nil {
		return nil, time.Time{}
	}
	var r closedRecord
	if json.Unmarshal(data, &r) != nil || r.Version != closedVersion {
		return nil, time.Time{}
	}
	same := r.match(rec, func(name string) (fileStamp, bool) { return stampOf(filepath.Join(dir, name)) })
	if same == nil {
		return nil, time.Time{}
	}
	return same, r.FullCheck
}

// match is the files whose stamp now is the one recorded, from before
// the record itself (rec) was written; nil when a file it lists is gone.
func (r closedRecord) match(rec fileStamp, now func(name string) (fileStamp, bool)) unchanged {
	same := unchanged{}
	for name, want := range r.Files {
		got, ok := now(name)
		if !ok {
			return nil
		}
		if got == want && got.CTimeNs < rec.CTimeNs {
			same[name] = true
		}
	}
	return same
}

// closedTick and closedMaxTicks bound Close's wait for the filesystem's clock: a tick is a
// few milliseconds; a clock that does not move in a second is not going
// to, and the record is then not written (the next open reads in full).
const (
	closedTick     = 2 * time.Millisecond
	closedMaxTicks = 500
)

// writeClosed writes dir's closed record, fullCheck being when every file
// was last read in full. The caller has closed Badger cleanly. Badger lets
// go of the directory's lock before Close returns, so writeClosed takes it
// again: another process that opened the directory meanwhile would
// otherwise have its live files recorded as closed. Holding it, an open by
// another process in those milliseconds is refused as the directory being
// in use. Where the system gives no stamps or locks it writes nothing.
func writeClosed(dir string, fullCheck time.Time) error {
	unlock, err := lockDir(dir)
	if errors.Is(err, errUnsupported) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("another process opened the directory: %w", err)
	}
	defer unlock()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	r := closedRecord{Version: closedVersion, Files: map[string]fileStamp{}, FullCheck: fullCheck.UTC()}
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
	if err := writeSynced(tmp, data); err != nil {
		return err
	}
	// A chmod, even to the same mode, moves its change time to the
	// filesystem's now without writing it again; a change time lost in a
	// crash only makes files count as changed.
	for range closedMaxTicks {
		if st, ok := stampOf(tmp); ok && st.CTimeNs > latest {
			if err := os.Rename(tmp, filepath.Join(dir, closedName)); err != nil {
				return err
			}
			return syncDir(dir)
		}
		time.Sleep(closedTick)
		if err := os.Chmod(tmp, fileMode); err != nil {
			return err
		}
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
	if err != nil {
		return err
	}
	return syncDir(dir)
}

var errUnsupported = errors.New("not supported on this system")

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
