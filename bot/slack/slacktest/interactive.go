package slacktest

// Slash commands and interactive payloads. Each hands the bot a fresh
// trigger_id (good once, for Config.TriggerTTL after sending), and those
// with a response_url point it at the fake, which keeps what is posted
// there with the other messages.

// SlashCommand is a user running command (e.g. "/roi") in channel with
// the text after the command.
func (f *Fake) SlashCommand(command, user, channel, text string) *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, _ := f.channelInfo(channel)
	name := c.Name
	if c.IsIM {
		name = "directmessage"
	}
	u, _ := f.userInfo(user)
	trig := f.issueTrigger(user)
	url := f.responseURL(&responseTarget{channel: channel, user: user})
	env := f.newEnvelope("slash_commands", obj{
		"token": "fake-verification-token", "team_id": f.cfg.TeamID, "team_domain": f.cfg.TeamDomain,
		"channel_id": channel, "channel_name": name, "user_id": user, "user_name": u.Name,
		"command": command, "text": text, "api_app_id": f.cfg.AppID,
		// A string, as in Slack's payload, which began life as a form.
		"is_enterprise_install": "false",
		"response_url":          url, "trigger_id": trig,
	}, true)
	env.Channel, env.User, env.TriggerID, env.ResponseURL = channel, user, trig, url
	env.command = command
	return env
}

// ActionSpec describes a block_actions payload: a click on an element in
// a message (Channel and MessageTS) or in a view (ViewID).
type ActionSpec struct {
	User      string
	Channel   string
	MessageTS string // the message's thread and blocks come from the fake
	ViewID    string
	ActionID  string
	BlockID   string // looked up in the message's or view's blocks if empty
	Type      string // "button" (default), "static_select", "radio_buttons", "overflow"
	Value     string // the button's value, or the chosen option's value
	Label     string // the button's or option's text; Value if empty
}

// ButtonClick is a click on a button in one of the bot's messages.
func (f *Fake) ButtonClick(user, channel, messageTS, actionID, value string) *Envelope {
	return f.BlockAction(ActionSpec{User: user, Channel: channel, MessageTS: messageTS, ActionID: actionID, Value: value})
}

// HomeButtonClick is a click on a button in the user's Home tab.
func (f *Fake) HomeButtonClick(user, actionID, value string) *Envelope {
	f.mu.Lock()
	id := f.homes[user]
	f.mu.Unlock()
	return f.BlockAction(ActionSpec{User: user, ViewID: id, ActionID: actionID, Value: value})
}

// BlockAction builds a block_actions payload from a spec.
func (f *Fake) BlockAction(s ActionSpec) *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	if s.Type == "" {
		s.Type = "button"
	}
	if s.Label == "" {
		s.Label = s.Value
	}
	p := f.interactionBase("block_actions", s.User)
	p["state"] = obj{"values": obj{}}
	var target *responseTarget
	if s.MessageTS != "" {
		target = &responseTarget{channel: s.Channel, user: s.User, messageTS: s.MessageTS}
		p["response_url"] = f.responseURL(target)
	}
	env := f.newEnvelope("interactive", p, true)
	env.Channel, env.User, env.TS = s.Channel, s.User, s.MessageTS
	env.TriggerID, _ = p["trigger_id"].(string)
	env.ResponseURL, _ = p["response_url"].(string)
	actionTS := f.nextTS()
	env.patch = func(f *Fake, e *Envelope, p obj) {
		blockID := s.BlockID
		if s.MessageTS != "" {
			blockID = f.patchMessageAction(p, s, blockID, target)
			e.ThreadTS = target.threadTS
		}
		if s.ViewID != "" {
			p["container"] = obj{"type": "view", "view_id": s.ViewID}
			if v := f.views[s.ViewID]; v != nil {
				p["view"] = f.viewWire(v, nil)
				if blockID == "" {
					blockID = findActionBlock(v.Blocks, s.ActionID)
				}
			}
		}
		if blockID == "" {
			blockID = "block-" + s.ActionID
		}
		action := obj{"type": s.Type, "action_id": s.ActionID, "block_id": blockID, "action_ts": actionTS}
		label := obj{"type": "plain_text", "text": s.Label, "emoji": true}
		if s.Type == "button" {
			action["text"], action["value"] = label, s.Value
		} else {
			action["selected_option"] = obj{"text": label, "value": s.Value}
		}
		p["actions"] = []obj{action}
	}
	env.patch(f, env, p)
	env.marshal()
	return env
}

