package badgerstore

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/dgraph-io/badger/v4"
)

// GetConversation implements store.Store.
func (b *Store) GetConversation(ctx context.Context, key store.ConvKey) (store.Conversation, error) {
	var rec convRecord
	err := b.view(ctx, "get conversation", func(txn *badger.Txn) error {
		return getValue(txn, convKey(key), &rec)
	})
	if err != nil {
		return store.Conversation{}, err
	}
	return rec.Conversation, nil
}

// SaveConversation implements store.Store. The conversation and its user
// index entry live for the retention period from this save.
func (b *Store) SaveConversation(ctx context.Context, c store.Conversation) error {
	c.UpdatedAt = b.now()
	if c.CreatedAt.IsZero() {
		c.CreatedAt = c.UpdatedAt
	}
	val, err := json.Marshal(convRecord{current, c})
	if err != nil {
		return wrapErr("save conversation", err)
	}
	key := convKey(c.Key)
	exp := expiresIn(b.retention)
	return b.update(ctx, "save conversation", func(txn *badger.Txn) error {
		// A conversation that changed hands must leave its former user's
		// index, or OpenConversations and ForgetUser would look in the
		// wrong place. Reading it also makes concurrent saves of one
		// conversation conflict and retry instead of interleaving.
		var old struct {
			schema
			User string `json:"user"`
		}
		switch err := getValue(txn, key, &old); {
		case err == nil && old.User != c.User:
			if err := txn.Delete(convUserKey(old.User, c.Key)); err != nil {
				return err
			}
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return err
		}
		if err := setEntry(txn, key, val, exp); err != nil {
			return err
		}
		return setEntry(txn, convUserKey(c.User, c.Key), []byte(c.Phase), exp)
	})
}

// OpenConversations implements store.Store. It walks the user's index
// entries on the platform, whose values are the phases, and loads the
// unfinished ones.
func (b *Store) OpenConversations(ctx context.Context, platform, user string) ([]store.Conversation, error) {
	var out []store.Conversation
	err := b.view(ctx, "open conversations", func(txn *badger.Txn) error {
		out = nil
		prefix := convUserPrefix(user, platform)
		if platform == "" {
			// Keep "" a platform of its own, as in the Mem store, rather
			// than a wildcard.
			prefix = append(prefix, '/')
		}
		var keys [][]byte
		opts := badger.DefaultIteratorOptions
		opts.Prefix = prefix
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			item := it.Item()
			var finished bool
			if err := item.Value(func(v []byte) error {
				finished = store.Phase(v) == store.PhaseFinished
				return nil
			}); err != nil {
				return err
			}
			if !finished {
				keys = append(keys, convKeyOfIndex(user, item.Key()))
			}
		}
		for _, k := range keys {
			var rec convRecord
			err := getValue(txn, k, &rec)
			if errors.Is(err, store.ErrNotFound) {
				continue // expired between the index entry and now
			}
			if err != nil {
				return err
			}
			c := rec.Conversation
			if c.User == user && c.Key.Platform == platform && c.Phase != store.PhaseFinished {
				out = append(out, c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b store.Conversation) int {
		if c := b.UpdatedAt.Compare(a.UpdatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.Key.String(), b.Key.String())
	})
	return out, nil
}
