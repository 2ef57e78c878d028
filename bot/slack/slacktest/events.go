package slacktest

import (
	"fmt"
	"strings"
)

// Constructors of Events API envelopes: messages, mentions, edits, the
// assistant pane and the Home tab.

// MessageSpec describes a message event. Empty fields get defaults: a
// fresh TS, and a ChannelType derived from the channel ID.
type MessageSpec struct {
	Channel     string
	ChannelType string // "im", "channel", "group" or "mpim"
	User        string
	Text        string
	TS          string
	ThreadTS    string
	BotID       string // set for messages posted by apps
	SubType     string
}

// MessageEvent builds a message event envelope from a spec. When sent, the
// message joins the channel's history.
func (f *Fake) MessageEvent(s MessageSpec) *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.messageEvent("message", s)
}

// DM is a user's direct message to the bot.
func (f *Fake) DM(user, text string) *Envelope {
	return f.MessageEvent(MessageSpec{Channel: f.DMChannel(user), User: user, Text: text})
}

// DMReply is a user's reply in a thread of their IM with the bot, which is
// how messages in the assistant pane arrive.
func (f *Fake) DMReply(user, threadTS, text string) *Envelope {
	return f.MessageEvent(MessageSpec{Channel: f.DMChannel(user), User: user, Text: text, ThreadTS: threadTS})
}

// ChannelMessage is a top-level channel message that does not mention the
// bot.
func (f *Fake) ChannelMessage(channel, user, text string) *Envelope {
	return f.MessageEvent(MessageSpec{Channel: channel, User: user, Text: text})
}

// ThreadReply is a user's reply in a channel thread, without a mention.
func (f *Fake) ThreadReply(channel, user, threadTS, text string) *Envelope {
	return f.MessageEvent(MessageSpec{Channel: channel, User: user, Text: text, ThreadTS: threadTS})
}

// BotMessage is a message posted by an app with the given bot ID, in a
// thread when threadTS is set; use f.BotID() for the echo of the bot's
// own post.
func (f *Fake) BotMessage(channel, threadTS, botID, text string) *Envelope {
	user := "U" + strings.TrimPrefix(botID, "B")
	if botID == f.cfg.BotID {
		user = f.cfg.BotUserID
	}
	return f.MessageEvent(MessageSpec{Channel: channel, User: user, Text: text, BotID: botID, ThreadTS: threadTS})
}

// Mention is an app_mention at the top level of a channel. The text gets
// the mention markup in front unless it already has it.
func (f *Fake) Mention(channel, user, text string) *Envelope {
	return f.MentionInThread(channel, user, "", text)
}

// MentionInThread is an app_mention inside a thread.
func (f *Fake) MentionInThread(channel, user, threadTS, text string) *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.messageEvent("app_mention", MessageSpec{Channel: channel, User: user, Text: f.mentionText(text), ThreadTS: threadTS})
}

// MentionAndMessage is the pair Slack delivers when a user mentions the
// bot in a channel it reads: an app_mention and a message event, with
// different event IDs but the same message ts.
func (f *Fake) MentionAndMessage(channel, user, threadTS, text string) (mention, message *Envelope) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := MessageSpec{Channel: channel, User: user, Text: f.mentionText(text), ThreadTS: threadTS, TS: f.nextTS()}
	return f.messageEvent("app_mention", s), f.messageEvent("message", s)
}

func (f *Fake) mentionText(text string) string {
	tag := "<@" + f.cfg.BotUserID + ">"
	if strings.Contains(text, tag) {
		return text
	}
	return tag + " " + text
}

// messageEvent builds a message or app_mention envelope; f.mu must be
// held.
func (f *Fake) messageEvent(typ string, s MessageSpec) *Envelope {
	if s.TS == "" {
		s.TS = f.nextTS()
	}
	ev := obj{
		"type": typ, "user": s.User, "text": s.Text, "ts": s.TS, "event_ts": s.TS,
		"team": f.cfg.TeamID, "channel": s.Channel,
		"blocks": []obj{{
			"type": "rich_text", "block_id": f.nextID("rt"),
			"elements": []obj{{"type": "rich_text_section", "elements": []obj{{"type": "text", "text": s.Text}}}},
		}},
	}
	if typ == "message" {
		if s.ChannelType == "" {
			s.ChannelType = channelType(s.Channel)
		}
		ev["channel_type"] = s.ChannelType
	}
	if s.BotID == "" {
		ev["client_msg_id"] = fmt.Sprintf("c0ffee00-0000-4000-8000-%012x", f.ids)
	} else {
		ev["bot_id"], ev["app_id"] = s.BotID, "A"+strings.TrimPrefix(s.BotID, "B")
	}
	if s.ThreadTS != "" {
		ev["thread_ts"] = s.ThreadTS
	}
	if s.SubType != "" {
		ev["subtype"] = s.SubType
	}
	env := f.eventEnvelope(ev)
	env.Channel, env.User, env.TS, env.ThreadTS = s.Channel, s.User, s.TS, s.ThreadTS
	env.subscription, env.member = subscription(typ, s.Channel, s.ChannelType), channelMember(s.Channel)
	env.patch = func(f *Fake, e *Envelope, p obj) {
		if parent := f.findMessage(s.Channel, s.ThreadTS); parent != nil && s.ThreadTS != "" {
			p["event"].(obj)["parent_user_id"] = parent.User
		}
	}
	env.onSend = func(f *Fake) {
		// Both halves of MentionAndMessage carry the message; keep it once.
		if f.findMessage(s.Channel, s.TS) == nil {
			f.addMessage(&Message{Channel: s.Channel, TS: s.TS, ThreadTS: s.ThreadTS, User: s.User, BotID: s.BotID, Text: s.Text})
		}
	}
	return env
}

