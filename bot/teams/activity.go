package teams

import (
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
	ConversationType string `json:"conversationType,omitempty"` // personal, channel, groupChat
	IsGroup          bool   `json:"isGroup,omitempty"`
	TenantID         string `json:"tenantId,omitempty"`
}

// Attachment carries a card.
type Attachment struct {
	ContentType string `json:"contentType"`
	Content     any    `json:"content,omitempty"`
}

// Entity is an activity entity; advisorbot reads mentions.
type Entity struct {
	Type      string   `json:"type"`
	Mentioned *Account `json:"mentioned,omitempty"`
	Text      string   `json:"text,omitempty"`
}

var atTag = regexp.MustCompile(`(?s)<at>.*?</at>`)

// PlainText is the message text without the bot's @mention (Teams puts
// "<at>advisorbot</at>" in channel messages) and surrounding space.
func (a Activity) PlainText() string {
	return strings.TrimSpace(atTag.ReplaceAllString(a.Text, ""))
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
