package slack_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

func TestForgetMeNeedsConfirmation(t *testing.T) {
	h := newHarness(t, nil)
	dm := h.fake.DMChannel("U1")
	h.send(h.fake.DM("U1", description))
	h.converse(dm, "", func(text string) *slacktest.Envelope { return h.fake.DM("U1", text) })
	h.send(h.fake.SlashCommand("/advisor", "U1", "C3", "forget-me"))
	h.wait("the confirmation", func() bool { return len(h.fake.Ephemerals("C3")) > 0 })
	if recs, _ := h.store.Recommendations(context.Background(), "U1", time.Time{}, 0); len(recs) != 1 {
		t.Fatalf("data deleted before the confirmation: %d records left", len(recs))
	}
	conf := h.fake.Ephemerals("C3")[0]
	h.send(h.fake.ButtonClick("U1", "C3", conf.TS, "forget_confirm", "confirm"))
	h.wait("the deletion", func() bool { return len(h.fake.Ephemerals("C3")) > 1 })
	if recs, _ := h.store.Recommendations(context.Background(), "U1", time.Time{}, 0); len(recs) != 0 {
		t.Errorf("%d records left after forget-me", len(recs))
	}
}

func TestSummaryForAdminsOnly(t *testing.T) {
	h := newHarness(t, func(c *slack.Config) { c.AdminUsers = map[string]bool{"UADMIN": true} })
	h.send(h.fake.SlashCommand("/advisor", "U2", "C4", "summary"))
	h.send(h.fake.SlashCommand("/advisor", "UADMIN", "C4", "summary"))
	h.wait("both replies", func() bool { return len(h.fake.Ephemerals("C4")) == 2 })
	for _, e := range h.fake.Ephemerals("C4") {
		admin := e.EphemeralTo == "UADMIN"
		if admin != strings.Contains(e.Text, "so far") {
			t.Errorf("reply to %s: %q", e.EphemeralTo, e.Text)
		}
	}
}

func TestMalformedEnvelopeIsAcked(t *testing.T) {
	h := newHarness(t, nil)
	h.send(h.fake.Malformed()) // send waits for the ack
	// And the connection still serves.
	dm := h.fake.DMChannel("U5")
	h.send(h.fake.DM("U5", description))
	h.wait("an answer", func() bool { return has(h.botMessages(dm, ""), "Question 1") })
}
