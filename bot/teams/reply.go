package teams

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/advisorbot/advisorbot/bot"
)

// updateEvery is the least time between edits of a streamed explanation:
// Teams throttles bots per conversation, so the message grows about once a
// second rather than per token.
const updateEvery = time.Second

// Replier answers one conversation through the Bot Connector; it implements
// bot.Replier.
type Replier struct {
	Conn *Connector
	To   Activity // the activity being answered: addressing and serviceUrl
	Now  func() time.Time
	// Observer hears of recommendation cards sent; nil: none.
	Observer Observer
}

func (r *Replier) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Replier) address(a Activity) Activity {
	a.From, a.Recipient, a.Conversation = r.To.Recipient, r.To.From, r.To.Conversation
	if r.To.Conversation != nil && r.To.Conversation.ConversationType == "channel" {
		// In a channel, answers go into the thread of the message answered.
		a.ReplyToID = r.To.ID
	}
	return a
}

// Send implements bot.Replier.
func (r *Replier) Send(ctx context.Context, m bot.Outbound) error {
	_, err := r.Conn.SendActivity(ctx, r.To.ServiceURL, r.To.Conversation.ID, r.address(activityFor(m)))
	if err != nil {
		return fmt.Errorf("teams: send %s: %w", m.Kind, err)
	}
	if m.Kind == bot.KindRecommendation && m.Rec != nil {
		observer(r.Observer).Recommended(string(m.Rec.Approach))
	}
	return nil
}

// sendActivity sends an activity of the adapter's own (a confirmation card).
func (r *Replier) sendActivity(ctx context.Context, a Activity) error {
	if _, err := r.Conn.SendActivity(ctx, r.To.ServiceURL, r.To.Conversation.ID, r.address(a)); err != nil {
		return fmt.Errorf("teams: send: %w", err)
	}
	return nil
}

// Stream implements bot.Replier: one message, edited as the explanation
// grows, at most once per updateEvery, and once more at the end.
func (r *Replier) Stream(ctx context.Context) (bot.Stream, error) {
	first := r.address(Activity{Type: "message", Text: "…", TextFormat: "markdown"})
	id, err := r.Conn.SendActivity(ctx, r.To.ServiceURL, r.To.Conversation.ID, first)
	if err != nil {
		return nil, fmt.Errorf("teams: start explanation: %w", err)
	}
	return &stream{r: r, id: id, last: r.now()}, nil
}

type stream struct {
	r    *Replier
	id   string
	mu   sync.Mutex
	text strings.Builder
	last time.Time
}

func (s *stream) update(ctx context.Context, text string) error {
	a := s.r.address(Activity{Type: "message", Text: text, TextFormat: "markdown"})
	if s.id == "" {
		// The connector gave no id to edit: send the text anew instead.
		id, err := s.r.Conn.SendActivity(ctx, s.r.To.ServiceURL, s.r.To.Conversation.ID, a)
		if err != nil {
			return fmt.Errorf("teams: send explanation: %w", err)
		}
		s.id, s.last = id, s.r.now()
		return nil
	}
	if err := s.r.Conn.UpdateActivity(ctx, s.r.To.ServiceURL, s.r.To.Conversation.ID, s.id, a); err != nil {
		return fmt.Errorf("teams: update explanation: %w", err)
	}
	s.last = s.r.now()
	return nil
}

func (s *stream) Write(ctx context.Context, delta string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.text.WriteString(delta)
	if s.r.now().Sub(s.last) < updateEvery {
		return nil
	}
	return s.update(ctx, s.text.String())
}

func (s *stream) Close(ctx context.Context, final string, replace bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	text := s.text.String()
	if replace || (final != "" && text == "") {
		text = final
	}
	if text == "" {
		text = "(no explanation)"
	}
	return s.update(ctx, text)
}
