package slack

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot"
)

// updateInterval is how often the fallback edits a message while an
// explanation streams, to stay well inside chat.update's rate limit.
const updateInterval = time.Second

// replier posts the engine's messages into one conversation: a thread, or
// a direct message.
type replier struct {
	a       *Adapter
	channel string
	thread  string
	user    string
	team    string
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
	_, _, err := r.a.api.PostMessageContext(ctx, r.channel, r.opts(
		goslack.MsgOptionText(truncate(text, maxMessageRunes), false),
		goslack.MsgOptionBlocks(blocks...),
	)...)
	if err != nil {
		return fmt.Errorf("slack: post %s: %w", m.Kind, err)
	}
	if m.Kind == bot.KindRecommendation && m.Rec != nil {
		r.a.obs.Recommended(string(m.Rec.Approach))
	}
	return nil
}

// Stream implements bot.Replier with Slack's streaming API, falling back to
// one message edited at most once a second when streaming is refused.
func (r *replier) Stream(ctx context.Context) (bot.Stream, error) {
	team := r.team
	if team == "" {
		team = r.a.teamID
	}
	_, ts, err := r.a.api.StartStreamContext(ctx, r.channel, r.opts(goslack.MsgOptionRecipientUserID(r.user), goslack.MsgOptionRecipientTeamID(team))...)
	if err == nil {
		return &nativeStream{r: r, ts: ts}, nil
	}
	r.a.log(ctx).Info("slack: streaming refused; editing a message instead", "err", err)
	_, ts, err = r.a.api.PostMessageContext(ctx, r.channel, r.opts(goslack.MsgOptionText("…", false))...)
	if err != nil {
		return nil, fmt.Errorf("slack: post stream placeholder: %w", err)
	}
	return &editStream{r: r, ts: ts}, nil
}

// nativeStream appends to a chat.startStream message.
type nativeStream struct {
	r    *replier
	ts   string
	text strings.Builder
}

func (s *nativeStream) Write(ctx context.Context, d string) error {
	s.text.WriteString(d)
	_, _, err := s.r.a.api.AppendStreamContext(ctx, s.r.channel, s.ts, goslack.MsgOptionMarkdownText(d))
	return err
}

// closeContext outlives a cancelled turn by a moment, so a stream cut off
// by shutdown is still closed and explained rather than left open.
func closeContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
}

// msgInterrupted stands in for an explanation cut off by shutdown.
const msgInterrupted = "I was interrupted before I could explain this; say \"why?\" for the reasons."

func (s *nativeStream) Close(ctx context.Context, final string, replace bool) error {
	cancelled := ctx.Err() != nil
	ctx, cancel := closeContext(ctx)
	defer cancel()
	if cancelled && final == "" && s.text.Len() == 0 {
		final = msgInterrupted
	}
	if replace || s.text.Len() == 0 {
		// A stream cannot take text back: close it, delete it, then post
		// the replacement so only the rules' explanation remains.
		if _, _, err := s.r.a.api.StopStreamContext(ctx, s.r.channel, s.ts); err != nil {
			return err
		}
		if s.text.Len() > 0 {
			if _, _, err := s.r.a.api.DeleteMessageContext(ctx, s.r.channel, s.ts); err != nil {
				s.r.a.log(ctx).Warn("slack: could not delete a replaced explanation", "err", err)
			}
		}
		return s.r.Send(ctx, bot.Outbound{Kind: bot.KindText, Text: final})
	}
	_, _, err := s.r.a.api.StopStreamContext(ctx, s.r.channel, s.ts)
	return err
}

// editStream grows one message with chat.update, at most once a second.
type editStream struct {
	r    *replier
	ts   string
	mu   sync.Mutex
	text strings.Builder
	last time.Time
}

func (s *editStream) Write(ctx context.Context, d string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.text.WriteString(d)
	now := s.r.a.now()
	if now.Sub(s.last) < updateInterval {
		return nil
	}
	s.last = now
	return s.update(ctx, s.text.String())
}

func (s *editStream) Close(ctx context.Context, final string, replace bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cancelled := ctx.Err() != nil
	ctx, cancel := closeContext(ctx)
	defer cancel()
	text := s.text.String()
	if replace || text == "" {
		text = final
	}
	if cancelled && text == "" {
		text = msgInterrupted
	}
	if err := s.update(ctx, text); err != nil {
		return err
	}
	// What does not fit in the edited message follows as replies.
	parts := splitRunes(text, maxMessageRunes)
	for _, p := range parts[min(1, len(parts)):] {
		if err := s.r.Send(ctx, bot.Outbound{Kind: bot.KindText, Text: p}); err != nil {
			return err
		}
	}
	return nil
}

func (s *editStream) update(ctx context.Context, text string) error {
	parts := splitRunes(text, maxMessageRunes)
	if len(parts) == 0 {
		parts = []string{"…"}
	}
	_, _, _, err := s.r.a.api.UpdateMessageContext(ctx, s.r.channel, s.ts, goslack.MsgOptionText(parts[0], false))
	if err != nil {
		return fmt.Errorf("slack: update stream message: %w", err)
	}
	return nil
}
