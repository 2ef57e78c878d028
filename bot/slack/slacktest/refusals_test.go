package slacktest_test

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
}
func md(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

func button(id, text string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(id, "v", plain(text))
}

func options(n int) []*slack.OptionBlockObject {
	var out []*slack.OptionBlockObject
	for i := range n {
		out = append(out, slack.NewOptionBlockObject(strings.Repeat("v", i%5+1)+string(rune('a'+i%26)), plain("option"), nil))
	}
	return out
}

func sections(n int) []slack.Block {
	var out []slack.Block
	for range n {
		out = append(out, slack.NewSectionBlock(md("x"), nil, nil))
	}
	return out
}

func raw(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBlockKitLimits: each of Slack's documented limits, just within and
// just past it.
func TestBlockKitLimits(t *testing.T) {
	input := func(el slack.BlockElement) slack.Block { return slack.NewInputBlock("in", plain("Label"), nil, el) }
	textInput := func(max int) slack.BlockElement {
		e := slack.NewPlainTextInputBlockElement(nil, "text")
		e.MaxLength = max
		return e
	}
	elements := func(n int) []slack.BlockElement {
		var out []slack.BlockElement
		for i := range n {
			out = append(out, button("b"+strings.Repeat("x", i), "Go"))
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		blocks []slack.Block
		on     slacktest.Surface
		want   string // "" when Slack takes it
	}{
		{"header of 150", []slack.Block{slack.NewHeaderBlock(plain(strings.Repeat("h", 150)))}, slacktest.InMessage, ""},
		{"header of 151", []slack.Block{slack.NewHeaderBlock(plain(strings.Repeat("h", 151)))}, slacktest.InMessage, "at most 150"},
		{"mrkdwn header", []slack.Block{slack.NewHeaderBlock(md("h"))}, slacktest.InMessage, "must be plain_text"},
		{"button of 75", []slack.Block{slack.NewActionBlock("a", button("b", strings.Repeat("b", 75)))}, slacktest.InMessage, ""},
		{"button of 76", []slack.Block{slack.NewActionBlock("a", button("b", strings.Repeat("b", 76)))}, slacktest.InMessage, "at most 75"},
		{"section of 3000", []slack.Block{slack.NewSectionBlock(md(strings.Repeat("s", 3000)), nil, nil)}, slacktest.InMessage, ""},
		{"section of 3001", []slack.Block{slack.NewSectionBlock(md(strings.Repeat("s", 3001)), nil, nil)}, slacktest.InMessage, "at most 3000"},
		{"empty section", []slack.Block{slack.NewSectionBlock(md(""), nil, nil)}, slacktest.InMessage, "at least 1"},
		{"50 blocks", sections(50), slacktest.InMessage, ""},
		{"51 blocks", sections(51), slacktest.InMessage, "at most 50 blocks"},
		{"100 blocks in a modal", sections(100), slacktest.InModal, ""},
		{"101 blocks in a Home tab", sections(101), slacktest.InHome, "at most 100 blocks"},
		{"25 elements", []slack.Block{slack.NewActionBlock("a", elements(25)...)}, slacktest.InMessage, ""},
		{"26 elements", []slack.Block{slack.NewActionBlock("a", elements(26)...)}, slacktest.InMessage, "1 to 25 items"},
		{"same action twice", []slack.Block{slack.NewActionBlock("a", button("b", "1"), button("b", "2"))}, slacktest.InMessage, "used twice"},
		{"same block twice", []slack.Block{slack.NewActionBlock("a", button("b", "1")), slack.NewActionBlock("a", button("c", "2"))}, slacktest.InMessage, "used twice"},
		{"100 options", []slack.Block{slack.NewActionBlock("a", slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick"), "s", options(100)...))}, slacktest.InMessage, ""},
		{"101 options", []slack.Block{slack.NewActionBlock("a", slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain("Pick"), "s", options(101)...))}, slacktest.InMessage, "1 to 100 items"},
		{"max_length 3000", []slack.Block{input(textInput(3000))}, slacktest.InModal, ""},
		{"max_length 3001", []slack.Block{input(textInput(3001))}, slacktest.InModal, "1 to 3000"},
		{"max_length 4000", []slack.Block{input(textInput(4000))}, slacktest.InModal, "1 to 3000"},
		{"emoji on mrkdwn", []slack.Block{slack.NewSectionBlock(&slack.TextBlockObject{Type: "mrkdwn", Text: "x", Emoji: new(bool)}, nil, nil)}, slacktest.InMessage, "only plain_text takes emoji"},
		{"markdown in a modal", []slack.Block{slack.NewMarkdownBlock("", "x")}, slacktest.InModal, "messages only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := slacktest.Refused(slacktest.CheckBlocks(raw(t, tc.blocks), tc.on))
			switch {
			case tc.want == "" && len(ps) > 0:
				t.Errorf("refused: %v", ps)
			case tc.want != "" && (len(ps) == 0 || !strings.Contains(ps[0].Rule, tc.want)):
				t.Errorf("problems %v, want one saying %q", ps, tc.want)
			}
		})
	}
}

// TestEmojiShortcodeIsCosmetic: Slack takes ":+1:" with emoji false, and
// shows it as typed; the checks report it without refusing it.
func TestEmojiShortcodeIsCosmetic(t *testing.T) {
	b := []slack.Block{slack.NewActionBlock("a", slack.NewButtonBlockElement("b", "v", slack.NewTextBlockObject(slack.PlainTextType, ":+1: Helpful", false, false)))}
	ps := slacktest.CheckBlocks(raw(t, b), slacktest.InMessage)
	if len(ps) != 1 || !ps[0].Cosmetic || len(slacktest.Refused(ps)) != 0 {
		t.Errorf("problems %v, want one cosmetic", ps)
	}
	b = []slack.Block{slack.NewActionBlock("a", button("b", ":+1: Helpful"))}
	if ps := slacktest.CheckBlocks(raw(t, b), slacktest.InMessage); len(ps) != 0 {
		t.Errorf("with emoji true: %v", ps)
	}
}

// TestViewsRefuseWhatSlackRefuses: a modal whose text input allows 4,000
// characters, a title over 24, inputs without a submit button, a Home tab
// of 101 blocks: invalid_arguments, with the problem in
// response_metadata.
func TestViewsRefuseWhatSlackRefuses(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	desc := slack.NewPlainTextInputBlockElement(nil, "description")
	desc.MaxLength = 4000
	modal := slack.ModalViewRequest{
		Type: slack.VTModal, Title: plain("New assessment"), Submit: plain("Start"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewInputBlock("description", plain("What?"), nil, desc)}},
	}
	var se slack.SlackErrorResponse
	_, err := api.OpenView(f.SlashCommand("/advisor", "U1", "C1", "").TriggerID, modal)
	if !errors.As(err, &se) || se.Err != "invalid_arguments" || !strings.Contains(strings.Join(se.ResponseMetadata.Messages, " "), "max_length") {
		t.Errorf("max_length 4000: %v %+v", err, se.ResponseMetadata)
	}
	desc.MaxLength = 3000
	long := modal
	long.Title = plain(strings.Repeat("t", 25))
	if _, err := api.OpenView(f.SlashCommand("/advisor", "U1", "C1", "").TriggerID, long); err == nil || err.Error() != "invalid_arguments" {
		t.Errorf("title of 25: %v", err)
	}
	noSubmit := modal
	noSubmit.Submit = nil
	if _, err := api.OpenView(f.SlashCommand("/advisor", "U1", "C1", "").TriggerID, noSubmit); err == nil || err.Error() != "invalid_arguments" {
		t.Errorf("inputs without submit: %v", err)
	}
	if _, err := api.OpenView(f.SlashCommand("/advisor", "U1", "C1", "").TriggerID, modal); err != nil {
		t.Errorf("a modal within the limits: %v", err)
	}
	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: sections(101)}}
	if _, err := api.PublishView("U1", home, ""); err == nil || err.Error() != "invalid_arguments" {
		t.Errorf("Home tab of 101 blocks: %v", err)
	}
	if n := len(f.Problems()); n < 4 {
		t.Errorf("%d problems recorded", n)
	}
}

// TestStreamsAreReplies: chat.startStream wants thread_ts everywhere, and
// the recipient outside DMs.
func TestStreamsAreReplies(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	dm := f.DMChannel("U1")
	if _, _, err := api.StartStream(dm, slack.MsgOptionMarkdownText("x")); err == nil || err.Error() != "invalid_arguments" {
		t.Errorf("a top-level stream in a DM: %v", err)
	}
	_, parent, _ := api.PostMessage(dm, slack.MsgOptionText("question", false))
	if _, _, err := api.StartStream(dm, slack.MsgOptionTS(parent)); err != nil {
		t.Errorf("a reply stream in a DM: %v", err)
	}
	if _, _, err := api.StartStream("C1", slack.MsgOptionTS(parent)); err == nil || err.Error() != "invalid_arguments" {
		t.Errorf("a channel stream without its recipient: %v", err)
	}
}

// TestStoppedByUser: once the person stops a stream, appends and the stop
// answer stopped_by_user.
func TestStoppedByUser(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	dm := f.DMChannel("U1")
	_, parent, _ := api.PostMessage(dm, slack.MsgOptionText("question", false))
	_, ts, err := api.StartStream(dm, slack.MsgOptionTS(parent))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := api.AppendStream(dm, ts, slack.MsgOptionMarkdownText("one")); err != nil {
		t.Fatal(err)
	}
	if err := f.StopStream(dm, ts); err != nil {
		t.Fatal(err)
	}
	for name, call := range map[string]func() error{
		"append": func() error { _, _, err := api.AppendStream(dm, ts, slack.MsgOptionMarkdownText("two")); return err },
		"stop":   func() error { _, _, err := api.StopStream(dm, ts); return err },
	} {
		if err := call(); err == nil || err.Error() != "stopped_by_user" {
			t.Errorf("%s after Stop: %v", name, err)
		}
	}
	if m, _ := f.Message(dm, ts); m.Text != "one" || !m.StoppedByUser || m.Streaming {
		t.Errorf("stopped stream: %+v", m)
	}

	f.StopStreamsAfter(1)
	_, ts, _ = api.StartStream(dm, slack.MsgOptionTS(parent))
	if _, _, err := api.AppendStream(dm, ts, slack.MsgOptionMarkdownText("a")); err != nil {
		t.Errorf("the first append: %v", err)
	}
	if _, _, err := api.AppendStream(dm, ts, slack.MsgOptionMarkdownText("b")); err == nil || err.Error() != "stopped_by_user" {
		t.Errorf("the second append: %v", err)
	}
}

// TestMembership: the bot posts only where it was invited, and hears only
// from there; a response_url works anywhere.
func TestMembership(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	for name, call := range map[string]func() error{
		"post":      func() error { _, _, err := api.PostMessage("C9", slack.MsgOptionText("x", false)); return err },
		"ephemeral": func() error { _, err := api.PostEphemeral("C9", "U1", slack.MsgOptionText("x", false)); return err },
	} {
		if err := call(); err == nil || err.Error() != "not_in_channel" {
			t.Errorf("%s in C9: %v", name, err)
		}
	}
	cmd := f.SlashCommand("/roi", "U1", "C9", "x")
	if err := slack.PostWebhook(cmd.ResponseURL, &slack.WebhookMessage{Text: "ok", ResponseType: slack.ResponseTypeEphemeral}); err != nil {
		t.Errorf("response_url from C9: %v", err)
	}
	if err := f.Send(f.Mention("C9", "U1", "hello")); err == nil || !strings.Contains(err.Error(), "not in") {
		t.Errorf("a mention from C9 was sent: %v", err)
	}
	f.Invite("C9")
	if _, _, err := api.PostMessage("C9", slack.MsgOptionText("x", false)); err != nil {
		t.Errorf("post after the invite: %v", err)
	}
}

// TestScopesFromTheManifest: a method whose scope the manifest does not
// grant answers missing_scope, naming it; events and commands the
// manifest does not declare are never sent.
func TestScopesFromTheManifest(t *testing.T) {
	narrow := &slacktest.Manifest{Scopes: []string{"chat:write"}, Events: []string{"message.im"}, Commands: []string{"/roi"}}
	f, api := newAPI(t, slacktest.Config{Manifest: narrow})
	var se slack.SlackErrorResponse
	_, err := api.UploadFile(slack.UploadFileParameters{Filename: "a.csv", FileSize: 1, Content: "x", Channel: "C1"})
	if !errors.As(err, &se) || se.Err != "missing_scope" {
		t.Errorf("upload without files:write: %v", err)
	}
	if c := f.CallsTo("files.getUploadURLExternal"); len(c) != 1 || c[0].Error != "missing_scope" {
		t.Errorf("calls %+v", c)
	}
	if _, err := api.GetUserInfo("U1"); err == nil || err.Error() != "missing_scope" {
		t.Errorf("users.info without users:read: %v", err)
	}
	if _, err := api.PublishView("U1", slack.HomeTabViewRequest{Type: slack.VTHomeTab}, ""); err != nil {
		t.Errorf("views.publish needs no scope: %v", err)
	}
	if err := f.Send(f.AppHomeOpened("U1")); err == nil || !strings.Contains(err.Error(), "does not subscribe") {
		t.Errorf("an event the manifest does not subscribe to: %v", err)
	}
	if err := f.Send(f.SlashCommand("/advisor", "U1", "C1", "help")); err == nil || !strings.Contains(err.Error(), "no /advisor") {
		t.Errorf("a command the manifest does not declare: %v", err)
	}

	repo := slacktest.Start(t, slacktest.Config{}) // the repository's manifest
	if _, err := slack.New(repo.BotToken(), slack.OptionAPIURL(repo.APIURL())).GetConversationInfo(&slack.GetConversationInfoInput{ChannelID: "C1"}); err == nil || err.Error() != "missing_scope" {
		t.Errorf("conversations.info (channels:read) with the repository's manifest: %v", err)
	}
}

// clock is a test's clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestRateTiers: a method's tier holds for the workspace, whatever the
// channel, with 429 and Retry-After past it; chat.postMessage's is per
// channel. Time is the fake's clock, held still.
func TestRateTiers(t *testing.T) {
	c := &clock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	f, api := newAPI(t, slacktest.Config{Now: c.Now})
	f.Invite("C2")
	_, ts1, _ := api.PostMessage("C1", slack.MsgOptionText("x", false))
	_, ts2, _ := api.PostMessage("C2", slack.MsgOptionText("x", false))
	update := func(ch, ts string) error {
		_, _, _, err := api.UpdateMessage(ch, ts, slack.MsgOptionText("y", false))
		return err
	}
	for i := range 50 { // Tier 3, across both channels
		ch, ts := "C1", ts1
		if i%2 == 1 {
			ch, ts = "C2", ts2
		}
		if err := update(ch, ts); err != nil {
			t.Fatalf("update %d: %v", i+1, err)
		}
	}
	var rl *slack.RateLimitedError
	if err := update("C2", ts2); !errors.As(err, &rl) || rl.RetryAfter != 2*time.Second {
		t.Fatalf("the 51st update: %v, want 429 with Retry-After 2", err)
	}
	c.Advance(1200 * time.Millisecond) // a fiftieth of a minute
	if err := update("C1", ts1); err != nil {
		t.Errorf("after 1.2 s: %v", err)
	}
	if err := update("C1", ts1); !errors.As(err, &rl) {
		t.Errorf("again at once: %v", err)
	}

	f.Invite("C3")
	for i := range 60 { // 60 a minute per channel
		if _, _, err := api.PostMessage("C3", slack.MsgOptionText("x", false)); err != nil {
			t.Fatalf("post %d: %v", i+1, err)
		}
	}
	if _, _, err := api.PostMessage("C3", slack.MsgOptionText("x", false)); !errors.As(err, &rl) {
		t.Errorf("post 61 in C3: %v", err)
	}
	if _, _, err := api.PostMessage("C2", slack.MsgOptionText("x", false)); err != nil {
		t.Errorf("C2 has its own: %v", err)
	}

	_, offAPI := newAPI(t, slacktest.Config{Now: c.Now, NoRateLimits: true})
	_, ts, _ := offAPI.PostMessage("C1", slack.MsgOptionText("x", false))
	for i := range 200 {
		if _, _, _, err := offAPI.UpdateMessage("C1", ts, slack.MsgOptionText("y", false)); err != nil {
			t.Fatalf("update %d without limits: %v", i, err)
		}
	}
}

// TestGetPermalink answers Slack's permalink, with the thread for a reply.
func TestGetPermalink(t *testing.T) {
	_, api := newAPI(t, slacktest.Config{})
	_, parent, _ := api.PostMessage("C1", slack.MsgOptionText("parent", false))
	_, reply, _ := api.PostMessage("C1", slack.MsgOptionText("reply", false), slack.MsgOptionTS(parent))
	got, err := api.GetPermalink(&slack.PermalinkParameters{Channel: "C1", Ts: parent})
	if want := "https://fake.slack.com/archives/C1/p" + strings.ReplaceAll(parent, ".", ""); err != nil || got != want {
		t.Errorf("parent: %q, %v; want %q", got, err, want)
	}
	got, _ = api.GetPermalink(&slack.PermalinkParameters{Channel: "C1", Ts: reply})
	if !strings.HasSuffix(got, "?thread_ts="+parent+"&cid=C1") {
		t.Errorf("reply: %q", got)
	}
	if _, err := api.GetPermalink(&slack.PermalinkParameters{Channel: "C1", Ts: "1.2"}); err == nil || err.Error() != "message_not_found" {
		t.Errorf("unknown message: %v", err)
	}
}
