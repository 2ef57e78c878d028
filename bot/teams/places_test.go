package teams

import (
	"encoding/json"
	"strings"
	"testing"
)

func teamEvent(typ, eventType string, team, channel string) Activity {
	cd, _ := json.Marshal(map[string]any{
		"eventType": eventType,
		"tenant":    map[string]any{"id": "tenant-1"},
		"team":      map[string]any{"id": team, "name": "Leadership", "aadGroupId": "g-1"},
		"channel":   map[string]any{"id": channel},
	})
	return Activity{Type: typ, From: &Account{ID: "29:admin"}, Recipient: &Account{ID: "28:" + testAppID},
		Conversation: &Conversation{ID: channel, ConversationType: "channel", IsGroup: true, TenantID: "tenant-1"},
		ChannelData:  cd}
}

// TestTeamPlaces: adding the app to a team stores a reference to post
// there later; renames follow; removing the app forgets it.
func TestTeamPlaces(t *testing.T) {
	h := newTeamsHarness(t)
	ctx := t.Context()
	const team = "19:team@thread.tacv2"
	added := teamEvent("conversationUpdate", "teamMemberAdded", team, team)
	added.MembersAdded = []Account{{ID: "28:" + testAppID}}
	h.post(added)
	places, err := h.store.Places(ctx, "teams")
	if err != nil || len(places) != 1 {
		t.Fatalf("places after install: %+v, %v", places, err)
	}
	p := places[0]
	ref, err := RefOf(p)
	if err != nil || p.TeamName != "Leadership" || p.Name != "General" || ref.ServiceURL != h.bf.ServiceURL() || ref.ConversationID != team || ref.TenantID != "tenant-1" {
		t.Errorf("place %+v, ref %+v, %v", p, ref, err)
	}
	if n := len(h.bf.Activities()); n != 0 {
		t.Errorf("the install was answered in the channel (%d activities)", n)
	}

	renamed := teamEvent("conversationUpdate", "teamRenamed", team, team)
	renamed.ChannelData = json.RawMessage(strings.Replace(string(renamed.ChannelData), "Leadership", "Exec team", 1))
	h.post(renamed)
	if places, _ := h.store.Places(ctx, "teams"); len(places) != 1 || places[0].TeamName != "Exec team" {
		t.Errorf("after a rename: %+v", places)
	}

	// A mention in another channel of the team adds that channel.
	botAcct := &Account{ID: "28:" + testAppID, Name: "advisorbot"}
	mention := teamEvent("message", "", team, "19:finance@thread.tacv2")
	mention.Conversation.ID += ";messageid=42"
	// Messages carry the team's id without its name.
	mention.ChannelData = json.RawMessage(`{"team":{"id":"` + team + `"},"channel":{"id":"19:finance@thread.tacv2"},"tenant":{"id":"tenant-1"}}`)
	mention.Text, mention.Entities = "<at>advisorbot</at> help", []Entity{{Type: "mention", Mentioned: botAcct}}
	h.post(mention)
	if places, _ := h.store.Places(ctx, "teams"); len(places) != 2 {
		t.Fatalf("after a mention in a second channel: %+v", places)
	}

	// A channel renamed: Teams sends the team's id only; its name stays.
	chRenamed := teamEvent("conversationUpdate", "channelRenamed", team, "19:finance@thread.tacv2")
	chRenamed.ChannelData = json.RawMessage(`{"eventType":"channelRenamed","team":{"id":"` + team + `"},"channel":{"id":"19:finance@thread.tacv2","name":"Budget"}}`)
	h.post(chRenamed)
	places, _ = h.store.Places(ctx, "teams")
	if p, err := FindPlace(places, "Exec team/Budget"); err != nil || p.ID != "19:finance@thread.tacv2" {
		t.Errorf("after a channel rename: %+v, %v", places, err)
	}
	chDeleted := teamEvent("conversationUpdate", "channelDeleted", team, "19:finance@thread.tacv2")
	h.post(chDeleted)
	if places, _ := h.store.Places(ctx, "teams"); len(places) != 1 || places[0].ID != team {
		t.Errorf("after a channel was deleted: %+v", places)
	}

	removed := teamEvent("installationUpdate", "", team, team)
	removed.Action = "remove"
	h.post(removed)
	if places, _ := h.store.Places(ctx, "teams"); len(places) != 0 {
		t.Errorf("places survive the app's removal: %+v", places)
	}
}

// TestWelcome: adding the app to a personal chat gets a greeting; other
// members joining a chat do not.
func TestWelcome(t *testing.T) {
	h := newTeamsHarness(t)
	botAcct := &Account{ID: "28:" + testAppID}
	h.post(Activity{Type: "conversationUpdate", From: &Account{ID: "29:user"}, Recipient: botAcct, Conversation: personal,
		MembersAdded: []Account{{ID: "29:user"}}})
	if n := len(h.bf.Activities()); n != 0 {
		t.Fatalf("greeted a person joining (%d)", n)
	}
	h.post(Activity{Type: "conversationUpdate", From: &Account{ID: "29:user"}, Recipient: botAcct, Conversation: personal,
		MembersAdded: []Account{*botAcct}})
	if got := lastText(t, h.bf.Activities()); !strings.Contains(got, "advisorbot") {
		t.Errorf("welcome: %s", got)
	}
	if places, _ := h.store.Places(t.Context(), "teams"); len(places) != 0 {
		t.Errorf("a personal chat became a place: %+v", places)
	}
}
