package slacktest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

// With ADVISORBOT_PAYLOAD_DIR set, every call is written as sent, with the
// fake's answer, for .ci/platformcheck to check independently.
func TestDumpWritesEachCall(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(slacktest.PayloadDirEnv, dir)
	f := slacktest.Start(t, slacktest.Config{})
	api := slack.New(f.BotToken(), slack.OptionAPIURL(f.APIURL()))
	blocks := slack.MsgOptionBlocks(slack.NewSectionBlock(slack.NewTextBlockObject("mrkdwn", "*hi*", false, false), nil, nil))
	if _, _, err := api.PostMessage(f.DMChannel("U1"), slack.MsgOptionText("hi", false), blocks); err != nil {
		t.Fatal(err)
	}
	_, _, refusal := api.PostMessage("C404", slack.MsgOptionText("nowhere", false))
	if refusal == nil {
		t.Fatal("the fake took a post to a channel it does not have")
	}

	files, _ := filepath.Glob(filepath.Join(dir, "slack-*.json"))
	if len(files) != 2 {
		t.Fatalf("%d files, want one per call: %v", len(files), files)
	}
	var got []struct {
		Method, Encoding, Error, Binary string
		Status                          int
		Payload                         map[string]string
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var d struct {
			Method, Encoding, Error, Binary string
			Status                          int
			Payload                         map[string]string
		}
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got = append(got, d)
	}
	ok, refused := got[0], got[1]
	if ok.Method != "chat.postMessage" || ok.Encoding != "form" || ok.Status != 200 || ok.Error != "" ||
		ok.Payload["text"] != "hi" || ok.Payload["channel"] != f.DMChannel("U1") || ok.Binary != filepath.Base(os.Args[0]) {
		t.Errorf("first call dumped as %+v", ok)
	}
	var sent []map[string]any
	if err := json.Unmarshal([]byte(ok.Payload["blocks"]), &sent); err != nil || len(sent) != 1 || sent[0]["type"] != "section" {
		t.Errorf("blocks dumped as %q (%v), want the JSON slack-go sent", ok.Payload["blocks"], err)
	}
	if _, has := ok.Payload["token"]; has {
		t.Error("the token was dumped")
	}
	if refused.Error == "" || refused.Error != refusal.Error() {
		t.Errorf("a refused call dumped with error %q, want the fake's answer %q", refused.Error, refusal)
	}
}

// A directory that cannot be written to costs a log line, not the call.
func TestDumpFailureDoesNotFailTheCall(t *testing.T) {
	t.Setenv(slacktest.PayloadDirEnv, filepath.Join(t.TempDir(), "missing", "dir"))
	f := slacktest.Start(t, slacktest.Config{})
	api := slack.New(f.BotToken(), slack.OptionAPIURL(f.APIURL()))
	if _, _, err := api.PostMessage(f.DMChannel("U1"), slack.MsgOptionText("hi", false)); err != nil {
		t.Fatal(err)
	}
}
