package teams

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/bot"
)

// Native streaming, Teams' own way of showing an answer as it is written,
// in personal chats only (learn.microsoft.com, "Stream bot messages",
// REST API). The stream opens with an informative update (a progress bar
// under the chat), whose answer is the streamId; each later update is a
// typing activity with the text so far and a larger streamSequence; the
// final message (streamType final, no sequence) ends it and stays. Teams
// asks for updates no faster than about one a second, with tokens
// buffered for 1.5 to 2 seconds, each sent only once the one before was
// answered. Unlike an edited message, a stream is not marked "Edited",
// and the person can stop it.

// streamEvery is the least time between stream updates.
const streamEvery = 1500 * time.Millisecond

// explaining is the informative update that opens an explanation.
const explaining = "Explaining the recommendation…"

// errNoStreaming: Teams does not stream for this bot or chat (403
// ContentStreamNotAllowed when the stream opens); the explanation is then
// an edited message, as in channels.
var errNoStreaming = errors.New("teams: streaming not allowed here")

// nativeStream opens a stream in the personal chat being answered.
func (r *Replier) nativeStream(ctx context.Context) (bot.Stream, error) {
	open := r.address(Activity{Type: "typing", Text: explaining,
		Entities: []Entity{{Type: "streaminfo", StreamType: "informative", StreamSequence: 1}}})
	id, err := r.Conn.SendActivity(ctx, r.To.ServiceURL, r.To.Conversation.ID, open)
	switch {
	case streamRefused(err):
		return nil, errNoStreaming
	case err != nil:
		return nil, fmt.Errorf("teams: start explanation: %w", err)
	case id == "":
		return nil, errors.New("teams: start explanation: the connector gave no streamId")
	}
	s := &streamState{r: r, id: id, seq: 1}
	return bot.NewEditStream(streamEvery, r.now, s.update), nil
}

type streamState struct {
	r       *Replier
	id      string
	seq     int
	stopped bool   // the person pressed Stop, or Teams ended the stream
	last    string // the text of the last update sent
}

// completeRunes is text without a trailing incomplete UTF-8 sequence.
func completeRunes(text string) string {
	for i := len(text) - 1; i >= 0 && i >= len(text)-utf8.UTFMax; i-- {
		if utf8.RuneStart(text[i]) {
			if !utf8.FullRuneInString(text[i:]) {
				return text[:i]
			}
			return text
		}
	}
	return text
}

// update sends the text so far, or, when final, the message that ends the
// stream. A stream the person stopped takes nothing more; that is theirs
// to decide and not a failure, so the turn goes on (the feedback card
// still comes).
func (s *streamState) update(ctx context.Context, text string, final bool) error {
	if s.stopped {
		return nil
	}
	// The explanation is a model's words: text, never Markdown.
	if !final {
		// A chunk may end inside a character; it is shown once whole.
		text = completeRunes(text)
	}
	if text = shown(text, final); text == "" {
		return nil // nothing to show yet; Teams refuses an update without text
	}
	if !final {
		// Each update must extend the last, as Teams appends what is new
		// (its SDK sends the whole text so far). Escaping can depend on
		// what follows; an update that would rewrite shown text waits
		// for a later one, and the final message shows it all anyway.
		if !strings.HasPrefix(text, s.last) {
			return nil
		}
		s.last = text
	}
	a := Activity{Type: "typing", Text: text}
	if final {
		a.Type, a.TextFormat = "message", "markdown"
		a.Entities = []Entity{{Type: "streaminfo", StreamID: s.id, StreamType: "final"}}
	} else {
		s.seq++
		a.Entities = []Entity{{Type: "streaminfo", StreamID: s.id, StreamType: "streaming", StreamSequence: s.seq}}
	}
	_, err := s.r.Conn.SendActivity(ctx, s.r.To.ServiceURL, s.r.To.Conversation.ID, s.r.address(a))
	switch {
	case streamRefused(err):
		s.stopped = true
		return nil
	case err != nil && final:
		return fmt.Errorf("teams: end explanation: %w", err)
	case err != nil:
		return fmt.Errorf("teams: stream explanation: %w", err)
	}
	return nil
}

// streamRefused reports Teams' refusal of a stream: not allowed for this
// bot or chat, stopped by the person, or ended (403
// ContentStreamNotAllowed).
func streamRefused(err error) bool {
	var e *APIError
	return errors.As(err, &e) && e.Status == http.StatusForbidden && e.Code == "ContentStreamNotAllowed"
}

// shown is an explanation's text as it goes to Teams: escaped, and on the
// last update never empty.
func shown(text string, final bool) string {
	text = escapeMarkdown(text)
	switch {
	case strings.TrimSpace(text) != "":
		return text
	case final:
		return escapeMarkdown(bot.MsgInterrupted)
	}
	return ""
}
