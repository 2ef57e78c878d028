package badgerstore

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// SaveAssessment implements store.Store. The record and its two index
// entries live for the retention period; the week's aggregates, updated in
// the same transaction, are kept. Saving an id again replaces the record
// and counts it once.
func (b *Store) SaveAssessment(ctx context.Context, r store.Assessment) error {
	if r.CreatedAt.IsZero() {
		r.CreatedAt = b.now()
	}
	val, ref, err := recValues(r)
	if err != nil {
		return wrapErr("save recommendation", err)
	}
	exp := expiresIn(b.retention)
	key := recKey(r.ID)
	b.aggMu.Lock()
	defer b.aggMu.Unlock()
	return b.update(ctx, "save recommendation", func(txn *badger.Txn) error {
		var old recRecord
		switch err := getValue(txn, key, &old); {
		case err == nil:
			// Drop the old index entries: the user or time may have changed.
			if err := txn.Delete(recUserKey(old.User, old.CreatedAt, old.ID)); err != nil {
				return err
			}
			if err := txn.Delete(recTimeKey(old.CreatedAt, old.ID)); err != nil {
				return err
			}
		case errors.Is(err, store.ErrNotFound):
			week := store.ISOWeek(r.CreatedAt)
			if err := updateWeek(txn, week, func(w *store.WeekStats) { w.AddAssessment(r) }); err != nil {
				return err
			}
		default:
			return err
		}
		for _, kv := range [][2][]byte{
			{key, val},
			{recUserKey(r.User, r.CreatedAt, r.ID), nil},
			{recTimeKey(r.CreatedAt, r.ID), ref},
		} {
			if err := setEntry(txn, kv[0], kv[1], exp); err != nil {
				return err
			}
		}
		return nil
	})
}

// recValues are the values of r's record and of its time index entry.
func recValues(r store.Assessment) (rec, ref []byte, err error) {
	if rec, err = json.Marshal(recRecord{current, r}); err != nil {
		return nil, nil, err
	}
	return rec, appendRef(nil, store.RefOf(r)), nil
}

// updateWeek applies fn to week's aggregates in txn.
func updateWeek(txn *badger.Txn, week string, fn func(*store.WeekStats)) error {
	var rec weekRecord
	if err := getValue(txn, weekKey(week), &rec); err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	rec.Week = week
	fn(&rec.WeekStats)
	rec.schema = current
	val, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return txn.Set(weekKey(week), val)
}

// GetAssessment implements store.Store.
func (b *Store) GetAssessment(ctx context.Context, id string) (store.Assessment, error) {
	var rec recRecord
	err := b.view(ctx, "get recommendation", func(txn *badger.Txn) error {
		return getValue(txn, recKey(id), &rec)
	})
	if err != nil {
		return store.Assessment{}, err
	}
	return rec.Assessment, nil
}

// Assessments implements store.Store. It walks the user's index (or the
// time index for everyone) from since forward, or, with a limit, from the
// newest backward until it has limit records.
func (b *Store) Assessments(ctx context.Context, user string, since time.Time, limit int) ([]store.Assessment, error) {
	prefix := recTimePrefix
	if user != "" {
		prefix = recUserPrefix(user)
	}
	from := keyTime(since)
	var out []store.Assessment
	err := b.view(ctx, "list recommendations", func(txn *badger.Txn) error {
		out = nil
		opts := badger.DefaultIteratorOptions
		opts.Prefix = prefix
		opts.PrefetchValues = false // index values are empty
		opts.Reverse = limit > 0
		it := txn.NewIterator(opts)
		defer it.Close()
		var keys [][]byte
		if opts.Reverse {
			// Seeking in reverse lands on the last key <= the seek key.
			it.Seek(append(slices.Clone(prefix), 0xff))
		} else {
			it.Seek(append(slices.Clone(prefix), from...))
		}
		for ; it.ValidForPrefix(prefix); it.Next() {
			t, rk, ok := recIndexSuffix(it.Item().Key(), prefix)
			if !ok {
				continue
			}
			if t < from {
				break // only reached in reverse
			}
			keys = append(keys, rk)
			if limit > 0 && len(keys) == limit {
				break
			}
		}
		if opts.Reverse {
			slices.Reverse(keys)
		}
		for _, k := range keys {
			var rec recRecord
			err := getValue(txn, k, &rec)
			if errors.Is(err, store.ErrNotFound) {
				continue // expired between the index entry and now
			}
			if err != nil {
				return err
			}
			out = append(out, rec.Assessment)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SaveFeedback implements store.Store. The feedback and its user index entry
// live for the retention period; the aggregates of its recommendation's
// week are updated in the same transaction.
func (b *Store) SaveFeedback(ctx context.Context, f store.Feedback) error {
	if f.At.IsZero() {
		f.At = b.now()
	}
	val, err := json.Marshal(feedbackRecord{current, f})
	if err != nil {
		return wrapErr("save feedback", err)
	}
	exp := expiresIn(b.retention)
	b.aggMu.Lock()
	defer b.aggMu.Unlock()
	return b.update(ctx, "save feedback", func(txn *badger.Txn) error {
		var r struct {
			schema
			Result struct {
				Approach advisor.Approach `json:"approach"`
			} `json:"result"`
		}
		if err := getValue(txn, recKey(f.RecID), &r); err != nil {
			return err
		}
		if err := setEntry(txn, feedbackKey(f.RecID, f.User, f.At), val, exp); err != nil {
			return err
		}
		if err := setEntry(txn, feedbackUserKey(f.User, f.RecID, f.At), nil, exp); err != nil {
			return err
		}
		return updateWeek(txn, store.ISOWeek(f.At), func(w *store.WeekStats) { w.AddFeedback(f, r.Result.Approach) })
	})
}

// Week implements store.Store.
func (b *Store) Week(ctx context.Context, week string) (store.WeekStats, error) {
	var rec weekRecord
	err := b.view(ctx, "get week", func(txn *badger.Txn) error {
		rec = weekRecord{}
		return getValue(txn, weekKey(week), &rec)
	})
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return store.WeekStats{}, err
	}
	w := rec.WeekStats
	w.Week = week
	w.Init()
	return w, nil
}
