package teamstest

import (
	"fmt"
	"maps"
	"net/url"
	"strings"
	"sync/atomic"
)

// The activities Teams sends a bot, in the shapes Microsoft documents
// (msteams-docs: "Conversation events", "Channel and group chat
// conversations", "Send and receive messages"; Bot Framework "Activity
// object"), for tests to deliver with Identity.Deliver. They are plain
// JSON values: the fake knows nothing of the bot's types.

// Team is a team: ID is its id, which its General channel shares
// ("19:…@thread.tacv2"), Name what people call it.
type Team struct{ ID, Name string }

// Channel is a channel of a team; a channel whose ID is the team's is its
// General channel.
type Channel struct{ ID, Name string }

var inbound atomic.Int64

// nextID names an inbound activity, unique in the process.
func nextID() string { return fmt.Sprintf("1%012d", inbound.Add(1)) }

// Bot is the bot's account as Teams names it in activities.
func Bot(appID, name string) map[string]any {
	return map[string]any{"id": "28:" + appID, "name": name}
}

// User is a person's account: their Teams id and Entra object id.
func User(id, aadObjectID, name string) map[string]any {
	u := map[string]any{"id": id, "aadObjectId": aadObjectID}
	if name != "" {
		u["name"] = name
	}
	return u
}

// Install is what Teams sends when someone adds the app to a team,
// choosing channel for it (the team's General channel when channel.ID is
// team.ID): a conversationUpdate with the bot among membersAdded, then an
// installationUpdate "add". Both carry the chosen channel as the
// conversation, with its name (General's has none), and the team in
// channelData, without channelData.channel.
func Install(serviceURL string, bot map[string]any, team Team, channel Channel, installer map[string]any) []map[string]any {
	conv := func() map[string]any {
		c := map[string]any{"id": channel.ID, "conversationType": "channel", "isGroup": true, "tenantId": Tenant}
		if channel.ID != team.ID && channel.Name != "" {
			c["name"] = channel.Name
		}
		return c
	}
	cd := func(eventType string) map[string]any {
		d := map[string]any{"team": map[string]any{"id": team.ID, "name": team.Name, "aadGroupId": "00000000-0000-0000-0000-0000000000aa"},
			"tenant": map[string]any{"id": Tenant}}
		if eventType != "" {
			d["eventType"] = eventType
		}
		return d
	}
	return []map[string]any{
		{"type": "conversationUpdate", "id": "f:" + nextID(), "channelId": "msteams", "serviceUrl": serviceURL,
			"from": installer, "recipient": bot, "conversation": conv(), "membersAdded": []any{map[string]any{"id": bot["id"]}},
			"channelData": cd("teamMemberAdded")},
		{"type": "installationUpdate", "id": "f:" + nextID(), "channelId": "msteams", "serviceUrl": serviceURL, "action": "add",
			"from": installer, "recipient": bot, "conversation": conv(), "channelData": cd("")},
	}
}

// PersonalMessage is text a person writes in their personal chat with
// the bot.
func PersonalMessage(serviceURL string, bot, user map[string]any, text string) map[string]any {
	return map[string]any{"type": "message", "id": nextID(), "channelId": "msteams", "serviceUrl": serviceURL,
		"from": user, "recipient": bot, "text": text, "textFormat": "plain", "locale": "en-US",
		"conversation": map[string]any{"id": PersonalChat(fmt.Sprint(user["id"])), "conversationType": "personal", "tenantId": Tenant},
		"channelData":  map[string]any{"tenant": map[string]any{"id": Tenant}}}
}

// ChannelMention is a person's message mentioning the bot in a channel
// thread (root is the thread's first message; the message itself when
// it starts one): the mention is in the text as <at>name</at> and in the
// entities; channelData names the team and channel by id only.
func ChannelMention(serviceURL string, bot, user map[string]any, team Team, channel Channel, root, text string) map[string]any {
	id := nextID()
	if root == "" {
		root = id
	}
	at := "<at>" + fmt.Sprint(bot["name"]) + "</at>"
	return map[string]any{"type": "message", "id": id, "channelId": "msteams", "serviceUrl": serviceURL,
		"from": user, "recipient": bot, "text": at + " " + text, "textFormat": "plain",
		"conversation": map[string]any{"id": channel.ID + ";messageid=" + root, "conversationType": "channel", "isGroup": true, "tenantId": Tenant},
		"entities":     []any{map[string]any{"type": "mention", "mentioned": bot, "text": at}},
		"channelData": map[string]any{"teamsChannelId": channel.ID, "teamsTeamId": team.ID,
			"channel": map[string]any{"id": channel.ID}, "team": map[string]any{"id": team.ID}, "tenant": map[string]any{"id": Tenant}}}
}

// Submit is what Teams sends when user clicks the action-th button of the
// card the bot sent in rec (an Action.Submit): a message with no text,
// whose value is the button's data with the card's inputs merged in, and
// whose replyToId is the card's activity id.
func (f *BotFramework) Submit(rec Recorded, action int, inputs map[string]any, user map[string]any) (map[string]any, error) {
	atts, _ := rec.Activity["attachments"].([]any)
	if len(atts) == 0 || rec.ID == "" {
		return nil, fmt.Errorf("teamstest: activity %q has no card to click", rec.ID)
	}
	content, _ := atts[0].(map[string]any)["content"].(map[string]any)
	actions, _ := content["actions"].([]any)
	if action < 0 || action >= len(actions) {
		return nil, fmt.Errorf("teamstest: the card has %d actions, not %d", len(actions), action+1)
	}
	b, _ := actions[action].(map[string]any)
	if b["type"] != "Action.Submit" {
		return nil, fmt.Errorf("teamstest: action %d is %v, not Action.Submit", action, b["type"])
	}
	value := map[string]any{}
	if data, ok := b["data"].(map[string]any); ok {
		maps.Copy(value, data)
	}
	if b["associatedInputs"] != "none" {
		maps.Copy(value, inputs)
	}
	conv, err := conversationOf(rec.Path)
	if err != nil {
		return nil, err
	}
	c := map[string]any{"id": conv, "tenantId": Tenant}
	switch {
	case isPersonal(conv):
		c["conversationType"] = "personal"
	case strings.Contains(conv, ";messageid="):
		c["conversationType"], c["isGroup"] = "channel", true
	default:
		c["conversationType"], c["isGroup"] = "groupChat", true
	}
	return map[string]any{"type": "message", "id": nextID(), "channelId": "msteams", "serviceUrl": f.ServiceURL(),
		"from": user, "recipient": rec.Activity["from"], "conversation": c, "replyToId": rec.ID, "value": value,
		"channelData": map[string]any{"tenant": map[string]any{"id": Tenant}, "source": map[string]any{"name": "message"},
			"legacy": map[string]any{"replyToId": rec.ID}}}, nil
}

// conversationOf reads the conversation id from a connector call's path.
func conversationOf(path string) (string, error) {
	rest, ok := strings.CutPrefix(path, "/v3/conversations/")
	if !ok {
		return "", fmt.Errorf("teamstest: %s is not a conversation's", path)
	}
	conv, _, _ := strings.Cut(rest, "/")
	return url.PathUnescape(conv)
}
