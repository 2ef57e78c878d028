package main

import (
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot"
)

// TestPersonLimits: the share settings are read, defaulted and refused
// with the fix named, every problem at once.
func TestPersonLimits(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	l, err := personLimits(env(nil))
	if err != nil || l != (bot.Limits{}) {
		t.Errorf("unset: %+v, %v; want zero (the engine's defaults)", l, err)
	}
	l, err = personLimits(env(map[string]string{"MAX_MESSAGE_BYTES": "8000", "USER_MESSAGES_PER_MINUTE": " 10 ", "USER_MESSAGE_BURST": "5", "USER_DAILY_BYTES": "1048576", "MAX_TURNS": "50"}))
	if want := (bot.Limits{MessageBytes: 8000, PerMinute: 10, Burst: 5, DailyBytes: 1 << 20, Turns: 50}); err != nil || l != want {
		t.Errorf("set: %+v, %v; want %+v", l, err, want)
	}
	_, err = personLimits(env(map[string]string{"MAX_MESSAGE_BYTES": "lots", "USER_MESSAGE_BURST": "-1"}))
	if err == nil || !strings.Contains(err.Error(), `MAX_MESSAGE_BYTES="lots"`) || !strings.Contains(err.Error(), `USER_MESSAGE_BURST="-1"`) {
		t.Errorf("bad values: %v", err)
	}
	if _, err = personLimits(env(map[string]string{"MAX_MESSAGE_BYTES": "10"})); err == nil || !strings.Contains(err.Error(), "at least 200") {
		t.Errorf("a message limit too small to hold a description: %v", err)
	}
	t.Setenv("USER_MESSAGES_PER_MINUTE", "many")
	code, _, errs := runCmd(t, "", "chat", "--data-dir", t.TempDir(), "--user", "ana")
	if code != exitBadInput || !strings.Contains(errs, `USER_MESSAGES_PER_MINUTE="many"`) {
		t.Errorf("chat with a bad USER_MESSAGES_PER_MINUTE: exit %d %q; want 2 and the setting named", code, errs)
	}
}
