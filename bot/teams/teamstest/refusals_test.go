package teamstest_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// call sends an activity to the fake connector as a bot would, with the
// fake's token, and returns the status and the answer.
func call(t *testing.T, f *teamstest.BotFramework, method, conv, id string, activity any) (int, map[string]any) {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"app"}, "client_secret": {teamstest.Secret},
		"scope": {"https://api.botframework.com/.default"}}
	resp, err := http.PostForm(f.TokenURL(), form)
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	u := f.ServiceURL() + "v3/conversations/" + url.PathEscape(conv) + "/activities"
	if id != "" {
		u += "/" + id
	}
	body, _ := json.Marshal(activity)
	req, _ := http.NewRequest(method, u, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

func errCode(out map[string]any) string {
	e, _ := out["error"].(map[string]any)
	code, _ := e["code"].(string)
	return code
}

func cardMsg(card string) map[string]any {
	var c any
	if err := json.Unmarshal([]byte(card), &c); err != nil {
		panic(err)
	}
	return map[string]any{"type": "message", "attachments": []any{map[string]any{"contentType": teamstest.CardContentType, "content": c}}}
}

func submits(n int) string {
	var b []string
	for i := range n {
		b = append(b, fmt.Sprintf(`{"type":"Action.Submit","title":"b%d","data":{"x":%d}}`, i, i))
	}
	return strings.Join(b, ",")
}

// TestRefusesWhatTeamsRefuses: the connector answers as Teams does (413
// MessageSizeTooBig over 100 KB of UTF-16, pictures not counted) and, for
// cards Teams would cut short, 400 BadArgument; a card the schema refuses
// is taken. Each is a problem the test must take, or it fails.
func TestRefusesWhatTeamsRefuses(t *testing.T) {
	f := teamstest.NewBotFramework(t)
	const conv = "a:1personal"
	for _, c := range []struct {
		name     string
		activity map[string]any
		status   int
		code     string
		problem  string
	}{
		{"six actions", cardMsg(`{"type":"AdaptiveCard","version":"1.5","actions":[` + submits(6) + `]}`), 200, "", ""},
		{"seven actions", cardMsg(`{"type":"AdaptiveCard","version":"1.5","actions":[` + submits(7) + `]}`), 400, "BadArgument", "7 actions"},
		{"seven with a nested action set", cardMsg(`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"ActionSet","actions":[` + submits(2) + `]}],"actions":[` + submits(5) + `]}`),
			400, "BadArgument", "7 actions"},
		{"required input without a label", cardMsg(`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.ChoiceSet","id":"c","isRequired":true,"choices":[{"title":"A","value":"a"}]}],"actions":[` + submits(1) + `]}`),
			400, "BadArgument", "needs a label"},
		// Teams takes a card its schema refuses, rendering what it can; the
		// fake takes it too, and the test that sent it fails.
		{"not a 1.5 card", cardMsg(`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock"}]}`), 200, "", "Adaptive Card 1.5"},
		{"a 1.6 card", cardMsg(`{"type":"AdaptiveCard","version":"1.6","body":[{"type":"TextBlock","text":"x"}]}`), 400, "BadArgument", "up to 1.5"},
		{"empty message", map[string]any{"type": "message"}, 400, "BadArgument", "neither text nor attachments"},
		// 50,000 UTF-16 units of text: 100,000 bytes with the envelope under
		// the cap; 60,000 "é" are 120,000 bytes although 120,000 in UTF-8 too.
		{"99 KB of text", map[string]any{"type": "message", "text": strings.Repeat("a", 50000)}, 200, "", ""},
		{"117 KB in UTF-16", map[string]any{"type": "message", "text": strings.Repeat("é", 60000)}, 413, "MessageSizeTooBig", "Teams takes at most"},
		{"a 600 KB picture", cardMsg(`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Image","url":"data:image/png;base64,` +
			base64.StdEncoding.EncodeToString(make([]byte, 600<<10)) + `"}]}`), 200, "", ""},
		{"a 2 MB picture", cardMsg(`{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Image","url":"data:image/png;base64,` +
			base64.StdEncoding.EncodeToString(make([]byte, 2<<20)) + `"}]}`), 400, "BadArgument", "at most 1 MB"},
	} {
		status, out := call(t, f, http.MethodPost, conv, "", c.activity)
		ps := f.TakeProblems()
		if status != c.status || errCode(out) != c.code {
			t.Errorf("%s: HTTP %d %s, want %d %s", c.name, status, errCode(out), c.status, c.code)
		}
		if c.problem == "" && len(ps) > 0 || c.problem != "" && !strings.Contains(fmt.Sprint(ps), c.problem) {
			t.Errorf("%s: problems %v, want %q", c.name, ps, c.problem)
		}
	}

	// Only what the bot sent in a conversation can be updated there.
	status, out := call(t, f, http.MethodPost, conv, "", map[string]any{"type": "message", "text": "hi"})
	id, _ := out["id"].(string)
	if status != 200 || id == "" {
		t.Fatalf("send: %d %v", status, out)
	}
	if status, _ := call(t, f, http.MethodPut, conv, id, map[string]any{"type": "message", "text": "edited"}); status != 200 {
		t.Errorf("update: HTTP %d", status)
	}
	if status, _ := call(t, f, http.MethodPut, "a:1other", id, map[string]any{"type": "message", "text": "edited"}); status != 404 {
		t.Errorf("update from another conversation: HTTP %d, want 404", status)
	}
	if ps := f.TakeProblems(); len(ps) != 1 {
		t.Errorf("problems %v, want the one update refused", ps)
	}
	if n := f.Checked(); n != 14 {
		t.Errorf("%d activities checked, want 14", n)
	}
}

func typing(text, id, kind string, seq int) map[string]any {
	info := map[string]any{"type": "streaminfo", "streamType": kind}
	if id != "" {
		info["streamId"] = id
	}
	if seq > 0 {
		info["streamSequence"] = seq
	}
	return map[string]any{"type": "typing", "text": text, "entities": []any{info}}
}

func final(text, id string, seq int) map[string]any {
	a := typing(text, id, "final", seq)
	a["type"] = "message"
	return a
}

// TestStreamingRules: streams only in personal chats, one at a time, each
// starting at 1 with increasing sequence numbers, ended by a final message
// with none; after the end, or after the person stopped it, nothing more.
func TestStreamingRules(t *testing.T) {
	f := teamstest.NewBotFramework(t)
	const conv = "a:1personal"
	expect := func(name string, status int, out map[string]any, wantStatus int, wantCode string, problem bool) {
		t.Helper()
		ps := f.TakeProblems()
		if status != wantStatus || errCode(out) != wantCode || (len(ps) > 0) != problem {
			t.Errorf("%s: HTTP %d %s, problems %v; want %d %s, a problem: %v", name, status, errCode(out), ps, wantStatus, wantCode, problem)
		}
	}

	status, out := call(t, f, http.MethodPost, "19:chan@thread.tacv2;messageid=1", "", typing("Thinking…", "", "informative", 1))
	expect("a stream in a channel", status, out, 403, "ContentStreamNotAllowed", true)
	status, out = call(t, f, http.MethodPost, conv, "", typing("A brown fox", "", "streaming", 2))
	expect("a stream starting at 2", status, out, 400, "BadRequest", true)
	status, out = call(t, f, http.MethodPost, conv, "", typing("", "", "informative", 1))
	expect("a stream without text", status, out, 400, "BadRequest", true)

	status, out = call(t, f, http.MethodPost, conv, "", typing("Searching…", "", "informative", 1))
	id, _ := out["id"].(string)
	expect("a stream's start", status, out, 201, "", false)
	status, out = call(t, f, http.MethodPost, conv, "", typing("Again", "", "informative", 1))
	expect("a second stream at once", status, out, 403, "ContentStreamNotAllowed", true)
	status, out = call(t, f, http.MethodPost, conv, "", typing("A brown fox", id, "streaming", 2))
	expect("an update", status, out, 202, "", false)
	status, out = call(t, f, http.MethodPost, conv, "", typing("A brown", id, "streaming", 2))
	expect("a sequence number repeated", status, out, 202, "ContentStreamSequenceOrderPreConditionFailed", true)
	status, out = call(t, f, http.MethodPost, conv, "", final("A brown fox jumped.", id, 3))
	expect("a final message with a sequence", status, out, 400, "BadRequest", true)
	status, out = call(t, f, http.MethodPost, conv, "", final("A brown fox jumped.", id, 0))
	expect("the final message", status, out, 202, "", false)
	status, out = call(t, f, http.MethodPost, conv, "", typing("More", id, "streaming", 4))
	expect("an update after the end", status, out, 403, "ContentStreamNotAllowed", true)
	if status, _ := call(t, f, http.MethodPut, conv, id, map[string]any{"type": "message", "text": "edited"}); status != 200 {
		t.Errorf("updating the streamed message: HTTP %d", status)
	}

	// The person stops the next stream: Teams refuses what follows, and
	// that is not the bot's mistake.
	_, out = call(t, f, http.MethodPost, conv, "", typing("Searching…", "", "informative", 1))
	id, _ = out["id"].(string)
	if !f.StopStream(conv) {
		t.Fatal("no stream to stop")
	}
	status, out = call(t, f, http.MethodPost, conv, "", typing("A brown fox", id, "streaming", 2))
	expect("an update after Stop", status, out, 403, "ContentStreamNotAllowed", false)
	status, out = call(t, f, http.MethodPost, conv, "", final("A brown fox.", id, 0))
	expect("the final message after Stop", status, out, 403, "ContentStreamNotAllowed", false)
}

// TestMessageSizeCountsUTF16WithoutPictures pins the measure: UTF-16
// bytes of the activity's JSON, base64 pictures left out.
func TestMessageSizeCountsUTF16WithoutPictures(t *testing.T) {
	base := teamstest.MessageSize(map[string]any{"text": ""})
	for text, want := range map[string]int{"abc": 6, "é€": 4, "😀": 4, "<&>": 6} {
		if got := teamstest.MessageSize(map[string]any{"text": text}) - base; got != want {
			t.Errorf("%q counts %d bytes, want %d", text, got, want)
		}
	}
	pic := teamstest.MessageSize(map[string]any{"url": "data:image/png;base64," + strings.Repeat("A", 1<<20)})
	if none := teamstest.MessageSize(map[string]any{"url": "data:image/png;base64,"}); pic != none {
		t.Errorf("a picture counts %d bytes", pic-none)
	}
}
