package slack

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// handledCommands and handledEvents are what the code serves; the manifest
// must declare exactly these, so the app created from it and the code agree.
var (
	handledCommands = []string{"/advisor", "/roi"}
	handledEvents   = []string{"app_home_opened", "app_mention", "assistant_thread_started", "message.channels", "message.groups", "message.im"}
)

func TestManifestMatchesCode(t *testing.T) {
	data, err := os.ReadFile("../../slack-app-manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := string(data)
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
	slices.Sort(commands)
	slices.Sort(events)
	if !slices.Equal(commands, handledCommands) {
		t.Errorf("manifest commands %v, code handles %v", commands, handledCommands)
	}
	if !slices.Equal(events, handledEvents) {
		t.Errorf("manifest events %v, code handles %v", events, handledEvents)
	}
	if !strings.Contains(m, "socket_mode_enabled: true") {
		t.Error("Socket Mode is not enabled in the manifest")
	}
	for _, c := range handledCommands {
		if !strings.Contains(handleSlashSource(t), `"`+c+`"`) {
			t.Errorf("%s is in the list but not in handleSlash", c)
		}
	}
}

// handleSlashSource is interact.go, where the commands are dispatched.
func handleSlashSource(t *testing.T) string {
	b, err := os.ReadFile("interact.go")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
