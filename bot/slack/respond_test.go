package slack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
)

// TestResponseURLRepliesAreWellFormed: every private reply through a
// response_url (the forget-me confirmation and its note after the click,
// a /roi answer, /advisor new without a description) is taken by Slack
// and carries only the fields a response_url takes. slack-go v0.35.0
// added "metadata":{"event_type":"","event_payload":null} to each, which
// Slack refuses: message metadata needs an event_type and an
// event_payload object.
func TestResponseURLRepliesAreWellFormed(t *testing.T) {
	h := newHarness(t, nil)
	answered := func(n int) func() bool {
		return func() bool {
			calls := h.fake.CallsTo("response_url")
			return len(calls) >= n && calls[n-1].Status != 0
		}
	}
	h.send(h.fake.SlashCommand("/advisor", "U1", "C3", "forget-me"))
	h.wait("the confirmation's response_url call", answered(1))
	noRefusals(t, h.fake, "response_url")
	conf := h.fake.Ephemerals("C3")
	if len(conf) != 1 {
		t.Fatalf("%d ephemeral messages after forget-me, want the confirmation", len(conf))
	}
	h.send(h.fake.ButtonClick("U1", "C3", conf[0].TS, "forget_confirm", "confirm"))
	h.wait("the deletion's note", answered(2))
	h.send(h.fake.SlashCommand("/roi", "U2", "C2", "20k a month, 6 min each, $45/h"))
	h.wait("the /roi answer", answered(3))
	h.send(h.fake.SlashCommand("/advisor", "U2", "C4", "new"))
	h.wait("the request for a description", answered(4))

	noRefusals(t, h.fake, "response_url")
	for _, c := range h.fake.CallsTo("response_url") {
		var body map[string]json.RawMessage
		if err := json.Unmarshal(c.JSON, &body); err != nil {
			t.Fatalf("response_url body %s: %v", c.JSON, err)
		}
		for k := range body {
			switch k {
			case "text", "blocks", "response_type", "replace_original", "delete_original":
			default:
				t.Errorf("response_url body has %q: %s", k, c.JSON)
			}
		}
		if c.Param("response_type") != "ephemeral" || c.Param("text") == "" || c.Param("replace_original") != "false" {
			t.Errorf("response_url body %s: want an ephemeral new message with text", c.JSON)
		}
	}
	for ch, n := range map[string]int{"C3": 2, "C2": 1, "C4": 1} {
		if got := len(h.fake.Ephemerals(ch)); got != n {
			t.Errorf("%d ephemeral messages in %s, want %d", got, ch, n)
		}
	}
}

// TestResponseURLRefusalFailsSend: a response_url that refuses the reply
// with a 4xx (here a 404, as for a URL past its 30 minutes or five uses)
// makes Send fail, once, with an error naming the operation and Slack's
// code.
func TestResponseURLRefusalFailsSend(t *testing.T) {
	fake := slacktest.Start(t, slacktest.Config{Logf: func(string, ...any) {}})
	s := &sends{}
	rig(t, fake, store.NewMem(), nil, func(_ context.Context, _ bot.Inbound, r bot.Replier) bot.Replier {
		return recordingReplier{Replier: r, s: s}
	})
	fake.FailNext("response_url", http.StatusNotFound, http.Header{"Content-Type": {"text/plain"}}, "invalid_response_url")
	if err := fake.Send(fake.SlashCommand("/roi", "U1", "C2", "20k a month, 6 min each, $45/h")); err != nil {
		t.Fatal(err)
	}
	awaitSignal(t, fake, &s.signal, "a failed send", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.errs) > 0
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	want := "slack: reply privately " // then the kind, and Slack's answer
	if err := s.errs[0]; err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "response_url answered 404 invalid_response_url") {
		t.Errorf("Send returned %v", err)
	}
	if n := len(fake.CallsTo("response_url")); n != 1 {
		t.Errorf("%d response_url calls: a 404 is not retried", n)
	}
}
