package bot_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/store"
)

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func limitedEngine(st store.Store, now func() time.Time, l bot.Limits) *bot.Engine {
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	return bot.New(lg, bot.Config{
		Advisor: advisor.New(advisor.DefaultAssumptions()), Store: st, Now: now, Limits: l,
		Explainer: explain.New(lg, explain.Config{KB: kb}), Extractor: extract.New(lg, nil),
		Unrationed: map[string]bool{"terminal": true},
	})
}

// TestRateLimit: past the burst a person is told once, privately, then
// dropped until the rate allows; a bystander is unaffected; the terminal
// is never rationed.
func TestRateLimit(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	st := store.NewMemAt(clk.now)
	e := limitedEngine(st, clk.now, bot.Limits{PerMinute: 6, Burst: 3})
	flood := store.ConvKey{Platform: "slack", Team: "T", Channel: "D1"}
	r := &recorder{}
	for range 10 {
		if err := e.Handle(ctx, bot.Inbound{Conv: flood, User: "UF", Text: "hello there", Private: true}, r); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.out) != 4 || !r.out[3].Private || !strings.Contains(r.out[3].Text, "faster than I can answer") {
		t.Fatalf("flooder got %d replies: %+v", len(r.out), r.out)
	}
	by := &recorder{}
	if err := e.Handle(ctx, bot.Inbound{Conv: store.ConvKey{Platform: "slack", Team: "T", Channel: "D2"}, User: "UB", Text: "help", Private: true}, by); err != nil || len(by.out) != 1 {
		t.Fatalf("bystander: %v, %+v", err, by.out)
	}
	clk.add(10 * time.Second) // one message's worth at 6 a minute
	if err := e.Handle(ctx, bot.Inbound{Conv: flood, User: "UF", Text: "hello there", Private: true}, r); err != nil || len(r.out) != 5 {
		t.Fatalf("after the refill: %v, %d replies", err, len(r.out))
	}
	term := &recorder{}
	for range 10 {
		if err := e.Handle(ctx, bot.Inbound{Conv: store.ConvKey{Platform: "terminal", Channel: "me"}, User: "me", Text: "help"}, term); err != nil {
			t.Fatal(err)
		}
	}
	if len(term.out) != 10 {
		t.Errorf("the terminal was rationed: %d replies to 10", len(term.out))
	}
}

// TestDailyBytesAndMessageSize: a long message is cut to the limit, kept
// cut, and the person told; past the day's bytes messages are set aside
// until the next UTC day.
func TestDailyBytesAndMessageSize(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
	st := store.NewMemAt(clk.now)
	e := limitedEngine(st, clk.now, bot.Limits{MessageBytes: 1000, DailyBytes: 2500, PerMinute: 1000, Burst: 1000})
	r := &recorder{}
	long := "Answer employee questions from our HR handbook, about 3,000 a month, 8 minutes each. " + strings.Repeat("More words about it. ", 2000)
	for i := range 3 {
		key := store.ConvKey{Platform: "slack", Team: "T", Channel: "D1", Thread: string(rune('a' + i))}
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: long, Private: true}, r); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.Contains(r.out[0].Text, "read only its first 1000 bytes") {
		t.Errorf("no note of the cut: %+v", r.out[0])
	}
	c, err := st.GetConversation(ctx, store.ConvKey{Platform: "slack", Team: "T", Channel: "D1", Thread: "a"})
	if err != nil {
		t.Fatal(err)
	}
	for _, turn := range c.Turns {
		if len(turn.Text) > 1000 {
			t.Errorf("a %d-byte turn was stored", len(turn.Text))
		}
	}
	last := r.last()
	if !last.Private || !strings.Contains(last.Text, "until tomorrow") {
		t.Errorf("third long message: %+v", last)
	}
	if _, err := st.GetConversation(ctx, store.ConvKey{Platform: "slack", Team: "T", Channel: "D1", Thread: "c"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the message over the day's bytes started a conversation: %v", err)
	}
	clk.add(24 * time.Hour)
	n := len(r.out)
	if err := e.Handle(ctx, bot.Inbound{Conv: store.ConvKey{Platform: "slack", Team: "T", Channel: "D1", Thread: "c"}, User: "U1", Text: long, Private: true}, r); err != nil || len(r.out) == n {
		t.Errorf("the next day: %v, %d new replies", err, len(r.out)-n)
	}
}

// TestTurnsCap: a conversation keeps at most Limits.Turns turns.
func TestTurnsCap(t *testing.T) {
	ctx := context.Background()
	st := store.NewMem()
	e := limitedEngine(st, nil, bot.Limits{Turns: 20, PerMinute: 1 << 20, Burst: 1 << 20})
	key := store.ConvKey{Platform: "slack", Team: "T", Channel: "D1"}
	r := &recorder{}
	for range 40 {
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: "Answer employee questions from our HR handbook, about 3,000 a month.", Private: true}, r); err != nil {
			t.Fatal(err)
		}
	}
	c, err := st.GetConversation(ctx, key)
	if err != nil || len(c.Turns) != 20 {
		t.Errorf("turns kept: %d, %v", len(c.Turns), err)
	}
}

// failingReplier refuses to show questions, as a platform outage would.
type failingReplier struct{ recorder }

func (f *failingReplier) Send(ctx context.Context, m bot.Outbound) error {
	if m.Kind == bot.KindQuestion {
		return errors.New("slack: post question: HTTP 500")
	}
	return f.recorder.Send(ctx, m)
}

// TestUnshownQuestionIsNotAsked: when a question cannot be shown, the
// conversation stays as it was, so the person's next message is not read
// as the answer to a question they never saw.
func TestUnshownQuestionIsNotAsked(t *testing.T) {
	ctx := context.Background()
	st := store.NewMem()
	e := newEngine(st)
	key := store.ConvKey{Platform: "slack", Team: "T", Channel: "D1"}
	ok := &recorder{}
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: "Answer employee questions from our HR handbook, about 3,000 a month, 8 minutes each."}, ok); err != nil {
		t.Fatal(err)
	}
	before, _ := st.GetConversation(ctx, key)
	fail := &failingReplier{}
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: "skip"}, fail); err == nil {
		t.Fatal("a failed question was not reported")
	}
	after, _ := st.GetConversation(ctx, key)
	if after.Pending != before.Pending || len(after.Asked) != len(before.Asked) || len(after.Turns) != len(before.Turns) {
		t.Errorf("the unshown question changed the conversation:\nbefore %+v\nafter  %+v", before, after)
	}
	// A first description whose question fails leaves nothing to answer.
	first := store.ConvKey{Platform: "slack", Team: "T", Channel: "D2"}
	_ = e.Handle(ctx, bot.Inbound{Conv: first, User: "U2", Text: "Answer employee questions from our HR handbook, about 3,000 a month, 8 minutes each."}, fail)
	if c, err := st.GetConversation(ctx, first); err == nil && (c.Pending != "" || c.Phase != store.PhaseDescribe) {
		t.Errorf("an unshown first question is pending: %+v", c)
	}
}
