package teams

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

// Where the bot may post unprompted. When the app is added to a team,
// Teams sends a conversationUpdate (the bot among membersAdded) and an
// installationUpdate ("add"). Both carry, as conversation.id, the channel
// the installer chose (the one the bot is meant to work in; the team's
// General channel shares the team's id) with its name in
// conversation.name, the team's id and name in channelData.team, and the
// serviceUrl to post through; channelData.channel is usually absent.
// advisorbot keeps that channel as a store.Place, marked as the team's
// install channel, so the weekly summary can be posted there without anyone
// writing first; a channel where someone mentions the bot is remembered
// too (messages carry channelData.channel and the team's id, no names).

// platform is the store's name for Teams.
const platform = "teams"

// channelData is the Teams-specific part of an activity.
type channelData struct {
	EventType string `json:"eventType,omitempty"`
	Tenant    *struct {
		ID string `json:"id"`
	} `json:"tenant,omitempty"`
	Team    *namedID `json:"team,omitempty"`
	Channel *namedID `json:"channel,omitempty"`
}

type namedID struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

func (a Activity) channelData() channelData {
	var cd channelData
	if len(a.ChannelData) > 0 {
		json.Unmarshal(a.ChannelData, &cd) // an odd channelData just means no team facts
	}
	return cd
}

// Ref is a conversation reference: enough to post into a channel later.
type Ref struct {
	ServiceURL     string `json:"serviceUrl"`
	TenantID       string `json:"tenantId,omitempty"`
	ConversationID string `json:"conversationId"`
	Bot            string `json:"bot,omitempty"`
	// Installed marks the channel chosen when the app was added to its
	// team: what the team's name stands for in TEAMS_SUMMARY_CHANNEL.
	Installed bool `json:"installed,omitempty"`
}

// RefOf reads a place's reference.
func RefOf(p store.Place) (Ref, error) {
	var r Ref
	if err := json.Unmarshal([]byte(p.Ref), &r); err != nil || r.ServiceURL == "" || r.ConversationID == "" {
		return Ref{}, fmt.Errorf("teams: place %s has no usable conversation reference; remove and re-add the app to its team", p.ID)
	}
	return r, nil
}

// placeOf is the channel an activity came from, when it came from a
// team's channel.
func placeOf(act Activity) (store.Place, bool) {
	cd := act.channelData()
	if cd.Team == nil || act.Conversation == nil || act.ServiceURL == "" {
		return store.Place{}, false
	}
	channel, _, _ := strings.Cut(act.Conversation.ID, ";messageid=")
	name := ""
	if cd.Channel != nil && cd.Channel.ID != "" {
		channel, name = cd.Channel.ID, cd.Channel.Name
	}
	if name == "" && channel == act.Conversation.ID {
		name = act.Conversation.Name // an install: the chosen channel's name
	}
	if name == "" && channel == cd.Team.ID {
		name = "General" // a team's first channel shares the team's id
	}
	tenant := act.Conversation.TenantID
	if cd.Tenant != nil && cd.Tenant.ID != "" {
		tenant = cd.Tenant.ID
	}
	bot := ""
	if act.Recipient != nil {
		bot = act.Recipient.ID
	}
	ref, _ := json.Marshal(Ref{ServiceURL: act.ServiceURL, TenantID: tenant, ConversationID: channel, Bot: bot})
	return store.Place{Platform: platform, ID: channel, Team: cd.Team.ID, TeamName: cd.Team.Name, Name: name, Ref: string(ref)}, true
}

