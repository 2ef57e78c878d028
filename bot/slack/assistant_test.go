package slack_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

func TestAssistantPane(t *testing.T) {
	h := newHarness(t, nil)
	dm := h.fake.DMChannel("U1")
	env := h.fake.AssistantThreadStarted("U1", "C1")
	h.send(env)
	thread := env.ThreadTS
	var at slacktest.AssistantThread
	h.wait("suggested prompts and a title", func() bool {
		var ok bool
		at, ok = h.fake.Assistant(dm, thread)
		return ok && len(at.Prompts) > 0 && at.Title != ""
	})
	if at.Title != "Automation advice" {
		t.Errorf("title %q", at.Title)
	}
	var messages []string
	for _, p := range at.Prompts {
		if p.Title == "" || p.Message == "" {
			t.Errorf("incomplete prompt %+v", p)
		}
		messages = append(messages, p.Message)
	}
	if !slices.Contains(messages, "Is fine-tuning worth it for my use case?") {
		t.Errorf("prompts %v", messages)
	}
	if n := len(h.botMessages(dm, "")); n != 0 {
		t.Errorf("the bot posted %d messages on assistant_thread_started", n)
	}

	// A message in the pane is a DM thread reply, answered in that thread,
	// with "is thinking..." shown meanwhile and cleared by the answer.
	h.send(h.fake.DMReply("U1", thread, description))
	h.wait("an answer in the assistant thread", func() bool { return has(h.botMessages(dm, thread), "Question 1") })
	at, _ = h.fake.Assistant(dm, thread)
	if !slices.Contains(at.Statuses, "is thinking...") {
		t.Errorf("statuses %q: no thinking status", at.Statuses)
	}
	if at.Status != "" {
		t.Errorf("status %q left after the answer", at.Status)
	}
	for _, m := range h.botMessages(dm, "") {
		if m.ThreadTS != thread {
			t.Errorf("the bot posted outside the assistant thread: %+v", m)
		}
	}
	h.converse(dm, thread, func(text string) *slacktest.Envelope { return h.fake.DMReply("U1", thread, text) })

	// A plain DM, outside any thread, sets no status.
	h.send(h.fake.DM("U1", "help"))
	h.wait("the help reply", func() bool {
		for _, m := range h.botMessages(dm, "") {
			if m.ThreadTS == "" {
				return true
			}
		}
		return false
	})
	for _, c := range h.fake.CallsTo("assistant.threads.setStatus") {
		if c.Param("thread_ts") != thread {
			t.Errorf("status set outside the assistant thread: %v", c.Params)
		}
	}
}

func TestAssistantPaneNotEnabled(t *testing.T) {
	h := newHarness(t, func(c *slack.Config) { c.AllowedUsers = map[string]bool{"U0ALLOWED": true} })
	dm := h.fake.DMChannel("U66")
	env := h.fake.AssistantThreadStarted("U66", "")
	h.send(env)
	h.wait("a refusal in the thread", func() bool { return containsText(h.botMessages(dm, env.ThreadTS), "not available to you") })
	if at, ok := h.fake.Assistant(dm, env.ThreadTS); ok && len(at.Prompts) > 0 {
		t.Error("prompts offered to a user outside ALLOWED_USERS")
	}
	if strings.Contains(h.botMessages(dm, env.ThreadTS)[0].Text, "Question") {
		t.Error("a refused user got a question")
	}
}