// subscription is the event subscription an event of typ in channel
// comes from: app_mention, or message.im, message.channels, ...
func subscription(typ, channel, kind string) string {
	if typ != "message" {
		return typ
	}
	switch kind {
	case "im":
		return "message.im"
	case "mpim":
		return "message.mpim"
	case "group":
		return "message.groups"
	case "channel":
		return "message.channels"
	}
	return subscription(typ, channel, channelType(channel))
}

// channelMember is the channel the bot must be in to hear of an event
// there: channels, not IMs.
func channelMember(channel string) string {
	if strings.HasPrefix(channel, "C") || strings.HasPrefix(channel, "G") {
		return channel
	}
	return ""
}

func channelType(id string) string {
	switch {
	case strings.HasPrefix(id, "D"):
		return "im"
	case strings.HasPrefix(id, "G"):
		return "group"
	}
	return "channel"
}

// MessageChanged is the message_changed event for a user's edit of the
// message at ts. When sent, the stored message takes the new text.
func (f *Fake) MessageChanged(channel, user, ts, newText string) *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	eventTS := f.nextTS()
	ev := obj{
		"type": "message", "subtype": "message_changed", "hidden": true,
		"channel": channel, "channel_type": channelType(channel), "ts": eventTS, "event_ts": eventTS,
		"message": obj{
			"type": "message", "user": user, "text": newText, "ts": ts,
			"edited": obj{"user": user, "ts": eventTS},
		},
		"previous_message": obj{"type": "message", "user": user, "text": "", "ts": ts},
	}
	env := f.eventEnvelope(ev)
	env.Channel, env.User, env.TS = channel, user, ts
	env.subscription, env.member = subscription("message", channel, ""), channelMember(channel)
	env.patch = func(f *Fake, e *Envelope, p obj) {
		if m := f.findMessage(channel, ts); m != nil {
			p["event"].(obj)["previous_message"].(obj)["text"] = m.Text
		}
	}
	env.onSend = func(f *Fake) {
		if m := f.findMessage(channel, ts); m != nil {
			m.Text = newText
			edited(m)
		}
	}
	return env
}

// AssistantThreadStarted is the event for a user opening the assistant
// pane while viewing contextChannel ("" for none). The new thread lives in
// the user's IM; its ts is the envelope's ThreadTS.
func (f *Fake) AssistantThreadStarted(user, contextChannel string) *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.assistantEvent("assistant_thread_started", user, f.nextTS(), contextChannel)
}

func (f *Fake) assistantEvent(typ, user, threadTS, contextChannel string) *Envelope {
	dm := f.DMChannel(user)
	env := f.eventEnvelope(obj{
		"type": typ, "event_ts": f.nextTS(),
		"assistant_thread": obj{
			"user_id": user, "channel_id": dm, "thread_ts": threadTS,
			"context": obj{"channel_id": contextChannel, "team_id": f.cfg.TeamID, "enterprise_id": ""},
		},
	})
	env.Channel, env.User, env.ThreadTS = dm, user, threadTS
	env.subscription = typ
	return env
}

// AppHomeOpened is the event for a user opening the bot's Home tab. It
// carries the view last published for the user, as Slack's does.
func (f *Fake) AppHomeOpened(user string) *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	ev := obj{"type": "app_home_opened", "user": user, "channel": f.DMChannel(user), "tab": "home", "event_ts": f.nextTS()}
	env := f.eventEnvelope(ev)
	env.Channel, env.User = f.DMChannel(user), user
	env.subscription = "app_home_opened"
	env.patch = func(f *Fake, e *Envelope, p obj) {
		if v := f.views[f.homes[user]]; v != nil {
			p["event"].(obj)["view"] = f.viewWire(v, nil)
		}
	}
	return env
}

// Malformed is an Events API envelope whose payload cannot be decoded: a
// JSON string where an object belongs. slack-go reports it as
