package slacktest_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

// TestMalformedMetadataIsRefused: message metadata is an object with a
// non-empty event_type and an event_payload object. The Web API answers
// invalid_metadata_format otherwise, and a response_url, like an incoming
// webhook, 400 invalid_payload.
func TestMalformedMetadataIsRefused(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	for name, c := range map[string]struct {
		md   slack.SlackMetadata
		want string
	}{
		"empty (slack-go's zero value)": {slack.SlackMetadata{}, "invalid_metadata_format"},
		"no event_type":                 {slack.SlackMetadata{EventPayload: map[string]any{"k": "v"}}, "invalid_metadata_format"},
		"no event_payload":              {slack.SlackMetadata{EventType: "assessment"}, "invalid_metadata_format"},
		"well formed":                   {slack.SlackMetadata{EventType: "assessment", EventPayload: map[string]any{"k": "v"}}, ""},
	} {
		_, ts, err := api.PostMessage("C1", slack.MsgOptionText("x", false), slack.MsgOptionMetadata(c.md))
		if got := errText(err); got != c.want {
			t.Errorf("chat.postMessage, %s: %q, want %q", name, got, c.want)
		}
		if c.want != "" {
			continue
		}
		_, _, _, err = api.UpdateMessage("C1", ts, slack.MsgOptionText("y", false), slack.MsgOptionMetadata(slack.SlackMetadata{EventType: "assessment"}))
		if got := errText(err); got != "invalid_metadata_format" {
			t.Errorf("chat.update without event_payload: %q", got)
		}
		if m, _ := f.Message("C1", ts); m.Text != "x" || !strings.Contains(string(m.Metadata), `"event_type":"assessment"`) {
			t.Errorf("after a refused update: %+v", m)
		}
	}

	for name, c := range map[string]struct {
		body   string
		status int
	}{
		"what slack-go v0.35.0 sends": {`{"text":"x","response_type":"ephemeral","metadata":{"event_type":"","event_payload":null}}`, http.StatusBadRequest},
		"event_payload not an object": {`{"text":"x","metadata":{"event_type":"a","event_payload":["b"]}}`, http.StatusBadRequest},
		"metadata not an object":      {`{"text":"x","metadata":"a"}`, http.StatusBadRequest},
		"well formed":                 {`{"text":"x","metadata":{"event_type":"a","event_payload":{"b":1}}}`, http.StatusOK},
		"no metadata":                 {`{"text":"x","response_type":"ephemeral"}`, http.StatusOK},
	} {
		before := len(f.Ephemerals("C2"))
		url := f.SlashCommand("/roi", "U1", "C2", "x").ResponseURL
		resp, err := http.Post(url, "application/json", strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		answer, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		shown := len(f.Ephemerals("C2")) - before
		switch {
		case resp.StatusCode != c.status:
			t.Errorf("response_url, %s: %d %s, want %d", name, resp.StatusCode, answer, c.status)
		case c.status != http.StatusOK && (strings.TrimSpace(string(answer)) != "invalid_payload" || shown != 0):
			t.Errorf("response_url, %s: answered %q and showed %d messages", name, answer, shown)
		case c.status == http.StatusOK && shown != 1:
			t.Errorf("response_url, %s: showed %d messages", name, shown)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
