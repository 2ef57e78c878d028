package slacktest

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// View is a modal or Home tab the bot opened or published.
type View struct {
	ID              string
	Type            string // "modal" or "home"
	User            string // Home tab owner, or whose trigger opened the modal
	CallbackID      string
	PrivateMetadata string
	ExternalID      string
	Hash            string
	Title           string
	Blocks          json.RawMessage
	Raw             json.RawMessage // the view object as the bot last sent it
	RootViewID      string
	PreviousViewID  string
	Updates         int
}

// viewArg is the part of a view argument the fake looks at.
type viewArg struct {
	Type            string          `json:"type"`
	CallbackID      string          `json:"callback_id"`
	PrivateMetadata string          `json:"private_metadata"`
	ExternalID      string          `json:"external_id"`
	Title           *textObj        `json:"title"`
	Blocks          json.RawMessage `json:"blocks"`
}

// textObj is a Block Kit text object.
type textObj struct {
	Text string `json:"text"`
}

// parseView checks the request's view argument: a Home tab for
// views.publish, a modal for the others, within Slack's limits
// (CheckView). Slack reports a bad view as invalid_arguments with the
// problems in response_metadata.
func (f *Fake) parseView(r *apiRequest, wantHome bool) (viewArg, json.RawMessage, string) {
	raw := r.raw("view")
	var v viewArg
	if raw == nil || json.Unmarshal(raw, &v) != nil {
		return v, nil, "invalid_arguments"
	}
	if (v.Type == "home") != wantHome {
		r.details = append(r.details, "[ERROR] a "+v.Type+" view cannot be used here")
		return v, nil, "invalid_arguments"
	}
	if code := f.checkView(r, raw); code != "" {
		return v, nil, code
	}
	if v.Blocks == nil {
		v.Blocks = json.RawMessage("[]")
	}
	return v, raw, ""
}

func (f *Fake) setView(dst *View, v viewArg, raw json.RawMessage) {
	dst.Type, dst.CallbackID, dst.PrivateMetadata = v.Type, v.CallbackID, v.PrivateMetadata
	dst.ExternalID, dst.Blocks, dst.Raw = v.ExternalID, v.Blocks, raw
	dst.Title = ""
	if v.Title != nil {
		dst.Title = v.Title.Text
	}
	dst.Hash = f.nextID("h.")
}

func (f *Fake) viewsOpen(r *apiRequest) (obj, string) {
	user, code := f.useTrigger(r.get("trigger_id"))
	if code != "" {
		return nil, code
	}
	v, raw, code := f.parseView(r, false)
	if code != "" {
		return nil, code
	}
	view := &View{ID: f.nextID("V"), User: user}
	view.RootViewID = view.ID
	f.setView(view, v, raw)
	f.views[view.ID] = view
	return obj{"view": f.viewWire(view, nil)}, ""
}

func (f *Fake) viewsUpdate(r *apiRequest) (obj, string) {
	var view *View
	if id := r.get("view_id"); id != "" {
		view = f.views[id]
	} else if ext := r.get("external_id"); ext != "" {
		for _, v := range f.views {
			if v.ExternalID == ext {
				view = v
			}
		}
	}
	if view == nil {
		return nil, "not_found"
	}
	if h := r.get("hash"); h != "" && h != view.Hash {
		return nil, "hash_conflict"
	}
	v, raw, code := f.parseView(r, view.Type == "home")
	if code != "" {
		return nil, code
	}
	f.setView(view, v, raw)
	view.Updates++
	return obj{"view": f.viewWire(view, nil)}, ""
}

func (f *Fake) viewsPublish(r *apiRequest) (obj, string) {
	user := r.get("user_id")
	if _, ok := f.userInfo(user); !ok {
		return nil, "user_not_found"
	}
	v, raw, code := f.parseView(r, true)
	if code != "" {
		return nil, code
	}
	view := f.views[f.homes[user]]
	if view == nil {
		view = &View{ID: f.nextID("V"), User: user}
		view.RootViewID = view.ID
		f.views[view.ID], f.homes[user] = view, view.ID
	} else {
		if h := r.get("hash"); h != "" && h != view.Hash {
			return nil, "hash_conflict"
		}
		view.Updates++
	}
	f.setView(view, v, raw)
	return obj{"view": f.viewWire(view, nil)}, ""
}

// viewWire renders a view as Slack's view object, with state values when
// a submission carries them.
func (f *Fake) viewWire(v *View, values obj) obj {
	w := obj{}
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(v.Raw, &fields)
	for k, val := range fields {
		w[k] = val
	}
	if values == nil {
		values = obj{}
	}
	ours := obj{
		"id": v.ID, "team_id": f.cfg.TeamID, "type": v.Type, "blocks": v.Blocks,
		"private_metadata": v.PrivateMetadata, "callback_id": v.CallbackID,
		"external_id": v.ExternalID, "hash": v.Hash, "state": obj{"values": values},
		"root_view_id": v.RootViewID, "previous_view_id": v.PreviousViewID,
		"app_id": f.cfg.AppID, "app_installed_team_id": f.cfg.TeamID, "bot_id": f.cfg.BotID,
	}
	for k, val := range ours {
		w[k] = val
	}
	return w
}

// issueTrigger hands out a trigger_id for user; f.mu must be held.
func (f *Fake) issueTrigger(user string) string {
	id := f.nextID("T.") + ".fake"
	f.triggers[id] = &trigger{user: user, issued: time.Now()}
	return id
}

// useTrigger spends a trigger_id, which Slack accepts once and for three
// seconds only.
func (f *Fake) useTrigger(id string) (string, string) {
	t := f.triggers[id]
	switch {
	case t == nil:
		return "", "invalid_trigger_id"
	case t.used:
		return "", "exchanged_trigger_id"
	case f.cfg.TriggerTTL > 0 && time.Since(t.issued) > f.cfg.TriggerTTL:
		return "", "expired_trigger_id"
	}
	t.used = true
	return t.user, ""
}

// HomeView returns the Home tab last published for user.
func (f *Fake) HomeView(user string) (View, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if v := f.views[f.homes[user]]; v != nil {
		return *v, true
	}
	return View{}, false
}

// View returns a modal or Home tab by view ID.
func (f *Fake) View(id string) (View, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if v := f.views[id]; v != nil {
		return *v, true
	}
	return View{}, false
}

// Modals returns the modals opened or pushed, oldest first.
func (f *Fake) Modals() []View {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []View
	for _, v := range f.views {
		if v.Type != "home" {
			out = append(out, *v)
		}
	}
	slices.SortFunc(out, func(a, b View) int { return strings.Compare(a.ID, b.ID) })
	return out
}
