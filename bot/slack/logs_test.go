package slack_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
)

// lockedBuffer is a bytes.Buffer safe for the many goroutines that log.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLogsKeepSecrets runs a whole conversation (description, answers,
// streaming refused so a handler logs, feedback) with production logging
// (JSON at info) and checks what was captured: no message text, no token,
// and the line logged while handling an event names the envelope.
func TestLogsKeepSecrets(t *testing.T) {
	var buf lockedBuffer
	secret := "Quokka ledger 7731: answer staff questions from our HR handbook, about 500 a month, 10 minutes each."
	h := &harness{t: t, fake: slacktest.Start(t, slacktest.Config{}), store: store.NewMem(),
		lg: slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	h.cfg = slack.Config{AppToken: h.fake.AppToken(), BotToken: h.fake.BotToken(), APIURL: h.fake.APIURL()}
	h.fake.RefuseStreaming("")
	h.start()

	dm := h.fake.DMChannel("U1")
	h.send(h.fake.DM("U1", secret))
	h.converse(dm, "", func(text string) *slacktest.Envelope { return h.fake.DM("U1", text) })
	h.stop()
	h.stop = nil

	logs := buf.String()
	if logs == "" {
		t.Fatal("nothing was logged; the test would prove nothing")
	}
	for _, never := range []string{"Quokka", "7731", "HR handbook", h.fake.BotToken(), h.fake.AppToken(), "xoxb-", "xapp-"} {
		if strings.Contains(logs, never) {
			t.Errorf("logs contain %q:\n%s", never, logs)
		}
	}
	found := false
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("not a JSON log line: %q", line)
			continue
		}
		if strings.Contains(rec["msg"].(string), "streaming refused") {
			found = true
			if rec["envelope_id"] == nil || rec["event_id"] == nil || rec["event_type"] != "message" {
				t.Errorf("an event's log line lacks its ids: %s", line)
			}
		}
	}
	if !found {
		t.Errorf("no line from handling an event was logged:\n%s", logs)
	}
}
