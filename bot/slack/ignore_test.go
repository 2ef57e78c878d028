package slack_test

import (
	"testing"
)

// TestIgnoresWhatIsNotForTheBot: in a channel, only a mention starts a
// conversation and only its owner's words continue it; other apps' posts
// (the bot's own echo included) and edits of earlier messages are not
// answers. A final mention from the owner in the same thread, handled in
// order after the others, proves they were read and passed over.
func TestIgnoresWhatIsNotForTheBot(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.Invite("C5")
	h.send(h.fake.ChannelMessage("C5", "U1", description))
	start := h.fake.Mention("C5", "U1", description)
	h.send(start)
	h.wait("the first question", func() bool { return has(h.botMessages("C5", start.TS), "Question 1") })

	h.send(h.fake.BotMessage("C5", start.TS, "B999", "skip"))
	h.send(h.fake.BotMessage("C5", start.TS, h.fake.BotID(), "skip"))
	h.send(h.fake.MessageChanged("C5", "U1", start.TS, "restart"))
	h.send(h.fake.MentionInThread("C5", "U1", start.TS, "skip"))
	h.wait("the second question", func() bool { return has(h.botMessages("C5", start.TS), "Question 2") })

	// The thread holds the two injected "skip" posts and the bot's own
	// answers: one question per answer, nothing for the rest.
	var answers []string
	for _, m := range h.botMessages("C5", start.TS) {
		if m.Text != "skip" {
			answers = append(answers, m.Text)
		}
	}
	if len(answers) != 2 {
		t.Errorf("the bot posted %d messages in the thread, want the first and second question: %q", len(answers), answers)
	}
	for _, m := range h.fake.Messages("C5") {
		if m.FromBot() && m.ThreadTS == "" {
			t.Errorf("the bot answered a channel message that did not mention it: %q", m.Text)
		}
	}
}
