package slack_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
	"github.com/advisorbot/advisorbot/bot/llm/openai"
	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/knowledge"
)

const description = "Answer staff questions from our HR handbook, about 500 a month, 10 minutes each."

// harness is the real adapter and engine against the fake Slack.
type harness struct {
	t     *testing.T
	fake  *slacktest.Fake
	store store.Store
	stop  func()
	cfg   slack.Config
	model llm.Model
	lg    *slog.Logger  // nil: discard
	eng   *bot.Engine   // set by start
	ad    *slack.Server // set by start
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newHarness(t *testing.T, edit func(*slack.Config)) *harness {
	t.Helper()
	h := &harness{t: t, fake: slacktest.Start(t, slacktest.Config{}), store: store.NewMem()}
	h.cfg = slack.Config{AppToken: h.fake.AppToken(), BotToken: h.fake.BotToken(), APIURL: h.fake.APIURL()}
	if edit != nil {
		edit(&h.cfg)
	}
	h.start()
	return h
}

func (h *harness) start() {
	kb, err := knowledge.Load()
	if err != nil {
		h.t.Fatal(err)
	}
	lg := h.lg
	if lg == nil {
		lg = quiet()
	}
	ecfg := explain.Config{KB: kb}
	if h.model != nil {
		ecfg.Model, ecfg.ModelName = h.model, h.model.Name()
	}
	eng := bot.New(lg, bot.Config{
		Advisor:   advisor.New(advisor.DefaultAssumptions()),
		Store:     h.store,
		Explainer: explain.New(lg, ecfg),
		Extractor: extract.New(lg, nil),
		Access:    map[string]bot.Access{"slack": h.cfg.Access()},
	})
	ad, err := slack.New(lg, h.cfg, eng, h.store)
	if err != nil {
		h.t.Fatal(err)
	}
	h.eng, h.ad = eng, ad
	n := len(h.fake.Connections()) // before Run, which may connect at once
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ad.Run(ctx) }()
	h.stop = func() {
		cancel()
		if err := <-done; err != nil {
			h.t.Errorf("Run: %v", err)
		}
	}
	h.t.Cleanup(func() {
		if h.stop != nil {
			h.stop()
			h.stop = nil
		}
	})
	h.wait("a Socket Mode connection", func() bool {
		cs := h.fake.Connections()
		return len(cs) > n && cs[len(cs)-1].Open()
	})
}

func (h *harness) restart() {
	h.stop()
	h.stop = nil
	h.start()
}

func (h *harness) wait(what string, cond func() bool) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := h.fake.Await(ctx, cond); err != nil {
		h.t.Fatalf("waiting for %s: %v", what, err)
	}
}

