package bot

import (
	"context"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

// StoreCache keeps explanations in the store, so a restart does not pay
// for the same explanation twice. It implements explain.Cache.
//
// An explanation quotes the person whose assessment it explains, so its
// entry is filed under that person (store.UserCacheKey), from the context
// the engine explains in, and "forget me" deletes it with the rest.
type StoreCache struct {
	Store store.Store
	TTL   time.Duration
}

// Get implements explain.Cache.
func (c StoreCache) Get(ctx context.Context, key string) (string, bool, error) {
	return c.Store.CacheGet(ctx, ownKey(ctx, key))
}

// Put implements explain.Cache.
func (c StoreCache) Put(ctx context.Context, key, text string) error {
	return c.Store.CachePut(ctx, ownKey(ctx, key), text, c.TTL)
}

// ownerKey is the context key of the person whose words are being
// explained.
type ownerKey struct{}

// withOwner marks ctx as working on user's words.
func withOwner(ctx context.Context, user string) context.Context {
	return context.WithValue(ctx, ownerKey{}, user)
}

// ownKey files key under the person ctx works for, if any.
func ownKey(ctx context.Context, key string) string {
	if user, _ := ctx.Value(ownerKey{}).(string); user != "" {
		return store.UserCacheKey(user, key)
	}
	return key
}
