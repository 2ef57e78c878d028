package badgerstore

import (
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
