package slacktest_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

// wide is an app granted every scope the fake knows, so the fake's own
// tests reach every method.
var wide = &slacktest.Manifest{
	Scopes: []string{"chat:write", "assistant:write", "users:read", "channels:read", "groups:read", "im:read",
		"im:write", "channels:history", "groups:history", "im:history", "files:write", "app_mentions:read", "commands"},
	Events:   []string{"app_home_opened", "app_mention", "assistant_thread_started", "message.im", "message.channels", "message.groups"},
	Commands: []string{"/roi", "/advisor"},
}

// newAPI starts a fake granting wide and with the bot in C1, and a client.
func newAPI(t *testing.T, cfg slacktest.Config) (*slacktest.Fake, *slack.Client) {
	t.Helper()
	if cfg.Manifest == nil {
		cfg.Manifest = wide
	}
	f := slacktest.Start(t, cfg)
	f.Invite("C1")
	api := slack.New(f.BotToken(), slack.OptionAPIURL(f.APIURL()), slack.OptionAppLevelToken(f.AppToken()))
	return f, api
}

func TestPostMessageIsReadBack(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	ch, ts, err := api.PostMessage("C1", slack.MsgOptionText("hello", false))
	if err != nil {
		t.Fatal(err)
	}
	if ch != "C1" || ts != "1700000000.000100" {
		t.Errorf("got channel %q ts %q", ch, ts)
	}
	_, reply, err := api.PostMessage("C1", slack.MsgOptionText("in thread", false), slack.MsgOptionTS(ts))
	if err != nil {
		t.Fatal(err)
	}
	if reply <= ts {
		t.Errorf("reply ts %q not after %q", reply, ts)
	}
	msgs := f.Messages("C1")
	if len(msgs) != 2 || msgs[0].Text != "hello" || !msgs[0].FromBot() || msgs[1].ThreadTS != ts {
		t.Fatalf("Messages = %+v", msgs)
	}
	if th := f.Thread("C1", ts); len(th) != 2 || th[1].Text != "in thread" {
		t.Errorf("Thread = %+v", th)
	}
	calls := f.CallsTo("chat.postMessage")
	if len(calls) != 2 || calls[1].Param("thread_ts") != ts || calls[0].Token != f.BotToken() {
		t.Errorf("calls = %+v", calls)
	}

	// A user ID as channel means the bot's IM with that user.
	if ch, _, err := api.PostMessage("U42", slack.MsgOptionText("hi", false)); err != nil || ch != f.DMChannel("U42") {
		t.Errorf("post to user: %q, %v", ch, err)
	}
	// Replies come back through conversations.replies too.
	got, _, _, err := api.GetConversationReplies(&slack.GetConversationRepliesParameters{ChannelID: "C1", Timestamp: ts})
	if err != nil || len(got) != 2 || got[0].ReplyCount != 1 {
		t.Errorf("replies = %+v, %v", got, err)
	}
}

func TestTokensAreChecked(t *testing.T) {
	f, _ := newAPI(t, slacktest.Config{})
	for _, tc := range []struct {
		token, want string
	}{
		{"", "not_authed"},
		{"xoxb-wrong", "invalid_auth"},
		{f.AppToken(), "invalid_auth"},
	} {
		api := slack.New(tc.token, slack.OptionAPIURL(f.APIURL()))
		if _, err := api.AuthTest(); err == nil || err.Error() != tc.want {
			t.Errorf("token %q: err %v, want %s", tc.token, err, tc.want)
		}
	}
	// The app-level token opens sockets; the bot token does not.
	good := slack.New(f.BotToken(), slack.OptionAPIURL(f.APIURL()), slack.OptionAppLevelToken(f.AppToken()))
	if _, url, err := good.StartSocketModeContext(context.Background()); err != nil || !strings.HasPrefix(url, "ws://") {
		t.Errorf("apps.connections.open: %q, %v", url, err)
	}
	bad := slack.New(f.BotToken(), slack.OptionAPIURL(f.APIURL()), slack.OptionAppLevelToken(f.BotToken()))
	if _, _, err := bad.StartSocketModeContext(context.Background()); err == nil || err.Error() != "invalid_auth" {
		t.Errorf("apps.connections.open with bot token: %v", err)
	}
	auth, err := good.AuthTest()
	if err != nil || auth.UserID != f.Config().BotUserID || auth.BotID != f.BotID() {
		t.Errorf("auth.test = %+v, %v", auth, err)
	}
}

