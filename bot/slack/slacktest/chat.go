package slacktest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

func (f *Fake) chatPostMessage(r *apiRequest) (obj, string) {
	ch, code := f.resolveChannel(r.get("channel"))
	if code != "" {
		return nil, code
	}
	text, blocks, atts, md := r.get("text"), r.raw("blocks"), r.raw("attachments"), r.raw("metadata")
	if code := f.checkMessage(r, text, blocks, atts, md); code != "" {
		return nil, code
	}
	m := f.botMessage(ch, r.get("thread_ts"))
	m.Text, m.Blocks, m.Attachments, m.Metadata = text, blocks, atts, md
	f.addMessage(m)
	f.botReplied(ch, m.ThreadTS)
	return obj{"channel": ch, "ts": m.TS, "message": f.wire(m)}, ""
}

func (f *Fake) chatPostEphemeral(r *apiRequest) (obj, string) {
	ch, code := f.resolveChannel(r.get("channel"))
	if code != "" {
		return nil, code
	}
	user := r.get("user")
	if user == "" {
		return nil, "user_not_found"
	}
	text, blocks, atts := r.get("text"), r.raw("blocks"), r.raw("attachments")
	// chat.postEphemeral takes no metadata argument, so none is checked.
	if code := f.checkMessage(r, text, blocks, atts, nil); code != "" {
		return nil, code
	}
	m := f.botMessage(ch, r.get("thread_ts"))
	m.Text, m.Blocks, m.Attachments = text, blocks, atts
	m.Ephemeral, m.EphemeralTo = true, user
	f.addMessage(m)
	return obj{"message_ts": m.TS}, ""
}

func (f *Fake) chatUpdate(r *apiRequest) (obj, string) {
	m, code := f.ownMessage(r, "cant_update_message")
	if code != "" {
		return nil, code
	}
	text, blocks, atts, md := r.get("text"), r.raw("blocks"), r.raw("attachments"), r.raw("metadata")
	if code := f.checkMessage(r, text, blocks, atts, md); code != "" {
		return nil, code
	}
	// Only the parts sent are replaced; the rest of the message stays.
	if r.params.Has("text") {
		m.Text = text
	}
	if blocks != nil {
		m.Blocks = blocks
	}
	if atts != nil {
		m.Attachments = atts
	}
	if md != nil {
		m.Metadata = md
	}
	edited(m)
	return obj{"channel": m.Channel, "ts": m.TS, "text": m.Text, "message": f.wire(m)}, ""
}

func (f *Fake) chatDelete(r *apiRequest) (obj, string) {
	m, code := f.ownMessage(r, "cant_delete_message")
	if code != "" {
		return nil, code
	}
	m.Deleted = true
	touch(m)
	return obj{"channel": m.Channel, "ts": m.TS}, ""
}

// ownMessage finds the bot's message named by channel and ts; notMine is
// the error code for someone else's message.
func (f *Fake) ownMessage(r *apiRequest, notMine string) (*Message, string) {
	ch, code := f.resolveChannel(r.get("channel"))
	if code != "" {
		return nil, code
	}
	m := f.findMessage(ch, r.get("ts"))
	if m == nil || m.Deleted || m.Ephemeral {
		return nil, "message_not_found"
	}
	if !m.FromBot() {
		return nil, notMine
	}
	return m, ""
}

// botMessage starts a message from the bot; f.mu must be held.
func (f *Fake) botMessage(channel, threadTS string) *Message {
	return &Message{Channel: channel, TS: f.nextTS(), ThreadTS: threadTS, User: f.cfg.BotUserID, BotID: f.cfg.BotID}
}

// edited counts an edit of m.
func edited(m *Message) {
	m.Updates++
	touch(m)
}

func touch(m *Message) { m.UpdatedAt = time.Now() }

// botReplied clears the thread's assistant status, because Slack does so
// when the app posts in the thread.
func (f *Fake) botReplied(channel, threadTS string) {
	if a := f.assistant[[2]string{channel, threadTS}]; a != nil && a.Status != "" {
		a.Status = ""
		a.Statuses = append(a.Statuses, "")
	}
}

// resolveChannel maps a channel argument to a known conversation; a user
// ID means the bot's IM with that user, as Slack does.
func (f *Fake) resolveChannel(id string) (string, string) {
	if id == "" {
		return "", "channel_not_found"
	}
	if id[0] == 'U' || id[0] == 'W' {
		id = f.DMChannel(id)
	}
	c, ok := f.channelInfo(id)
	switch {
	case !ok:
		return "", "channel_not_found"
	case c.IsArchived:
		return "", "is_archived"
	case !c.IsMember:
		return "", "not_in_channel"
	}
	return id, ""
}

