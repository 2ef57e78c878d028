package badgerstore

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// Import writes new recommendations in bulk, for migrations and for
// measuring the store at scale: one write batch for the records and their
// indexes, then one update per week for the aggregates, and a single sync
// at the end instead of one per record. Ids must be new: re-importing an id
// would count it twice in its week.
func (b *Store) Import(ctx context.Context, recs []store.Assessment) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	exp := expiresIn(b.retention)
	wb := b.db.NewWriteBatch()
	defer wb.Cancel()
	weeks := map[string]*store.WeekStats{}
	for _, r := range recs {
		val, err := json.Marshal(recRecord{current, r})
		if err != nil {
			return wrapErr("import", err)
		}
		for _, kv := range [][2][]byte{
			{recKey(r.ID), val},
			{recUserKey(r.User, r.CreatedAt, r.ID), nil},
			{recTimeKey(r.CreatedAt, r.ID), nil},
		} {
			e := badger.NewEntry(kv[0], kv[1])
			e.ExpiresAt = exp
			if err := wb.SetEntry(e); err != nil {
				return wrapErr("import", err)
			}
		}
		wk := store.ISOWeek(r.CreatedAt)
		if weeks[wk] == nil {
			weeks[wk] = &store.WeekStats{}
		}
		weeks[wk].AddAssessment(r)
	}
	if err := wb.Flush(); err != nil {
		return wrapErr("import", err)
	}
	b.aggMu.Lock()
	defer b.aggMu.Unlock()
	for wk, add := range weeks {
		err := b.update(ctx, "import: week "+wk, func(txn *badger.Txn) error {
			return updateWeek(txn, wk, func(w *store.WeekStats) { w.Merge(add) })
		})
		if err != nil {
			return err
		}
	}
	if err := b.db.Sync(); err != nil && !errors.Is(err, badger.ErrDBClosed) {
		return wrapErr("import: sync", err)
	}
	return nil
}

// Compact merges the LSM tree's levels, as the running bot's compactors do
// over time; after a bulk import it leaves the store as a long-running
// process would, so a short-lived process that opens it next does not
// inherit the compaction work.
func (b *Store) Compact() error {
	if err := b.db.Flatten(2); err != nil {
		return wrapErr("compact", err)
	}
	return nil
}