// patchMessageAction fills in the message a clicked element sits on, as
// it is now, and returns the action's block ID.
func (f *Fake) patchMessageAction(p obj, s ActionSpec, blockID string, target *responseTarget) string {
	cont := obj{"type": "message", "message_ts": s.MessageTS, "channel_id": s.Channel, "is_ephemeral": false}
	c, _ := f.channelInfo(s.Channel)
	p["channel"] = obj{"id": s.Channel, "name": c.Name}
	p["message"] = obj{"type": "message", "ts": s.MessageTS, "text": ""}
	if m := f.findMessage(s.Channel, s.MessageTS); m != nil {
		target.threadTS = m.ThreadTS
		if blockID == "" {
			blockID = findActionBlock(m.Blocks, s.ActionID)
		}
		if m.Ephemeral {
			// Slack does not echo ephemeral messages back.
			cont["is_ephemeral"] = true
			delete(p, "message")
		} else {
			p["message"] = f.wire(m)
		}
	}
	if target.threadTS != "" {
		cont["thread_ts"] = target.threadTS
	}
	p["container"] = cont
	return blockID
}

// Input is the state of one input element in a submitted view.
type Input struct {
	Type     string
	Value    string   // text and number inputs
	Selected []string // option values of selects, radio buttons, checkboxes
}

// TextInput is a plain_text_input's state.
func TextInput(v string) Input { return Input{Type: "plain_text_input", Value: v} }

// SelectInput is a static_select's state.
func SelectInput(v string) Input { return Input{Type: "static_select", Selected: []string{v}} }

// Values is a submitted view's state: block_id -> action_id -> input.
type Values map[string]map[string]Input

func (vs Values) wire() obj {
	out := obj{}
	for block, actions := range vs {
		a := obj{}
		for id, in := range actions {
			w := obj{"type": in.Type}
			opt := func(v string) obj { return obj{"text": obj{"type": "plain_text", "text": v}, "value": v} }
			switch in.Type {
			case "checkboxes", "multi_static_select":
				opts := []obj{}
				for _, v := range in.Selected {
					opts = append(opts, opt(v))
				}
				w["selected_options"] = opts
			case "static_select", "radio_buttons":
				if len(in.Selected) > 0 {
					w["selected_option"] = opt(in.Selected[0])
				} else {
					w["selected_option"] = nil
				}
			default:
				w["value"] = in.Value
			}
			a[id] = w
		}
		out[block] = a
	}
	return out
}

// SubmitView is the user pressing Submit in a modal the bot opened, with
// the inputs in values. user "" means the user the modal was opened for.
// A view the fake never saw is submitted with just its ID.
func (f *Fake) SubmitView(user, viewID string, values Values) *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	v := f.views[viewID]
	if v == nil {
		v = &View{ID: viewID, Type: "modal", RootViewID: viewID}
	}
	if user == "" {
		user = v.User
	}
	return f.submission(user, v, values)
}

// ViewSubmission is a submission of a modal with callbackID that the fake
// did not see opened.
func (f *Fake) ViewSubmission(user, callbackID string, values Values) *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	id := f.nextID("V")
	return f.submission(user, &View{ID: id, Type: "modal", CallbackID: callbackID, RootViewID: id}, values)
}

func (f *Fake) submission(user string, v *View, values Values) *Envelope {
	p := f.interactionBase("view_submission", user)
	p["view"] = f.viewWire(v, values.wire())
	p["response_urls"] = []obj{}
	env := f.newEnvelope("interactive", p, true)
	env.User = user
	env.TriggerID, _ = p["trigger_id"].(string)
	return env
}

// interactionBase is what every interactive payload carries; f.mu must
// be held.
func (f *Fake) interactionBase(typ, user string) obj {
	u, _ := f.userInfo(user)
	return obj{
		"type": typ, "token": "fake-verification-token", "api_app_id": f.cfg.AppID,
		"trigger_id": f.issueTrigger(user), "is_enterprise_install": false, "enterprise": nil,
		"team": obj{"id": f.cfg.TeamID, "domain": f.cfg.TeamDomain},
		"user": obj{"id": user, "username": u.Name, "name": u.Name, "team_id": f.cfg.TeamID},
	}
}

// responseURL registers a response_url; f.mu must be held.
func (f *Fake) responseURL(t *responseTarget) string {
	id := f.nextID("R")
	f.responses[id] = t
	return f.baseURL() + "/response/" + id
}
