package badgerstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// Options configures [Open].
type Options struct {
	Dir           string        // "" = in-memory (tests)
	RetentionDays int           // TTL of conversations, recommendations and feedback; 0 = 365
	GCInterval    time.Duration // value-log GC ticker; 0 = 1h; negative = off
	// ReadOnly opens an existing store for reading only (reports, exports):
	// nothing in the directory is written, not even its permissions, and
	// it can share the directory with other readers.
	ReadOnly bool
	// Create makes the directory (0700) and a new store when there is
	// none. Without it, a directory that does not exist or holds no store
	// is refused with ErrNoData, so a mistyped path never becomes an empty
	// store.
	Create bool
	// MinFree is the free space kept in reserve on Dir's filesystem:
	// writes below it fail with [store.ErrNoSpace]. The zero value keeps
	// none.
	MinFree MinFree
	// WaitForSpace lets a server start below the reserve: the database is
	// opened once space returns, and until then every operation returns
	// ErrNoSpace. Without it such an open fails with ErrNoSpace.
	WaitForSpace bool
	// FreeSpace measures the filesystem; nil is the system's statfs.
	FreeSpace FreeSpaceFunc
	// Now is the clock records are stamped with; nil is time.Now.
	Now func() time.Time
}

// ErrDirLocked is wrapped by [Open] when another process (or another
// open store in this process) holds the data directory.
var ErrDirLocked = errors.New("badgerstore: another advisorbot process is using this data directory; only one advisorbot process may use a data dir at a time")

// Store is the on-disk [store.Store]. Its key layout and value encoding
// are described in the package documentation.
type Store struct {
	lg        *slog.Logger
	dir       string        // for messages; "(in memory)" in memory mode
	retention time.Duration // TTL of records holding user data
	now       func() time.Time
	space     *spaceGuard    // nil: no reserve (read-only, in memory)
	bopts     badger.Options // for an open deferred until there is space
	gcEvery   time.Duration  // value-log GC; <= 0 off
	db        *badger.DB     // nil until opened; guarded by mu

	// mu guards closed and db; every operation holds it shared, so Close
	// (which takes it exclusively) never closes the database under a
	// transaction.
	// Restore takes it exclusively too, because Badger's Load must not run
	// alongside other transactions.
	mu     sync.RWMutex
	closed bool

	// aggMu serialises the writes that read-modify-write a week's
	// aggregates. Without it concurrent assessments of one week conflict on
	// the w/ key and retry, and under load a few retries are not enough.
	aggMu sync.Mutex

	// fullCheck is when every file was last read in full, carried in the
	// closed record (closed.go).
	fullCheck time.Time

	stop chan struct{} // closed by Close to stop the GC goroutine
	wg   sync.WaitGroup
}

var _ store.Store = (*Store)(nil)

// Defaults for Options' zero values.
const (
	defaultRetentionDays = 365
	defaultGCInterval    = time.Hour
	// gcDiscardRatio is what Badger's source recommends: rewrite a value-log
	// file when at least half of it is garbage.
	gcDiscardRatio = 0.5
)

// Open opens the store in o.Dir, or an empty in-memory store when
// o.Dir is "". Before Badger sees the directory it is checked: a missing
// or empty one is ErrNoData unless o.Create; a MANIFEST that is missing
// beside data files, a file cut short or failing its checksum is a
// [DamagedError]; nothing is re-initialised. A writable open makes the
// directory 0700 and its files 0600. Badger's own log lines go to lg at
// warning level and above. Only one store may have a directory open at a
// time; a second one gets an error wrapping [ErrDirLocked] that names the
// directory.
func Open(lg *slog.Logger, o Options) (*Store, error) {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	if o.RetentionDays < 0 {
		return nil, fmt.Errorf("store: open: retention of %d days is negative", o.RetentionDays)
	}
	if o.RetentionDays == 0 {
		o.RetentionDays = defaultRetentionDays
	}
	if o.GCInterval == 0 {
		o.GCInterval = defaultGCInterval
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	b := &Store{
		lg:        lg,
		dir:       "(in memory)",
		retention: time.Duration(o.RetentionDays) * 24 * time.Hour,
		now:       o.Now,
		bopts:     badgerOptions(lg, o.Dir).WithReadOnly(o.ReadOnly),
		stop:      make(chan struct{}),
	}
	if o.Dir == "" {
		return b, b.openDB()
	}
	b.dir = o.Dir
	if abs, err := filepath.Abs(o.Dir); err == nil {
		b.dir = abs
	}
	exists, err := prepareDir(b.dir, o.Create && !o.ReadOnly)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", b.dir, err)
	}
	if exists {
		same, fullCheck := readClosed(b.dir)
		if !o.ReadOnly && o.Now().Sub(fullCheck) >= fullCheckEvery {
			same = nil // the bot's start: time for a full read (see closed.go)
		}
		if err := checkFiles(b.dir, same); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", b.dir, err)
		}
		b.fullCheck = fullCheck
		if same == nil {
			b.fullCheck = o.Now()
		}
	} else {
		b.fullCheck = o.Now() // a new store: nothing to read
	}
	if !o.ReadOnly {
		if err := tighten(lg, b.dir); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", b.dir, err)
		}
		b.gcEvery = o.GCInterval
		stat := o.FreeSpace
		if stat == nil {
			stat = systemFreeSpace
		}
		b.space = &spaceGuard{dir: b.dir, min: o.MinFree, stat: stat}
		if err := b.space.check(); err != nil {
			if !o.WaitForSpace {
				return nil, fmt.Errorf("store: open %s: %w", b.dir, err)
			}
			// Opening writes (a new memtable log), which a full disk
			// answers with SIGBUS; begin opens it once there is room.
			lg.Error("store: not opened until there is space; every message is answered that nothing can be stored", "dir", b.dir, "err", err)
			return b, nil
		}
	}
	if err := b.openDB(); err != nil {
		return nil, err
	}
	return b, nil
}

