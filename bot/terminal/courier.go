package terminal

import (
	"context"
	"time"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// The terminal as a bot.Courier: a follow-up due for the person at the
// terminal is asked in their session, before it resumes. Their time zone
// does not matter: they are at the keyboard.

// Location implements bot.Courier.
func (s *Session) Location(context.Context, store.AssessmentRef) (*time.Location, error) {
	return time.Local, nil // the machine's zone is the operator's; quiet hours are skipped anyway
}

// Direct implements bot.Courier: the session's own conversation.
func (s *Session) Direct(_ context.Context, ref store.AssessmentRef) (store.ConvKey, bot.Replier, error) {
	return Key(ref.User), s, nil
}
