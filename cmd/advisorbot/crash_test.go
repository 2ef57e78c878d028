package main

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"maps"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/terminal"
)

// child is a running `advisorbot chat`, fed line by line.
type child struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	mu    sync.Mutex
	out   strings.Builder
}

func startChat(t testing.TB, bin, dir string) *child {
	t.Helper()
	c := &child{cmd: exec.Command(bin, "chat", "--data-dir", dir, "--user", "crash-user")}
	c.cmd.Env = append(os.Environ(), "OPENAI_API_KEY=", "OPENAI_BASE_URL=")
	var err error
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			c.mu.Lock()
			c.out.WriteString(sc.Text() + "\n")
			c.mu.Unlock()
		}
	}()
	t.Cleanup(func() { _ = c.cmd.Process.Kill(); _ = c.cmd.Wait() })
	return c
}

// waitFor waits until the output holds want, at most 30 s (a generous
// bound for a loaded machine; it is not a performance assertion).
func (c *child) waitFor(t testing.TB, want string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		out := c.out.String()
		c.mu.Unlock()
		if strings.Contains(out, want) {
			return out
		}
		time.Sleep(20 * time.Millisecond)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	t.Fatalf("no %q in output:\n%s", want, c.out.String())
	return ""
}

func (c *child) send(t testing.TB, line string) {
	t.Helper()
	if _, err := io.WriteString(c.stdin, line+"\n"); err != nil {
		t.Fatal(err)
	}
}

// TestCrashResume kills a real `advisorbot chat` with SIGKILL between
// answers, restarts it on the same data directory, and checks it asks the
// pending question again with every earlier answer kept.
func TestCrashResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()

	c := startChat(t, bin, dir)
	c.waitFor(t, "Tell me what you would like to automate")
	c.send(t, "Answer staff questions from our HR handbook, about 500 a month, 10 minutes each.")
	// Real answers, not skips: each question gets its field's example
	// answer, which the parser accepts and is realistic.
	c.send(t, exampleFor(t, c.waitFor(t, "Question 1 of")))
	c.send(t, exampleFor(t, c.waitFor(t, "Question 2 of")))
	out := c.waitFor(t, "Question 3 of")
	// The answer to question 2 was acknowledged by question 3; kill now.
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = c.cmd.Wait()
	third := out[strings.LastIndex(out, "Question 3 of"):]

	// A reader cannot replay the killed process's log without writing, so
	// it says what happened and how to recover, and writes nothing.
	before := files(t, dir)
	hist := exec.Command(bin, "history", "--data-dir", dir, "--all")
	if msg, err := hist.CombinedOutput(); hist.ProcessState.ExitCode() != exitInternal || !strings.Contains(string(msg), "not closed cleanly") {
		t.Errorf("history after SIGKILL: %v %s; want exit 1 saying the data was not closed cleanly", err, msg)
	}
	if after := files(t, dir); !maps.Equal(before, after) {
		t.Errorf("history wrote to the killed process's store:\nbefore %v\nafter  %v", before, after)
	}

	st, err := badgerstore.Open(slog.New(slog.NewTextHandler(io.Discard, nil)), badgerstore.Options{Create: true, Dir: dir})
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	conv, err := st.GetConversation(context.Background(), terminal.Key("crash-user"))
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(conv.Asked) != 3 || len(conv.Skipped) != 0 || conv.Pending == "" || conv.Pending != conv.Asked[2] {
		t.Fatalf("state after the crash: asked %v skipped %v pending %q", conv.Asked, conv.Skipped, conv.Pending)
	}
	for _, f := range conv.Asked[:2] {
		if !conv.Profile.Known(f) {
			t.Errorf("the answer to %s was lost in the crash", f)
		}
	}
	if conv.Profile.MonthlyVolume == nil || conv.Profile.Description == "" {
		t.Errorf("the description or its volume was lost: %+v", conv.Profile)
	}

	c2 := startChat(t, bin, dir)
	c2.waitFor(t, "Welcome back")
	c2.waitFor(t, strings.SplitN(third, "\n", 2)[0]) // the same question, asked again
	// Carry on to the recommendation on the restarted process.
	for i := 0; i < 6; i++ {
		c2.send(t, "skip")
	}
	c2.waitFor(t, "== Recommendation")
	c2.send(t, "quit")
}

// exampleFor answers the last question in out with its field's example.
func exampleFor(t testing.TB, out string) string {
	t.Helper()
	last := out[strings.LastIndex(out, "Question "):]
	for _, f := range advisor.Fields() {
		if strings.Contains(last, f.Question) {
			return f.Example
		}
	}
	t.Fatalf("no known question in %q", last)
	return ""
}