// send delivers an envelope and waits for its acknowledgement.
func (h *harness) send(env *slacktest.Envelope) {
	h.t.Helper()
	if err := h.fake.Send(env); err != nil {
		h.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := h.fake.WaitAck(ctx, env.EnvelopeID); err != nil {
		h.t.Fatalf("envelope not acknowledged: %v", err)
	}
}

// botMessages are the bot's posts in a channel (or a thread of it).
func (h *harness) botMessages(channel, thread string) []slacktest.Message {
	msgs := h.fake.Messages(channel)
	if thread != "" {
		msgs = h.fake.Thread(channel, thread)
	}
	var out []slacktest.Message
	for _, m := range msgs {
		if m.FromBot() {
			out = append(out, m)
		}
	}
	return out
}

func has(msgs []slacktest.Message, prefix string) bool {
	for _, m := range msgs {
		if strings.HasPrefix(m.Text, prefix) {
			return true
		}
	}
	return false
}

// converse answers "skip" until the recommendation appears.
func (h *harness) converse(channel, thread string, reply func(text string) *slacktest.Envelope) {
	h.t.Helper()
	h.wait("the first question", func() bool { return has(h.botMessages(channel, thread), "Question 1") })
	for i := 0; i < 8 && !has(h.botMessages(channel, thread), "Recommendation:"); i++ {
		n := len(h.botMessages(channel, thread))
		h.send(reply("skip"))
		h.wait("a reply", func() bool { return len(h.botMessages(channel, thread)) > n })
	}
	h.wait("the recommendation and feedback request", func() bool {
		return has(h.botMessages(channel, thread), "Was this helpful?")
	})
}

func TestDMConversation(t *testing.T) {
	h := newHarness(t, nil)
	dm := h.fake.DMChannel("U1")
	h.send(h.fake.DM("U1", description))
	h.converse(dm, "", func(text string) *slacktest.Envelope { return h.fake.DM("U1", text) })
	msgs := h.botMessages(dm, "")
	if !has(msgs, "Question 1 of at most") {
		t.Error("no question was asked")
	}
	streamed := false
	for _, m := range msgs {
		streamed = streamed || (m.Streamed && strings.Contains(m.Text, "I recommend"))
	}
	if !streamed {
		t.Error("the explanation was not streamed")
	}
	recs, _ := h.store.Assessments(context.Background(), "U1", time.Time{}, 0)
	if len(recs) != 1 {
		t.Errorf("%d recommendations stored", len(recs))
	}
}

func TestMentionContinuesInThread(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.Invite("C1")
	env := h.fake.Mention("C1", "U2", description)
	h.send(env)
	thread := env.TS
	h.converse("C1", thread, func(text string) *slacktest.Envelope { return h.fake.ThreadReply("C1", "U2", thread, text) })
	for _, m := range h.botMessages("C1", "") {
		if m.ThreadTS == "" {
			t.Errorf("the bot posted at the top of the channel: %q", m.Text)
		}
	}
	// A thread the bot is not in is none of its business.
	other := h.fake.ThreadReply("C1", "U3", "1699999999.000100", "skip")
	h.send(other)
	if len(h.botMessages("C1", "1699999999.000100")) != 0 {
		t.Error("the bot answered in a thread it was not part of")
	}
}

func TestDuplicateEnvelopeAnsweredOnce(t *testing.T) {
	h := newHarness(t, nil)
	dm := h.fake.DMChannel("U4")
	env := h.fake.DM("U4", description)
	h.send(env)
	h.wait("the first question", func() bool { return has(h.botMessages(dm, ""), "Question 1") })
	h.send(h.fake.Duplicate(env))
	h.fake.Invite("C9")
	mention, message := h.fake.MentionAndMessage("C9", "U4", "", "hello")
	h.send(mention)
	h.send(message)
	time.Sleep(300 * time.Millisecond) // give a wrong second answer time to appear
	n := 0
	for _, m := range h.botMessages(dm, "") {
		if strings.HasPrefix(m.Text, "Question 1") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("question asked %d times after a duplicate delivery", n)
	}
	if c := len(h.botMessages("C9", "")); c > 1 {
		t.Errorf("mention plus message answered %d times", c)
	}
}

func TestSlashROI(t *testing.T) {
	h := newHarness(t, nil)
	h.send(h.fake.SlashCommand("/roi", "U5", "C2", "20k a month, 6 min each, $45/h"))
	h.wait("the ROI reply", func() bool { return len(h.fake.Ephemerals("C2")) > 0 })
	if e := h.fake.Ephemerals("C2")[0]; !strings.Contains(string(e.Blocks), "Prompting") || strings.Contains(string(e.Blocks), "prompt_engineering") || e.EphemeralTo != "U5" {
		t.Errorf("ROI reply: %+v", e)
	}
	h.send(h.fake.SlashCommand("/roi", "U5", "C2", "lots of stuff"))
	h.wait("the error reply", func() bool { return len(h.fake.Ephemerals("C2")) > 1 })
	if e := h.fake.Ephemerals("C2")[1]; !strings.Contains(e.Text, "could not read") || !strings.Contains(e.Text, "20k a month, 6 min each") {
		t.Errorf("bad /roi reply: %q", e.Text)
	}
}

func TestRateLimitedPostIsRetried(t *testing.T) {
	h := newHarness(t, nil)
	h.fake.RateLimitNext("chat.postMessage", time.Second)
	dm := h.fake.DMChannel("U6")
	h.send(h.fake.DM("U6", description))
	h.wait("the question after a 429", func() bool { return has(h.botMessages(dm, ""), "Question 1") })
}

func TestReconnectAfterDisconnect(t *testing.T) {
	h := newHarness(t, nil)
	if err := h.fake.Disconnect("refresh_requested"); err != nil {
		t.Fatal(err)
	}
	h.wait("a second connection", func() bool { return len(h.fake.Connections()) >= 2 })
	cs := h.fake.Connections()
	t.Logf("reconnected %v after the disconnect message", cs[1].HelloAt.Sub(cs[0].DisconnectAt))
	dm := h.fake.DMChannel("U7")
	h.send(h.fake.DM("U7", description))
	h.wait("an answer after reconnecting", func() bool { return has(h.botMessages(dm, ""), "Question 1") })
}

func TestRestartMidConversation(t *testing.T) {
	h := newHarness(t, nil)
	dm := h.fake.DMChannel("U8")
	h.send(h.fake.DM("U8", description))
	h.wait("the first question", func() bool { return has(h.botMessages(dm, ""), "Question 1") })
	h.restart()
	h.send(h.fake.DM("U8", "skip"))
	h.wait("the second question after the restart", func() bool { return has(h.botMessages(dm, ""), "Question 2") })
}

func TestModelDownGivesRuleAnswer(t *testing.T) {
	srv := llmtest.New(t, llmtest.WithHandler(func(llmtest.Request) llmtest.Response { return llmtest.Status(503) }))
	model, err := openai.New(quiet(), openai.Config{APIKey: "sk-test", BaseURL: srv.URL(), MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, fake: slacktest.Start(t, slacktest.Config{}), store: store.NewMem(), model: model}
	h.cfg = slack.Config{AppToken: h.fake.AppToken(), BotToken: h.fake.BotToken(), APIURL: h.fake.APIURL()}
	h.start()
	dm := h.fake.DMChannel("U9")
	h.send(h.fake.DM("U9", description))
	h.converse(dm, "", func(text string) *slacktest.Envelope { return h.fake.DM("U9", text) })
	if !has(h.botMessages(dm, ""), "I recommend") && !containsText(h.botMessages(dm, ""), "I recommend") {
		t.Error("no rule-written explanation with the model down")
	}
	if len(srv.Requests()) == 0 {
		t.Error("the model was never tried")
	}
}

func containsText(msgs []slacktest.Message, s string) bool {
	for _, m := range msgs {
		if strings.Contains(m.Text, s) {
			return true
		}
	}
	return false
}

func TestOutsideAllowedListsRefused(t *testing.T) {
	h := newHarness(t, func(c *slack.Config) {
		c.AllowedUsers = map[string]bool{"U0ALLOWED": true}
	})
	dm := h.fake.DMChannel("U66")
	h.send(h.fake.DM("U66", description))
	h.wait("a refusal", func() bool { return containsText(h.botMessages(dm, ""), "not available to you") })
	if _, err := h.store.GetConversation(context.Background(), store.ConvKey{Platform: "slack", Team: "T0FAKE", Channel: dm}); err == nil {
		t.Error("a refused user's conversation was stored")
	}
}
