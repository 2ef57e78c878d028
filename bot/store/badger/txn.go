package badgerstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// Transactions and the entry helpers shared by the Badger store's methods.

// begin admits one operation: it fails when ctx is done or the store is
// closed, opens a database deferred for want of space (or fails with
// ErrNoSpace), and otherwise holds off Close until the returned func is
// called.
func (b *Store) begin(ctx context.Context) (func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for {
		b.mu.RLock()
		switch {
		case b.closed:
			b.mu.RUnlock()
			return nil, store.ErrClosed
		case b.db != nil:
			return b.mu.RUnlock, nil
		}
		b.mu.RUnlock()
		if err := b.openWhenSpace(); err != nil {
			return nil, err
		}
	}
}

// maxConflictRetries bounds the retries of a transaction that lost a race
// with another writer of the same key (badger.ErrConflict).
const maxConflictRetries = 5

// view runs fn in a read-only transaction for operation op.
func (b *Store) view(ctx context.Context, op string, fn func(*badger.Txn) error) error {
	done, err := b.begin(ctx)
	if err != nil {
		return err
	}
	defer done()
	return wrapErr(op, b.db.View(fn))
}

// update runs fn in a read-write transaction for operation op, running it
// again when it conflicts with a concurrent one; fn must not keep state
// between runs. The commit is synced before update returns.
func (b *Store) update(ctx context.Context, op string, fn func(*badger.Txn) error) error {
	done, err := b.begin(ctx)
	if err != nil {
		return err
	}
	defer done()
	if err := b.space.check(); err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	for attempt := 0; ; attempt++ {
		err = b.db.Update(fn)
		if !errors.Is(err, badger.ErrConflict) || attempt == maxConflictRetries {
			return wrapErr(op, err)
		}
	}
}

// wrapErr names the operation in err. ErrNotFound is returned as is, like
// the Mem store does, so callers can compare or use errors.Is.
func wrapErr(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, badger.ErrKeyNotFound), errors.Is(err, store.ErrNotFound):
		return store.ErrNotFound
	default:
		return fmt.Errorf("store: %s: %w", op, err)
	}
}

// expiresIn is the Badger expiry (Unix seconds) of an entry written now to
// live for ttl. It reads the system clock, not the store's injected one,
// because Badger compares expiries with the system clock: an entry stamped
// by a test's clock in 2026 would be expired, or immortal, by Badger's.
// Badger counts whole seconds, so it is rounded up: an entry never
// disappears earlier than asked, and at most a second later.
func expiresIn(ttl time.Duration) uint64 {
	t := time.Now().Add(ttl) // the system clock, as Badger's expiry check
	s := t.Unix()
	if t.Nanosecond() > 0 {
		s++
	}
	return uint64(s)
}

// setEntry writes key=val in txn, expiring at exp (0: never).
func setEntry(txn *badger.Txn, key, val []byte, exp uint64) error {
	e := badger.NewEntry(key, val)
	e.ExpiresAt = exp
	return txn.SetEntry(e)
}

// getValue decodes key's value into into; ErrNotFound when it is absent.
func getValue(txn *badger.Txn, key []byte, into versioned) error {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return store.ErrNotFound
	}
	if err != nil {
		return err
	}
	return item.Value(func(v []byte) error { return decode(v, into) })
}

// hasKey reports whether key exists (and has not expired) in txn.
func hasKey(txn *badger.Txn, key []byte) (bool, error) {
	_, err := txn.Get(key)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, badger.ErrKeyNotFound):
		return false, nil
	default:
		return false, err
	}
}