// serveResponseURL takes what the bot posts to a response_url from a slash
// command or block action (JSON).
func (f *Fake) serveResponseURL(w http.ResponseWriter, hr *http.Request) {
	body, _ := io.ReadAll(hr.Body)
	var msg struct {
		Text            string          `json:"text"`
		Blocks          json.RawMessage `json:"blocks"`
		Attachments     json.RawMessage `json:"attachments"`
		ThreadTS        string          `json:"thread_ts"`
		ResponseType    string          `json:"response_type"`
		ReplaceOriginal bool            `json:"replace_original"`
		DeleteOriginal  bool            `json:"delete_original"`
	}
	r := &apiRequest{method: "response_url", params: hr.URL.Query()}
	if json.Unmarshal(body, &msg) == nil && json.Unmarshal(body, &r.fields) == nil {
		r.json = body
		for k, v := range r.fields {
			var s string
			if json.Unmarshal(v, &s) != nil {
				s = string(v)
			}
			r.params.Set(k, s)
		}
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.record(Call{Method: "response_url", Params: r.params, JSON: r.json})
	if fl, ok := f.takeFailure("response_url"); ok {
		f.finish(i, fl.status, fl.code())
		writeRaw(w, fl)
		return
	}
	t := f.responses[strings.TrimPrefix(hr.URL.Path, "/response/")]
	if t == nil || r.json == nil {
		f.finish(i, http.StatusNotFound, "invalid_response_url")
		http.Error(w, "invalid_response_url", http.StatusNotFound)
		return
	}
	blocks, atts := nullToNil(msg.Blocks), nullToNil(msg.Attachments)
	if code := f.checkMessage(r, msg.Text, blocks, atts, r.raw("metadata")); code != "" && !msg.DeleteOriginal {
		// Slack answers a response_url like an incoming webhook: a 4xx
		// with the error as plain text. Malformed metadata is a body "not
		// understood as presented", which webhooks answer 400
		// invalid_payload (api.slack.com/changelog/2016-05-17-changes-to-
		// errors-for-incoming-webhooks).
		if code == "invalid_metadata_format" {
			code = "invalid_payload"
		}
		f.finish(i, http.StatusBadRequest, code)
		http.Error(w, code, http.StatusBadRequest)
		return
	}
	orig := f.findMessage(t.channel, t.messageTS)
	switch {
	case msg.DeleteOriginal && orig != nil:
		orig.Deleted = true
	case msg.ReplaceOriginal && orig != nil:
		orig.Text, orig.Blocks, orig.Attachments = msg.Text, blocks, atts
		edited(orig)
	default:
		thread := msg.ThreadTS
		if thread == "" {
			thread = t.threadTS
		}
		m := f.botMessage(t.channel, thread)
		m.Text, m.Blocks, m.Attachments = msg.Text, blocks, atts
		if msg.ResponseType != "in_channel" {
			m.Ephemeral, m.EphemeralTo = true, t.user
		}
		f.addMessage(m)
	}
	f.finish(i, http.StatusOK, "")
	writeJSON(w, http.StatusOK, obj{"ok": true})
}

func nullToNil(r json.RawMessage) json.RawMessage {
	if len(r) == 0 || string(r) == "null" {
		return nil
	}
	return r
}

// chatGetPermalink answers a message's permalink in Slack's form: the
// workspace's host, the channel, "p" and the ts without its dot, and for
// a reply the thread it is in.
func (f *Fake) chatGetPermalink(r *apiRequest) (obj, string) {
	ch := r.get("channel")
	if _, ok := f.channelInfo(ch); !ok {
		return nil, "channel_not_found"
	}
	m := f.findMessage(ch, r.get("message_ts"))
	if m == nil || m.Deleted || m.Ephemeral {
		return nil, "message_not_found"
	}
	link := "https://" + f.cfg.TeamDomain + ".slack.com/archives/" + ch + "/p" + strings.ReplaceAll(m.TS, ".", "")
	if m.ThreadTS != "" && m.ThreadTS != m.TS {
		link += "?thread_ts=" + m.ThreadTS + "&cid=" + ch
	}
	return obj{"channel": ch, "permalink": link}, ""
}
