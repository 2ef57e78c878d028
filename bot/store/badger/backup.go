package badgerstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// Backup writes a full backup of the store to w (Badger's protobuf stream).
// It reads a snapshot, so the store keeps serving meanwhile; expired
// entries are left out and the others keep their expiry.
func (b *Store) Backup(w io.Writer) error {
	done, err := b.begin(context.Background())
	if err != nil {
		return err
	}
	defer done()
	if _, err := b.db.Backup(w, 0); err != nil {
		return fmt.Errorf("store: backup %s: %w", b.dir, err)
	}
	return nil
}

// ErrNotEmpty is wrapped by [Store.Restore] when the store already holds
// records: a backup is loaded only into a new data directory, never merged
// into one in use.
var ErrNotEmpty = errors.New("badgerstore: the store is not empty")

// loadPendingWrites bounds the write batches Restore keeps in flight.
const loadPendingWrites = 256

// Restore loads a backup written by [Store.Backup] into an empty store. It
// must run before the store serves: it blocks every other operation while
// it runs, as Badger's Load requires, and refuses a store that already
// holds records with an error wrapping [ErrNotEmpty].
func (b *Store) Restore(r io.Reader) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return store.ErrClosed
	}
	empty := true
	err := b.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if !bytes.Equal(it.Item().Key(), metaSchemaKey) {
				empty = false
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: restore %s: %w", b.dir, err)
	}
	if !empty {
		return fmt.Errorf("store: restore %s: %w; restore into a new data directory", b.dir, ErrNotEmpty)
	}
	if err := b.load(r); err != nil {
		return fmt.Errorf("store: restore %s: %w", b.dir, err)
	}
	if err := b.checkSchema(); err != nil {
		return fmt.Errorf("store: restore %s: %w", b.dir, err)
	}
	return nil
}

// Size reports the bytes of the LSM tree (.sst files) and of the value log
// (.vlog files) as Badger measured them at open and, since, about once a
// minute; the write-ahead .mem files are not counted. It is 0, 0 in memory
// mode and after Close.
func (b *Store) Size() (lsm, vlog int64) {
	done, err := b.begin(context.Background())
	if err != nil {
		return 0, 0
	}
	defer done()
	return b.db.Size()
}

// load runs Badger's Load over a checked stream. Load can still panic on
// a frame that is framed well but decodes to nonsense; that is bad input,
// reported as such, not a crash.
func (b *Store) load(r io.Reader) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w (%v)", ErrBadBackup, p)
		}
	}()
	if err := b.db.Load(&frameChecker{r: r}, loadPendingWrites); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("%w: it ends inside a frame (truncated)", ErrBadBackup)
		}
		return err // ErrBadBackup from the checker, a frame that does not decode, or a write that failed
	}
	return nil
}
