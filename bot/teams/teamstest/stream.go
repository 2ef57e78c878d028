package teamstest

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Native streaming as the connector implements it (learn.microsoft.com,
// "Stream bot messages", REST API): a typing activity with a streaminfo
// entity (streamType informative or streaming, streamSequence 1) starts a
// stream and is answered 201 with its id, the streamId; later typing
// activities carry that streamId and a larger streamSequence (202); a
// message with streamType final and no streamSequence ends it. Streaming
// works only in personal chats, one stream at a time per chat, and a
// stream that ended, or that the person stopped, takes nothing more (403
// ContentStreamNotAllowed).

// maxInformative is the most an informative update may say.
const maxInformative = 1000

type stream struct {
	conv    string
	seq     int
	text    string // the last streaming update's text
	done    bool   // ended by its final message
	stopped bool   // the person pressed Stop
}

// isPersonal reports a personal chat by its id: Teams gives personal chats
// ids beginning "a:", channels and group chats ids beginning "19:".
func isPersonal(conv string) bool { return strings.HasPrefix(conv, "a:") }

// streamInfo is the activity's streaminfo entity, or nil.
func streamInfo(a map[string]any) map[string]any {
	ents, _ := a["entities"].([]any)
	for _, e := range ents {
		if e, ok := e.(map[string]any); ok {
			if t, _ := e["type"].(string); strings.EqualFold(t, "streaminfo") {
				return e
			}
		}
	}
	return nil
}

// streamStep applies one streaming activity to conv. It returns the
// problems, a refusal, or the stream's id (new: the activity starts it)
// and whether the activity is the final message. f.mu must be held.
func (f *BotFramework) streamStep(conv string, a, info map[string]any) (ps []Problem, ref *refusal, id string, started, final bool) {
	bad := func(rule string, r refusal) ([]Problem, *refusal, string, bool, bool) {
		return append(ps, Problem{"entities.streaminfo", rule}), &r, "", false, false
	}
	notAllowed := refusal{403, "ContentStreamNotAllowed", "Content stream is not allowed"}
	if !isPersonal(conv) {
		return bad("streaming is for personal chats only", notAllowed)
	}
	typ, _ := a["type"].(string)
	kind, _ := info["streamType"].(string)
	if kind == "" {
		kind = "streaming"
	}
	seq, hasSeq := info["streamSequence"].(float64)
	id, _ = info["streamId"].(string)
	text, _ := a["text"].(string)
	badRequest := refusal{400, "BadRequest", "The streaming activity is not valid"}
	switch {
	case typ == "typing" && kind != "informative" && kind != "streaming":
		return bad(fmt.Sprintf("a streaming update's streamType is informative or streaming, not %q", kind), badRequest)
	case typ == "message" && kind != "final":
		return bad(fmt.Sprintf("the final message's streamType is final, not %q", kind), badRequest)
	case typ == "typing" && (!hasSeq || seq != float64(int(seq)) || seq < 1):
		return bad("a streaming update needs a streamSequence, a whole number from 1", badRequest)
	case typ == "message" && info["streamSequence"] != nil:
		return bad("the final message must not carry a streamSequence", badRequest)
	case typ == "typing" && strings.TrimSpace(text) == "":
		return bad("streaming activities should include text", badRequest)
	case kind == "informative" && utf8.RuneCountInString(text) > maxInformative:
		return bad(fmt.Sprintf("an informative update of %d characters; at most %d", utf8.RuneCountInString(text), maxInformative), badRequest)
	}
	if id == "" {
		if typ == "message" {
			return bad("the final message needs the streamId of the stream it ends", badRequest)
		}
		if seq != 1 {
			return bad(fmt.Sprintf("a stream starts at streamSequence 1, not %v", seq), badRequest)
		}
		if open := f.openStream[conv]; open != "" {
			return bad("a stream is already open in this chat; Teams streams one response per chat at a time", notAllowed)
		}
		return ps, nil, "", true, false
	}
	s := f.streams[id]
	switch {
	case s == nil || s.conv != conv:
		return bad(fmt.Sprintf("no stream %q in this chat", id), badRequest)
	case s.stopped:
		// The person stopped it: Teams' answer, not the bot's mistake.
		return ps, &refusal{403, "ContentStreamNotAllowed", "Content stream was cancelled by user"}, "", false, false
	case s.done:
		return bad("content stream is not allowed on an already completed streamed message", notAllowed)
	}
	if typ == "message" {
		s.done = true
		delete(f.openStream, conv)
		return ps, nil, id, false, true
	}
	if int(seq) <= s.seq {
		// Teams drops an update that arrives out of order, answering 202.
		return bad(fmt.Sprintf("streamSequence %d after %d; each update's must be larger", int(seq), s.seq),
			refusal{202, "ContentStreamSequenceOrderPreConditionFailed", "PreCondition failed exception when processing streaming activity."})
	}
	s.seq = int(seq)
	if kind == "streaming" {
		// Teams' SDK sends the whole text so far with every update
		// (TeamsStreamingWriter); one that does not extend the last
		// rewrites what the person has read.
		if !strings.HasPrefix(text, s.text) {
			ps = append(ps, Problem{"text", fmt.Sprintf("a streaming update carries the whole text so far; %.40q does not extend the last update %.40q", text, s.text)})
		}
		s.text = text
	}
	return ps, nil, id, false, false
}

// StopEveryStream makes the person press Stop on every stream as soon as
// it opens, until called with false.
func (f *BotFramework) StopEveryStream(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stopAll = on
}

// StopStream is the person pressing Stop on the stream open in conv: the
// connector refuses its later updates and its final message. It reports
// whether a stream was open.
func (f *BotFramework) StopStream(conv string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.openStream[conv]
	if id == "" {
		return false
	}
	f.streams[id].stopped = true
	delete(f.openStream, conv)
	return true
}
