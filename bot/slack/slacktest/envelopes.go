package slacktest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// Envelope is a Socket Mode envelope, built by the fake's constructors
// (DM, Mention, SlashCommand, ...) and sent with Send. The constructors
// give every envelope a fresh envelope_id, and every event a fresh event_id
// and message timestamp.
type Envelope struct {
	EnvelopeID string
	Type       string // "events_api", "slash_commands" or "interactive"
	// Payload is brought up to date with the workspace when sent (the text
	// of the message a button sits on, say), so envelopes can be built
	// before the messages they refer to exist. A test may replace it to
	// send something else; the fake then leaves it alone.
	Payload                json.RawMessage
	AcceptsResponsePayload bool
	RetryAttempt           int
	RetryReason            string

	// What the envelope is about, for the test to refer to; not sent.
	EventID     string
	Channel     string
	User        string
	TS          string // the message's ts for message events
	ThreadTS    string
	TriggerID   string
	ResponseURL string

	// body is the payload before marshalling, and built its last
	// marshalling. patch updates body when sent, and onSend then applies
	// the event to the workspace. Both run under f.mu.
	body   any
	built  json.RawMessage
	patch  func(f *Fake, e *Envelope, p obj)
	onSend func(f *Fake)

	// What Slack needs before it sends the envelope: the event
	// subscription it comes from, the channel the bot must be in, the
	// slash command the app declares.
	subscription, member, command string
}

// deliverable reports why Slack would not send env to this app, if it
// would not; f.mu must be held.
func (f *Fake) deliverable(env *Envelope) error {
	if env.subscription != "" {
		if err := f.subscribed(env.subscription); err != nil {
			return err
		}
	}
	if env.member != "" && !f.member(env.member) {
		return fmt.Errorf("slacktest: Slack sends no events from %s, which the bot is not in; Invite it first", env.member)
	}
	if env.command != "" && !slices.Contains(f.manifest.Commands, env.command) {
		return fmt.Errorf("slacktest: the manifest declares no %s command", env.command)
	}
	return nil
}

// MarshalJSON renders the envelope as Slack writes it on the socket. Only
// Events API envelopes carry the retry fields.
func (e Envelope) MarshalJSON() ([]byte, error) {
	w := obj{
		"envelope_id": e.EnvelopeID, "type": e.Type, "payload": e.Payload,
		"accepts_response_payload": e.AcceptsResponsePayload,
	}
	if e.Type == "events_api" {
		w["retry_attempt"], w["retry_reason"] = e.RetryAttempt, e.RetryReason
	}
	return json.Marshal(w)
}

// newEnvelope wraps a payload; f.mu must be held.
func (f *Fake) newEnvelope(typ string, payload any, acceptsResponse bool) *Envelope {
	f.ids++
	env := &Envelope{
		// Slack's envelope IDs are UUIDs; counting keeps them reproducible.
		EnvelopeID:             fmt.Sprintf("%08x-0000-4000-8000-%012x", f.ids, f.ids),
		Type:                   typ,
		AcceptsResponsePayload: acceptsResponse,
		body:                   payload,
	}
	env.marshal()
	return env
}

// prepare brings the payload up to date and applies the event, as Slack
// sends it; f.mu must be held.
func (e *Envelope) prepare(f *Fake) {
	p, ok := e.body.(obj)
	if ok && e.patch != nil && bytes.Equal(e.Payload, e.built) {
		e.patch(f, e, p)
		e.marshal()
	}
	if e.onSend != nil {
		e.onSend(f)
	}
}

func (e *Envelope) marshal() {
	raw, err := json.Marshal(e.body)
	if err != nil {
		panic(fmt.Sprintf("slacktest: payload does not marshal: %v", err))
	}
	e.Payload, e.built = raw, raw
}

// eventEnvelope wraps an inner event in an event_callback; f.mu must be
// held.
func (f *Fake) eventEnvelope(event obj) *Envelope {
	eventID := f.nextID("Ev0FAKE")
	env := f.newEnvelope("events_api", obj{
		"token": "fake-verification-token", "team_id": f.cfg.TeamID, "api_app_id": f.cfg.AppID,
		"event": event, "type": "event_callback", "event_id": eventID,
		"event_time": time.Now().Unix(), "event_context": "4-fake-" + eventID,
		"authorizations": []obj{{
			"enterprise_id": nil, "team_id": f.cfg.TeamID, "user_id": f.cfg.BotUserID,
			"is_bot": true, "is_enterprise_install": false,
		}},
		"is_ext_shared_channel": false,
	}, false)
	env.EventID = eventID
	return env
}

// error_bad_message without a Request, so only a bot that digs the
// envelope_id out of the raw message can ack it.
func (f *Fake) Malformed() *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.newEnvelope("events_api", "this payload is not an event", false)
}

// Duplicate is Slack's retry of env: a new envelope ID, the same payload
// (so the same event_id), the retry attempt counted up and reason
// "timeout". Make it after sending env to repeat the payload exactly as
// sent.
func (f *Fake) Duplicate(env *Envelope) *Envelope {
	f.mu.Lock()
	defer f.mu.Unlock()
	d := *env
	d.EnvelopeID = f.newEnvelope(env.Type, nil, false).EnvelopeID
	d.RetryAttempt, d.RetryReason = env.RetryAttempt+1, "timeout"
	// A retry neither changes the payload nor happens twice in the
	// workspace.
	d.body, d.built, d.patch, d.onSend = nil, nil, nil, nil
	return &d
}
