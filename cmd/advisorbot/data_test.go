package main

import (
	"bytes"
	"context"
	"fmt"
	"hash/crc32"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// The data directory as an operator meets it, through the real binary:
// commands asked to read never write, a mistyped path creates nothing, a
// damaged store is refused in one line, backups never overwrite, and the
// files are the bot's user's alone.

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// buildBinary builds advisorbot once per test run, for the tests and
// benchmarks that run it; TestMain removes it.
func buildBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "advisorbot-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "advisorbot")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// sharedBinary is buildBinary for a test, skipped with -short.
func sharedBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	return buildBinary(t)
}

// runBin runs the binary with a clean environment (no DATA_DIR, no model)
// and returns its exit code and output.
func runBin(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runBinEnv(t, stdin, nil, args...)
}

// populate writes a dozen assessments with feedback into a new store in
// dir and closes it, which flushes them into a table.
func populate(t *testing.T, dir string) {
	t.Helper()
	st, err := openStore(slog.New(slog.DiscardHandler), appConfig{dataDir: dir}, createData)
	if err != nil {
		t.Fatal(err)
	}
	adv := advisor.New(advisor.DefaultAssumptions())
	ctx := context.Background()
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for i := range 12 {
		u, _ := advisor.DecodeUseCase([]byte(`{"task":"answer","monthly_volume":20000,"minutes_per_task":6,"hourly_cost":40,"knowledge":"private_changing"}`))
		rec, err := adv.Recommend(u)
		if err != nil {
			t.Fatal(err)
		}
		r := store.Assessment{ID: fmt.Sprint("r", i), User: "alice", Department: "Support", Title: "Answer questions",
			Profile: u, Result: rec, CreatedAt: at.Add(time.Duration(i) * time.Hour),
			Conv: store.ConvKey{Platform: "terminal", Channel: "alice"}}
		if err := st.SaveAssessment(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

// files fingerprints every file under dir: name, mode and a checksum.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := ""
		if d.Type().IsRegular() {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sum = fmt.Sprintf("%x", crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)))
		}
		rel, _ := filepath.Rel(dir, path)
		out[rel] = fmt.Sprintf("%v %d %s", info.Mode(), info.Size(), sum)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// readCommands are the commands asked only to read.
func readCommands(dir string) [][]string {
	return [][]string{
		{"history", "--data-dir", dir, "--all"},
		{"export", "--data-dir", dir, "--format", "csv"},
		{"export", "--data-dir", dir, "--format", "jsonl"},
		{"summary", "--data-dir", dir, "--week", "2026-W48"},
	}
}

func TestReadCommandsNeverWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	populate(t, dir)
	before := files(t, dir)
	for _, args := range append(readCommands(dir), []string{"backup", "--data-dir", dir, "--out", filepath.Join(t.TempDir(), "b")}) {
		if code, out, errs := runBin(t, "", args...); code != exitOK || args[0] == "history" && !strings.Contains(out, "Answer questions") {
			t.Errorf("%v: exit %d\n%s%s", args[:1], code, out, errs)
		}
		if after := files(t, dir); !maps.Equal(before, after) {
			t.Fatalf("%v wrote to the store it was asked to read:\nbefore %v\nafter  %v", args[:1], before, after)
		}
	}

	// Without its MANIFEST the directory is damaged, not a new store:
	// every command, reading or writing, refuses it and leaves every file
	// byte for byte as it was.
	if err := os.Remove(filepath.Join(dir, "MANIFEST")); err != nil {
		t.Fatal(err)
	}
	before = files(t, dir)
	for _, args := range append(readCommands(dir),
		[]string{"backup", "--data-dir", dir, "--out", filepath.Join(t.TempDir(), "b")},
		[]string{"forget", "--data-dir", dir, "--user", "alice"},
		[]string{"chat", "--data-dir", dir}) {
		code, _, errs := runBin(t, "quit\n", args...)
		if code != exitInternal || !strings.Contains(errs, "is damaged (MANIFEST is missing") || !strings.Contains(errs, "advisorbot restore") {
			t.Errorf("%v without a MANIFEST: exit %d %q; want 1 and the damage named", args[:1], code, errs)
		}
		if after := files(t, dir); !maps.Equal(before, after) {
			t.Fatalf("%v changed a store without a MANIFEST:\nbefore %v\nafter  %v", args[:1], before, after)
		}
	}
}

