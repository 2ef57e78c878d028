package health

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEndpoints(t *testing.T) {
	var slackUp atomic.Bool
	srv := httptest.NewServer(Handler([]Check{
		{"store", func(context.Context) error { return nil }},
		{"slack", func(context.Context) error {
			if !slackUp.Load() {
				return errors.New("not connected")
			}
			return nil
		}},
	}))
	defer srv.Close()

	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get("/livez"); code != 200 || body != "ok\n" {
		t.Errorf("/livez = %d %q", code, body)
	}
	code, body := get("/readyz")
	if code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with Slack down = %d, want 503", code)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("/readyz body %q: %v", body, err)
	}
	if diff := cmp.Diff(map[string]string{"store": "ok", "slack": "not connected"}, got); diff != "" {
		t.Errorf("/readyz (-want +got):\n%s", diff)
	}
	slackUp.Store(true)
	if code, body := get("/readyz"); code != 200 || !strings.Contains(body, `"slack":"ok"`) {
		t.Errorf("/readyz with all up = %d %q", code, body)
	}
	if code, _ := get("/nope"); code != 404 {
		t.Errorf("/nope = %d", code)
	}
	resp, err := http.Post(srv.URL+"/livez", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /livez = %d, want 405", resp.StatusCode)
	}
}

func TestListenReportsBusyPort(t *testing.T) {
	s, err := Listen(slog.New(slog.DiscardHandler), "127.0.0.1:0", Handler(nil))
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve()
	defer s.Shutdown(context.Background())
	_, err = Listen(slog.New(slog.DiscardHandler), s.Addr(), Handler(nil))
	if err == nil || !strings.Contains(err.Error(), "HTTP_ADDR") {
		t.Errorf("second Listen on %s: %v, want an error naming HTTP_ADDR", s.Addr(), err)
	}
}
