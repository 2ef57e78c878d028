package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/render"
)

// An explanation grows in Slack one of two ways: natively
// (chat.startStream, appendStream, stopStream), which Slack renders as a
// reply to the message that asked for it; or, when Slack refuses to
// stream, as one message edited with chat.update. Both draw on the
// server's budget (budget.go), because Slack's limits are per workspace.
const (
	// appendBuffer is how much text a native stream gathers before an
	// append, as Slack's Node SDK does (its buffer_size, 256 characters),
	// so an explanation takes a few appends rather than one a sentence.
	appendBuffer = 256
	// maxAppendRunes is the most text one append carries: escaped for
	// Markdown it grows at most fivefold ("&" is "&amp;"), which keeps it
	// under Slack's 12,000 characters a call.
	maxAppendRunes = 2000
	// updateInterval is how often the fallback edits its message at most.
	updateInterval = time.Second
)

// Stream implements bot.Replier: a native stream replying to the
// conversation's thread, else to the message the turn answers (in a
// top-level DM, the person's message), else to the card just posted;
// one message grown by edits when there is nothing to reply to, when the
// minute's streams are spent, or when Slack refuses.
func (r *replier) Stream(ctx context.Context) (bot.Stream, error) {
	team := r.team
	if team == "" {
		team = r.a.teamID
	}
	switch parent := r.streamParent(); {
	case parent == "":
		r.a.log(ctx).Debug("slack: nothing to reply to; editing a message instead of streaming")
	case !r.a.budget.try("chat.startStream"):
		r.a.log(ctx).Debug("slack: this minute's streams are spent; editing a message instead")
	default:
		_, ts, err := r.a.api.StartStreamContext(ctx, r.channel, goslack.MsgOptionTS(parent),
			goslack.MsgOptionRecipientUserID(r.user), goslack.MsgOptionRecipientTeamID(team))
		if err == nil {
			return &nativeStream{r: r, ts: ts}, nil
		}
		r.a.log(ctx).Info("slack: streaming refused; editing a message instead", "err", err)
	}
	_, ts, err := r.a.api.PostMessageContext(ctx, r.channel, r.opts(goslack.MsgOptionText("…", false))...)
	if err != nil {
		return nil, fmt.Errorf("slack: post stream placeholder: %w", err)
	}
	return r.editStream(ts), nil
}

// streamParent is the message a native stream replies to: Slack wants
// streamed messages to be replies (chat.startStream without thread_ts is
// invalid_arguments).
func (r *replier) streamParent() string {
	switch {
	case r.thread != "":
		return r.thread
	case r.replyTo != "":
		return r.replyTo
	}
	return r.posted
}

// nativeStream appends to a chat.startStream message.
type nativeStream struct {
	r  *replier
	ts string

	written int             // runes written, sent or not
	sent    int             // runes appended to Slack
	pending strings.Builder // written, not yet appended
	npend   int             // its runes
	// stopped is set once the person pressed Stop: Slack answers every
	// later call on the stream with stopped_by_user, so nothing more is
	// sent, and the turn goes on without the rest of the explanation.
	stopped bool
}

// Write gathers the model's words and appends them appendBuffer at a
// time, while the workspace's minute of appends has room; a person who
// stopped the stream gets no more of it, and the turn goes on.
func (s *nativeStream) Write(ctx context.Context, d string) error {
	if s.stopped {
		return nil
	}
	n := utf8.RuneCountInString(d)
	s.written += n
	s.pending.WriteString(d)
	s.npend += n
	switch {
	case s.npend >= maxAppendRunes:
		return s.flush(ctx, 0) // too much to keep gathering
	case s.npend >= appendBuffer && s.r.a.budget.try("chat.appendStream"):
		return s.flush(ctx, 1)
	}
	return nil
}

// flush appends the pending text, maxAppendRunes at a time, spending the
// budget for each append beyond the paid ones. Text is escaped as it goes
// out: escapeMarkdown escapes each character on its own, so where it was
// cut does not matter.
func (s *nativeStream) flush(ctx context.Context, paid int) error {
	text := s.pending.String()
	s.pending.Reset()
	s.npend = 0
	for i, part := range cutRunes(text, maxAppendRunes) {
		if i >= paid {
			s.r.a.budget.spend("chat.appendStream")
		}
		_, _, err := s.r.a.api.AppendStreamContext(ctx, s.r.channel, s.ts, goslack.MsgOptionMarkdownText(escapeMarkdown(part)))
		if stoppedByUser(err) {
			s.stop(ctx)
			return nil
		}
		if err != nil {
			return fmt.Errorf("slack: append to stream: %w", err)
		}
		s.sent += utf8.RuneCountInString(part)
	}
	return nil
}

