package teamstest

import (
	"context"
	"net/http"
)

// Silence makes the connector take every later call and never answer it,
// as a connector that hangs does: the call is held until the caller gives
// up (its context ends) or the test ends. The token endpoint still
// answers.
func (f *BotFramework) Silence() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.silent = true
}

// Speak ends Silence: the calls held are answered as usual, and so are
// later ones.
func (f *BotFramework) Speak() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.silent {
		f.silent = false
		close(f.speak)
	}
}

// Held is the number of connector calls being held unanswered now, and
// the most held at once so far.
func (f *BotFramework) Held() (now, most int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.held, f.heldMax
}

// AwaitHeld waits until at least n connector calls are held at once, or ctx
// ends.
func (f *BotFramework) AwaitHeld(ctx context.Context, n int) error {
	for {
		f.mu.Lock()
		held, changed := f.held, f.changed
		f.mu.Unlock()
		if held >= n {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// hold holds r unanswered while the connector is silent. It reports
// whether the call is over: true when the caller gave up or the test
// ended, false when the call is to be answered (after Speak, or never
// held).
func (f *BotFramework) hold(r *http.Request) bool {
	f.mu.Lock()
	if !f.silent {
		f.mu.Unlock()
		return false
	}
	f.held++
	f.heldMax = max(f.heldMax, f.held)
	f.notifyLocked()
	speak := f.speak
	f.mu.Unlock()
	over := true
	select {
	case <-r.Context().Done():
	case <-f.gone:
	case <-speak:
		over = false
	}
	f.mu.Lock()
	f.held--
	f.notifyLocked()
	f.mu.Unlock()
	return over
}

func (f *BotFramework) notifyLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}
