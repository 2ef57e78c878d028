package explain

import (
	"context"
	"sync"
	"time"
)

// MemCache is an in-memory [Cache] with a time to live and a size bound;
// the oldest entry goes first when it is full. The store provides the
// persistent one.
type MemCache struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu      sync.Mutex
	entries map[string]memEntry
	order   []string // insertion order, for eviction
}

type memEntry struct {
	text    string
	expires time.Time
}

// NewMemCache returns a cache holding at most max entries for ttl each.
func NewMemCache(ttl time.Duration, max int) *MemCache {
	return &MemCache{ttl: ttl, max: max, now: time.Now, entries: map[string]memEntry{}}
}

// Get implements Cache.
func (c *MemCache) Get(_ context.Context, key string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || c.now().After(e.expires) {
		return "", false, nil
	}
	return e.text, true, nil
}

// Put implements Cache.
func (c *MemCache) Put(_ context.Context, key, text string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok {
		c.order = append(c.order, key)
	}
	c.entries[key] = memEntry{text: text, expires: c.now().Add(c.ttl)}
	for len(c.entries) > c.max && len(c.order) > 0 {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	return nil
}
