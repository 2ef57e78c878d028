package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
)

// TestBackupRestore fills a data directory through the chat, backs it up,
// restores it into a fresh directory and finds every record: the export
// and the history of both are the same.
func TestBackupRestore(t *testing.T) {
	src := t.TempDir()
	script := "We want to route about 2,000 support tickets a week to the right team.\nskip\nskip\nskip\nskip\nskip\nskip\nhelpful\n"
	for _, user := range []string{"ana", "ben"} {
		if code, _, errs := runCmd(t, script, "chat", "--data-dir", src, "--user", user); code != exitOK {
			t.Fatalf("chat %s: exit %d: %s", user, code, errs)
		}
	}
	// Weeks later ana reported what was built, and ben asked to be asked
	// no more.
	st, err := openStore(slog.New(slog.DiscardHandler), appConfig{dataDir: src}, writeData)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := st.Assessments(t.Context(), "ana", time.Time{}, 0)
	if err != nil || len(recs) != 1 {
		t.Fatalf("ana's assessments: %d, %v", len(recs), err)
	}
	if err := st.SaveOutcome(t.Context(), storetest.SampleOutcome(recs[0], store.OutcomeBuilt, recs[0].CreatedAt.Add(30*24*time.Hour))); err != nil {
		t.Fatal(err)
	}
	if err := st.SetFollowupOptOut(t.Context(), "ben", true); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "advisorbot.backup")
	if code, _, errs := runCmd(t, "", "backup", "--data-dir", src, "--out", file); code != exitOK {
		t.Fatalf("backup: exit %d: %s", code, errs)
	}
	dst := filepath.Join(t.TempDir(), "restored")
	if code, _, errs := runCmd(t, "", "restore", "--data-dir", dst, file); code != exitOK {
		t.Fatalf("restore: exit %d: %s", code, errs)
	}
	for _, args := range [][]string{{"export", "--format", "jsonl"}, {"history", "--all"}} {
		_, want, _ := runCmd(t, "", append(args, "--data-dir", src)...)
		_, got, errs := runCmd(t, "", append(args, "--data-dir", dst)...)
		if want == "" || got != want {
			t.Errorf("%v after restore differs:\nwant %q\ngot  %q (%s)", args, want, got, errs)
		}
	}
	restored := mustRun(t, "export", "--format", "jsonl", "--data-dir", dst)
	if n, m := strings.Count(restored, `"kind":"assessment"`), strings.Count(restored, `"kind":"outcome"`); n != 2 || m != 1 {
		t.Errorf("%d assessments and %d outcomes restored, want 2 and 1", n, m)
	}
	st, err = openStore(slog.New(slog.DiscardHandler), appConfig{dataDir: dst}, readData)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := st.FollowupOptOut(t.Context(), "ben"); err != nil || !out {
		t.Errorf("ben's opt-out after restore: %v, %v", out, err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// A second restore into the same directory is refused: it is not empty.
	if code, _, errs := runCmd(t, "", "restore", "--data-dir", dst, file); code != exitBadInput || !strings.Contains(errs, "not empty") {
		t.Errorf("restore into a used dir: exit %d %q", code, errs)
	}
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := runCmd(t, "", args...)
	if code != exitOK {
		t.Fatalf("%v: exit %d: %s", args, code, errs)
	}
	return out
}

func TestBackupBadInput(t *testing.T) {
	empty := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"backup", "--data-dir", empty}, "--out"},
		{[]string{"backup", "--data-dir", empty, "--out", filepath.Join(t.TempDir(), "x")}, "no advisorbot data"},
		{[]string{"backup", "--data-dir", empty, "--out", filepath.Join(empty, "x")}, "inside the data directory"},
		{[]string{"restore", "--data-dir", empty}, "one backup file"},
		{[]string{"restore", "--data-dir", empty, filepath.Join(empty, "missing")}, "no such file"},
	} {
		if code, _, errs := runCmd(t, "", c.args...); code != exitBadInput || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q, want 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// TestBackupSettings: BACKUP_* configure the bot's own backup rotation
// (badgerstore.Rotation, tested there) and create its directory; bad
// values are refused.
func TestBackupSettings(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "backups")
	env := map[string]string{"BACKUP_DIR": dir, "BACKUP_INTERVAL": "2h", "BACKUP_KEEP": "3"}
	r, err := backupFromEnv(func(k string) string { return env[k] })
	if want := (badgerstore.Rotation{Dir: dir, Interval: 2 * time.Hour, Keep: 3}); err != nil || r != want {
		t.Errorf("backupFromEnv = %+v, %v; want %+v", r, err, want)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		t.Errorf("BACKUP_DIR not created 0700: %v, %v", fi, err)
	}
	if r, err := backupFromEnv(func(string) string { return "" }); err != nil || r.Dir != "" || r.Interval != defaultBackupInterval || r.Keep != defaultBackupKeep {
		t.Errorf("defaults: %+v, %v", r, err)
	}
	for _, bad := range []map[string]string{{"BACKUP_INTERVAL": "5s"}, {"BACKUP_KEEP": "0"}} {
		if _, err := backupFromEnv(func(k string) string { return bad[k] }); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// TestRestoreDamaged: a foreign file, a truncated backup and a backup with
// a byte flipped are refused with a message, never a crash.
func TestRestoreDamaged(t *testing.T) {
	src := t.TempDir()
	if code, _, errs := runCmd(t, "We want to route about 2,000 support tickets a week.\n", "chat", "--data-dir", src, "--user", "ana"); code != exitOK {
		t.Fatalf("chat: exit %d: %s", code, errs)
	}
	good := filepath.Join(t.TempDir(), "good.backup")
	mustRun(t, "backup", "--data-dir", src, "--out", good)
	data, err := os.ReadFile(good)
	if err != nil || len(data) < 40 {
		t.Fatalf("backup of %d bytes: %v", len(data), err)
	}
	flipped := append([]byte(nil), data...)
	flipped[len(flipped)/2] ^= 0xff
	dir := t.TempDir()
	for name, body := range map[string][]byte{
		"text":      []byte("not a backup at all, just some text\n"),
		"truncated": data[:len(data)-7],
		"flipped":   flipped,
		"empty":     nil,
	} {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, body, 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, errs := runCmd(t, "", "restore", "--data-dir", filepath.Join(dir, name+"-data"), file)
		if name == "flipped" {
			// A flipped byte inside a value can still decode; elsewhere it
			// fails to decode. Either way: no crash, and a message.
			if code != exitOK && (code != exitBadInput || !strings.Contains(errs, "advisorbot backup")) && !strings.Contains(errs, "proto") {
				t.Errorf("flipped: exit %d, message %q", code, errs)
			}
			continue
		}
		if code != exitBadInput || !strings.Contains(errs, "advisorbot backup") {
			t.Errorf("%s: exit %d, message %q", name, code, errs)
		}
	}
}

// TestBackupWhileRunning: with the data directory held by a running bot,
// `advisorbot backup` gets the backup from the bot through its socket, and
// the backup restores every record.
func TestBackupWhileRunning(t *testing.T) {
	dir := t.TempDir()
	st, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: dir, GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	for i := range 50 {
		r := storetest.SampleAssessment(fmt.Sprintf("r%02d", i), "U1", "Finance", advisor.RAG, 100, time.Now())
		if err := st.SaveAssessment(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := serveBackups(ctx, slog.New(slog.DiscardHandler), dir, st); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, backupSocketName)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup socket: %v, %v", fi, err)
	}
	if fi, err := os.Stat(filepath.Dir(filepath.Join(dir, backupSocketName))); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("backup socket directory: %v, %v", fi, err)
	}
	file := filepath.Join(t.TempDir(), "live.backup")
	if code, _, errs := runCmd(t, "", "backup", "--data-dir", dir, "--out", file); code != exitOK || !strings.Contains(errs, "running bot") {
		t.Fatalf("backup while running: exit %d: %s", code, errs)
	}
	dst := filepath.Join(t.TempDir(), "restored")
	mustRun(t, "restore", "--data-dir", dst, file)
	if n := strings.Count(mustRun(t, "export", "--format", "jsonl", "--data-dir", dst), "\n"); n != 50 {
		t.Errorf("%d assessments restored, want 50", n)
	}
	cancel()
	// Once the bot stops, its socket is gone.
	deadline := time.Now().Add(5 * time.Second)
	for fileExists(filepath.Join(dir, backupSocketName)) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if fileExists(filepath.Join(dir, backupSocketName)) {
		t.Error("the backup socket outlived the bot")
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
