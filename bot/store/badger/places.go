package badgerstore

import (
	"context"
	"encoding/json"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// SavePlace implements store.Store. Places are kept without a TTL: a team
// that installed the bot a year ago still gets its summary.
func (b *Store) SavePlace(ctx context.Context, p store.Place) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if p.SavedAt.IsZero() {
		p.SavedAt = b.now().UTC()
	}
	val, err := json.Marshal(placeRecord{current, p})
	if err != nil {
		return wrapErr("save place", err)
	}
	return b.update(ctx, "save place", func(txn *badger.Txn) error {
		return setEntry(txn, placeKey(p.Platform, p.ID), val, 0)
	})
}

// Places implements store.Store.
func (b *Store) Places(ctx context.Context, platform string) ([]store.Place, error) {
	var out []store.Place
	err := b.view(ctx, "list places", func(txn *badger.Txn) error {
		out = out[:0]
		opts := badger.DefaultIteratorOptions
		opts.Prefix = placePrefix(platform)
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var rec placeRecord
			if err := it.Item().Value(func(v []byte) error { return decode(v, &rec) }); err != nil {
				return err
			}
			out = append(out, rec.Place)
		}
		return nil
	})
	return out, err
}

// DeletePlace implements store.Store.
func (b *Store) DeletePlace(ctx context.Context, platform, id string) error {
	return b.update(ctx, "delete place", func(txn *badger.Txn) error {
		return txn.Delete(placeKey(platform, id))
	})
}
