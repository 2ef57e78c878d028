package badgerstore

import (
	"context"
	"errors"
	"fmt"

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
		val, ref, err := recValues(r)
		if err != nil {
			return wrapErr("import", err)
		}
		for _, kv := range [][2][]byte{
			{recKey(r.ID), val},
			{recUserKey(r.User, r.CreatedAt, r.ID), nil},
			{recTimeKey(r.CreatedAt, r.ID), ref},
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

// ImportOutcomes writes new outcomes in bulk, as Import does
// recommendations: one write batch and one sync. Each must be valid and
// the first of its assessment: an outcome already stored for the same
// assessment would be left listed beside the new one.
func (b *Store) ImportOutcomes(ctx context.Context, outs []store.Outcome) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	exp := expiresIn(b.retention)
	wb := b.db.NewWriteBatch()
	defer wb.Cancel()
	for _, o := range outs {
		if err := o.Validate(); err != nil {
			return fmt.Errorf("store: import outcomes: %w", err)
		}
		if o.At.IsZero() {
			o.At = b.now()
		}
		val, ptr, err := outcomeValues(o)
		if err != nil {
			return wrapErr("import outcomes", err)
		}
		for _, kv := range [][2][]byte{
			{outcomeTimeKey(o.At, o.RecID), val},
			{outcomeKey(o.RecID), ptr},
			{outcomeUserKey(o.User, o.RecID), nil},
		} {
			e := badger.NewEntry(kv[0], kv[1])
			e.ExpiresAt = exp
			if err := wb.SetEntry(e); err != nil {
				return wrapErr("import outcomes", err)
			}
		}
	}
	if err := wb.Flush(); err != nil {
		return wrapErr("import outcomes", err)
	}
	if err := b.db.Sync(); err != nil && !errors.Is(err, badger.ErrDBClosed) {
		return wrapErr("import outcomes: sync", err)
	}
	return nil
}