func TestScriptedFailures(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	f.RateLimitNext("chat.postMessage", time.Second)
	_, _, err := api.PostMessage("C1", slack.MsgOptionText("x", false))
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != time.Second {
		t.Fatalf("err = %v, want RateLimitedError of 1s", err)
	}
	if _, _, err := api.PostMessage("C1", slack.MsgOptionText("x", false)); err != nil {
		t.Fatalf("the failure should apply once: %v", err)
	}
	calls := f.CallsTo("chat.postMessage")
	if calls[0].Status != http.StatusTooManyRequests || calls[1].Status != http.StatusOK {
		t.Errorf("statuses %d, %d", calls[0].Status, calls[1].Status)
	}
	if n := len(f.Messages("C1")); n != 1 {
		t.Errorf("%d messages stored, want 1", n)
	}

	f.FailNext("users.info", http.StatusInternalServerError, nil, "<html>oops</html>")
	var sc slack.StatusCodeError
	if _, err := api.GetUserInfo("U1"); !errors.As(err, &sc) || sc.Code != 500 {
		t.Errorf("users.info err = %v", err)
	}
	f.ErrorNext("chat.update", "edit_window_closed")
	if _, _, _, err := api.UpdateMessage("C1", "1", slack.MsgOptionText("y", false)); err == nil || err.Error() != "edit_window_closed" {
		t.Errorf("chat.update err = %v", err)
	}
}

func TestServerErrorsAndDrops(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	f.ServerErrorNext("chat.postMessage", 2, http.StatusServiceUnavailable, 1500*time.Millisecond)
	for i := range 2 {
		var sc slack.StatusCodeError
		if _, _, err := api.PostMessage("C1", slack.MsgOptionText("x", false)); !errors.As(err, &sc) || sc.Code != 503 {
			t.Fatalf("call %d: err = %v, want a 503 StatusCodeError", i, err)
		}
	}
	f.DropNext("chat.postMessage", 1)
	if _, _, err := api.PostMessage("C1", slack.MsgOptionText("x", false)); err == nil {
		t.Fatal("a dropped connection gave no error")
	}
	if _, _, err := api.PostMessage("C1", slack.MsgOptionText("x", false)); err != nil {
		t.Fatalf("after the scripted failures: %v", err)
	}
	calls := f.CallsTo("chat.postMessage")
	if len(calls) != 4 || calls[0].Status != 503 || calls[1].Status != 503 || calls[2].Error != "connection dropped" || calls[3].Status != 200 {
		t.Errorf("calls = %+v", calls)
	}
	if n := len(f.Messages("C1")); n != 1 {
		t.Errorf("%d messages stored, want 1", n)
	}

	// A raw request sees the status, Slack's HTML page and Retry-After.
	f.ServerErrorNext("auth.test", 1, http.StatusInternalServerError, 2*time.Second)
	resp, err := http.Post(f.APIURL()+"auth.test", "application/x-www-form-urlencoded", strings.NewReader("token="+f.BotToken()))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 500 || resp.Header.Get("Retry-After") != "2" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("got %d, headers %v", resp.StatusCode, resp.Header)
	}
}

func TestUpdateAndDelete(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{MaxTextChars: 4000})
	_, ts, err := api.PostMessage("C1", slack.MsgOptionText("draft", false))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := api.UpdateMessage("C1", ts, slack.MsgOptionText("final", false)); err != nil {
		t.Fatal(err)
	}
	if m, _ := f.Message("C1", ts); m.Text != "final" || m.Updates != 1 {
		t.Errorf("after update: %+v", m)
	}
	long := strings.Repeat("x", 4001)
	if _, _, _, err := api.UpdateMessage("C1", ts, slack.MsgOptionText(long, false)); err == nil || err.Error() != "msg_too_long" {
		t.Errorf("long update: %v", err)
	}
	blocks := make([]slack.Block, 51)
	for i := range blocks {
		blocks[i] = slack.NewDividerBlock()
	}
	if _, _, err := api.PostMessage("C1", slack.MsgOptionBlocks(blocks...)); err == nil || err.Error() != "invalid_blocks" {
		t.Errorf("51 blocks: %v", err)
	}
	if _, _, err := api.DeleteMessage("C1", ts); err != nil {
		t.Fatal(err)
	}
	if len(f.Messages("C1")) != 0 {
		t.Error("deleted message still listed")
	}
	if _, _, _, err := api.UpdateMessage("C1", ts, slack.MsgOptionText("z", false)); err == nil || err.Error() != "message_not_found" {
		t.Errorf("update of deleted message: %v", err)
	}

	if _, err := api.PostEphemeral("C1", "U7", slack.MsgOptionText("only you", false)); err != nil {
		t.Fatal(err)
	}
	if e := f.Ephemerals("C1"); len(e) != 1 || e[0].EphemeralTo != "U7" {
		t.Errorf("ephemerals = %+v", e)
	}
}

