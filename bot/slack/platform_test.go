package slack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
)

// Each test here is one place where the bot did what Slack would refuse
// or show badly, and which the fake, grown stricter, refuses too.

// newModelHarness is the harness with a model and a fake configured by
// fcfg.
func newModelHarness(t *testing.T, fcfg slacktest.Config, model llm.Model) *harness {
	t.Helper()
	h := &harness{t: t, fake: slacktest.Start(t, fcfg), store: store.NewMem(), model: model}
	h.cfg = slack.Config{AppToken: h.fake.AppToken(), BotToken: h.fake.BotToken(), APIURL: h.fake.APIURL()}
	h.start()
	return h
}

// frozen is a clock that stands still, so a rate limit's minute never
// passes and calls are counted, not timed.
func frozen() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }

// dmTurns converses in user's DM until the feedback card, and returns
// the ts of every message the person sent.
func (h *harness) dmTurns(user string) []string {
	h.t.Helper()
	var sent []string
	env := h.fake.DM(user, description)
	sent = append(sent, env.TS)
	h.send(env)
	h.converse(h.fake.DMChannel(user), "", func(text string) *slacktest.Envelope {
		e := h.fake.DM(user, text)
		sent = append(sent, e.TS)
		return e
	})
	return sent
}

// noRefusals fails for every call the fake refused or rate limited.
func noRefusals(t *testing.T, fake *slacktest.Fake, methods ...string) {
	t.Helper()
	for _, m := range methods {
		for _, c := range fake.CallsTo(m) {
			if c.Error != "" || c.Status != http.StatusOK {
				t.Errorf("%s answered %d %s", m, c.Status, c.Error)
			}
		}
	}
}

// TestDMExplanationStreamsAsReply: Slack streams only replies
// (chat.startStream needs thread_ts), so in a top-level DM the
// explanation replies to the person's message instead of falling back to
// edits.
func TestDMExplanationStreamsAsReply(t *testing.T) {
	h := newHarness(t, nil)
	sent := h.dmTurns("U1")
	starts := h.fake.CallsTo("chat.startStream")
	if len(starts) != 1 {
		t.Fatalf("%d chat.startStream calls, want 1", len(starts))
	}
	noRefusals(t, h.fake, "chat.startStream", "chat.appendStream", "chat.stopStream")
	if got, want := starts[0].Param("thread_ts"), sent[len(sent)-1]; got != want {
		t.Errorf("the stream replies to %q, want the person's last message %q", got, want)
	}
	if n := len(h.fake.CallsTo("chat.update")); n != 0 {
		t.Errorf("%d edits: the explanation fell back to editing a message", n)
	}
}

// TestForgetMeWhereTheBotIsNotAMember: /advisor forget-me works in any
// channel, so its confirmation and its "Done" go through the command's and
// the click's response_url, never chat.postEphemeral, which needs the bot
// in the channel.
func TestForgetMeWhereTheBotIsNotAMember(t *testing.T) {
	h := newHarness(t, nil)
	h.dmTurns("U1")
	h.send(h.fake.SlashCommand("/advisor", "U1", "C3", "forget-me"))
	h.wait("the confirmation", func() bool { return len(h.fake.Ephemerals("C3")) > 0 })
	conf := h.fake.Ephemerals("C3")[0]
	h.send(h.fake.ButtonClick("U1", "C3", conf.TS, "forget_confirm", "confirm"))
	h.wait("the deletion's note", func() bool { return len(h.fake.Ephemerals("C3")) > 1 })
	if done := h.fake.Ephemerals("C3")[1]; !strings.HasPrefix(done.Text, "Done") || done.EphemeralTo != "U1" {
		t.Errorf("after the click: %+v", done)
	}
	if calls := h.fake.CallsTo("chat.postEphemeral"); len(calls) != 0 {
		t.Errorf("%d chat.postEphemeral calls in a channel the bot is not in", len(calls))
	}
	if recs, _ := h.store.Assessments(context.Background(), "U1", time.Time{}, 0); len(recs) != 0 {
		t.Errorf("%d assessments left", len(recs))
	}
}

// TestStreamAppendsAreBuffered: chat.appendStream is Tier 4 (about 100 a
// minute for the workspace). A model's explanation arrives a sentence at
// a time; appended as it comes, 150 sentences spend the minute, and with
// the minute held still the fake answers 429 from the 101st. Buffered
// like Slack's SDKs (256 characters), it takes a few dozen.
func TestStreamAppendsAreBuffered(t *testing.T) {
	h := newModelHarness(t, slacktest.Config{Now: frozen}, wordyModel(150))
	h.dmTurns("U2")
	noRefusals(t, h.fake, "chat.startStream", "chat.appendStream", "chat.stopStream")
	appends := h.fake.CallsTo("chat.appendStream")
	if len(appends) == 0 || len(appends) > 40 {
		t.Errorf("%d appends for 150 sentences", len(appends))
	}
	for _, c := range appends {
		if n := utf8.RuneCountInString(c.Param("markdown_text")); n < 256 {
			t.Errorf("an append of %d characters; appends gather at least 256", n)
		}
	}
	var streamed string
	for _, m := range h.botMessages(h.fake.DMChannel("U2"), "") {
		if m.Streamed {
			streamed = m.Text
		}
	}
	if !strings.Contains(streamed, "Batch 1 of") || !strings.Contains(streamed, "Batch 150 of") {
		t.Errorf("the stream lost text: %.200q", streamed)
	}
}

