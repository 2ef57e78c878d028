package slacktest

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Message is a message as the fake keeps it: posted by the bot through the
// Web API, or by a user through an envelope the test sent.
type Message struct {
	Channel     string
	TS          string
	ThreadTS    string // "" for a top-level message
	User        string // author; the bot user for the bot's posts
	BotID       string // set on the bot's posts
	Text        string // for a stream, the markdown appended so far
	Blocks      json.RawMessage
	Attachments json.RawMessage
	Metadata    json.RawMessage
	Files       []string // IDs of files shared with the message

	// Ephemeral messages (chat.postEphemeral, ephemeral response_url
	// replies) are seen only by EphemeralTo and never appear in history.
	Ephemeral   bool
	EphemeralTo string

	Streamed  bool // created by chat.startStream
	Streaming bool // started and not yet stopped
	// StoppedByUser is set when the person pressed Stop (StopStream):
	// Slack then refuses appends with stopped_by_user.
	StoppedByUser bool
	Appends       int               // chat.appendStream calls taken
	Chunks        []json.RawMessage // stream chunks other than markdown_text
	Updates       int               // chat.update and replace_original count
	Deleted       bool
	PostedAt      time.Time
	UpdatedAt     time.Time
}

// FromBot reports whether the fake's bot posted the message.
func (m Message) FromBot() bool { return m.BotID != "" }

// User is a workspace member as users.info reports it.
type User struct {
	ID       string
	Name     string
	RealName string
	Email    string
	TZ       string
	Locale   string
	IsAdmin  bool
	IsOwner  bool
	IsBot    bool
	Deleted  bool
}

// Channel is a conversation as conversations.info reports it.
type Channel struct {
	ID         string
	Name       string
	IsIM       bool
	User       string // the other member of an IM
	IsPrivate  bool
	IsArchived bool
	IsMember   bool
}

// store is the fake's workspace state, guarded by Fake.mu.
type store struct {
	msgs      map[string][]*Message  // per channel, in posting order
	byTS      map[[2]string]*Message // channel, ts -> message; load tests post thousands
	channels  map[string]Channel
	views     map[string]*View
	homes     map[string]string // user -> Home tab view ID
	assistant map[[2]string]*AssistantThread
	files     map[string]*File
	fileOrder []string
	responses map[string]*responseTarget
	triggers  map[string]*trigger
}

// trigger is a trigger_id handed to the bot in a payload.
type trigger struct {
	user   string
	issued time.Time
	used   bool
}

// responseTarget is where a response_url's replies go.
type responseTarget struct {
	channel, user, messageTS, threadTS string
}

func newStore() store {
	return store{
		msgs:      map[string][]*Message{},
		byTS:      map[[2]string]*Message{},
		channels:  map[string]Channel{},
		views:     map[string]*View{},
		homes:     map[string]string{},
		assistant: map[[2]string]*AssistantThread{},
		files:     map[string]*File{},
		responses: map[string]*responseTarget{},
		triggers:  map[string]*trigger{},
	}
}

// AddChannel adds or replaces a conversation. Unknown IDs starting with C
// (public), G (private) or D (IM) are made up on demand, the bot a member
// of IMs only (Invite).
func (f *Fake) AddChannel(c Channel) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.channels[c.ID] = c
}

// DMChannel is the ID of the bot's IM with user.
func (f *Fake) DMChannel(user string) string {
	if len(user) > 1 && (user[0] == 'U' || user[0] == 'W') {
		return "D" + user[1:]
	}
	return "D" + user
}

// Messages returns the channel's history (top-level messages and thread
// replies, oldest first) without ephemeral or deleted messages.
func (f *Fake) Messages(channel string) []Message {
	return f.messages(channel, func(m *Message) bool { return !m.Ephemeral && !m.Deleted })
}

// Thread returns a thread's parent, when known, and its replies, oldest
// first, as conversations.replies would.
func (f *Fake) Thread(channel, ts string) []Message {
	return f.messages(channel, func(m *Message) bool {
		return !m.Ephemeral && !m.Deleted && (m.TS == ts || m.ThreadTS == ts)
	})
}

// Ephemerals returns the ephemeral messages shown in the channel.
func (f *Fake) Ephemerals(channel string) []Message {
	return f.messages(channel, func(m *Message) bool { return m.Ephemeral })
}

// Message returns one message, deleted ones included.
func (f *Fake) Message(channel, ts string) (Message, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if m := f.findMessage(channel, ts); m != nil {
		return m.copy(), true
	}
	return Message{}, false
}

func (f *Fake) messages(channel string, keep func(*Message) bool) []Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Message
	for _, m := range f.msgs[channel] {
		if keep(m) {
			out = append(out, m.copy())
		}
	}
	slices.SortStableFunc(out, func(a, b Message) int { return compareTS(a.TS, b.TS) })
	return out
}

// addMessage stores m, stamping its times; f.mu must be held.
func (f *Fake) addMessage(m *Message) {
	m.PostedAt = time.Now()
	m.UpdatedAt = m.PostedAt
	f.msgs[m.Channel] = append(f.msgs[m.Channel], m)
	f.byTS[[2]string{m.Channel, m.TS}] = m
}

func (f *Fake) findMessage(channel, ts string) *Message {
	return f.byTS[[2]string{channel, ts}]
}

func (m *Message) copy() Message {
	c := *m
	c.Files = slices.Clone(m.Files)
	c.Chunks = slices.Clone(m.Chunks)
	return c
}

// wire renders m as Slack's message object.
func (f *Fake) wire(m *Message) obj {
	w := obj{"type": "message", "ts": m.TS, "text": m.Text, "team": f.cfg.TeamID}
	if m.User != "" {
		w["user"] = m.User
	}
	if m.BotID != "" {
		w["bot_id"] = m.BotID
		w["app_id"] = f.cfg.AppID
	}
	if m.ThreadTS != "" {
		w["thread_ts"] = m.ThreadTS
	}
	if m.Blocks != nil {
		w["blocks"] = m.Blocks
	}
	if m.Attachments != nil {
		w["attachments"] = m.Attachments
	}
	if m.Metadata != nil {
		w["metadata"] = m.Metadata
	}
	if len(m.Files) > 0 {
		var files []obj
		for _, id := range m.Files {
			if fl := f.files[id]; fl != nil {
				files = append(files, obj{"id": fl.ID, "name": fl.Name, "title": fl.Title})
			}
		}
		w["files"] = files
	}
	if m.Updates > 0 {
		w["edited"] = obj{"user": m.User, "ts": m.TS}
	}
	return w
}

// compareTS orders Slack timestamps numerically.
func compareTS(a, b string) int {
	as, af, _ := strings.Cut(a, ".")
	bs, bf, _ := strings.Cut(b, ".")
	ai, _ := strconv.ParseInt(as, 10, 64)
	bi, _ := strconv.ParseInt(bs, 10, 64)
	if ai != bi {
		if ai < bi {
			return -1
		}
		return 1
	}
	return strings.Compare(af, bf)
}