func TestStreaming(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	_, parent, _ := api.PostMessage("C1", slack.MsgOptionText("question", false))
	opts := []slack.MsgOption{
		slack.MsgOptionTS(parent), slack.MsgOptionRecipientUserID("U1"),
		slack.MsgOptionRecipientTeamID(f.Config().TeamID), slack.MsgOptionMarkdownText("The answer"),
	}
	ch, ts, err := api.StartStream("C1", opts...)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := api.AppendStream(ch, ts, slack.MsgOptionMarkdownText(" is")); err != nil {
		t.Fatal(err)
	}
	if _, _, err := api.AppendStream(ch, ts, slack.MsgOptionChunks(slack.NewMarkdownTextChunk(" 42"))); err != nil {
		t.Fatal(err)
	}
	if m, _ := f.Message(ch, ts); !m.Streaming || m.Text != "The answer is 42" {
		t.Errorf("while streaming: %+v", m)
	}
	if _, _, err := api.StopStream(ch, ts, slack.MsgOptionMarkdownText(".")); err != nil {
		t.Fatal(err)
	}
	m, _ := f.Message(ch, ts)
	if m.Streaming || !m.Streamed || m.Text != "The answer is 42." || m.ThreadTS != parent {
		t.Errorf("after stop: %+v", m)
	}
	if _, _, err := api.AppendStream(ch, ts, slack.MsgOptionMarkdownText("more")); err == nil || err.Error() != "message_not_in_streaming_state" {
		t.Errorf("append after stop: %v", err)
	}
	// Outside IMs Slack needs the recipient.
	if _, _, err := api.StartStream("C1", slack.MsgOptionTS(parent)); err == nil {
		t.Error("stream without recipient accepted")
	}

	f.RefuseStreaming("")
	if _, _, err := api.StartStream(f.DMChannel("U1"), slack.MsgOptionTS(parent)); err == nil || err.Error() != "not_allowed" {
		t.Errorf("refused stream: %v", err)
	}
}

func TestUploadFile(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	content := "approach,roi\nrag,3.2\n"
	sum, err := api.UploadFile(slack.UploadFileParameters{
		Filename: "roi.csv", FileSize: len(content), Content: content,
		Title: "ROI", Channel: "C1", InitialComment: "Weekly summary",
	})
	if err != nil {
		t.Fatal(err)
	}
	files := f.Files()
	if len(files) != 1 || files[0].ID != sum.ID || string(files[0].Content) != content || !files[0].Completed || files[0].Title != "ROI" {
		t.Fatalf("files = %+v (summary %+v)", files, sum)
	}
	msgs := f.Messages("C1")
	if len(msgs) != 1 || msgs[0].Text != "Weekly summary" || len(msgs[0].Files) != 1 {
		t.Errorf("share message = %+v", msgs)
	}
	for _, m := range []string{"files.getUploadURLExternal", "upload", "files.completeUploadExternal"} {
		if len(f.CallsTo(m)) != 1 {
			t.Errorf("%d calls to %s", len(f.CallsTo(m)), m)
		}
	}
}

