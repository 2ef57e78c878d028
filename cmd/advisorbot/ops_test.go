package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

func TestServerLogger(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	var b bytes.Buffer
	lg, err := serverLogger(&b, env())
	if err != nil {
		t.Fatal(err)
	}
	lg.Debug("hidden")
	lg.Info("shown", "k", 1)
	if got := b.String(); strings.Contains(got, "hidden") || !strings.HasPrefix(got, `{"time":`) {
		t.Errorf("default (json, info): %q", got)
	}
	b.Reset()
	lg, err = serverLogger(&b, env("LOG_FORMAT", "text", "LOG_LEVEL", "debug"))
	if err != nil {
		t.Fatal(err)
	}
	lg.Debug("shown")
	if got := b.String(); !strings.Contains(got, "level=DEBUG") {
		t.Errorf("text, debug: %q", got)
	}
	for _, bad := range [][]string{{"LOG_FORMAT", "xml"}, {"LOG_LEVEL", "loud"}} {
		if _, err := serverLogger(&b, env(bad...)); err == nil || !strings.Contains(err.Error(), bad[0]) {
			t.Errorf("%s=%s: %v, want an error naming it", bad[0], bad[1], err)
		}
	}
}

// TestSlackHealthEndpoints runs a real `advisorbot slack` against the fake
// Slack and probes it as a container runtime would, with `advisorbot
// healthcheck`: live at once, ready once Socket Mode is connected.
func TestSlackHealthEndpoints(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	fake := slacktest.Start(t, slacktest.Config{Logf: func(string, ...any) {}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	cmd := exec.Command(bin, "slack", "--data-dir", t.TempDir())
	cmd.Env = append(os.Environ(), "SLACK_APP_TOKEN="+fake.AppToken(), "SLACK_BOT_TOKEN="+fake.BotToken(),
		"SLACK_API_URL="+fake.APIURL(), "OPENAI_API_KEY=", "OPENAI_BASE_URL=", "HTTP_ADDR="+addr)
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := fake.WaitConnection(ctx, 1); err != nil {
		t.Fatal(err)
	}
	probe := func(path string) (int, string) {
		code, out, errs := runCmd(t, "", "healthcheck", "--addr", addr, "--path", path)
		return code, out + errs
	}
	for {
		code, out := probe("/readyz")
		if code == exitOK {
			if !strings.Contains(out, `"slack":"ok"`) || !strings.Contains(out, `"store":"ok"`) {
				t.Errorf("/readyz: %s", out)
			}
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("never ready: %s\nlogs:\n%s", out, logs.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	if code, out := probe("/livez"); code != exitOK {
		t.Errorf("/livez: exit %d %s", code, out)
	}

	// An event shows in the metrics: received, acknowledged, handled, and
	// the Web API calls its reply made.
	env := fake.DM("U1", "We want to route about 2,000 support tickets a week to the right team.")
	if err := fake.Send(env); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitAck(ctx, env.EnvelopeID); err != nil {
		t.Fatal(err)
	}
	if err := fake.Await(ctx, func() bool { return len(fake.CallsTo("chat.postMessage")) > 0 }); err != nil {
		t.Fatal(err)
	}
	var text string
	for ctx.Err() == nil {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if text = string(b); strings.Contains(text, "advisorbot_slack_handler_duration_seconds_count") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, want := range []string{
		`advisorbot_slack_events_received_total{type="message"} 1`,
		`advisorbot_slack_events_acked_total{type="message"} 1`,
		`advisorbot_slack_ack_latency_seconds_count{type="message"} 1`,
		`advisorbot_slack_handler_duration_seconds_count{type="message"} 1`,
		`advisorbot_slack_api_calls_total{method="auth.test",status="200"}`,
		`advisorbot_slack_api_calls_total{method="chat.postMessage",status="200"}`,
		"badger_puts_total",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	// The fake going away leaves the process alive but not ready.
	fake.DropConnections()
	fake.Close()
	for {
		code, out := probe("/readyz")
		if code != exitOK {
			if !strings.Contains(out, "503") {
				t.Errorf("/readyz without Slack: %s", out)
			}
			break
		}
		select {
		case <-ctx.Done():
			t.Fatal("still ready after Slack went away")
		case <-time.After(50 * time.Millisecond):
		}
	}
	if code, out := probe("/livez"); code != exitOK {
		t.Errorf("/livez without Slack: exit %d %s", code, out)
	}
}

func TestHealthcheckBadInput(t *testing.T) {
	t.Setenv("HTTP_ADDR", "")
	if code, _, errs := runCmd(t, "", "healthcheck"); code != exitBadInput || !strings.Contains(errs, "HTTP_ADDR") {
		t.Errorf("empty HTTP_ADDR: exit %d %q", code, errs)
	}
	if code, _, errs := runCmd(t, "", "healthcheck", "--addr", "nonsense"); code != exitBadInput || !strings.Contains(errs, ":8080") {
		t.Errorf("bad address: exit %d %q", code, errs)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	if code, _, _ := runCmd(t, "", "healthcheck", "--addr", addr, "--timeout", "1s"); code != exitInternal {
		t.Errorf("nothing listening: exit %d, want %d", code, exitInternal)
	}
}
