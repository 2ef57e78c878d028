package teams

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeBotFramework is a token endpoint and a connector that records the
// activities it receives, speaking the documented wire formats.
type fakeBotFramework struct {
	srv *httptest.Server

	mu         sync.Mutex
	tokenCalls int
	activities []recorded
	fail       []int // statuses to answer, in order, before succeeding
}

type recorded struct {
	Method, Path, Auth string
	Activity           map[string]any
}

func newFakeBotFramework(t *testing.T) *fakeBotFramework {
	f := &fakeBotFramework{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /tenant/oauth2/v2.0/token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		if r.Form.Get("client_secret") != "s3cret" || r.Form.Get("grant_type") != "client_credentials" ||
			r.Form.Get("scope") != botFrameworkScope {
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`)
			return
		}
		f.mu.Lock()
		f.tokenCalls++
		f.mu.Unlock()
		io.WriteString(w, `{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"bot-token"}`)
	})
	activities := func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if len(f.fail) > 0 {
			st := f.fail[0]
			f.fail = f.fail[1:]
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(st)
			io.WriteString(w, `{"error":{"code":"Throttled","message":"slow down"}}`)
			return
		}
		var a map[string]any
		json.NewDecoder(r.Body).Decode(&a)
		f.activities = append(f.activities, recorded{r.Method, r.URL.EscapedPath(), r.Header.Get("Authorization"), a})
		io.WriteString(w, `{"id":"act-`+strconv.Itoa(len(f.activities))+`"}`)
	}
	mux.HandleFunc("POST /v3/conversations/{conv}/activities", activities)
	mux.HandleFunc("PUT /v3/conversations/{conv}/activities/{id}", activities)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeBotFramework) tokenCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.tokenCalls
}

func (f *fakeBotFramework) setFail(statuses ...int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail = statuses
}

// recorded returns the activities received so far.
func (f *fakeBotFramework) recorded() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.activities...)
}

func (f *fakeBotFramework) tokens(secret string) *TokenSource {
	return &TokenSource{AppID: testAppID, Password: secret, TokenURL: f.srv.URL + "/tenant/oauth2/v2.0/token"}
}

func TestTokenSourceCaches(t *testing.T) {
	f := newFakeBotFramework(t)
	clock := time.Now()
	ts := f.tokens("s3cret")
	ts.Now = func() time.Time { return clock }
	for range 3 {
		if tok, err := ts.Token(context.Background()); err != nil || tok != "bot-token" {
			t.Fatalf("token %q, %v", tok, err)
		}
	}
	if n := f.tokenCount(); n != 1 {
		t.Errorf("%d token requests for three uses, want 1", n)
	}
	clock = clock.Add(59*time.Minute + 30*time.Second) // under a minute left
	if _, err := ts.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := f.tokenCount(); n != 2 {
		t.Errorf("a token about to expire was not renewed (%d requests)", n)
	}

	_, err := f.tokens("wrong").Token(context.Background())
	if err == nil || !strings.Contains(err.Error(), "MICROSOFT_APP_PASSWORD") || strings.Contains(err.Error(), "wrong") {
		t.Errorf("wrong secret: %v; want a message naming the setting, never the secret", err)
	}
}

func TestConnectorSendsAndRetries(t *testing.T) {
	f := newFakeBotFramework(t)
	var slept []time.Duration
	c := &Connector{Tokens: f.tokens("s3cret"), sleep: func(_ context.Context, d time.Duration) error {
		slept = append(slept, d)
		return nil
	}}
	conv := "19:abc@thread.tacv2;messageid=123"
	f.setFail(http.StatusTooManyRequests, http.StatusBadGateway)
	id, err := c.SendActivity(context.Background(), f.srv.URL+"/", conv, map[string]any{"type": "message", "text": "hello"})
	if err != nil || id == "" {
		t.Fatalf("send: id %q, %v", id, err)
	}
	if len(slept) != 2 {
		t.Errorf("retried %d times, want 2", len(slept))
	}
	if err := c.UpdateActivity(context.Background(), f.srv.URL, conv, id, map[string]any{"type": "message", "text": "hello, edited"}); err != nil {
		t.Fatal(err)
	}
	got := f.recorded()
	if len(got) != 2 {
		t.Fatalf("%d activities recorded", len(got))
	}
	first, second := got[0], got[1]
	wantPath := "/v3/conversations/" + url.PathEscape(conv) + "/activities"
	if first.Method != "POST" || first.Path != wantPath || first.Auth != "Bearer bot-token" || first.Activity["text"] != "hello" {
		t.Errorf("send recorded as %+v (path want %s)", first, wantPath)
	}
	if second.Method != "PUT" || second.Path != wantPath+"/"+id {
		t.Errorf("update recorded as %+v", second)
	}

	// A client error is not retried; persistent throttling gives up.
	f.setFail(http.StatusForbidden)
	var apiErr *APIError
	if _, err := c.SendActivity(context.Background(), f.srv.URL, conv, map[string]any{}); !errors.As(err, &apiErr) || apiErr.Status != 403 {
		t.Errorf("403: %v", err)
	}
	slept = nil
	f.setFail(429, 429, 429, 429, 429, 429)
	if _, err := c.SendActivity(context.Background(), f.srv.URL, conv, map[string]any{}); !errors.As(err, &apiErr) || apiErr.Status != 429 || apiErr.Code != "Throttled" {
		t.Errorf("throttled: %v", err)
	}
	if len(slept) != 4 {
		t.Errorf("gave up after %d retries, want 4", len(slept))
	}
}

func TestBackoff(t *testing.T) {
	if d := backoff(0, "3"); d != 3*time.Second {
		t.Errorf("Retry-After 3: %v", d)
	}
	if d := backoff(0, "100000"); d != time.Minute {
		t.Errorf("huge Retry-After: %v, want capped at 1m", d)
	}
	for attempt := range 10 {
		d := backoff(attempt, "")
		base := 500 * time.Millisecond << min(attempt, 6)
		if d < base/2 || d >= base+base/2 {
			t.Errorf("attempt %d: %v outside [%v, %v)", attempt, d, base/2, base+base/2)
		}
	}
}
