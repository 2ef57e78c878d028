package bot

import (
	"context"
	"strings"
	"sync"
	"time"
)

// EditStream is the Stream of a platform that grows an explanation by
// editing one message (Slack without its streaming API, Teams): it shows
// the text so far at most once per Every, so chat platforms' per-message
// rate limits are never near, and once more when it closes. Edit shows the
// whole text; final is set on the last call, where a platform sends what
// does not fit in one message as follow-ups.
type EditStream struct {
	Edit  func(ctx context.Context, text string, final bool) error
	Every time.Duration    // 0: a second
	Now   func() time.Time // nil: time.Now

	mu   sync.Mutex
	text strings.Builder
	last time.Time
}

// NewEditStream starts an EditStream on a message just posted (its
// placeholder), so the first edit waits its turn too.
func NewEditStream(every time.Duration, now func() time.Time, edit func(ctx context.Context, text string, final bool) error) *EditStream {
	s := &EditStream{Edit: edit, Every: every, Now: now}
	s.last = s.now()
	return s
}

// closeGrace is how long a stream cut off by a cancelled turn (a shutdown)
// still has to show its last text, so it is not left half-written.
const closeGrace = 2 * time.Second

// Write implements Stream.
func (s *EditStream) Write(ctx context.Context, delta string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.text.WriteString(delta)
	now := s.now()
	if now.Sub(s.last) < s.every() {
		return nil
	}
	s.last = now
	return s.Edit(ctx, s.text.String(), false)
}

// Close implements Stream. When replace is set, or nothing was written,
// final is shown instead; a stream cut off before it had any text says it
// was interrupted.
func (s *EditStream) Close(ctx context.Context, final string, replace bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	text := s.text.String()
	if replace || text == "" {
		text = final
	}
	if text == "" {
		text = MsgInterrupted
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), closeGrace)
	defer cancel()
	return s.Edit(ctx, text, true)
}

func (s *EditStream) every() time.Duration {
	if s.Every <= 0 {
		return time.Second
	}
	return s.Every
}

func (s *EditStream) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now() // the system clock, when the adapter sets none
}
