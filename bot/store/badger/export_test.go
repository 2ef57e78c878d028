package badgerstore

import (
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// scan calls fn with every live key of b, its value and its expiry (Unix
// seconds, 0 for never), in key order. Tests use it to look at the whole
// database, e.g. for traces of a forgotten user.
func (b *Store) scan(fn func(k, v []byte, expiresAt uint64)) error {
	return b.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			fn(item.KeyCopy(nil), v, item.ExpiresAt())
		}
		return nil
	})
}

// putRaw writes key=val as is, bypassing the store's encoding.
func (b *Store) putRaw(key, val []byte) error {
	return b.db.Update(func(txn *badger.Txn) error { return txn.Set(key, val) })
}

// Scan and PutRaw expose the helpers above to the external tests, which
// use the package as its callers do.
var (
	Scan   = (*Store).scan
	PutRaw = (*Store).putRaw
)

// clearRefs empties every time index value, as schema 1 wrote them, in
// one write batch.
func (b *Store) clearRefs() error {
	var keys [][]byte
	err := b.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.Prefix, opts.PrefetchValues = recTimePrefix, false
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		return nil
	})
	if err != nil {
		return err
	}
	wb := b.db.NewWriteBatch()
	defer wb.Cancel()
	for _, k := range keys {
		if err := wb.Set(k, nil); err != nil {
			return err
		}
	}
	return wb.Flush()
}

// ClearRefs exposes clearRefs to the external tests.
var ClearRefs = (*Store).clearRefs

// EncodeOutcome is o as its ot/ entry holds it, for tests that write one
// directly.
func EncodeOutcome(o store.Outcome) []byte { return appendOutcome(nil, o) }
