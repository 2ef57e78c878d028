package badgerstore

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// forgetBatch is how many keys one ForgetUser transaction deletes, well
// under Badger's per-transaction limit for the small memtables we use.
const forgetBatch = 500

// ForgetUser implements store.Store. It finds the user's records through the
// cu/, ru/, fu/ and ou/ indexes, then sweeps every conversation,
// recommendation, feedback and outcome value for the user's id as well, so
// a record whose index entry went missing is not left behind. With their
// assessments and outcomes go the follow-up claims about them, and with
// the user their follow-up opt-out. The sweep reads all records; that is
// acceptable for a rare administrative command.
//
// The keys are deleted in batches of transactions, so a failure can leave
// part of the user's data; running ForgetUser again finishes the job. The
// deleted data disappears from the database at once and from its files as
// Badger compacts them.
func (b *Store) ForgetUser(ctx context.Context, user string) (err error) {
	var keys [][]byte
	err = b.view(ctx, "forget user", func(txn *badger.Txn) error {
		var err error
		keys, err = userKeys(ctx, txn, user)
		return err
	})
	if err != nil {
		return err
	}
	defer func() {
		if err == nil {
			err = b.pruneTops(ctx)
		}
	}()
	for len(keys) > 0 {
		n := min(len(keys), forgetBatch)
		batch := keys[:n]
		keys = keys[n:]
		err := b.update(ctx, "forget user", func(txn *badger.Txn) error {
			for _, k := range batch {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// userKeys lists every key that holds user's id or belongs to one of the
// user's records, without duplicates.
func userKeys(ctx context.Context, txn *badger.Txn, user string) ([][]byte, error) {
	ks := keySet{seen: map[string]bool{}, claims: map[string]bool{}}
	if err := ks.indexed(ctx, txn, user); err != nil {
		return nil, err
	}
	if err := ks.swept(ctx, txn, user); err != nil {
		return nil, err
	}
	return ks.keys, nil
}

// keySet collects keys in the order found, each once.
type keySet struct {
	seen   map[string]bool
	keys   [][]byte
	claims map[string]bool // escaped assessment ids whose claims are in
}

func (ks *keySet) add(k []byte) {
	if !ks.seen[string(k)] {
		ks.seen[string(k)] = true
		ks.keys = append(ks.keys, k)
	}
}

// indexed adds what the user indexes lead to: their keys start with the
// user's id, and each names its record.
func (ks *keySet) indexed(ctx context.Context, txn *badger.Txn, user string) error {
	if err := eachKey(ctx, txn, convUserPrefix(user, ""), false, func(k, _ []byte) error {
		ks.add(k)
		ks.add(convKeyOfIndex(user, k))
		return nil
	}); err != nil {
		return err
	}
	ru := recUserPrefix(user)
	if err := eachKey(ctx, txn, ru, false, func(k, _ []byte) error {
		ks.add(k)
		if _, rk, ok := recIndexSuffix(k, ru); ok {
			ks.add(rk)
			ks.add(recTimeKeyOfIndex(user, k))
			return ks.claimsOf(ctx, txn, escRecIDOfIndex(k, ru))
		}
		return nil
	}); err != nil {
		return err
	}
	if err := eachKey(ctx, txn, outcomeUserPrefix(user), false, func(k, _ []byte) error {
		ks.add(k)
		escID := recIDOfOutcomeIndex(user, k)
		if err := ks.outcomeOf(txn, user, escID); err != nil {
			return err
		}
		return ks.claimsOf(ctx, txn, escID)
	}); err != nil {
		return err
	}
	switch out, err := hasKey(txn, optOutKey(user)); {
	case err != nil:
		return err
	case out:
		ks.add(optOutKey(user))
	}
	if err := eachKey(ctx, txn, feedbackUserPrefix(user), false, func(k, _ []byte) error {
		ks.add(k)
		if fk, ok := feedbackKeyOfIndex(user, k); ok {
			ks.add(fk)
		}
		return nil
	}); err != nil {
		return err
	}
	// Cached explanations of the user's assessments quote their words.
	return eachKey(ctx, txn, cacheKey(store.UserCachePrefix(user)), false, func(k, _ []byte) error {
		ks.add(k)
		return nil
	})
}

// swept adds every record that names the user, with its index entries,
// so a record whose index entry went missing is found too.
func (ks *keySet) swept(ctx context.Context, txn *badger.Txn, user string) error {
	if err := eachKey(ctx, txn, []byte(convFamily), true, func(k, v []byte) error {
		var c struct {
			schema
			User string        `json:"user"`
			Key  store.ConvKey `json:"key"`
		}
		if err := decode(v, &c); err != nil || c.User != user {
			return err
		}
		ks.add(k)
		ks.add(convUserKey(user, c.Key))
		return nil
	}); err != nil {
		return err
	}
	if err := eachKey(ctx, txn, []byte(recFamily), true, func(k, v []byte) error {
		var r struct {
			schema
			ID        string    `json:"id"`
			User      string    `json:"user"`
			CreatedAt time.Time `json:"created_at"`
		}
		if err := decode(v, &r); err != nil || r.User != user {
			return err
		}
		ks.add(k)
		ks.add(recUserKey(user, r.CreatedAt, r.ID))
		ks.add(recTimeKey(r.CreatedAt, r.ID))
		return ks.claimsOf(ctx, txn, esc(r.ID))
	}); err != nil {
		return err
	}
	if err := ks.sweptOutcomes(ctx, txn, user); err != nil {
		return err
	}
	return eachKey(ctx, txn, []byte(feedbackFamily), true, func(k, v []byte) error {
		var f struct {
			schema
			RecID string    `json:"rec_id"`
			User  string    `json:"user"`
			At    time.Time `json:"at"`
		}
		if err := decode(v, &f); err != nil || f.User != user {
			return err
		}
		ks.add(k)
		ks.add(feedbackUserKey(user, f.RecID, f.At))
		return nil
	})
}

// eachKey calls fn with every key (a copy) under prefix and, when values is
// set, its value (valid only during the call). It stops early when ctx is
// done, since a sweep can be long.
func eachKey(ctx context.Context, txn *badger.Txn, prefix []byte, values bool, fn func(k, v []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.Prefix = prefix
	opts.PrefetchValues = values
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		item := it.Item()
		k := item.KeyCopy(nil)
		if !values {
			if err := fn(k, nil); err != nil {
				return err
			}
			continue
		}
		if err := item.Value(func(v []byte) error { return fn(k, v) }); err != nil {
			return err
		}
	}
	return nil
}

// pruneTops drops, from every week's list of best assessments, the ids
// whose record no longer exists, so a forgotten user's ids do not linger
// in the aggregates.
func (b *Store) pruneTops(ctx context.Context) error {
	return b.update(ctx, "forget user: prune week tops", func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(weekFamily)})
		var weeks []string
		for it.Rewind(); it.Valid(); it.Next() {
			var rec weekRecord
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &rec) }); err != nil {
				it.Close()
				return err
			}
			for _, t := range rec.Top {
				if _, err := txn.Get(recKey(t.ID)); errors.Is(err, badger.ErrKeyNotFound) {
					weeks = append(weeks, rec.Week)
					break
				}
			}
		}
		it.Close()
		for _, w := range weeks {
			err := updateWeek(txn, w, func(ws *store.WeekStats) {
				ws.Top = slices.DeleteFunc(ws.Top, func(t store.TopRec) bool {
					_, err := txn.Get(recKey(t.ID))
					return errors.Is(err, badger.ErrKeyNotFound)
				})
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
}
