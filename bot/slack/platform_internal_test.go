package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

// manualClock moves only when the test says.
type manualClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *manualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *manualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestEditFallbackKeepsToChatUpdateTier: chat.update is Tier 3, about 50
// calls a minute for the whole workspace. Four explanations growing by
// edits at once, each edited every second, asked for 240 a minute; the
// fake, on the same clock, answered 429 within twenty seconds. The
// server's budget keeps them all under the tier together, and every
// message still ends with its whole text.
func TestEditFallbackKeepsToChatUpdateTier(t *testing.T) {
	clock := &manualClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	fake := slacktest.Start(t, slacktest.Config{Now: clock.Now})
	a, err := New(slog.New(slog.NewTextHandler(io.Discard, nil)),
		Config{AppToken: fake.AppToken(), BotToken: fake.BotToken(), APIURL: fake.APIURL(), Now: clock.Now}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const streams, seconds = 4, 90
	type edited struct {
		s      *bot.EditStream
		ch, ts string
		wrote  strings.Builder
	}
	var all []*edited
	for i := range streams {
		user := fmt.Sprintf("U%d", i)
		r := &replier{a: a, channel: fake.DMChannel(user), user: user}
		_, ts, err := a.api.PostMessageContext(ctx, r.channel, goslack.MsgOptionText("…", false))
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, &edited{s: r.editStream(ts), ch: r.channel, ts: ts})
	}
	for sec := range seconds {
		clock.Advance(time.Second)
		for _, e := range all {
			d := fmt.Sprintf("word%d ", sec)
			e.wrote.WriteString(d)
			if err := e.s.Write(ctx, d); err != nil {
				t.Fatalf("second %d: %v", sec, err)
			}
		}
	}
	for _, e := range all {
		if err := e.s.Close(ctx, "", false); err != nil {
			t.Fatal(err)
		}
	}
	updates := fake.CallsTo("chat.update")
	for _, c := range updates {
		if c.Status != http.StatusOK || c.Error != "" {
			t.Fatalf("chat.update answered %d %s", c.Status, c.Error)
		}
	}
	if len(updates) <= streams {
		t.Errorf("%d edits: only the last ones; the messages never grew", len(updates))
	}
	for _, e := range all {
		if m, _ := fake.Message(e.ch, e.ts); m.Text != escape(e.wrote.String()) {
			t.Errorf("%s ends with %.60q…, want the whole text", e.ch, m.Text)
		}
	}
	t.Logf("%d edits for %d streams over %d s", len(updates), streams, seconds)
}

// TestBudgetWithinFakeTiers: the server's idea of each tier is no more
// than the fake's, which is Slack's.
func TestBudgetWithinFakeTiers(t *testing.T) {
	for method, perMinute := range tiers {
		l, ok := slacktest.RateLimitOf(method)
		if !ok || l.PerChannel || l.PerMinute < perMinute {
			t.Errorf("%s: the budget allows %d a minute; the fake %+v", method, perMinute, l)
		}
	}
}

// TestHeaderKeepsSlacksLength: a header holds 150 characters; the card's
// title was cut at 75, the limit of a button.
func TestHeaderKeepsSlacksLength(t *testing.T) {
	rec := recommendation(t)
	title := strings.Repeat("Invoice triage ", 8) // 120 characters
	_, blocks := blocksFor(bot.Outbound{Kind: bot.KindRecommendation, Rec: &rec, Title: title})
	h, ok := blocks[0].(*goslack.HeaderBlock)
	if want := "Recommendation: " + title; !ok || h.Text.Text != want {
		t.Errorf("header %q, want %q", h.Text.Text, want)
	}
}

// TestEmojiOnButtons: ":+1: Helpful" with emoji false shows the
// shortcode as typed; the fake's checks call that a cosmetic problem.
func TestEmojiOnButtons(t *testing.T) {
	rec := recommendation(t)
	for _, m := range []bot.Outbound{
		{Kind: bot.KindRecommendation, Rec: &rec, RecID: "r1"},
		{Kind: bot.KindFeedback, Text: "Was this helpful?", RecID: "r1"},
	} {
		_, blocks := blocksFor(m)
		raw, err := json.Marshal(goslack.Blocks{BlockSet: blocks})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(raw), ":+1:") {
			t.Fatalf("%s: no :+1: button", m.Kind)
		}
		for _, p := range slacktest.CheckBlocks(raw, slacktest.InMessage) {
			t.Errorf("%s: %s", m.Kind, p)
		}
	}
}