// TestStoppedStreamStillEndsTheTurn: a person who presses Stop gets
// stopped_by_user on the next append. The turn goes on: the feedback card
// comes, and the stopped stream is not stopped again.
func TestStoppedStreamStillEndsTheTurn(t *testing.T) {
	h := newModelHarness(t, slacktest.Config{}, wordyModel(60))
	h.fake.StopStreamsAfter(1)
	h.dmTurns("U3") // returns once the feedback card is there
	appends := h.fake.CallsTo("chat.appendStream")
	if len(appends) != 2 || appends[1].Error != "stopped_by_user" {
		t.Errorf("appends: %d, want one taken and one refused with stopped_by_user", len(appends))
	}
	if calls := h.fake.CallsTo("chat.stopStream"); len(calls) != 0 {
		t.Errorf("chat.stopStream called %d times on a stream the person stopped", len(calls))
	}
}

// TestSummaryLinksArePermalinks: the summary's links to threads are the
// permalinks Slack gives (chat.getPermalink), not links built from ids.
func TestSummaryLinksArePermalinks(t *testing.T) {
	fake := slacktest.Start(t, slacktest.Config{})
	fake.Invite("C0LEAD", "C1")
	api := goslack.New(fake.BotToken(), goslack.OptionAPIURL(fake.APIURL()))
	_, ts, err := api.PostMessage("C1", goslack.MsgOptionText("<@U1> asked for an assessment.", false))
	if err != nil {
		t.Fatal(err)
	}
	here := slack.ThreadLink(store.ConvKey{Platform: "slack", Channel: "C1", Thread: ts})
	gone := slack.ThreadLink(store.ConvKey{Platform: "slack", Channel: "C1", Thread: "1600000000.000100"})
	md := "# advisorbot weekly summary, 2026-W48\n\n## Top use cases by 12-month ROI\n\n1. [Invoice triage](" + here + ") (Finance): Retrieval\n2. [Deleted thread](" + gone + "): Prompting\n"
	p := slack.NewPoster(nil, slack.Config{BotToken: fake.BotToken(), APIURL: fake.APIURL()})
	if err := p.PostSummary(context.Background(), "C0LEAD", summary.ReportOf("2026-W48", md)); err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages("C0LEAD")
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	var sections []struct {
		Text struct {
			Text string `json:"text"`
		} `json:"text"`
	}
	if err := json.Unmarshal(msgs[0].Blocks, &sections); err != nil {
		t.Fatal(err)
	}
	blocks := ""
	for _, b := range sections {
		blocks += b.Text.Text + "\n"
	}
	want := "https://fake.slack.com/archives/C1/p" + strings.ReplaceAll(ts, ".", "")
	if !strings.Contains(blocks, "<"+want+"|Invoice triage>") {
		t.Errorf("no permalink %s in %s", want, blocks)
	}
	if !strings.Contains(blocks, "<"+gone+"|Deleted thread>") {
		t.Errorf("a thread Slack has no permalink for lost its link: %s", blocks)
	}
	if n := len(fake.CallsTo("chat.getPermalink")); n != 2 {
		t.Errorf("%d chat.getPermalink calls, want one per link", n)
	}
}

// TestIntakeDescriptionFitsSlack: Slack refuses a modal whose text input
// allows more than 3,000 characters, so the New assessment form never
// opened; the description now takes what Slack allows, which the bot
// reads whole, and says so.
func TestIntakeDescriptionFitsSlack(t *testing.T) {
	h := newHarness(t, nil)
	m := h.openIntake("U1") // fails when views.open is refused
	var blocks []struct {
		BlockID string `json:"block_id"`
		Hint    struct {
			Text string `json:"text"`
		} `json:"hint"`
		Element struct {
			MaxLength int `json:"max_length"`
		} `json:"element"`
	}
	if err := json.Unmarshal(m.Blocks, &blocks); err != nil {
		t.Fatal(err)
	}
	if d := blocks[0]; d.BlockID != "description" || d.Element.MaxLength != 3000 || !strings.Contains(d.Hint.Text, "3,000 characters") {
		t.Errorf("description input: %+v", d)
	}
}

// TestReplacedExplanation: when the explainer replaces a model's text
// with the rules', none of the model's words stay. Text still gathering
// for an append is dropped and the rules' text closes the stream; text
// Slack already shows is taken back by deleting the message.
func TestReplacedExplanation(t *testing.T) {
	for _, tc := range []struct {
		name      string
		sentences int
		deletes   int
	}{
		{"before the first append", 2, 0},
		{"after appends", 20, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newModelHarness(t, slacktest.Config{}, replacedModel(tc.sentences))
			h.dmTurns("U4")
			said := ""
			for _, m := range h.botMessages(h.fake.DMChannel("U4"), "") {
				said += m.Text + "\n"
			}
			if strings.Contains(said, "Batch 1 of the work") {
				t.Errorf("the model's replaced words are still shown:\n%s", said)
			}
			if !strings.Contains(said, "I recommend") {
				t.Errorf("the rules' explanation is not shown:\n%s", said)
			}
			if n := len(h.fake.CallsTo("chat.delete")); n != tc.deletes {
				t.Errorf("%d deletes, want %d", n, tc.deletes)
			}
			noRefusals(t, h.fake, "chat.startStream", "chat.appendStream", "chat.stopStream", "chat.delete")
		})
	}
}
