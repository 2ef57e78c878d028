package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

// A full disk: the bot stops taking on work it could not store while
// there is still room (Badger writes through memory-mapped files, and a
// disk that fills under them ends the process with SIGBUS), says so to
// people and to /readyz, and carries on when space returns, with no
// restart. Two tests: the real binary on a real small filesystem (tmpfs,
// where the test may mount one), and an in-process server whose free-space
// reading the test sets, which runs everywhere.

// freeAddr is a loopback address nobody listens on yet.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// readyz is /readyz's status and body.
func readyz(addr string) (int, string) {
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// dmAndWait sends a DM and waits for the bot's next message in that DM,
// returning its text and blocks.
func dmAndWait(t *testing.T, fake *slacktest.Fake, user, text string) string {
	t.Helper()
	ch := fake.DMChannel(user)
	n := len(fake.Messages(ch))
	if err := fake.Send(fake.DM(user, text)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var got string
	err := fake.Await(ctx, func() bool {
		for _, m := range fake.Messages(ch)[min(n, len(fake.Messages(ch))):] {
			if m.BotID != "" {
				got = m.Text + string(m.Blocks)
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("no answer to %q", text)
	}
	return got
}

// connected waits for the fake's connection number n (counting from 1).
func connected(t *testing.T, fake *slacktest.Fake, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := fake.WaitConnection(ctx, n); err != nil {
		t.Fatal(err)
	}
}

func waitReady(t *testing.T, addr string, want int) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		code, body := readyz(addr)
		if code == want {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz stayed %d %s; want %d", code, body, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const (
	description = "We answer about 3,000 HR policy questions a month from our handbook, 8 minutes each."
	refusal     = "short of disk space"
)

// TestFullDiskThroughTheHook runs the server in-process with the free
// space the test says.
func TestFullDiskThroughTheHook(t *testing.T) {
	fake := slacktest.Start(t, slacktest.Config{Logf: func(string, ...any) {}})
	var free atomic.Uint64
	free.Store(1 << 30)
	getenv := func(k string) string {
		return map[string]string{"SLACK_APP_TOKEN": fake.AppToken(), "SLACK_BOT_TOKEN": fake.BotToken(),
			"SLACK_API_URL": fake.APIURL(), "LOG_LEVEL": "error", "MIN_FREE_SPACE": "64MiB"}[k]
	}
	addr := freeAddr(t)
	t.Setenv("HTTP_ADDR", addr)
	dir := t.TempDir()
	start := func() func() {
		ctx, cancel := context.WithCancel(context.Background())
		s, err := newServer(ctx, serverConfig{platforms: platforms{slack: true}, dataDir: dir, getenv: getenv, logs: io.Discard,
			freeSpace: func(string) (uint64, uint64, error) { return free.Load(), 10 << 30, nil }})
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- s.Run(ctx) }()
		return func() {
			cancel()
			<-done
			s.Close()
		}
	}
	stop := start()
	waitReady(t, addr, http.StatusOK)
	if got := dmAndWait(t, fake, "U1", description); strings.Contains(got, refusal) {
		t.Fatalf("refused with room to spare: %s", got)
	}

	free.Store(12 << 20)
	if got := dmAndWait(t, fake, "U1", "skip"); !strings.Contains(got, refusal) {
		t.Errorf("with 12 MiB free: %s; want the polite refusal", got)
	}
	if body := waitReady(t, addr, http.StatusServiceUnavailable); !strings.Contains(body, "12 MiB free") {
		t.Errorf("/readyz with a full disk: %s", body)
	}
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(metrics), fmt.Sprintf("advisorbot_data_free_bytes %g", float64(12<<20))) {
		t.Errorf("/metrics lacks the free bytes:\n%s", grepLines(string(metrics), "free"))
	}

	free.Store(1 << 30)
	waitReady(t, addr, http.StatusOK)
	if got := dmAndWait(t, fake, "U1", "skip"); strings.Contains(got, refusal) {
		t.Errorf("after space returned: %s", got)
	}
	stop()

	// Started while the disk is full: it serves, refuses politely, is not
	// ready, and opens the store once space returns.
	free.Store(1 << 20)
	conns := len(fake.Connections())
	stop = start()
	defer stop()
	connected(t, fake, conns+1)
	waitReady(t, addr, http.StatusServiceUnavailable)
	if got := dmAndWait(t, fake, "U2", description); !strings.Contains(got, refusal) {
		t.Errorf("started on a full disk: %s; want the polite refusal", got)
	}
	free.Store(1 << 30)
	waitReady(t, addr, http.StatusOK)
	if got := dmAndWait(t, fake, "U2", description); strings.Contains(got, refusal) {
		t.Errorf("after space returned to a bot started on a full disk: %s", got)
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// mountTmpfs mounts a tmpfs of size at a new directory, or skips.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0700"); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v); TestFullDiskThroughTheHook covers the behaviour", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// fill writes zeros to path until the filesystem is full.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	// The last partial blocks too.
	for _, n := range []int{4096, 512, 1} {
		for {
			if _, err := f.Write(buf[:n]); err != nil {
				break
			}
		}
	}
}

// TestFullDiskOnTmpfs fills a real 96 MiB filesystem under a running
// `advisorbot slack`, to the last byte, then frees it; then starts one on
// the full filesystem. The process must never die (SIGBUS), and answers
// politely throughout.
func TestFullDiskOnTmpfs(t *testing.T) {
	mnt := mountTmpfs(t, "96m")
	bin := sharedBinary(t)
	fake := slacktest.Start(t, slacktest.Config{Logf: func(string, ...any) {}})
	dir := filepath.Join(mnt, "data")
	filler := filepath.Join(mnt, "filler")
	addr := freeAddr(t)
	start := func() (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(bin, "slack", "--data-dir", dir)
		cmd.Env = []string{"HOME=" + t.TempDir(), "SLACK_APP_TOKEN=" + fake.AppToken(), "SLACK_BOT_TOKEN=" + fake.BotToken(),
			"SLACK_API_URL=" + fake.APIURL(), "HTTP_ADDR=" + addr, "MIN_FREE_SPACE=16MiB", "LOG_FORMAT=text"}
		var logs bytes.Buffer
		cmd.Stderr = &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &logs
	}
	stop := func(cmd *exec.Cmd, logs *bytes.Buffer) {
		t.Helper()
		if cmd.ProcessState != nil {
			t.Fatalf("the bot died: %v\n%s", cmd.ProcessState, logs)
		}
		_ = cmd.Process.Signal(syscall.SIGTERM)
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			t.Fatalf("the bot was killed by %v (want a clean exit)\n%s", ws.Signal(), logs)
		}
		if err != nil {
			t.Errorf("the bot exited with %v\n%s", err, logs)
		}
	}

	cmd, logs := start()
	waitReady(t, addr, http.StatusOK)
	if got := dmAndWait(t, fake, "U1", description); strings.Contains(got, refusal) {
		t.Fatalf("refused on an empty disk: %s", got)
	}
	fill(t, filler)
	for _, text := range []string{"skip", "restart", description} {
		if got := dmAndWait(t, fake, "U1", text); !strings.Contains(got, refusal) {
			t.Errorf("%q on a full disk: %s; want the polite refusal", text, got)
		}
	}
	if body := waitReady(t, addr, http.StatusServiceUnavailable); !strings.Contains(body, "free on the filesystem") {
		t.Errorf("/readyz on a full disk: %s", body)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	waitReady(t, addr, http.StatusOK)
	if got := dmAndWait(t, fake, "U1", "skip"); strings.Contains(got, refusal) {
		t.Errorf("after space returned: %s", got)
	}
	stop(cmd, logs)
	if !strings.Contains(logs.String(), "turning messages away") {
		t.Errorf("the admins were not told why:\n%s", logs)
	}

	// A restart on a disk full to the last byte.
	fill(t, filler)
	conns := len(fake.Connections())
	cmd, logs = start()
	connected(t, fake, conns+1)
	waitReady(t, addr, http.StatusServiceUnavailable)
	if got := dmAndWait(t, fake, "U2", description); !strings.Contains(got, refusal) {
		t.Errorf("started on a full disk: %s; want the polite refusal", got)
	}
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	waitReady(t, addr, http.StatusOK)
	if got := dmAndWait(t, fake, "U2", description); strings.Contains(got, refusal) {
		t.Errorf("after space returned to a bot started on a full disk: %s", got)
	}
	stop(cmd, logs)
	// Everything acknowledged before and after is still there.
	if code, out, errs := runBin(t, "", "export", "--data-dir", dir, "--format", "jsonl"); code != exitOK {
		t.Errorf("export after the full disk: exit %d %s %s", code, out, errs)
	}
}