// openDB opens Badger on the checked directory, checks the schema and
// starts value-log GC. The caller holds mu or is the only user of b.
func (b *Store) openDB() error {
	db, err := openRecovering(b.bopts)
	if err != nil {
		return fmt.Errorf("store: open %s: %w", b.dir, classifyOpenErr(b.dir, err))
	}
	b.db = db
	if !b.bopts.ReadOnly && !b.bopts.InMemory {
		// From here Badger changes the files the record lists. A record
		// left behind would still not match them (see closed.go), so
		// failing to remove it costs only a full read at the next open.
		if err := removeClosed(b.bopts.Dir); err != nil {
			b.lg.Warn("store: could not remove the closed record; the next open reads every file", "dir", b.dir, "err", err)
		}
	}
	if err := b.checkSchema(); err != nil {
		_ = db.Close()
		b.db = nil
		return fmt.Errorf("store: open %s: %w", b.dir, err)
	}
	if b.gcEvery > 0 && !b.bopts.ReadOnly && !b.bopts.InMemory {
		b.wg.Add(1)
		go b.gcLoop(b.gcEvery)
	}
	return nil
}

// openRecovering is badger.Open with its panics (on files checkFiles could
// not foresee) turned into errors.
func openRecovering(bo badger.Options) (db *badger.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("badger could not open it: %v", r)
		}
	}()
	return badger.Open(bo)
}

// openWhenSpace opens a database whose open was deferred for want of
// space, once there is space.
func (b *Store) openWhenSpace() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return store.ErrClosed
	}
	if b.db != nil {
		return nil
	}
	if err := b.space.check(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if err := b.openDB(); err != nil {
		return err
	}
	b.lg.Warn("store: space is back; the data directory is open again", "dir", b.dir)
	return nil
}

