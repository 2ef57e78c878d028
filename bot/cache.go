package bot

import (
	"context"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

// StoreCache keeps explanations in the store, so a restart does not pay
// for the same explanation twice. It implements explain.Cache.
type StoreCache struct {
	Store store.Store
	TTL   time.Duration
}

// Get implements explain.Cache.
func (c StoreCache) Get(ctx context.Context, key string) (string, bool, error) {
	return c.Store.CacheGet(ctx, key)
}

// Put implements explain.Cache.
func (c StoreCache) Put(ctx context.Context, key, text string) error {
	return c.Store.CachePut(ctx, key, text, c.TTL)
}
