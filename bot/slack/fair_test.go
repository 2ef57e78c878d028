package slack_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/knowledge"
)

// spyEngine is the real engine behind a hook that runs before each turn
// and may hold it or wrap its replier.
type spyEngine struct {
	*bot.Engine
	before func(ctx context.Context, in bot.Inbound, r bot.Replier) bot.Replier
}

func (e spyEngine) Handle(ctx context.Context, in bot.Inbound, r bot.Replier) error {
	if e.before != nil {
		r = e.before(ctx, in, r)
	}
	return e.Engine.Handle(ctx, in, r)
}

// counter is an Observer counting envelopes and drops.
type counter struct {
	received, acked, handled, dropped atomic.Int64
	signal
}

func (c *counter) EventReceived(string)                  { c.received.Add(1) }
func (c *counter) EventAcked(string, time.Duration)      { c.acked.Add(1) }
func (c *counter) Handled(string, time.Duration)         { c.handled.Add(1); c.bump() }
func (c *counter) APICall(string, string, time.Duration) {}
func (c *counter) Recommended(string)                    {}
func (c *counter) EventDropped(string, string)           { c.dropped.Add(1); c.bump() }

// signal wakes awaitSignal when state outside the fake changes.
type signal struct {
	mu sync.Mutex
	ch chan struct{}
}

func (s *signal) changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

func (s *signal) bump() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
}

// awaitSignal is await re-evaluating cond on the fake's changes and on
// sig's.
func awaitSignal(t testing.TB, fake *slacktest.Fake, sig *signal, what string, cond func() bool) {
	t.Helper()
	base, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for {
		ch := sig.changed()
		ctx, stop := context.WithCancel(base)
		go func() {
			select {
			case <-ch:
				stop()
			case <-ctx.Done():
			}
		}()
		err := fake.Await(ctx, cond)
		stop()
		if err == nil {
			return
		}
		if base.Err() != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
	}
}

// rig is the real adapter and engine (on st) against fake, the engine
// seen through spy; it stops when the test ends.
func rig(t testing.TB, fake *slacktest.Fake, st store.Store, obs slack.Observer, before func(context.Context, bot.Inbound, bot.Replier) bot.Replier) {
	t.Helper()
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	lg := quiet()
	eng := bot.New(lg, bot.Config{
		Advisor:   advisor.New(advisor.DefaultAssumptions()),
		Store:     st,
		Explainer: explain.New(lg, explain.Config{KB: kb}),
		Extractor: extract.New(lg, nil),
	})
	cfg := slack.Config{AppToken: fake.AppToken(), BotToken: fake.BotToken(), APIURL: fake.APIURL(), Observer: obs}
	ad, err := slack.New(lg, cfg, spyEngine{Engine: eng, before: before}, st)
	if err != nil {
		t.Fatal(err)
	}
	n := len(fake.Connections())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ad.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	await(t, fake, "a Socket Mode connection", func() bool {
		cs := fake.Connections()
		return len(cs) > n && !cs[n].HelloAt.IsZero()
	})
}

// await waits for cond; the bound only keeps a broken test from hanging.
func await(t testing.TB, fake *slacktest.Fake, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := fake.Await(ctx, cond); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// TestFloodDoesNotStarveBystanders: one person sends 1,000 messages and
// their turns hang (as on a hung model); a bystander who writes after all
// of them is still answered, every envelope is acknowledged, and the
// flood's messages that are handled are handled in order, the rest
// dropped beyond the person's share.
func TestFloodDoesNotStarveBystanders(t *testing.T) {
	const flood = 1000
	fake := slacktest.Start(t, slacktest.Config{Logf: func(string, ...any) {}})
	obs := &counter{}
	var mu sync.Mutex
	var handled []string // the flooder's texts, in the order the engine got them
	hang := make(chan struct{})
	rig(t, fake, store.NewMem(), obs, func(ctx context.Context, in bot.Inbound, r bot.Replier) bot.Replier {
		if in.User == "UFLOOD" {
			mu.Lock()
			handled = append(handled, in.Text)
			mu.Unlock()
			select { // the flooder's turns hang until the bystander is answered
			case <-hang:
			case <-ctx.Done():
			}
		}
		return r
	})

	var ids []string
	for i := range flood {
		env := fake.DM("UFLOOD", fmt.Sprintf("flood %04d", i))
		ids = append(ids, env.EnvelopeID)
		if err := fake.Send(env); err != nil {
			t.Fatal(err)
		}
	}
	by := fake.DM("UBYSTANDER", description)
	ids = append(ids, by.EnvelopeID)
	if err := fake.Send(by); err != nil {
		t.Fatal(err)
	}
	dm := fake.DMChannel("UBYSTANDER")
	await(t, fake, "the bystander's answer", func() bool {
		for _, m := range fake.Messages(dm) {
			if m.FromBot() && strings.HasPrefix(m.Text, "Question 1") {
				return true
			}
		}
		return false
	})
	close(hang)

	await(t, fake, "every envelope acknowledged", func() bool {
		return len(fake.AckLatencies()) == len(ids)
	})
	if un := fake.Unacked(0); len(un) != 0 {
		t.Errorf("%d envelopes unacknowledged", len(un))
	}
	awaitSignal(t, fake, &obs.signal, "every envelope handled or dropped", func() bool {
		return obs.handled.Load()+obs.dropped.Load() == int64(len(ids))
	})
	mu.Lock()
	defer mu.Unlock()
	// The first turn hung while the rest arrived: one running, the
	// person's share waiting (one more if the first had not been picked
	// up yet when the share filled), everything else dropped.
	if n := len(handled); n != slack.PerUserPending+1 && n != slack.PerUserPending {
		t.Errorf("the flooder had %d messages handled, want %d", n, slack.PerUserPending+1)
	}
	if d := obs.dropped.Load(); d != int64(flood-len(handled)) {
		t.Errorf("%d dropped, want %d", d, flood-len(handled))
	}
	for i, text := range handled {
		if text != fmt.Sprintf("flood %04d", i) {
			t.Fatalf("the flooder's messages handled out of order: %v", handled)
		}
	}
	if a, r := obs.acked.Load(), obs.received.Load(); a != r || r != int64(len(ids)) {
		t.Errorf("%d received, %d acknowledged; want %d", r, a, len(ids))
	}
}
