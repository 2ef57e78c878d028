package slacktest

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Slack's streaming methods: chat.startStream starts a reply, appendStream
// adds Markdown, stopStream ends it. Streams are replies (thread_ts), need
// their recipient outside DMs, and end for good when the person presses
// Stop (StopStream, StopStreamsAfter).

// maxStreamText is Slack's limit on markdown_text per streaming call.
const maxStreamText = 12000

func (f *Fake) chatStartStream(r *apiRequest) (obj, string) {
	if f.refusal != "" {
		return nil, f.refusal
	}
	ch, code := f.resolveChannel(r.get("channel"))
	if code != "" {
		return nil, code
	}
	// "Streamed messages should always be replies to a user request":
	// Slack wants the thread, and outside IMs whose client renders the
	// stream. The exact error code for a missing recipient is not
	// documented.
	if r.get("thread_ts") == "" {
		r.details = append(r.details, "[ERROR] missing required field: thread_ts")
		return nil, "invalid_arguments"
	}
	if !strings.HasPrefix(ch, "D") && (r.get("recipient_user_id") == "" || r.get("recipient_team_id") == "") {
		r.details = append(r.details, "[ERROR] recipient_user_id and recipient_team_id are required outside DMs")
		return nil, "invalid_arguments"
	}
	m := f.botMessage(ch, r.get("thread_ts"))
	m.Streamed, m.Streaming = true, true
	if code := f.appendStream(m, r); code != "" {
		return nil, code
	}
	f.addMessage(m)
	f.botReplied(ch, m.ThreadTS)
	if f.stopAfter == 0 {
		m.stop()
	}
	return obj{"channel": ch, "ts": m.TS}, ""
}

func (f *Fake) chatAppendStream(r *apiRequest) (obj, string) {
	m, code := f.streamingMessage(r)
	if code != "" {
		return nil, code
	}
	if r.get("markdown_text") == "" && r.raw("chunks") == nil {
		return nil, "invalid_arguments"
	}
	if code := f.appendStream(m, r); code != "" {
		return nil, code
	}
	touch(m)
	m.Appends++
	if f.stopAfter >= 0 && m.Appends >= f.stopAfter {
		m.stop()
	}
	return obj{"channel": m.Channel, "ts": m.TS}, ""
}

func (f *Fake) chatStopStream(r *apiRequest) (obj, string) {
	m, code := f.streamingMessage(r)
	if code != "" {
		return nil, code
	}
	if code := f.appendStream(m, r); code != "" {
		return nil, code
	}
	if blocks := r.raw("blocks"); !isEmptyArray(blocks) {
		if code := f.checkMessage(r, "", blocks, nil, nil); code != "" {
			return nil, code
		}
		m.Blocks = blocks
	}
	if md := r.raw("metadata"); md != nil {
		m.Metadata = md
	}
	m.Streaming = false
	touch(m)
	return obj{"channel": m.Channel, "ts": m.TS, "message": f.wire(m)}, ""
}

// appendStream adds a call's markdown_text and chunks to a stream.
func (f *Fake) appendStream(m *Message, r *apiRequest) string {
	md := r.get("markdown_text")
	if code := f.checkStreamText(r, md); code != "" {
		return code
	}
	m.Text += md
	if raw := r.raw("chunks"); raw != nil {
		var chunks []json.RawMessage
		if json.Unmarshal(raw, &chunks) != nil {
			return "invalid_chunks"
		}
		for _, c := range chunks {
			var md struct {
				Type string `json:"type"`
				Text string `json:"text"`
			}
			_ = json.Unmarshal(c, &md)
			if md.Type == "markdown_text" {
				m.Text += md.Text
			} else {
				m.Chunks = append(m.Chunks, c)
			}
		}
	}
	return ""
}

func (f *Fake) streamingMessage(r *apiRequest) (*Message, string) {
	m, code := f.ownMessage(r, "message_not_owned_by_app")
	if code != "" {
		return nil, code
	}
	switch {
	case m.StoppedByUser:
		return nil, "stopped_by_user"
	case !m.Streaming:
		return nil, "message_not_in_streaming_state"
	}
	return m, ""
}

// StopStream is the person pressing Stop on the bot's streaming message:
// from then on chat.appendStream and chat.stopStream answer
// stopped_by_user.
func (f *Fake) StopStream(channel, ts string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.findMessage(channel, ts)
	if m == nil || !m.Streaming {
		return fmt.Errorf("slacktest: no stream at %s %s", channel, ts)
	}
	m.stop()
	f.notify()
	return nil
}

// StopStreamsAfter makes the person stop every stream once it has taken n
// chat.appendStream calls (0: as soon as a stream starts), so a test can
// stop a stream at a known point; negative turns it off.
func (f *Fake) StopStreamsAfter(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stopAfter = n
}

func (m *Message) stop() {
	m.Streaming, m.StoppedByUser = false, true
	touch(m)
}