func TestAssistantThread(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	dm, thread := f.DMChannel("U1"), "1700000000.000900"
	err := api.SetAssistantThreadsSuggestedPrompts(slack.AssistantThreadsSetSuggestedPromptsParameters{
		ChannelID: dm, ThreadTS: thread, Title: "Try",
		Prompts: []slack.AssistantThreadsPrompt{{Title: "Fine-tuning?", Message: "Is fine-tuning worth it for my use case?"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	err = api.SetAssistantThreadsStatus(slack.AssistantThreadsSetStatusParameters{
		ChannelID: dm, ThreadTS: thread, Status: "is thinking...", LoadingMessages: []string{"Reading", "Weighing"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := api.SetAssistantThreadsTitle(slack.AssistantThreadsSetTitleParameters{ChannelID: dm, ThreadTS: thread, Title: "Invoices"}); err != nil {
		t.Fatal(err)
	}
	a, _ := f.Assistant(dm, thread)
	if a.Status != "is thinking..." || len(a.LoadingMessages) != 2 || a.Title != "Invoices" || len(a.Prompts) != 1 {
		t.Errorf("assistant = %+v", a)
	}
	// Replying in the thread clears the status, as in Slack.
	if _, _, err := api.PostMessage(dm, slack.MsgOptionTS(thread), slack.MsgOptionText("Answer", false)); err != nil {
		t.Fatal(err)
	}
	if a, _ := f.Assistant(dm, thread); a.Status != "" || len(a.Statuses) != 2 {
		t.Errorf("after reply: %+v", a)
	}
}

func TestDirectory(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	if u, err := api.GetUserInfo("U123"); err != nil || u.ID != "U123" {
		t.Errorf("made-up user = %+v, %v", u, err)
	}
	if _, err := api.GetUserInfo("nobody"); err == nil || err.Error() != "user_not_found" {
		t.Errorf("unknown user: %v", err)
	}
	c, err := api.GetConversationInfo(&slack.GetConversationInfoInput{ChannelID: f.DMChannel("U9")})
	if err != nil || !c.IsIM || c.User != "U9" {
		t.Errorf("conversations.info = %+v, %v", c, err)
	}
	f.AddChannel(slacktest.Channel{ID: "C5", Name: "secret", IsMember: false})
	if _, _, err := api.PostMessage("C5", slack.MsgOptionText("x", false)); err == nil || err.Error() != "not_in_channel" {
		t.Errorf("post outside membership: %v", err)
	}
}

func TestViewsAndTriggers(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	cmd := f.SlashCommand("/advisor", "U1", "C1", "new")
	modal := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: "intake", PrivateMetadata: "m1",
		Title:  slack.NewTextBlockObject(slack.PlainTextType, "New assessment", false, false),
		Submit: slack.NewTextBlockObject(slack.PlainTextType, "Assess", false, false),
		Blocks: slack.Blocks{BlockSet: []slack.Block{slack.NewInputBlock("desc",
			slack.NewTextBlockObject(slack.PlainTextType, "Description", false, false), nil,
			slack.NewPlainTextInputBlockElement(nil, "in"))}},
	}
	resp, err := api.OpenView(cmd.TriggerID, modal)
	if err != nil {
		t.Fatal(err)
	}
	v, ok := f.View(resp.ID)
	if !ok || v.CallbackID != "intake" || v.User != "U1" || v.Title != "New assessment" || resp.Hash == "" {
		t.Errorf("view %+v (response %+v)", v, resp.View)
	}
	if _, err := api.OpenView(cmd.TriggerID, modal); err == nil || err.Error() != "exchanged_trigger_id" {
		t.Errorf("second use of a trigger: %v", err)
	}
	if _, err := api.OpenView("made-up", modal); err == nil || err.Error() != "invalid_trigger_id" {
		t.Errorf("made-up trigger: %v", err)
	}
	if _, err := api.UpdateView(modal, "", "stale-hash", resp.ID); err == nil || err.Error() != "hash_conflict" {
		t.Errorf("stale hash: %v", err)
	}
	if _, err := api.UpdateView(modal, "", resp.Hash, resp.ID); err != nil {
		t.Errorf("update: %v", err)
	}
	sub := f.SubmitView("", resp.ID, slacktest.Values{"desc": {"in": slacktest.TextInput("x")}})
	if sub.User != "U1" {
		t.Errorf("submission by %q", sub.User)
	}

	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*Your assessments*", false, false), nil, nil),
	}}}
	if _, err := api.PublishView("U1", home, ""); err != nil {
		t.Fatal(err)
	}
	if hv, ok := f.HomeView("U1"); !ok || hv.Type != "home" || !strings.Contains(string(hv.Blocks), "Your assessments") {
		t.Errorf("home %+v", hv)
	}
	if _, err := api.PublishView("U1", slack.HomeTabViewRequest{Type: slack.VTModal}, ""); err == nil {
		t.Error("published a modal as Home tab")
	}

	expiring := slacktest.Start(t, slacktest.Config{TriggerTTL: time.Millisecond})
	eAPI := slack.New(expiring.BotToken(), slack.OptionAPIURL(expiring.APIURL()))
	trig := expiring.SlashCommand("/advisor", "U1", "C1", "").TriggerID
	time.Sleep(5 * time.Millisecond)
	if _, err := eAPI.OpenView(trig, modal); err == nil || err.Error() != "expired_trigger_id" {
		t.Errorf("expired trigger: %v", err)
	}
}

func TestResponseURL(t *testing.T) {
	f, api := newAPI(t, slacktest.Config{})
	cmd := f.SlashCommand("/roi", "U1", "C1", "bad input")
	// slack.PostWebhook, not api.PostMessage with MsgOptionResponseURL,
	// which sends empty metadata that Slack refuses.
	err := slack.PostWebhook(cmd.ResponseURL, &slack.WebhookMessage{
		Text: "Could not read the volume. Example: /roi 20k a month", ResponseType: slack.ResponseTypeEphemeral,
	})
	if err != nil {
		t.Fatal(err)
	}
	if e := f.Ephemerals("C1"); len(e) != 1 || e[0].EphemeralTo != "U1" || !strings.HasPrefix(e[0].Text, "Could not") {
		t.Errorf("ephemerals %+v", e)
	}

	_, ts, _ := api.PostMessage("C1", slack.MsgOptionText("Was this helpful?", false))
	click := f.ButtonClick("U1", "C1", ts, "helpful", "yes")
	err = slack.PostWebhook(click.ResponseURL, &slack.WebhookMessage{Text: "Thanks!", ReplaceOriginal: true})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := f.Message("C1", ts); m.Text != "Thanks!" || m.Updates != 1 {
		t.Errorf("replaced original %+v", m)
	}
	if n := len(f.CallsTo("response_url")); n != 2 {
		t.Errorf("%d response_url calls", n)
	}
}
