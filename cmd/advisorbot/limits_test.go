package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/llm"
)

// TestConfigFlagsBeforeCheck: `config --env-file F check` checks (the
// flag before the word was once taken and the word ignored), as does
// `config check --env-file F`; anything else after the flags is refused.
func TestConfigFlagsBeforeCheck(t *testing.T) {
	for _, s := range settings {
		t.Setenv(s.name, "") // a clean slate: unset below
		os.Unsetenv(s.name)
	}
	t.Setenv("SLACK_APP_TOKEN", "xapp-1-abc")
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-1-abc")
	bad := filepath.Join(t.TempDir(), "bad.env")
	if err := os.WriteFile(bad, []byte("RETENTION_DAYS=forever\nMODEL_TIMEOUT=soon\nTEAMS_MAX_CONCURRENT=0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "good.env")
	if err := os.WriteFile(good, []byte("RETENTION_DAYS=30\nMODEL_CONCURRENCY=4\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"config", "--env-file", bad, "check"},
		{"config", "check", "--env-file", bad},
		{"config", "-env-file=" + bad, "check"},
	} {
		code, out, errs := runCmd(t, "", args...)
		if code != exitBadInput || !strings.Contains(errs, "RETENTION_DAYS") || !strings.Contains(errs, "MODEL_TIMEOUT") || strings.Contains(out, "SETTING") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and the problems named", args[1:], code, out, errs)
		}
	}
	for _, args := range [][]string{{"config", "--env-file", good, "check"}, {"config", "check", "--env-file", good}} {
		if code, out, errs := runCmd(t, "", args...); code != exitOK || !strings.Contains(out, "valid") {
			t.Errorf("%v: exit %d %q %q", args[1:], code, out, errs)
		}
	}
	if code, out, _ := runCmd(t, "", "config", "--env-file", good); code != exitOK || !strings.Contains(out, "MODEL_CONCURRENCY") {
		t.Errorf("config with an env file: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"config", "--env-file", good, "chek"}, {"config", "check", "check"}, {"config", "check", "extra"}} {
		if code, _, errs := runCmd(t, "", args...); code != exitBadInput || !strings.Contains(errs, "unexpected argument") {
			t.Errorf("%v: exit %d %q; want 2", args[1:], code, errs)
		}
	}
}

// TestModelLimitsSettings: MODEL_CONCURRENCY and MODEL_TIMEOUT are read
// with their defaults, and a bad value is named with how to fix it, at
// start-up (exit 2) as in config check.
func TestModelLimitsSettings(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	lim, err := modelLimits(env(nil))
	if err != nil || lim != (llm.Limits{Concurrent: 8, Timeout: 30 * time.Second, Wait: 2 * time.Second}) {
		t.Errorf("defaults: %+v, %v", lim, err)
	}
	lim, err = modelLimits(env(map[string]string{"MODEL_CONCURRENCY": " 3 ", "MODEL_TIMEOUT": "90s"}))
	if err != nil || lim.Concurrent != 3 || lim.Timeout != 90*time.Second {
		t.Errorf("set: %+v, %v", lim, err)
	}
	for _, bad := range []map[string]string{
		{"MODEL_CONCURRENCY": "0"}, {"MODEL_CONCURRENCY": "many"}, {"MODEL_CONCURRENCY": "1000"},
		{"MODEL_TIMEOUT": "30"}, {"MODEL_TIMEOUT": "10ms"}, {"MODEL_TIMEOUT": "1h"},
	} {
		if _, err := modelLimits(env(bad)); err == nil {
			t.Errorf("%v accepted", bad)
		} else {
			for k := range bad {
				if !strings.Contains(err.Error(), k+"=") {
					t.Errorf("%v: %v does not name the setting", bad, err)
				}
			}
		}
	}

	// At start-up: the chat stops before it begins, exit 2.
	t.Setenv("MODEL_TIMEOUT", "forever")
	code, _, errs := runCmd(t, "", "chat", "--data-dir", t.TempDir(), "--user", "ana")
	if code != exitBadInput || !strings.Contains(errs, `MODEL_TIMEOUT="forever"`) {
		t.Errorf("chat with a bad MODEL_TIMEOUT: exit %d %q; want 2 and the setting named", code, errs)
	}
}

// TestChatLongLine: a 2 MiB line does not end the chat ("token too
// long", as bufio.Scanner had it); its first MiB is read, the person is
// told, and the conversation goes on.
func TestChatLongLine(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "")
	t.Setenv("OPENAI_BASE_URL", "")
	sentence := "We want to route about 2,000 support tickets a week to the right team. "
	long := strings.Repeat(sentence, (2<<20)/len(sentence)+1)
	code, out, errs := runCmd(t, long+"\nhelp\nquit\n", "chat", "--data-dir", t.TempDir(), "--user", "ana")
	if code != exitOK || strings.Contains(errs, "too long") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	note := "That line is longer than 1 MiB: only its first 1 MiB is read."
	i := strings.Index(out, note)
	if i < 0 {
		t.Fatalf("the person was not told the line was cut:\n%.2000s", out)
	}
	if rest := strings.TrimSpace(out[i+len(note):]); len(rest) < 100 {
		t.Errorf("no answer after the long line and help:\n%s", rest)
	}
	if len(out) > 200<<10 {
		t.Errorf("the chat printed %d bytes; the long line seems to have been echoed", len(out))
	}
}
