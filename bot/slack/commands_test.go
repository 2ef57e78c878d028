package slack_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
)

func TestForgetMeNeedsConfirmation(t *testing.T) {
	h := newHarness(t, nil)
	dm := h.fake.DMChannel("U1")
	h.send(h.fake.DM("U1", description))
	h.converse(dm, "", func(text string) *slacktest.Envelope { return h.fake.DM("U1", text) })
	h.send(h.fake.SlashCommand("/advisor", "U1", "C3", "forget-me"))
	h.wait("the confirmation", func() bool { return len(h.fake.Ephemerals("C3")) > 0 })
	if recs, _ := h.store.Assessments(context.Background(), "U1", time.Time{}, 0); len(recs) != 1 {
		t.Fatalf("data deleted before the confirmation: %d records left", len(recs))
	}
	conf := h.fake.Ephemerals("C3")[0]
	h.send(h.fake.ButtonClick("U1", "C3", conf.TS, "forget_confirm", "confirm"))
	h.wait("the deletion", func() bool { return len(h.fake.Ephemerals("C3")) > 1 })
	if recs, _ := h.store.Assessments(context.Background(), "U1", time.Time{}, 0); len(recs) != 0 {
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

// TestStaleClickIgnored: clicking a button of a question already answered
// does not answer the question asked since.
func TestStaleClickIgnored(t *testing.T) {
	h := newHarness(t, nil)
	dm := h.fake.DMChannel("U11")
	h.send(h.fake.DM("U11", description))
	h.wait("the first question", func() bool { return has(h.botMessages(dm, ""), "Question 1") })
	first := h.botMessages(dm, "")
	q1 := first[len(first)-1]
	h.send(h.fake.DM("U11", "skip"))
	h.wait("the second question", func() bool { return has(h.botMessages(dm, ""), "Question 2") })
	c, _ := h.store.GetConversation(context.Background(), storeKey(dm))
	pending := c.Pending
	h.send(h.fake.ButtonClick("U11", dm, q1.TS, skipActionID(t, q1), "skip")) // the old question's Skip
	h.wait("a reply to the click", func() bool { return containsText(h.botMessages(dm, ""), "already been answered") })
	c, _ = h.store.GetConversation(context.Background(), storeKey(dm))
	if c.Pending != pending {
		t.Errorf("an old click moved the conversation from %s to %s", pending, c.Pending)
	}
}

func TestOthersInThreadDoNotSteer(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.Invite("C7")
	env := h.fake.Mention("C7", "U12", description)
	h.send(env)
	h.wait("the first question", func() bool { return has(h.botMessages("C7", env.TS), "Question 1") })
	n := len(h.botMessages("C7", env.TS))
	h.send(h.fake.ThreadReply("C7", "U13", env.TS, "lol nice, see you at lunch"))
	time.Sleep(200 * time.Millisecond)
	if got := len(h.botMessages("C7", env.TS)); got != n {
		t.Errorf("the bot answered someone else's chatter in the thread (%d -> %d messages)", n, got)
	}
}

func TestConfigRejectsNames(t *testing.T) {
	_, err := slack.ConfigFromEnv(func(k string) string {
		return map[string]string{"SLACK_APP_TOKEN": "xapp-1", "SLACK_BOT_TOKEN": "xoxb-1", "ALLOWED_CHANNELS": "#general,C0123ABCD"}[k]
	})
	if err == nil || !strings.Contains(err.Error(), `ALLOWED_CHANNELS: "#general" is not a Slack id`) {
		t.Errorf("err = %v", err)
	}
}

func storeKey(dm string) store.ConvKey {
	return store.ConvKey{Platform: "slack", Team: "T0FAKE", Channel: dm}
}

// skipActionID finds the action id of the Skip button in a posted question.
func skipActionID(t *testing.T, m slacktest.Message) string {
	t.Helper()
	var blocks []struct {
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
		t.Fatal(err)
	}
	for _, b := range blocks {
		for _, e := range b.Elements {
			if e.Value == "skip" {
				return e.ActionID
			}
		}
	}
	t.Fatalf("no Skip button in %s", m.Blocks)
	return ""
}

// TestRetryAfterRestartAnsweredOnce: an event Slack redelivers after the
// bot restarted is still recognised (the event id is in the store).
func TestRetryAfterRestartAnsweredOnce(t *testing.T) {
	h := newHarness(t, nil)
	dm := h.fake.DMChannel("U14")
	env := h.fake.DM("U14", description)
	h.send(env)
	h.wait("the first question", func() bool { return has(h.botMessages(dm, ""), "Question 1") })
	h.restart()
	h.send(h.fake.Duplicate(env))
	time.Sleep(300 * time.Millisecond)
	n := 0
	for _, m := range h.botMessages(dm, "") {
		if strings.HasPrefix(m.Text, "Question 1") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("asked %d times after a redelivery across a restart", n)
	}
}

func TestAllowedChannels(t *testing.T) {
	h := newHarness(t, func(c *slack.Config) { c.AllowedChannels = map[string]bool{"C0OK": true} })
	h.fake.Invite("C0NO", "C0OK")
	h.send(h.fake.Mention("C0NO", "U15", description))
	h.wait("a refusal", func() bool {
		return containsText(h.botMessages("C0NO", ""), "does not answer here") || threadHas(h, "C0NO", "does not answer here")
	})
	ok := h.fake.Mention("C0OK", "U15", description)
	h.send(ok)
	h.wait("an answer in the allowed channel", func() bool { return has(h.botMessages("C0OK", ok.TS), "Question 1") })
}

func threadHas(h *harness, channel, s string) bool {
	for _, m := range h.fake.Messages(channel) {
		if containsText(h.botMessages(channel, m.TS), s) {
			return true
		}
	}
	return false
}