// Writable reports whether a write would be accepted now: nil, or an
// error wrapping ErrNoSpace (or ErrClosed). A read-only store is never
// writable.
func (b *Store) Writable(ctx context.Context) error {
	if b.bopts.ReadOnly {
		return fmt.Errorf("store: %s is open read-only", b.dir)
	}
	done, err := b.begin(ctx)
	if err != nil {
		return err
	}
	defer done()
	if err := b.space.check(); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

// FreeBytes is the free space on the data directory's filesystem, for
// metrics; ok is false in memory or where the system cannot tell.
func (b *Store) FreeBytes() (free uint64, ok bool) {
	if b.space == nil {
		return 0, false
	}
	free, _, err := b.space.stat(b.space.dir)
	return free, err == nil
}

// badgerOptions are Badger's defaults cut down for one small bot process.
// The defaults are sized for servers: they preallocate a 2 GiB value log
// and a 128 MiB write-ahead log and keep a 256 MiB block cache. Two
// couplings make Open fail (checkAndSetOptions in Badger's db.go):
// ValueThreshold above 15% of MemTableSize, and BlockCacheSize 0 with
// compression on.
func badgerOptions(lg *slog.Logger, dir string) badger.Options {
	return badger.DefaultOptions(dir).
		WithInMemory(dir == "").
		// Badger's INFO lines (tables opened, compactions) are noise here;
		// warnings and errors reach the application's log.
		WithLogger(badgerLogger{lg}).
		// Every acknowledged turn must survive a power loss or hard reboot,
		// not only a process crash; the write rate is a few per minute.
		WithSyncWrites(true).
		// 8 MiB memtables: the .mem file is mmapped at twice this size.
		WithMemTableSize(8 << 20).
		// Must stay <= 15% of MemTableSize (1.2 MiB) or Open fails. Records
		// are a few KiB, so they all live in the LSM tree, where compaction
		// reclaims deleted and expired ones without value-log GC.
		WithValueThreshold(256 << 10).
		// The .vlog is mmapped at twice this size: 128 MiB instead of 2 GiB.
		WithValueLogFileSize(64 << 20).
		// Two memtables (one filling, one flushing) is enough at our rate.
		WithNumMemtables(2).
		// Fewer level-0 tables before compaction and before stalling writes,
		// matching the smaller memtables.
		WithNumLevelZeroTables(2).
		WithNumLevelZeroTablesStall(4).
		// Badger needs at least two (one is dedicated to level 0); zero
		// would block writes.
		WithNumCompactors(2).
		// Never 0 while compression (Snappy by default) is on: Open panics.
		WithBlockCacheSize(8 << 20).
		// 64 KiB blocks instead of 4. Every open reads each table's whole
		// index, an entry per block, into memory: with 4 KiB blocks and
		// assessments of 17 KB, one entry per record. Reports such as
		// calibrate and the summary read long runs of small values, and
		// records repeat their reasons' and assumptions' wording, so larger
		// blocks also compress better (a store of a million assessments
		// takes about half the disk). A point read decompresses one block:
		// some tens of microseconds, against the milliseconds of a turn.
		WithBlockSize(tableBlockSize).
		// Tables of 8 MiB at the base level (the memtable's size) instead of
		// 2, doubling per level below. Every open maps each table's index,
		// and the kernel maps up to 64 KiB of cached pages around each such
		// read: a million assessments in 2 MiB tables is a thousand tables
		// and 70 MB of resident pages before anything is read.
		WithBaseTableSize(8 << 20)
}

// tableBlockSize is the size of the blocks Badger writes tables in.
const tableBlockSize = 64 << 10

// checkSchema refuses a database written by a newer schema and, when
// writable, records the current one in a new or older database: from now
// on it may hold what an older advisorbot would mishandle (see Schema
// versions in the package documentation).
func (b *Store) checkSchema() error {
	readOnly := b.db.Opts().ReadOnly
	run := b.db.Update
	if readOnly {
		run = b.db.View // a reader only checks
	}
	return run(func(txn *badger.Txn) error {
		var meta schema
		switch err := getValue(txn, metaSchemaKey, &meta); {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return err
		case meta.V == SchemaVersion:
			return nil
		}
		if readOnly {
			return nil
		}
		v, err := json.Marshal(current)
		if err != nil {
			return err
		}
		return txn.Set(metaSchemaKey, v)
	})
}

// Close stops value-log GC and closes the database. It is idempotent; after
// it every other method returns [store.ErrClosed].
func (b *Store) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	b.closed = true
	close(b.stop)
	b.wg.Wait()
	if b.db == nil {
		return nil // never opened for want of space
	}
	if err := b.db.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", b.dir, err)
	}
	if !b.bopts.ReadOnly && !b.bopts.InMemory {
		// Only to spare the next open a full read; the data is safe either way.
		if err := writeClosed(b.bopts.Dir, b.fullCheck); err != nil {
			b.lg.Warn("store: closed cleanly, but could not record it; the next open reads every file", "dir", b.dir, "err", err)
		}
	}
	return nil
}

// gcLoop runs value-log GC every interval until Close. Records stay in the
// LSM tree, so GC mostly finds nothing to do; it is there for the odd large
// value, whose garbage nothing else reclaims.
func (b *Store) gcLoop(every time.Duration) {
	defer b.wg.Done()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-t.C:
		}
		// Each call rewrites at most one file; nil means "call again".
		for {
			err := b.db.RunValueLogGC(gcDiscardRatio)
			if err == nil {
				select {
				case <-b.stop:
					return
				default:
					continue
				}
			}
			if !errors.Is(err, badger.ErrNoRewrite) && !errors.Is(err, badger.ErrRejected) {
				b.lg.Warn("store: value-log GC failed", "dir", b.dir, "err", err)
			}
			break
		}
	}
}

// badgerLogger passes Badger's warnings and errors to slog and drops its
// info and debug lines. Badger's messages name files and tables, never
// record contents.
type badgerLogger struct{ lg *slog.Logger }

func (l badgerLogger) Errorf(f string, a ...any) {
	l.lg.Error(strings.TrimSpace(fmt.Sprintf(f, a...)), "component", "badger")
}

func (l badgerLogger) Warningf(f string, a ...any) {
	l.lg.Warn(strings.TrimSpace(fmt.Sprintf(f, a...)), "component", "badger")
}

func (badgerLogger) Infof(string, ...any)  {}
func (badgerLogger) Debugf(string, ...any) {}