func TestMistypedDataDir(t *testing.T) {
	typo := filepath.Join(t.TempDir(), "advisorbot-dta")
	for _, args := range append(readCommands(typo),
		[]string{"forget", "--data-dir", typo, "--user", "alice"},
		[]string{"backup", "--data-dir", typo, "--out", filepath.Join(t.TempDir(), "b")}) {
		code, out, errs := runBin(t, "", args...)
		if code != exitBadInput || !strings.Contains(errs, "no advisorbot data in "+typo+": check --data-dir or DATA_DIR") {
			t.Errorf("%v: exit %d %q; want 2 and the path named", args[:1], code, errs)
		}
		if strings.Contains(out, "Deleted") {
			t.Errorf("%v claims to have deleted: %q", args[:1], out)
		}
		if _, err := os.Stat(typo); err == nil {
			t.Fatalf("%v created %s", args[:1], typo)
		}
	}
}

func TestBackupNeverOverwrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	populate(t, dir)
	out := t.TempDir()
	existing := filepath.Join(out, "advisorbot.backup")
	if err := os.WriteFile(existing, []byte("last week's backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	store := files(t, dir)
	for _, c := range []struct {
		out, want string
	}{
		{existing, "already exists; add --force"},
		{filepath.Join(dir, "MANIFEST"), "inside the data directory"},
		{filepath.Join(dir, "new.backup"), "inside the data directory"},
		{filepath.Join(out, "missing", "x.backup"), "does not exist"},
	} {
		code, _, errs := runBin(t, "", "backup", "--data-dir", dir, "--out", c.out)
		if code != exitBadInput || !strings.Contains(errs, c.want) {
			t.Errorf("--out %s: exit %d %q; want 2 and %q", c.out, code, errs, c.want)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "last week's backup" {
		t.Errorf("the existing backup was changed: %q", b)
	}
	if after := files(t, dir); !maps.Equal(store, after) {
		t.Errorf("the store changed: %v", after)
	}

	// A directory gets a timestamped file; --force replaces; both 0600.
	if code, _, errs := runBin(t, "", "backup", "--data-dir", dir, "--out", out); code != exitOK {
		t.Fatalf("backup into a directory: exit %d %s", code, errs)
	}
	if code, _, errs := runBin(t, "", "backup", "--data-dir", dir, "--out", existing, "--force"); code != exitOK {
		t.Fatalf("backup --force: exit %d %s", code, errs)
	}
	entries, _ := os.ReadDir(out)
	var stamped int
	for _, e := range entries {
		info, _ := e.Info()
		if strings.HasPrefix(e.Name(), "advisorbot-") && strings.HasSuffix(e.Name(), ".backup") {
			stamped++
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", e.Name(), info.Mode().Perm())
		}
	}
	if stamped != 1 || len(entries) != 2 {
		t.Errorf("backup directory holds %v; want the replaced file and one timestamped backup", entries)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	if code, _, errs := runBin(t, "", "restore", "--data-dir", restored, existing); code != exitOK {
		t.Fatalf("restore of the forced backup: exit %d %s", code, errs)
	}
	if code, hist, _ := runBin(t, "", "history", "--data-dir", restored, "--all"); code != exitOK || strings.Count(hist, "Answer questions") != 12 {
		t.Errorf("restored history: %s", hist)
	}
}

// tableOf is the data directory's first table file.
func tableOf(t *testing.T, dir string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, "*.sst"))
	if len(matches) == 0 {
		t.Fatalf("no table in %s: %v", dir, files(t, dir))
	}
	return matches[0]
}

func TestTruncatedTable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	populate(t, dir)
	sst := tableOf(t, dir)
	info, _ := os.Stat(sst)
	if err := os.Truncate(sst, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	before := files(t, dir)
	for _, args := range append(readCommands(dir),
		[]string{"forget", "--data-dir", dir, "--user", "alice"},
		[]string{"backup", "--data-dir", dir, "--out", filepath.Join(t.TempDir(), "b")},
		[]string{"chat", "--data-dir", dir},
		[]string{"slack", "--data-dir", dir}) {
		code, _, errs := runBinEnv(t, "quit\n", []string{"SLACK_APP_TOKEN=xapp-1-A1-1-x", "SLACK_BOT_TOKEN=xoxb-1-x", "HTTP_ADDR="}, args...)
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		if code != exitInternal || len(lines) != 1 || !strings.Contains(errs, "the data in "+dir+" is damaged ("+filepath.Base(sst)) ||
			!strings.Contains(errs, "advisorbot restore") || strings.Contains(errs, "goroutine") {
			t.Errorf("%v on a truncated table: exit %d\n%s\nwant exit 1 and one line naming the table", args[:1], code, errs)
		}
	}
	if after := files(t, dir); !maps.Equal(before, after) {
		t.Errorf("a damaged store changed:\nbefore %v\nafter  %v", before, after)
	}
}

// runBinEnv is runBin with extra environment.
func runBinEnv(t *testing.T, stdin string, env []string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(sharedBinary(t), args...)
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil && cmd.ProcessState == nil {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}

// TestDataDirModes: a store made under a permissive umask (0755, files
// 0644) is its user's alone after the bot starts on it, and it says so.
func TestDataDirModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	populate(t, dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.Chmod(filepath.Join(dir, e.Name()), 0o644)
	}
	code, _, errs := runBin(t, "We answer 3,000 HR questions a month from the handbook.\nquit\n", "chat", "--data-dir", dir)
	if code != exitOK {
		t.Fatalf("chat: exit %d %s", code, errs)
	}
	if !strings.Contains(errs, "0700") || !strings.Contains(errs, "0600") {
		t.Errorf("the tightening was not reported: %s", errs)
	}
	for name, f := range files(t, dir) {
		mode := strings.Fields(f)[0]
		want := "-rw-------"
		if name == "." || strings.HasPrefix(mode, "d") {
			want = "drwx------"
		}
		if mode != want {
			t.Errorf("%s: %s, want %s", name, mode, want)
		}
	}
	// A new data directory is 0700 from the start.
	fresh := filepath.Join(t.TempDir(), "fresh")
	if code, _, errs := runBin(t, "quit\n", "chat", "--data-dir", fresh); code != exitOK {
		t.Fatalf("chat on a new directory: exit %d %s", code, errs)
	}
	for name, f := range files(t, fresh) {
		if mode := strings.Fields(f)[0]; mode != "drwx------" && mode != "-rw-------" {
			t.Errorf("new store: %s is %s", name, mode)
		}
	}
}

// TestReadOnlyDataDir: on a read-only filesystem the reading commands
// work, and the writing ones say what is wrong in one line.
func TestReadOnlyDataDir(t *testing.T) {
	src := filepath.Join(t.TempDir(), "data")
	populate(t, src)
	dir := t.TempDir()
	if err := syscall.Mount(src, dir, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot bind-mount here (%v)", err)
	}
	defer syscall.Unmount(dir, syscall.MNT_DETACH)
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only here (%v)", err)
	}
	for _, args := range readCommands(dir) {
		if code, _, errs := runBin(t, "", args...); code != exitOK {
			t.Errorf("%v on a read-only directory: exit %d %s", args[:1], code, errs)
		}
	}
	for _, args := range [][]string{{"chat", "--data-dir", dir}, {"forget", "--data-dir", dir, "--user", "alice"}} {
		code, _, errs := runBin(t, "quit\n", args...)
		if code != exitBadInput || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, "read-only") {
			t.Errorf("%v on a read-only directory: exit %d %q; want 2 and one line saying why", args[:1], code, errs)
		}
	}
}
