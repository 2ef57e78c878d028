package badgerstore

import (
	"context"
	"errors"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// FirstSeen implements store.Store. Two concurrent calls with one id
// conflict in Badger; the retry sees the other's entry, so exactly one
// reports true.
func (b *Store) FirstSeen(ctx context.Context, eventID string, ttl time.Duration) (bool, error) {
	var first bool
	key := eventKey(eventID)
	err := b.update(ctx, "first seen", func(txn *badger.Txn) error {
		seen, err := hasKey(txn, key)
		if err != nil {
			return err
		}
		first = !seen
		if seen || ttl <= 0 {
			return nil // nothing to remember for no time at all
		}
		return setEntry(txn, key, nil, expiresIn(ttl))
	})
	return first, err
}

// CacheGet implements store.Store.
func (b *Store) CacheGet(ctx context.Context, key string) (string, bool, error) {
	var val []byte
	err := b.view(ctx, "cache get", func(txn *badger.Txn) error {
		item, err := txn.Get(cacheKey(key))
		if err != nil {
			return err
		}
		val, err = item.ValueCopy(nil)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return string(val), true, nil
}

// CachePut implements store.Store. A ttl <= 0 removes the entry, as it
// would be expired at once.
func (b *Store) CachePut(ctx context.Context, key, value string, ttl time.Duration) error {
	return b.update(ctx, "cache put", func(txn *badger.Txn) error {
		if ttl <= 0 {
			return txn.Delete(cacheKey(key))
		}
		return setEntry(txn, cacheKey(key), []byte(value), expiresIn(ttl))
	})
}

// MarkSummary implements store.Store. The marker never expires.
func (b *Store) MarkSummary(ctx context.Context, week string) (bool, error) {
	var marked bool
	err := b.update(ctx, "mark summary", func(txn *badger.Txn) error {
		seen, err := hasKey(txn, summaryKey(week))
		if err != nil || seen {
			marked = false
			return err
		}
		marked = true
		return txn.Set(summaryKey(week), nil)
	})
	return marked, err
}

// SummaryMarked implements store.Store.
func (b *Store) SummaryMarked(ctx context.Context, week string) (bool, error) {
	var marked bool
	err := b.view(ctx, "summary marked", func(txn *badger.Txn) error {
		var err error
		marked, err = hasKey(txn, summaryKey(week))
		return err
	})
	return marked, err
}
