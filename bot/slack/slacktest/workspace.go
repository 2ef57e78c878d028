package slacktest

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

func (f *Fake) authTest(*apiRequest) (obj, string) {
	return obj{
		"url": "https://" + f.cfg.TeamDomain + ".slack.com/", "team": f.cfg.TeamDomain,
		"user": f.cfg.BotName, "team_id": f.cfg.TeamID, "user_id": f.cfg.BotUserID,
		"bot_id": f.cfg.BotID, "is_enterprise_install": false,
	}, ""
}

// userInfo finds or makes up a user.
func (f *Fake) userInfo(id string) (User, bool) {
	switch {
	case id == f.cfg.BotUserID:
		return User{ID: id, Name: f.cfg.BotName, RealName: f.cfg.BotName, IsBot: true}, true
	case len(id) > 1 && (id[0] == 'U' || id[0] == 'W'):
		name := strings.ToLower(id)
		return User{ID: id, Name: name, RealName: "User " + id, Email: name + "@example.com", TZ: "Europe/Berlin", Locale: "en-US"}, true
	}
	return User{}, false
}

func (f *Fake) usersInfo(r *apiRequest) (obj, string) {
	u, ok := f.userInfo(r.get("user"))
	if !ok {
		return nil, "user_not_found"
	}
	tz := u.TZ
	if tz == "" {
		tz = "UTC"
	}
	offset := 0
	if loc, err := time.LoadLocation(tz); err == nil {
		_, offset = time.Now().In(loc).Zone()
	}
	w := obj{
		"id": u.ID, "team_id": f.cfg.TeamID, "name": u.Name, "real_name": u.RealName,
		"deleted": u.Deleted, "tz": tz, "tz_offset": offset, "is_admin": u.IsAdmin,
		"is_owner": u.IsOwner, "is_bot": u.IsBot,
		"profile": obj{"real_name": u.RealName, "display_name": u.Name, "email": u.Email, "team": f.cfg.TeamID},
	}
	if r.get("include_locale") == "true" && u.Locale != "" {
		w["locale"] = u.Locale
	}
	return obj{"user": w}, ""
}

// channelInfo finds or makes up a conversation. The bot is in every IM
// with it, and in no channel until invited (Invite), as in Slack.
func (f *Fake) channelInfo(id string) (Channel, bool) {
	if c, ok := f.channels[id]; ok {
		return c, true
	}
	if len(id) < 2 {
		return Channel{}, false
	}
	switch id[0] {
	case 'C':
		return Channel{ID: id, Name: "channel-" + strings.ToLower(id[1:])}, true
	case 'G':
		return Channel{ID: id, Name: "private-" + strings.ToLower(id[1:]), IsPrivate: true}, true
	case 'D':
		return Channel{ID: id, IsIM: true, IsPrivate: true, IsMember: true, User: "U" + id[1:]}, true
	}
	return Channel{}, false
}

// Invite adds the bot to channels (C... or G... IDs), as /invite
// @advisorbot does. Slack sends the bot events only from channels it is in,
// and its chat methods answer not_in_channel elsewhere.
func (f *Fake) Invite(channels ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range channels {
		c, ok := f.channelInfo(id)
		if !ok {
			panic("slacktest: Invite: " + id + " is not a channel ID")
		}
		c.IsMember = true
		f.channels[id] = c
	}
	f.notify()
}

// member reports whether the bot is in channel; f.mu must be held.
func (f *Fake) member(channel string) bool {
	c, ok := f.channelInfo(channel)
	return ok && c.IsMember
}

func (f *Fake) channelWire(c Channel) obj {
	w := obj{
		"id": c.ID, "name": c.Name, "is_channel": !c.IsIM && !c.IsPrivate,
		"is_group": !c.IsIM && c.IsPrivate, "is_im": c.IsIM, "is_mpim": false,
		"is_private": c.IsPrivate, "is_archived": c.IsArchived, "is_member": c.IsMember,
		"created": f.cfg.BaseTS, "context_team_id": f.cfg.TeamID,
	}
	if c.IsIM {
		w["user"] = c.User
	}
	return w
}

func (f *Fake) conversationsInfo(r *apiRequest) (obj, string) {
	c, ok := f.channelInfo(r.get("channel"))
	if !ok {
		return nil, "channel_not_found"
	}
	return obj{"channel": f.channelWire(c)}, ""
}

func (f *Fake) conversationsOpen(r *apiRequest) (obj, string) {
	users := strings.Split(r.get("users"), ",")
	if len(users) != 1 || users[0] == "" {
		// Group DMs are not needed by the bot; the fake does not make them.
		return nil, "invalid_arguments"
	}
	if _, ok := f.userInfo(users[0]); !ok {
		return nil, "user_not_found"
	}
	c, _ := f.channelInfo(f.DMChannel(users[0]))
	return obj{"channel": f.channelWire(c)}, ""
}

func (f *Fake) conversationsReplies(r *apiRequest) (obj, string) {
	ch, code := f.resolveChannel(r.get("channel"))
	if code != "" {
		return nil, code
	}
	ts := r.get("ts")
	var thread []*Message
	for _, m := range f.msgs[ch] {
		if !m.Ephemeral && !m.Deleted && (m.TS == ts || m.ThreadTS == ts) {
			thread = append(thread, m)
		}
	}
	if len(thread) == 0 {
		return nil, "thread_not_found"
	}
	slices.SortStableFunc(thread, func(a, b *Message) int { return compareTS(a.TS, b.TS) })
	out := make([]obj, 0, len(thread))
	for _, m := range thread {
		w := f.wire(m)
		if m.TS == ts {
			// A parent names itself as the thread and counts its replies.
			w["thread_ts"], w["reply_count"] = ts, len(thread)-1
		}
		out = append(out, w)
	}
	return page(out, r), ""
}

func (f *Fake) conversationsHistory(r *apiRequest) (obj, string) {
	ch, code := f.resolveChannel(r.get("channel"))
	if code != "" {
		return nil, code
	}
	oldest, latest := r.get("oldest"), r.get("latest")
	var top []*Message
	for _, m := range f.msgs[ch] {
		if m.Ephemeral || m.Deleted || (m.ThreadTS != "" && m.ThreadTS != m.TS) {
			continue
		}
		if (oldest != "" && compareTS(m.TS, oldest) <= 0) || (latest != "" && compareTS(m.TS, latest) >= 0) {
			continue
		}
		top = append(top, m)
	}
	// History is newest first.
	slices.SortStableFunc(top, func(a, b *Message) int { return compareTS(b.TS, a.TS) })
	out := make([]obj, 0, len(top))
	for _, m := range top {
		out = append(out, f.wire(m))
	}
	return page(out, r), ""
}

// page cuts a message list to the request's limit. The fake never
// paginates further: has_more tells the caller it was cut.
func page(msgs []obj, r *apiRequest) obj {
	limit := 1000
	if n, err := json.Number(r.get("limit")).Int64(); err == nil && n > 0 {
		limit = int(n)
	}
	more := len(msgs) > limit
	if more {
		msgs = msgs[:limit]
	}
	return obj{"messages": msgs, "has_more": more, "response_metadata": obj{"next_cursor": ""}}
}
