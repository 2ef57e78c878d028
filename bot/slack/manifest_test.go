package slack

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot"
)

// eventTypes maps a manifest event subscription to the slackevents type
// that handleEvent must dispatch for it.
var eventTypes = map[string]string{
	"app_home_opened":          "AppHomeOpenedEvent",
	"app_mention":              "AppMentionEvent",
	"assistant_thread_started": "AssistantThreadStartedEvent",
	"message.im":               "MessageEvent",
	"message.channels":         "MessageEvent",
	"message.groups":           "MessageEvent",
}

// TestManifestMatchesCode reads the manifest and the dispatching source and
// checks they agree both ways: every command and event the manifest
// subscribes to is handled, and every command and event type the code
// handles is subscribed to.
func TestManifestMatchesCode(t *testing.T) {
	m := read(t, "../../slack-app-manifest.yaml")
	if !strings.Contains(m, "socket_mode_enabled: true") {
		t.Error("Socket Mode is not enabled in the manifest")
	}
	var commands, events []string
	for _, c := range regexp.MustCompile(`(?m)^\s*- command: (\S+)`).FindAllStringSubmatch(m, -1) {
		commands = append(commands, c[1])
	}
	i := strings.Index(m, "bot_events:")
	if i < 0 {
		t.Fatal("manifest has no bot_events")
	}
	for _, line := range strings.Split(m[i:], "\n")[1:] {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "- ") {
			break
		}
		events = append(events, strings.TrimPrefix(line, "- "))
	}

	// Commands: handleSlash gives /advisor's text to the engine as a
	// command, and any other command as its name followed by its text, so
	// the name must be one of the engine's command words.
	words := bot.CommandWords()
	for _, c := range commands {
		if c != slashAdvisor && !slices.Contains(words, strings.TrimPrefix(c, "/")) {
			t.Errorf("manifest command %s is neither %s nor one of the engine's command words %q", c, slashAdvisor, words)
		}
	}

	// Events: the slackevents types in handleEvent's switch.
	ev := read(t, "events.go")
	body := ev[strings.Index(ev, "func (a *Server) handleEvent("):]
	body = body[:strings.Index(body, "\n}\n")]
	handled := map[string]bool{}
	for _, c := range regexp.MustCompile(`case \*slackevents\.(\w+):`).FindAllStringSubmatch(body, -1) {
		handled[c[1]] = true
	}
	subscribed := map[string]bool{}
	for _, e := range events {
		typ, ok := eventTypes[e]
		if !ok {
			t.Errorf("manifest subscribes to %s, which no code handles", e)
			continue
		}
		subscribed[typ] = true
		if !handled[typ] {
			t.Errorf("manifest subscribes to %s but handleEvent has no case for %s", e, typ)
		}
	}
	for typ := range handled {
		if !subscribed[typ] {
			t.Errorf("handleEvent handles %s but the manifest subscribes to no event that delivers it", typ)
		}
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
