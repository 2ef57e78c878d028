package badgerstore

import (
	"context"
	"errors"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// The follow-up loop's part of ForgetUser: outcomes with their pointers
// and index entries, and the follow-up claims of the user's assessments.

// claimsOf adds the follow-up claims of the assessment whose escaped id
// is escID.
func (ks *keySet) claimsOf(ctx context.Context, txn *badger.Txn, escID string) error {
	if ks.claims[escID] {
		return nil
	}
	ks.claims[escID] = true
	return eachKey(ctx, txn, claimPrefixAt(escID), false, func(k, _ []byte) error {
		ks.add(k)
		return nil
	})
}

// outcomeOf adds the outcome pointer of escID with the outcome it points
// at and its user index entry, when the pointer is user's.
func (ks *keySet) outcomeOf(txn *badger.Txn, user, escID string) error {
	var ptr outcomePointer
	switch err := getValue(txn, outcomeKeyAt(escID), &ptr); {
	case errors.Is(err, store.ErrNotFound):
		return nil
	case err != nil:
		return err
	case ptr.User == user:
		ks.add(outcomeKeyAt(escID))
		ks.add(outcomeTimeKeyAt(ptr.At, escID))
		ks.add(outcomeUserKeyAt(user, escID))
	}
	return nil
}

// sweptOutcomes adds every outcome and outcome pointer that names the
// user, with their index entries and the claims of their assessments.
func (ks *keySet) sweptOutcomes(ctx context.Context, txn *badger.Txn, user string) error {
	var escIDs []string
	if err := eachKey(ctx, txn, outcomeTimePrefix, true, func(k, v []byte) error {
		o, err := decodeOutcome(v)
		if err != nil || o.User != user {
			return err
		}
		ks.add(k)
		ks.add(outcomeUserKey(user, o.RecID))
		escIDs = append(escIDs, esc(o.RecID))
		return nil
	}); err != nil {
		return err
	}
	if err := eachKey(ctx, txn, []byte(outcomeFamily), true, func(k, v []byte) error {
		var ptr outcomePointer
		if err := decode(v, &ptr); err != nil || ptr.User != user {
			return err
		}
		escIDs = append(escIDs, recIDOfOutcomeKey(k))
		return nil
	}); err != nil {
		return err
	}
	for _, escID := range escIDs {
		if err := ks.outcomeOf(txn, user, escID); err != nil {
			return err
		}
		if err := ks.claimsOf(ctx, txn, escID); err != nil {
			return err
		}
	}
	return nil
}
