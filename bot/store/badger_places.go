package store

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/dgraph-io/badger/v4"
)

// errPlace explains a Place that cannot be stored.
var errPlace = errors.New("store: a place needs a platform and an id")

// SavePlace implements Store. Places are kept without a TTL: a team that
// installed the bot a year ago still gets its summary.
func (b *Badger) SavePlace(ctx context.Context, p Place) error {
	if p.Platform == "" || p.ID == "" {
		return errPlace
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

// Places implements Store.
func (b *Badger) Places(ctx context.Context, platform string) ([]Place, error) {
	var out []Place
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

// DeletePlace implements Store.
func (b *Badger) DeletePlace(ctx context.Context, platform, id string) error {
	return b.update(ctx, "delete place", func(txn *badger.Txn) error {
		return txn.Delete(placeKey(platform, id))
	})
}
