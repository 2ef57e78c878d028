package teams

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// tokens is a token source for the fake's tenant.
func tokens(f *teamstest.BotFramework, secret string) *TokenSource {
	return &TokenSource{AppID: testAppID, Password: secret, TokenURL: f.TokenURL()}
}

func TestTokenSourceCaches(t *testing.T) {
	f := teamstest.NewBotFramework(t)
	clock := time.Now()
	ts := tokens(f, "s3cret")
	ts.Now = func() time.Time { return clock }
	for range 3 {
		if tok, err := ts.Token(context.Background()); err != nil || tok != "bot-token" {
			t.Fatalf("token %q, %v", tok, err)
		}
	}
	if n := f.TokenCalls(); n != 1 {
		t.Errorf("%d token requests for three uses, want 1", n)
	}
	clock = clock.Add(59*time.Minute + 30*time.Second) // under a minute left
	if _, err := ts.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := f.TokenCalls(); n != 2 {
		t.Errorf("a token about to expire was not renewed (%d requests)", n)
	}

	_, err := tokens(f, "wrong").Token(context.Background())
	if err == nil || !strings.Contains(err.Error(), "MICROSOFT_APP_PASSWORD") || strings.Contains(err.Error(), "wrong") {
		t.Errorf("wrong secret: %v; want a message naming the setting, never the secret", err)
	}
}

func TestConnectorSendsAndRetries(t *testing.T) {
	f := teamstest.NewBotFramework(t)
	var slept []time.Duration
	c := &Connector{Tokens: tokens(f, "s3cret"), sleep: func(_ context.Context, d time.Duration) error {
		slept = append(slept, d)
		return nil
	}}
	conv := "19:abc@thread.tacv2;messageid=123"
	f.Fail(http.StatusTooManyRequests, http.StatusBadGateway)
	id, err := c.SendActivity(context.Background(), f.ServiceURL(), conv, map[string]any{"type": "message", "text": "hello"})
	if err != nil || id == "" {
		t.Fatalf("send: id %q, %v", id, err)
	}
	if len(slept) != 2 {
		t.Errorf("retried %d times, want 2", len(slept))
	}
	if err := c.UpdateActivity(context.Background(), f.ServiceURL(), conv, id, map[string]any{"type": "message", "text": "hello, edited"}); err != nil {
		t.Fatal(err)
	}
	got := f.Activities()
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
	f.Fail(http.StatusForbidden)
	var apiErr *APIError
	if _, err := c.SendActivity(context.Background(), f.ServiceURL(), conv, map[string]any{}); !errors.As(err, &apiErr) || apiErr.Status != 403 {
		t.Errorf("403: %v", err)
	}
	slept = nil
	f.Fail(429, 429, 429, 429, 429, 429)
	if _, err := c.SendActivity(context.Background(), f.ServiceURL(), conv, map[string]any{}); !errors.As(err, &apiErr) || apiErr.Status != 429 || apiErr.Code != "Throttled" {
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
