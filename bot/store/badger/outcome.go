package badgerstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// SaveOutcome implements store.Store. The outcome, its pointer and its user
// index entry live for the retention period from this write; a newer
// report of the same assessment replaces all three, so the outcome is
// listed once, at its new time.
func (b *Store) SaveOutcome(ctx context.Context, o store.Outcome) error {
	if err := o.Validate(); err != nil {
		return err
	}
	if o.At.IsZero() {
		o.At = b.now()
	}
	val, ptr, err := outcomeValues(o)
	if err != nil {
		return wrapErr("save outcome", err)
	}
	exp := expiresIn(b.retention)
	return b.update(ctx, "save outcome", func(txn *badger.Txn) error {
		var old outcomePointer
		switch err := getValue(txn, outcomeKey(o.RecID), &old); {
		case err == nil:
			if err := txn.Delete(outcomeTimeKey(old.At, o.RecID)); err != nil {
				return err
			}
			if err := txn.Delete(outcomeUserKey(old.User, o.RecID)); err != nil {
				return err
			}
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		for _, kv := range [][2][]byte{
			{outcomeTimeKey(o.At, o.RecID), val},
			{outcomeKey(o.RecID), ptr},
			{outcomeUserKey(o.User, o.RecID), nil},
		} {
			if err := setEntry(txn, kv[0], kv[1], exp); err != nil {
				return err
			}
		}
		return nil
	})
}

// outcomeValues are the values of o's ot/ entry and of its o/ pointer.
func outcomeValues(o store.Outcome) (val, ptr []byte, err error) {
	if ptr, err = json.Marshal(outcomePointer{current, o.At, o.User}); err != nil {
		return nil, nil, err
	}
	return appendOutcome(nil, o), ptr, nil
}

// GetOutcome implements store.Store.
func (b *Store) GetOutcome(ctx context.Context, recID string) (store.Outcome, error) {
	var o store.Outcome
	err := b.view(ctx, "get outcome", func(txn *badger.Txn) error {
		var ptr outcomePointer
		if err := getValue(txn, outcomeKey(recID), &ptr); err != nil {
			return err
		}
		item, err := txn.Get(outcomeTimeKey(ptr.At, recID))
		if err != nil {
			return err // ErrKeyNotFound becomes ErrNotFound
		}
		return item.Value(func(v []byte) (err error) {
			o, err = decodeOutcome(v)
			return err
		})
	})
	if err != nil {
		return store.Outcome{}, err
	}
	return o, nil
}

// EachOutcome implements store.Store. It reads the outcomes in chunks, one
// read transaction each, and calls fn between them, so fn may use the
// store; an outcome reported while it runs may or may not be listed.
func (b *Store) EachOutcome(ctx context.Context, since, until time.Time, fn func(store.Outcome) error) error {
	return eachTimed(ctx, b, "list outcomes", outcomeTimePrefix, since, until,
		func(_ *badger.Txn, _, val []byte) (store.Outcome, bool, error) {
			o, err := decodeOutcome(val)
			return o, err == nil, err
		}, fn)
}

// EachAssessmentRef implements store.Store, from the refs held in the time
// index (or, for an entry written by schema 1, from the record), in chunks
// as EachOutcome.
func (b *Store) EachAssessmentRef(ctx context.Context, since, until time.Time, fn func(store.AssessmentRef) error) error {
	return eachTimed(ctx, b, "list assessment refs", recTimePrefix, since, until, loadRef, fn)
}

// loadRef decodes an rt/ entry.
func loadRef(txn *badger.Txn, key, val []byte) (store.AssessmentRef, bool, error) {
	if len(val) > 0 {
		ref, err := decodeRef(val)
		return ref, err == nil, err
	}
	// Written before the index held refs: the record has what it lacks.
	var rec recRecord
	switch err := getValue(txn, recKeyAt(escRecIDOfIndex(key, recTimePrefix)), &rec); {
	case errors.Is(err, store.ErrNotFound):
		return store.AssessmentRef{}, false, nil // expired since the index entry was read
	case err != nil:
		return store.AssessmentRef{}, false, err
	}
	return store.RefOf(rec.Assessment), true, nil
}

// listChunk is how many entries a listing decodes in one read transaction
// before handing them to its caller's fn: enough that opening
// transactions costs nothing next to decoding, few enough that fn's work
// (calibrate re-runs the advisor on each) never holds a transaction, and
// with it Close, for long.
const listChunk = 4096

// eachTimed calls fn with the entries of the time index under prefix in
// [since, until) (until zero: no end), oldest first, each decoded by load
// (which reports false for an entry to skip), stopping at fn's first
// error, which it returns as is.
func eachTimed[T any](ctx context.Context, b *Store, op string, prefix []byte, since, until time.Time,
	load func(txn *badger.Txn, key, val []byte) (T, bool, error), fn func(T) error) error {
	from := timeFrom(prefix, since)
	var end []byte
	if !until.IsZero() {
		end = timeFrom(prefix, until)
	}
	batch := make([]T, 0, listChunk)
	for from != nil {
		var next []byte
		err := b.view(ctx, op, func(txn *badger.Txn) error {
			batch, next = batch[:0], nil
			opts := badger.DefaultIteratorOptions
			opts.Prefix = prefix
			opts.PrefetchValues = false // values live in the LSM tree: read in place
			it := txn.NewIterator(opts)
			defer it.Close()
			n := 0
			for it.Seek(from); it.ValidForPrefix(prefix); it.Next() {
				item := it.Item()
				key := item.Key()
				if end != nil && bytes.Compare(key, end) >= 0 {
					return nil
				}
				if len(batch) == listChunk {
					next = item.KeyCopy(nil)
					return nil
				}
				if n++; n%256 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
				}
				var v T
				var ok bool
				err := item.Value(func(val []byte) (err error) {
					v, ok, err = load(txn, key, val)
					return err
				})
				if err != nil {
					return fmt.Errorf("%s: %w", key, err)
				}
				if ok {
					batch = append(batch, v)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, v := range batch {
			if err := fn(v); err != nil {
				return err
			}
		}
		from = next
	}
	return nil
}

// claimNumber refuses a follow-up number that cannot be one.
func claimNumber(recID string, n int) error {
	if n < 1 {
		return fmt.Errorf("store: follow-up %d of %s: follow-ups are numbered from 1", n, recID)
	}
	return nil
}

// ClaimFollowup implements store.Store. The claim is read and written in
// one transaction, so of two concurrent claims one commits and the other
// conflicts, runs again and finds it. It lives for the retention period,
// as long as the assessment it is about.
func (b *Store) ClaimFollowup(ctx context.Context, recID string, n int) (bool, error) {
	if err := claimNumber(recID, n); err != nil {
		return false, err
	}
	key := claimKey(recID, n)
	exp := expiresIn(b.retention)
	var claimed bool
	err := b.update(ctx, "claim follow-up", func(txn *badger.Txn) error {
		claimed = false
		had, err := hasKey(txn, key)
		if err != nil || had {
			return err
		}
		claimed = true
		return setEntry(txn, key, nil, exp)
	})
	return claimed && err == nil, err
}

// ReleaseFollowup implements store.Store.
func (b *Store) ReleaseFollowup(ctx context.Context, recID string, n int) error {
	if err := claimNumber(recID, n); err != nil {
		return err
	}
	return b.update(ctx, "release follow-up", func(txn *badger.Txn) error {
		return txn.Delete(claimKey(recID, n))
	})
}

// SetFollowupOptOut implements store.Store. The opt-out is kept until the
// user is forgotten: it must outlast every assessment it silences.
func (b *Store) SetFollowupOptOut(ctx context.Context, user string, out bool) error {
	return b.update(ctx, "set follow-up opt-out", func(txn *badger.Txn) error {
		if !out {
			return txn.Delete(optOutKey(user))
		}
		return setEntry(txn, optOutKey(user), nil, 0)
	})
}

// FollowupOptOut implements store.Store.
func (b *Store) FollowupOptOut(ctx context.Context, user string) (bool, error) {
	var out bool
	err := b.view(ctx, "get follow-up opt-out", func(txn *badger.Txn) (err error) {
		out, err = hasKey(txn, optOutKey(user))
		return err
	})
	return out, err
}
