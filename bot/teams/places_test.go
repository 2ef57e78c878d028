package teams

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
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
	for _, act := range teamstest.Install(h.bf.ServiceURL(), teamstest.Bot(testAppID, "advisorbot"), teamstest.Team{ID: team, Name: "Leadership"},
		teamstest.Channel{ID: team}, teamstest.User("29:admin", "aad-admin", "")) {
		h.deliver(act)
	}
	places, err := h.store.Places(ctx, "teams")
	if err != nil || len(places) != 1 {
		t.Fatalf("places after install: %+v, %v", places, err)
	}
	p := places[0]
	ref, err := RefOf(p)
	if err != nil || p.TeamName != "Leadership" || p.Name != "General" || ref.ServiceURL != h.bf.ServiceURL() || ref.ConversationID != team || ref.TenantID != teamstest.Tenant || !ref.Installed {
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

// deliver posts a JSON activity as the Bot Framework would.
func (h *teamsHarness) deliver(act map[string]any) {
	h.t.Helper()
	if code := h.id.Deliver(h.t, h.srv.URL+"/api/messages", testAppID, act); code != http.StatusOK {
		h.t.Fatalf("POST /api/messages: HTTP %d", code)
	}
}

// TestInstallInChosenChannel: adding the app to a team as Teams does it —
// the channel the installer chose as the conversation, its name in
// conversation.name, no channelData.channel — stores that channel with its
// name and its team's, and TEAMS_SUMMARY_CHANNEL set to the team's name or
// to the channel's finds it; the summary is posted there (issue 15).
func TestInstallInChosenChannel(t *testing.T) {
	h := newTeamsHarness(t)
	ctx := t.Context()
	team := teamstest.Team{ID: "19:general-lead@thread.tacv2", Name: "Leadership"}
	reports := teamstest.Channel{ID: "19:reports@thread.tacv2", Name: "Weekly reports"}
	botAcct := teamstest.Bot(testAppID, "advisorbot")
	for _, act := range teamstest.Install(h.bf.ServiceURL(), botAcct, team, reports, teamstest.User("29:admin", "aad-admin", "Admin")) {
		h.deliver(act)
	}
	places, err := h.store.Places(ctx, "teams")
	if err != nil || len(places) != 1 {
		t.Fatalf("places after install: %+v, %v", places, err)
	}
	p := places[0]
	if p.ID != reports.ID || p.Name != "Weekly reports" || p.Team != team.ID || p.TeamName != "Leadership" {
		t.Errorf("place %+v; want the chosen channel, named, in its team", p)
	}
	// A mention in the team's General channel adds it, without taking the
	// team's name from the channel chosen at install.
	h.deliver(teamstest.ChannelMention(h.bf.ServiceURL(), botAcct, teamstest.User("29:u", "aad-u", ""), team,
		teamstest.Channel{ID: team.ID}, "", "help"))
	if places, _ = h.store.Places(ctx, "teams"); len(places) != 2 {
		t.Fatalf("places after a mention in General: %+v", places)
	}
	for _, want := range []string{"Leadership", "leadership", "Weekly reports", "Leadership/Weekly reports", reports.ID} {
		if got, err := FindPlace(places, want); err != nil || got.ID != reports.ID {
			t.Errorf("TEAMS_SUMMARY_CHANNEL=%s: %s, %v; want %s", want, got.ID, err, reports.ID)
		}
	}
	if got, err := FindPlace(places, "Leadership/General"); err != nil || got.ID != team.ID {
		t.Errorf("Leadership/General: %s, %v", got.ID, err)
	}
	p2 := &Poster{Conn: &Connector{Tokens: tokens(h.bf, teamstest.Secret)}, Channel: "Leadership"}
	before := len(h.bf.Activities())
	if err := p2.PostSummary(ctx, h.store, report(summaryMD, []byte("\x89PNG"))); err != nil {
		t.Fatal(err)
	}
	if acts := h.bf.Activities()[before:]; len(acts) != 1 || acts[0].Path != "/v3/conversations/"+reports.ID+"/activities" {
		t.Errorf("summary posted as %+v", acts)
	}
}