// membership handles conversationUpdate and installationUpdate: it
// remembers the team's channel when the bot is added and forgets the team
// when the bot is removed or the team deleted.
func (a *Adapter) membership(ctx context.Context, act Activity) error {
	if a.Store == nil {
		return nil
	}
	botID := ""
	if act.Recipient != nil {
		botID = act.Recipient.ID
	}
	cd := act.channelData()
	added := act.Action == "add" || act.Action == "add-upgrade" || hasMember(act.MembersAdded, botID)
	removed := act.Action == "remove" || hasMember(act.MembersRemoved, botID)
	p, ok := placeOf(act)
	if !ok {
		return nil // a personal or group chat: nothing to post to later
	}
	switch ev := cd.EventType; {
	case removed, ev == "teamDeleted", ev == "teamHardDeleted", ev == "teamArchived":
		return a.forgetTeam(ctx, p.Team)
	case ev == "channelDeleted":
		return a.Store.DeletePlace(ctx, platform, p.ID)
	case ev == "teamRenamed":
		return a.renameTeam(ctx, p.Team, p.TeamName)
	case added:
		// The installer chose this channel for the bot: it is the team's
		// from now on, and no other channel of the team is.
		if err := a.clearInstalled(ctx, p.Team); err != nil {
			return err
		}
		p.Ref = withInstalled(p.Ref, true)
		return a.savePlace(ctx, p, false)
	case ev == "channelCreated", ev == "channelRenamed", ev == "channelRestored", ev == "teamRestored", ev == "teamUnarchived":
		return a.savePlace(ctx, p, false)
	}
	return nil
}

// withInstalled is ref with its Installed mark set to on.
func withInstalled(ref string, on bool) string {
	var r Ref
	if json.Unmarshal([]byte(ref), &r) != nil {
		return ref
	}
	r.Installed = on
	b, _ := json.Marshal(r)
	return string(b)
}

func installed(p store.Place) bool {
	var r Ref
	return json.Unmarshal([]byte(p.Ref), &r) == nil && r.Installed
}

// clearInstalled clears the install mark of the team's places, before a
// new install marks the channel chosen this time.
func (a *Adapter) clearInstalled(ctx context.Context, team string) error {
	places, err := a.Store.Places(ctx, platform)
	if err != nil {
		return err
	}
	for _, p := range places {
		if p.Team == team && installed(p) {
			p.Ref = withInstalled(p.Ref, false)
			if err := a.Store.SavePlace(ctx, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// savePlace stores p, keeping names it lacks from what is known of its
// channel and team (Teams sends only ids with some events). With
// unlessSame, an unchanged reference is not written again.
func (a *Adapter) savePlace(ctx context.Context, p store.Place, unlessSame bool) error {
	places, err := a.Store.Places(ctx, platform)
	if err != nil {
		return err
	}
	for _, old := range places {
		if old.Team == p.Team && p.TeamName == "" {
			p.TeamName = old.TeamName
		}
		if old.ID == p.ID {
			if installed(old) && !installed(p) {
				p.Ref = withInstalled(p.Ref, true) // a later message does not undo the install
			}
			if unlessSame && old.Ref == p.Ref {
				return nil // nothing new; spare the write
			}
			p.Name = cmp.Or(p.Name, old.Name)
		}
	}
	return a.Store.SavePlace(ctx, p)
}

func (a *Adapter) forgetTeam(ctx context.Context, team string) error {
	places, err := a.Store.Places(ctx, platform)
	if err != nil {
		return err
	}
	for _, p := range places {
		if p.Team == team {
			if err := a.Store.DeletePlace(ctx, platform, p.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *Adapter) renameTeam(ctx context.Context, team, name string) error {
	places, err := a.Store.Places(ctx, platform)
	if err != nil {
		return err
	}
	for _, p := range places {
		if p.Team == team && name != "" {
			p.TeamName, p.SavedAt = name, time.Time{}
			if err := a.Store.SavePlace(ctx, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// remember refreshes the place of a channel where someone spoke to the
// bot, so a serviceUrl that moved is followed and channels other than
// General can receive the summary.
func (a *Adapter) remember(ctx context.Context, act Activity) error {
	p, ok := placeOf(act)
	if !ok || a.Store == nil {
		return nil
	}
	return a.savePlace(ctx, p, true)
}
