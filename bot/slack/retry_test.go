package slack_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
)

// attempts is one call and the retries a failed one gets.
const attempts = 4

// TestServerErrorOnPostIsRetried: a 5xx or a cut connection on posting is
// retried, and the message is shown once.
func TestServerErrorOnPostIsRetried(t *testing.T) {
	for _, c := range []struct {
		name   string
		method string
		fail   func(*slacktest.Fake)
		send   func(*slacktest.Fake) *slacktest.Envelope
		shown  func(*slacktest.Fake) []slacktest.Message
	}{
		{
			name: "chat.postMessage 500", method: "chat.postMessage",
			fail: func(f *slacktest.Fake) { f.ServerErrorNext("chat.postMessage", 1, http.StatusInternalServerError, 0) },
			send: func(f *slacktest.Fake) *slacktest.Envelope { return f.DM("U1", description) },
			shown: func(f *slacktest.Fake) []slacktest.Message {
				return botPosts(f.Messages(f.DMChannel("U1")), "Question 1")
			},
		},
		{
			name: "chat.postMessage 503 twice", method: "chat.postMessage",
			fail: func(f *slacktest.Fake) { f.ServerErrorNext("chat.postMessage", 2, http.StatusServiceUnavailable, 0) },
			send: func(f *slacktest.Fake) *slacktest.Envelope { return f.DM("U1", description) },
			shown: func(f *slacktest.Fake) []slacktest.Message {
				return botPosts(f.Messages(f.DMChannel("U1")), "Question 1")
			},
		},
		{
			name: "chat.postMessage connection cut", method: "chat.postMessage",
			fail: func(f *slacktest.Fake) { f.DropNext("chat.postMessage", 1) },
			send: func(f *slacktest.Fake) *slacktest.Envelope { return f.DM("U1", description) },
			shown: func(f *slacktest.Fake) []slacktest.Message {
				return botPosts(f.Messages(f.DMChannel("U1")), "Question 1")
			},
		},
		{
			name: "response_url 502", method: "response_url",
			fail: func(f *slacktest.Fake) { f.ServerErrorNext("response_url", 1, http.StatusBadGateway, 0) },
			send: func(f *slacktest.Fake) *slacktest.Envelope {
				return f.SlashCommand("/roi", "U1", "C2", "20k a month, 6 min each, $45/h")
			},
			shown: func(f *slacktest.Fake) []slacktest.Message { return f.Ephemerals("C2") },
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			fake := slacktest.Start(t, slacktest.Config{Logf: func(string, ...any) {}})
			rig(t, fake, store.NewMem(), nil, nil)
			c.fail(fake)
			if err := fake.Send(c.send(fake)); err != nil {
				t.Fatal(err)
			}
			await(t, fake, "the reply", func() bool { return len(c.shown(fake)) > 0 })
			if n := len(c.shown(fake)); n != 1 {
				t.Errorf("shown %d times", n)
			}
			calls := fake.CallsTo(c.method)
			failed := 0
			for _, call := range calls {
				if call.Status != http.StatusOK {
					failed++
				}
			}
			if failed == 0 || failed >= attempts || calls[failed].Status != http.StatusOK {
				t.Errorf("%s calls: %+v", c.method, calls)
			}
		})
	}
}

// sends records what a turn's Send calls returned.
type sends struct {
	mu   sync.Mutex
	errs []error
	signal
}

type recordingReplier struct {
	bot.Replier
	s *sends
}

func (r recordingReplier) Send(ctx context.Context, m bot.Outbound) error {
	err := r.Replier.Send(ctx, m)
	r.s.mu.Lock()
	r.s.errs = append(r.s.errs, err)
	r.s.mu.Unlock()
	r.s.bump()
	return err
}

// TestPersistentServerErrorsFailSend: when Slack keeps answering 500,
// every attempt is made and Send reports the message was not shown.
func TestPersistentServerErrorsFailSend(t *testing.T) {
	for _, c := range []struct {
		name   string
		method string
		send   func(*slacktest.Fake) *slacktest.Envelope
		shown  func(*slacktest.Fake) []slacktest.Message
	}{
		{
			name: "chat.postMessage", method: "chat.postMessage",
			send: func(f *slacktest.Fake) *slacktest.Envelope { return f.DM("U1", description) },
			shown: func(f *slacktest.Fake) []slacktest.Message {
				return botPosts(f.Messages(f.DMChannel("U1")), "")
			},
		},
		{
			name: "response_url", method: "response_url",
			send: func(f *slacktest.Fake) *slacktest.Envelope {
				return f.SlashCommand("/roi", "U1", "C2", "20k a month, 6 min each, $45/h")
			},
			shown: func(f *slacktest.Fake) []slacktest.Message { return f.Ephemerals("C2") },
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			fake := slacktest.Start(t, slacktest.Config{Logf: func(string, ...any) {}})
			s := &sends{}
			rig(t, fake, store.NewMem(), nil, func(ctx context.Context, in bot.Inbound, r bot.Replier) bot.Replier {
				return recordingReplier{Replier: r, s: s}
			})
			fake.ServerErrorNext(c.method, 1000, http.StatusInternalServerError, 0)
			if err := fake.Send(c.send(fake)); err != nil {
				t.Fatal(err)
			}
			awaitSignal(t, fake, &s.signal, "a failed send", func() bool {
				s.mu.Lock()
				defer s.mu.Unlock()
				return len(s.errs) > 0 && len(fake.CallsTo(c.method)) >= attempts*len(s.errs)
			})
			s.mu.Lock()
			defer s.mu.Unlock()
			for i, err := range s.errs {
				if err == nil {
					t.Errorf("send %d returned no error though Slack answered 500", i)
				}
			}
			if n := len(c.shown(fake)); n != 0 {
				t.Errorf("%d messages shown", n)
			}
			for _, call := range fake.CallsTo(c.method) {
				if call.Status != http.StatusInternalServerError {
					t.Errorf("a call answered %d", call.Status)
				}
			}
		})
	}
}

// botPosts are the bot's messages starting with prefix.
func botPosts(msgs []slacktest.Message, prefix string) []slacktest.Message {
	var out []slacktest.Message
	for _, m := range msgs {
		if m.FromBot() && strings.HasPrefix(m.Text, prefix) {
			out = append(out, m)
		}
	}
	return out
}