func (s *nativeStream) stop(ctx context.Context) {
	s.stopped = true
	s.pending.Reset()
	s.npend = 0
	s.r.a.log(ctx).Info("slack: the person stopped the explanation")
}

// stoppedByUser reports Slack's answer to a call on a stream the person
// stopped.
func stoppedByUser(err error) bool {
	var se goslack.SlackErrorResponse
	return errors.As(err, &se) && se.Err == "stopped_by_user"
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

// Close ends the stream with the text still pending. When final replaces
// what was written, text not yet sent is dropped and final takes its
// place; text Slack already shows cannot be taken back, so that message
// is closed, deleted and final posted instead. A stream the person stopped
// is closed already: only a replacement is still posted, because the
// words left standing are the ones that failed the check.
func (s *nativeStream) Close(ctx context.Context, final string, replace bool) error {
	ctx, cancel := closeContext(ctx)
	defer cancel()
	if s.written == 0 && final == "" {
		final = bot.MsgInterrupted
	}
	if replace || s.written == 0 {
		s.pending.Reset()
		if s.sent == 0 && !s.stopped {
			s.pending.WriteString(final)
		}
	}
	if s.stopped || (replace && s.sent > 0) {
		return s.replace(ctx, final, replace && s.sent > 0)
	}
	if s.npend = utf8.RuneCountInString(s.pending.String()); s.npend > maxAppendRunes {
		// Keep the last piece for stopStream.
		parts := cutRunes(s.pending.String(), maxAppendRunes)
		s.pending.Reset()
		s.pending.WriteString(strings.Join(parts[:len(parts)-1], ""))
		if err := s.flush(ctx, 0); err != nil || s.stopped {
			return err
		}
		s.pending.WriteString(parts[len(parts)-1])
	}
	s.r.a.budget.spend("chat.stopStream")
	var opts []goslack.MsgOption
	if s.pending.Len() > 0 {
		opts = append(opts, goslack.MsgOptionMarkdownText(escapeMarkdown(s.pending.String())))
	}
	_, _, err := s.r.a.api.StopStreamContext(ctx, s.r.channel, s.ts, opts...)
	if stoppedByUser(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("slack: stop stream: %w", err)
	}
	return nil
}

// replace takes a stream's text back: closes the stream unless the person
// did, deletes its message when it shows what final replaces, and posts
// final.
func (s *nativeStream) replace(ctx context.Context, final string, shown bool) error {
	if !s.stopped {
		s.r.a.budget.spend("chat.stopStream")
		if _, _, err := s.r.a.api.StopStreamContext(ctx, s.r.channel, s.ts); err != nil && !stoppedByUser(err) {
			return fmt.Errorf("slack: stop stream: %w", err)
		}
	}
	if !shown {
		return nil
	}
	if _, _, err := s.r.a.api.DeleteMessageContext(ctx, s.r.channel, s.ts); err != nil {
		s.r.a.log(ctx).Warn("slack: could not delete a replaced explanation", "err", err)
	}
	return s.r.Send(ctx, bot.Outbound{Kind: bot.KindText, Text: final})
}

// editStream is the fallback stream: one message grown with chat.update,
// at most once per updateInterval (bot.EditStream) and only while the
// workspace's minute of edits has room, what does not fit sent as replies
// at the end.
func (r *replier) editStream(ts string) *bot.EditStream {
	return bot.NewEditStream(updateInterval, r.a.now, func(ctx context.Context, text string, final bool) error {
		if !final && !r.a.budget.try("chat.update") {
			return nil // the next write tries again; the final edit shows everything
		}
		if final {
			r.a.budget.spend("chat.update")
		}
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

// cutRunes cuts s into pieces of at most n runes, exactly: stream text is
// joined again by Slack, so nothing may be trimmed.
func cutRunes(s string, n int) []string {
	var out []string
	for utf8.RuneCountInString(s) > n {
		i, k := 0, 0
		for k < n {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			k++
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}
