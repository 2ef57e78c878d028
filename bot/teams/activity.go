package teams

import (
	"cmp"
	"encoding/json"
	"regexp"
	"strings"
)

// Activity is the part of a Bot Framework activity advisorbot reads and
// writes (bot-docs, "Activity object").
type Activity struct {
	Type         string          `json:"type"`
	ID           string          `json:"id,omitempty"`
	Timestamp    string          `json:"timestamp,omitempty"`
	ServiceURL   string          `json:"serviceUrl,omitempty"`
	ChannelID    string          `json:"channelId,omitempty"`
	From         *Account        `json:"from,omitempty"`
	Recipient    *Account        `json:"recipient,omitempty"`
	Conversation *Conversation   `json:"conversation,omitempty"`
	ReplyToID    string          `json:"replyToId,omitempty"`
	Text         string          `json:"text,omitempty"`
	TextFormat   string          `json:"textFormat,omitempty"`
	Summary      string          `json:"summary,omitempty"` // shown in notifications when there is no text
	Attachments  []Attachment    `json:"attachments,omitempty"`
	Entities     []Entity        `json:"entities,omitempty"`
	Value        json.RawMessage `json:"value,omitempty"`
	ChannelData  json.RawMessage `json:"channelData,omitempty"`
	// conversationUpdate and installationUpdate
	MembersAdded   []Account `json:"membersAdded,omitempty"`
	MembersRemoved []Account `json:"membersRemoved,omitempty"`
	Action         string    `json:"action,omitempty"` // installationUpdate: add, remove, add-upgrade, remove-upgrade

	// LocalTimezone is the sender's IANA time zone ("Europe/Berlin"),
	// which Teams puts on what people send.
	LocalTimezone string `json:"localTimezone,omitempty"`
}

// Account is a ChannelAccount: a user ("29:…") or the bot ("28:<app id>").
type Account struct {
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	AADObjectID string `json:"aadObjectId,omitempty"`
}

// Conversation is a ConversationAccount.
type Conversation struct {
	ID               string `json:"id"`
	Name             string `json:"name,omitempty"`             // on a team install, the chosen channel's name
	ConversationType string `json:"conversationType,omitempty"` // personal, channel, groupChat
	IsGroup          bool   `json:"isGroup,omitempty"`
	TenantID         string `json:"tenantId,omitempty"`
}

// Attachment carries a card.
type Attachment struct {
	ContentType string `json:"contentType"`
	Content     any    `json:"content,omitempty"`
}

// Entity is an activity entity: a mention advisorbot reads, or the
// streaminfo of a streamed answer it writes.
type Entity struct {
	Type      string   `json:"type"`
	Mentioned *Account `json:"mentioned,omitempty"`
	Text      string   `json:"text,omitempty"`
	// streaminfo (stream.go)
	StreamID       string `json:"streamId,omitempty"`
	StreamType     string `json:"streamType,omitempty"`
	StreamSequence int    `json:"streamSequence,omitempty"`
}

var atTag = regexp.MustCompile(`(?s)<at>(.*?)</at>`)

// PlainText is the message text without the bot's own @mention (Teams
// puts "<at>advisorbot</at>" in channel messages) and surrounding space.
// Anyone else mentioned stays, as their name: "ask <at>Dana</at>" reads
// "ask Dana", as the person wrote it.
func (a Activity) PlainText() string {
	text := a.Text
	if a.Recipient != nil {
		for _, e := range a.Entities {
			if e.Type != "mention" || e.Mentioned == nil || e.Mentioned.ID != a.Recipient.ID {
				continue
			}
			own := e.Text
			if own == "" {
				// Teams always sends the mention's text; without it, the
				// tag with the bot's name is the bot's.
				own = "<at>" + cmp.Or(e.Mentioned.Name, a.Recipient.Name) + "</at>"
			}
			text = strings.ReplaceAll(text, own, "")
		}
	}
	return strings.TrimSpace(atTag.ReplaceAllString(text, "$1"))
}

// Mentions reports whether the activity @mentions the account id, read
// from the entities as Microsoft advises, not from the text.
func (a Activity) Mentions(id string) bool {
	for _, e := range a.Entities {
		if e.Type == "mention" && e.Mentioned != nil && e.Mentioned.ID == id {
			return true
		}
	}
	return false
}

// Reply builds a message activity answering a.
func (a Activity) Reply(text string) Activity {
	return Activity{Type: "message", From: a.Recipient, Recipient: a.From, Conversation: a.Conversation,
		ReplyToID: a.ID, Text: text, TextFormat: "markdown"}
}
