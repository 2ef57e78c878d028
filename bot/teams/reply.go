package teams

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot"
)

// updateEvery is the least time between edits of a streamed explanation
// in a channel or group chat: Teams throttles bots per conversation, so the
// message grows about once a second rather than per token.
const updateEvery = time.Second

// Replier answers one conversation through the Bot Connector; it implements
// bot.Replier.
type Replier struct {
	Conn *Connector
	To   Activity // the activity being answered: addressing and serviceUrl
	Now  func() time.Time
	// Observer hears of recommendation cards sent; nil: none.
	Observer Observer

	// answered is set once a message was sent, refused once it was an
	// error or a private note: the engine did not take what it answered
	// as asked (answered.go).
	answered, refused bool
	// recommended is set once a recommendation was sent: an assessment
	// was made.
	recommended bool
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
	r.answered = true
	if m.Kind == bot.KindError || m.Private {
		r.refused = true
	}
	a := activityFor(m)
	if empty(a) {
		return nil // nothing to show; Teams refuses an empty message
	}
	if m.Private && isGroup(r.To) && r.To.From != nil && r.To.Recipient != nil {
		return r.sendPrivately(ctx, m)
	}
	_, err := r.Conn.SendActivity(ctx, r.To.ServiceURL, r.To.Conversation.ID, r.address(a))
	if err != nil {
		return fmt.Errorf("teams: send %s: %w", m.Kind, err)
	}
	if m.Kind == bot.KindRecommendation && m.Rec != nil {
		r.recommended = true
		observer(r.Observer).Recommended(string(m.Rec.Approach))
	}
	return nil
}

// empty reports a message with nothing to show: no text (what was
// written had only invisible characters), no card.
func empty(a Activity) bool {
	return strings.TrimSpace(a.Text) == "" && len(a.Attachments) == 0
}

// Stream implements bot.Replier. In a personal chat the explanation is
// streamed natively (stream.go); in a channel or group chat, where Teams
// does not stream, it is one message edited as the explanation grows, at
// most once per updateEvery (bot.EditStream), and once more at the end.
func (r *Replier) Stream(ctx context.Context) (bot.Stream, error) {
	if r.To.Conversation != nil && r.To.Conversation.ConversationType == "personal" {
		s, err := r.nativeStream(ctx)
		if !errors.Is(err, errNoStreaming) {
			return s, err
		}
	}
	return r.editStream(ctx)
}

// editStream is the explanation as one message edited as it grows.
func (r *Replier) editStream(ctx context.Context) (bot.Stream, error) {
	first := r.address(Activity{Type: "message", Text: "…", TextFormat: "markdown"})
	id, err := r.Conn.SendActivity(ctx, r.To.ServiceURL, r.To.Conversation.ID, first)
	if err != nil {
		return nil, fmt.Errorf("teams: start explanation: %w", err)
	}
	return bot.NewEditStream(updateEvery, r.now, func(ctx context.Context, text string, final bool) error {
		// The explanation is a model's words: text, never Markdown.
		if text = shown(text, final); text == "" {
			return nil // nothing to show yet; Teams refuses an empty message
		}
		a := r.address(Activity{Type: "message", Text: text, TextFormat: "markdown"})
		if id == "" {
			// The connector gave no id to edit: send the text anew instead.
			if id, err = r.Conn.SendActivity(ctx, r.To.ServiceURL, r.To.Conversation.ID, a); err != nil {
				return fmt.Errorf("teams: send explanation: %w", err)
			}
			return nil
		}
		if err := r.Conn.UpdateActivity(ctx, r.To.ServiceURL, r.To.Conversation.ID, id, a); err != nil {
			return fmt.Errorf("teams: update explanation: %w", err)
		}
		return nil
	}), nil
}
