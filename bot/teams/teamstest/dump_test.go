package teamstest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// With ADVISORBOT_PAYLOAD_DIR set, every activity the connector receives is
// written as sent, for .ci/platformcheck to check independently.
func TestDumpWritesEachActivity(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(teamstest.PayloadDirEnv, dir)
	f := teamstest.NewBotFramework(t)
	token := botToken(t, f)
	post := func(method, path string, activity map[string]any) {
		body, _ := json.Marshal(activity)
		req, _ := http.NewRequest(method, f.ServiceURL()+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	post(http.MethodPost, "v3/conversations/a:1personal/activities", map[string]any{"type": "message", "text": "hello"})

	files, _ := filepath.Glob(filepath.Join(dir, "teams-*.json"))
	if len(files) != 1 {
		t.Fatalf("%d files, want one per activity: %v", len(files), files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Kind, Host, Path, Binary string
		Activity                 map[string]any
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if d.Kind != "post" || d.Path != "/v3/conversations/a:1personal/activities" || d.Activity["text"] != "hello" ||
		d.Host == "" || d.Binary != filepath.Base(os.Args[0]) {
		t.Errorf("dumped as %+v", d)
	}
}

// A directory that cannot be written to costs a log line, not the call.
func TestDumpFailureDoesNotFailTheActivity(t *testing.T) {
	t.Setenv(teamstest.PayloadDirEnv, filepath.Join(t.TempDir(), "missing", "dir"))
	f := teamstest.NewBotFramework(t)
	body, _ := json.Marshal(map[string]any{"type": "message", "text": "hello"})
	req, _ := http.NewRequest(http.MethodPost, f.ServiceURL()+"v3/conversations/a:1personal/activities", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+botToken(t, f))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Errorf("HTTP %d", resp.StatusCode)
	}
}

// What the bot answers a delivered activity with (an invoke's response) is
// written too, and the caller still reads the status.
func TestDumpWritesTheBotsAnswer(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(teamstest.PayloadDirEnv, dir)
	id := teamstest.NewIdentity(t)
	bot := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"done"}`))
	}))
	defer bot.Close()
	if code := id.Deliver(t, bot.URL, "app", map[string]any{"type": "invoke", "serviceUrl": "https://connector.example/"}); code != http.StatusOK {
		t.Fatalf("HTTP %d", code)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "teams-*.json"))
	if len(files) != 1 {
		t.Fatalf("%d files, want the answer: %v", len(files), files)
	}
	b, _ := os.ReadFile(files[0])
	var d struct {
		Kind     string
		Activity map[string]any
	}
	if err := json.Unmarshal(b, &d); err != nil || d.Kind != "response" || d.Activity["value"] != "done" {
		t.Errorf("dumped as %s (%v)", b, err)
	}
}

func botToken(t *testing.T, f *teamstest.BotFramework) string {
	t.Helper()
	resp, err := http.PostForm(f.TokenURL(), url.Values{"grant_type": {"client_credentials"}, "client_id": {"app"},
		"client_secret": {teamstest.Secret}, "scope": {"https://api.botframework.com/.default"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("no token: %v", err)
	}
	return tok.AccessToken
}
