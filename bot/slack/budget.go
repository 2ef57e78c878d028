package slack

import (
	"sync"
	"time"
)

// Slack limits each Web API method per app and workspace, not per channel
// or per message (docs.slack.dev/apis/web-api/rate-limits): chat.update is
// Tier 3 (about 50 calls a minute), chat.startStream and chat.stopStream
// Tier 2 (about 20), chat.appendStream Tier 4 (about 100). The
// explanations of every conversation draw on the same allowance, so the
// server keeps one budget per method for all of them: calls that can wait
// (an edit of a growing message, an append while text keeps coming) are
// made only while the minute has room, and leave a reserve for the calls
// that cannot (the last edit, closing a stream), which are always made
// and counted.
var tiers = map[string]int{
	"chat.update":       50,
	"chat.startStream":  20,
	"chat.appendStream": 100,
	"chat.stopStream":   20,
}

// reserveShare is the part of a minute's calls optional calls leave for
// necessary ones.
const reserveShare = 0.1

// budget is the server's allowance of the rate-limited methods, refilled
// evenly over each minute on its clock.
type budget struct {
	now func() time.Time

	mu   sync.Mutex
	left map[string]*allowance
}

type allowance struct {
	calls float64
	at    time.Time
}

func newBudget(now func() time.Time) *budget {
	return &budget{now: now, left: map[string]*allowance{}}
}

// try spends one call of method if more than the reserve is left, and
// reports whether it did; a method without a tier is always allowed.
func (b *budget) try(method string) bool {
	return b.take(method, false)
}

// spend spends one call of method that has to be made, however little is
// left; later optional calls wait until the minute has room again.
func (b *budget) spend(method string) {
	b.take(method, true)
}

func (b *budget) take(method string, must bool) bool {
	perMinute, ok := tiers[method]
	if !ok {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	now, full := b.now(), float64(perMinute)
	a := b.left[method]
	if a == nil {
		a = &allowance{calls: full, at: now}
		b.left[method] = a
	}
	if now.After(a.at) {
		a.calls = min(full, a.calls+now.Sub(a.at).Minutes()*full)
		a.at = now
	}
	if !must && a.calls < 1+reserveShare*full {
		return false
	}
	a.calls--
	return true
}
