package slack

import (
	"context"
	"errors"
	"fmt"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot"
)

// replier posts the engine's messages into one conversation: a thread, or
// a direct message.
type replier struct {
	a       *Server
	channel string
	thread  string
	user    string
	team    string
	// replyTo is the message the turn answers: the person's message, or
	// the card they clicked; "" when there is none (a submitted form).
	replyTo string
	// posted is the last message Send posted, which a stream replies to
	// when there is no thread and nothing to reply to.
	posted string
	// followup marks a follow-up's messages, so that a reply typed in a
	// thread under one reaches the follow-up (see followupThread).
	followup bool
}

func (r *replier) opts(extra ...goslack.MsgOption) []goslack.MsgOption {
	if r.thread != "" {
		extra = append(extra, goslack.MsgOptionTS(r.thread))
	}
	return extra
}

// Send implements bot.Replier. Text longer than a message holds goes out
// as several messages in order.
func (r *replier) Send(ctx context.Context, m bot.Outbound) error {
	if m.Kind == bot.KindText && len(m.Text) > maxMessageRunes {
		for _, part := range splitRunes(m.Text, maxMessageRunes) {
			if err := r.Send(ctx, bot.Outbound{Kind: bot.KindText, Text: part}); err != nil {
				return err
			}
		}
		return nil
	}
	text, blocks := blocksFor(m)
	if m.Private {
		// For the person alone, in the thread they wrote or clicked in.
		_, err := r.a.api.PostEphemeralContext(ctx, r.channel, r.user, r.opts(
			goslack.MsgOptionText(truncate(text, maxMessageRunes), false), goslack.MsgOptionBlocks(blocks...))...)
		if err != nil {
			return fmt.Errorf("slack: post ephemeral %s: %w", m.Kind, err)
		}
		return nil
	}
	_, ts, err := r.a.api.PostMessageContext(ctx, r.channel, r.opts(
		goslack.MsgOptionText(truncate(text, maxMessageRunes), false),
		goslack.MsgOptionBlocks(blocks...),
	)...)
	if err != nil {
		return fmt.Errorf("slack: post %s: %w", m.Kind, err)
	}
	r.posted = ts
	if r.followup {
		r.a.rememberFollowup(ctx, r.user, r.channel, ts)
	}
	if m.Kind == bot.KindRecommendation && m.Rec != nil {
		r.a.obs.Recommended(string(m.Rec.Approach))
	}
	return nil
}

// privateReplier answers a command so only its person sees it: through
// the command's or click's response_url, which works in every channel,
// including ones the bot is not a member of, else as an ephemeral message.
type privateReplier struct {
	a           *Server
	responseURL string
	channel     string
	user        string
}

// Send implements bot.Replier.
func (r *privateReplier) Send(ctx context.Context, m bot.Outbound) error {
	text, blocks := blocksFor(m)
	text = truncate(text, maxMessageRunes)
	if r.responseURL == "" {
		_, err := r.a.api.PostEphemeralContext(ctx, r.channel, r.user, goslack.MsgOptionText(text, false), goslack.MsgOptionBlocks(blocks...))
		if err != nil {
			return fmt.Errorf("slack: post ephemeral %s: %w", m.Kind, err)
		}
		return nil
	}
	if err := r.a.respond(ctx, r.responseURL, ephemeralResponse(text, blocks)); err != nil {
		return fmt.Errorf("slack: reply privately %s: %w", m.Kind, err)
	}
	return nil
}

// Stream implements bot.Replier; commands never stream.
func (r *privateReplier) Stream(context.Context) (bot.Stream, error) {
	return nil, errNoStream
}

var errNoStream = errors.New("slack: a private reply cannot stream")
