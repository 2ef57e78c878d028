package bottest

import (
	"sync"
	"time"
)

// Clock is a settable clock for the engine, the store and the follow-up
// schedule (bot.Clock). Its After never fires: tests call Pass themselves.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a Clock at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now implements bot.Clock.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// After implements bot.Clock; it never fires.
func (*Clock) After(time.Duration) <-chan time.Time { return make(chan time.Time) }
