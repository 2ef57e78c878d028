package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/render"
)

// updateInterval is how often the fallback edits a message while an
// explanation streams, to stay well inside chat.update's rate limit.
const updateInterval = time.Second

// replier posts the engine's messages into one conversation: a thread, or
// a direct message.
type replier struct {
	a       *Server
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
	if m.Private {
		// For the person alone, in the thread they wrote or clicked in.
		_, err := r.a.api.PostEphemeralContext(ctx, r.channel, r.user, r.opts(
			goslack.MsgOptionText(truncate(text, maxMessageRunes), false), goslack.MsgOptionBlocks(blocks...))...)
		if err != nil {
			return fmt.Errorf("slack: post ephemeral %s: %w", m.Kind, err)
		}
		return nil
	}
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
	return r.editStream(ts), nil
}

// nativeStream appends to a chat.startStream message.
type nativeStream struct {
	r    *replier
	ts   string
	text strings.Builder
}

// Write appends the model's words as text: a stream takes Markdown, so
// they are escaped for it (escapeMarkdown) delta by delta, which is sound
// because each character is escaped on its own.
func (s *nativeStream) Write(ctx context.Context, d string) error {
	s.text.WriteString(d)
	_, _, err := s.r.a.api.AppendStreamContext(ctx, s.r.channel, s.ts, goslack.MsgOptionMarkdownText(escapeMarkdown(d)))
	return err
}

// escapeMarkdown keeps a model's (or a person's) words from being read as
// the standard Markdown of chat.appendStream's markdown_text: &, < and >
// become entities, so no mention, autolink or HTML forms; brackets are
// backslash-escaped, so no link, image or link reference forms ([Approve
// budget](https://…)); emphasis, code, heading and table characters too,
// since a model's words are shown as text, never as markup. A backslash is
// escaped as well, so the text cannot undo an escape.
func escapeMarkdown(s string) string { return markdownEscaper.Replace(render.StripControls(s)) }

var markdownEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;",
	"\\", "\\\\", "[", "\\[", "]", "\\]", "*", "\\*", "_", "\\_", "`", "\\`", "~", "\\~", "#", "\\#", "|", "\\|")

// closeContext outlives a cancelled turn by a moment, so a stream cut off
// by shutdown is still closed and explained rather than left open.
func closeContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
}

func (s *nativeStream) Close(ctx context.Context, final string, replace bool) error {
	cancelled := ctx.Err() != nil
	ctx, cancel := closeContext(ctx)
	defer cancel()
	if cancelled && final == "" && s.text.Len() == 0 {
		final = bot.MsgInterrupted
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

// editStream is the fallback stream: one message grown with chat.update,
// at most once per updateInterval (bot.EditStream), what does not fit
// sent as replies at the end.
func (r *replier) editStream(ts string) *bot.EditStream {
	return bot.NewEditStream(updateInterval, r.a.now, func(ctx context.Context, text string, final bool) error {
		parts := splitRunes(text, maxMessageRunes)
		if len(parts) == 0 {
			parts = []string{"…"}
		}
		// Split before escaping, so no cut falls inside an entity.
		if _, _, _, err := r.a.api.UpdateMessageContext(ctx, r.channel, ts, goslack.MsgOptionText(escape(parts[0]), false)); err != nil {
			return fmt.Errorf("slack: update stream message: %w", err)
		}
		if !final {
			return nil
		}
		for _, p := range parts[1:] {
			if err := r.Send(ctx, bot.Outbound{Kind: bot.KindText, Text: p}); err != nil {
				return err
			}
		}
		return nil
	})
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
	opts := []goslack.MsgOption{goslack.MsgOptionText(truncate(text, maxMessageRunes), false), goslack.MsgOptionBlocks(blocks...)}
	if r.responseURL == "" {
		if _, err := r.a.api.PostEphemeralContext(ctx, r.channel, r.user, opts...); err != nil {
			return fmt.Errorf("slack: post ephemeral %s: %w", m.Kind, err)
		}
		return nil
	}
	opts = append(opts, goslack.MsgOptionResponseURL(r.responseURL, goslack.ResponseTypeEphemeral))
	if _, _, err := r.a.api.PostMessageContext(ctx, r.channel, opts...); err != nil {
		return fmt.Errorf("slack: reply privately %s: %w", m.Kind, err)
	}
	return nil
}

// Stream implements bot.Replier; commands never stream.
func (r *privateReplier) Stream(context.Context) (bot.Stream, error) {
	return nil, errNoStream
}

var errNoStream = errors.New("slack: a private reply cannot stream")
