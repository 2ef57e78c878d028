package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// runCalibrateAt runs the command at calibrateNow with no environment
// but what env gives.
func runCalibrateAt(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code = calibrateCmd(context.Background(), args, calibrateNow, getenv, &out, &errb)
	return code, out.String(), errb.String()
}

// TestCalibrateMem: on the in-memory store, known actuals give exactly
// the figures they were priced with, and the change list is the fixture's.
func TestCalibrateMem(t *testing.T) {
	st := store.NewMem()
	writeCalibrationFixture(t, st)
	c, err := calibrate(context.Background(), st, calibrateInput{base: advisor.DefaultAssumptions(), now: calibrateNow, minOutcomes: 5, workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	checkCalibration(t, &c)
}

func checkCalibration(t *testing.T, c *calibration) {
	t.Helper()
	if c.Reported != 17 || c.Built != 14 || c.Dropped != 2 || c.NotYet != 1 {
		t.Errorf("counts: %d reported, %d built, %d dropped, %d not yet; want 17, 14, 2, 1", c.Reported, c.Built, c.Dropped, c.NotYet)
	}
	got := map[string]advisor.Suggestion{}
	for _, s := range c.Suggestions {
		got[s.Name] = s
	}
	want := map[string]struct {
		n      int
		enough bool
	}{
		"build_days_rag": {6, true}, "upkeep_days_rag": {6, true},
		"build_days_prompt_engineering": {5, true}, "upkeep_days_prompt_engineering": {5, true},
		"build_days_fine_tuning": {3, false}, "upkeep_days_fine_tuning": {3, false},
		"automation_share": {14, true},
	}
	if len(got) != len(want) {
		t.Errorf("suggestions %v; want those for %v", c.Suggestions, want)
	}
	for name, w := range want {
		s := got[name]
		truth, ok := companyFigures[name]
		if !ok {
			truth = 1.5 // upkeep_days_fine_tuning, at its default
		}
		if s.Outcomes != w.n || s.Enough != w.enough || s.Suggested != truth {
			t.Errorf("%s: %+v; want %v from %d outcomes (enough %v)", name, s, truth, w.n, w.enough)
		}
	}
	var changes []string
	for _, ch := range c.Changes {
		changes = append(changes, fmt.Sprintf("%s %s->%s", ch.ID, ch.From, ch.To))
	}
	wantChanges := []string{"rec-flip-rag rag->keep_manual", "rec-flip-prompt prompt_engineering->keep_manual"}
	if fmt.Sprint(changes) != fmt.Sprint(wantChanges) {
		t.Errorf("changes %v; want %v", changes, wantChanges)
	}
	// rec-built-* were assessed in the summer: outside the window.
	if c.Checked != 5 || c.Drifted != 1 || c.Invalid != 0 {
		t.Errorf("checked %d, drifted %d, invalid %d; want 5, 1, 0", c.Checked, c.Drifted, c.Invalid)
	}
}

// TestCalibrateCommand runs the command on a Badger store as a stopped
// bot leaves it: the report (golden), the read-only guarantee, and the
// YAML it writes, read back through --assumptions and ASSUMPTIONS_FILE.
func TestCalibrateCommand(t *testing.T) {
	dir := calibrationStoreDir(t)
	before := files(t, dir)
	out := filepath.Join(t.TempDir(), "company.yaml")
	code, stdout, stderr := runCalibrateAt(t, nil, "--data-dir", dir, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if after := files(t, dir); !maps.Equal(before, after) {
		t.Fatalf("calibrate wrote to the store it reads:\nbefore %v\nafter  %v", before, after)
	}
	golden(t, "calibrate.txt", stdout)
	yaml, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "calibrate.yaml", string(yaml))

	// The file round-trips: loaded, it is exactly the calibrated set.
	st := store.NewMem()
	writeCalibrationFixture(t, st)
	c, err := calibrate(context.Background(), st, calibrateInput{base: advisor.DefaultAssumptions(), now: calibrateNow, minOutcomes: 5, workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := assumptionsFromEnv(func(string) string { return out })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := loaded.List(), c.Applied.List(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the file reads back as\n%v\nwant\n%v", got, want)
	}
	code, js, stderr := runCmd(t, `{"task":"answer","knowledge":"private_static","monthly_volume":2000,"minutes_per_task":6,"hourly_cost":40}`,
		"advise", "--json", "--assumptions", out)
	if code != exitOK {
		t.Fatalf("advise --assumptions: exit %d %s", code, stderr)
	}
	var rec advisor.Recommendation
	if err := json.Unmarshal([]byte(js), &rec); err != nil {
		t.Fatal(err)
	}
	cited := map[string]advisor.Assumption{}
	for _, a := range rec.Assumptions {
		cited[a.Name] = a
	}
	if a := cited["build_days_rag"]; a.Value != 40 || a.Outcomes != 6 || a.AsOf != "2026-12-01" ||
		a.Source != "your company's figure from 6 outcomes (advisorbot calibrate, 2026-12-01)" {
		t.Errorf("build_days_rag through --assumptions: %+v", a)
	}
	if a := cited["build_days_fine_tuning"]; a.Value != 30 || a.Outcomes != 0 || !strings.HasPrefix(a.Source, "advisorbot estimate") {
		t.Errorf("build_days_fine_tuning had too few outcomes but changed: %+v", a)
	}
	if rec.Approach != advisor.KeepManual {
		t.Errorf("rec-flip-rag's profile under the file: %s; the report said keep_manual", rec.Approach)
	}

	// Run again: the file exists, so it is refused without --force and
	// replaced with it.
	if code, _, stderr := runCalibrateAt(t, nil, "--data-dir", dir, "--out", out); code != exitBadInput ||
		!strings.Contains(stderr, out+" already exists; add --force to replace it") {
		t.Errorf("existing --out: exit %d %q", code, stderr)
	}
	if code, _, stderr := runCalibrateAt(t, nil, "--data-dir", dir, "--out", out, "--force"); code != exitOK {
		t.Errorf("--force: exit %d %q", code, stderr)
	}
	if after := files(t, dir); !maps.Equal(before, after) {
		t.Fatal("calibrate --force wrote to the store")
	}
}

// TestCalibrateAgainstFileInUse: calibrate compares with the figures in
// use (ASSUMPTIONS_FILE) and keeps that file's other overrides in the
// file it writes. At $800 a day the same dollars are more days.
func TestCalibrateAgainstFileInUse(t *testing.T) {
	dir := calibrationStoreDir(t)
	inUse := filepath.Join(t.TempDir(), "in-use.yaml")
	if err := os.WriteFile(inUse, []byte("engineer_day_rate: {value: 800, as_of: \"2026-10-01\", source: \"finance\"}\nbuild_days_hybrid: 50\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "next.yaml")
	code, stdout, stderr := runCalibrateAt(t, map[string]string{"ASSUMPTIONS_FILE": inUse}, "--data-dir", dir, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Compared with the assumptions in use: "+inUse) || !strings.Contains(stdout, "IN USE") {
		t.Errorf("the report does not name the file in use:\n%s", stdout)
	}
	a, err := loadAssumptions(out)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]advisor.Assumption{}
	for _, x := range a.List() {
		got[x.Name] = x
	}
	if x := got["engineer_day_rate"]; x.Value != 800 || x.Source != "finance" || x.AsOf != "2026-10-01" {
		t.Errorf("the day rate in use was not kept: %+v", x)
	}
	if x := got["build_days_hybrid"]; x.Value != 50 || x.Source != "assumptions file" {
		t.Errorf("build_days_hybrid in use was not kept: %+v", x)
	}
	// Prompting's one-off is days x day rate and nothing else: $14,000 is
	// 17.5 days at $800, 18 to two figures.
	if x := got["build_days_prompt_engineering"]; x.Value != 18 || x.Outcomes != 5 {
		t.Errorf("build_days_prompt_engineering against $800 a day: %+v", x)
	}
}

func TestCalibrateBadInput(t *testing.T) {
	dir := calibrationStoreDir(t)
	existing := filepath.Join(t.TempDir(), "there.yaml")
	if err := os.WriteFile(existing, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	badFile := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(badFile, []byte("build_days_rag: {value: 31, outcomes: -2}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"bad date", []string{"--since", "1 Nov"}, `calibrate: --since "1 Nov" is not a date; use YYYY-MM-DD`},
		{"no outcomes needed", []string{"--min-outcomes", "0"}, "calibrate: --min-outcomes must be 1 or more, not 0"},
		{"negative changes", []string{"--changes", "-1"}, "calibrate: --changes must be 0 (all) or more"},
		{"not a number", []string{"--min-outcomes", "five"}, `invalid value "five" for flag -min-outcomes`},
		{"stray argument", []string{"now"}, `calibrate: unexpected argument "now"`},
		{"no store", []string{"--data-dir", filepath.Join(t.TempDir(), "nothing")}, "calibrate: no advisorbot data in"},
		{"existing out", []string{"--out", existing}, "already exists; add --force"},
		{"out is a directory", []string{"--out", t.TempDir()}, "is a directory"},
		{"out in the data", []string{"--out", filepath.Join(dir, "MANIFEST"), "--force"}, "is inside the data directory"},
		{"out nowhere", []string{"--out", "/nonexistent/dir/a.yaml"}, "its directory /nonexistent/dir does not exist"},
		{"bad assumptions", []string{"--assumptions", badFile}, "build_days_rag: outcomes must be a whole number of 1 or more, not -2"},
		{"missing assumptions", []string{"--assumptions", badFile + ".gone"}, "cannot read the file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := c.args
			if !strings.Contains(strings.Join(args, " "), "--data-dir") {
				args = append([]string{"--data-dir", dir}, args...)
			}
			code, stdout, stderr := runCalibrateAt(t, nil, args...)
			if code != exitBadInput || !strings.Contains(stderr, c.want) || stdout != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want 2 and %q", code, stderr, stdout, c.want)
			}
		})
	}
}

// TestCalibrateTooFew: with fewer outcomes than asked for, nothing is
// suggested, nothing re-run and no file written.
func TestCalibrateTooFew(t *testing.T) {
	dir := calibrationStoreDir(t)
	out := filepath.Join(t.TempDir(), "a.yaml")
	code, stdout, stderr := runCalibrateAt(t, nil, "--data-dir", dir, "--min-outcomes", "50", "--out", out)
	if code != exitOK || !strings.Contains(stdout, "No assumption has 50 or more outcomes yet") || !strings.Contains(stderr, "was not written") {
		t.Errorf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the file was written")
	}
	// --since after every report: nothing at all.
	code, stdout, _ = runCalibrateAt(t, nil, "--data-dir", dir, "--since", "2026-11-01")
	if code != exitOK || !strings.Contains(stdout, "0 reported outcomes since 2026-11-01") {
		t.Errorf("--since: exit %d\n%s", code, stdout)
	}
}

// TestInSpans: the spans cover [from, ∞) exactly once between them, and a
// failing read's error is the one returned, not the others' being stopped.
func TestInSpans(t *testing.T) {
	from, to := calibrateNow.Add(-changeWindow), calibrateNow
	times := []time.Time{from, from.Add(time.Nanosecond), to.Add(-time.Nanosecond), to, to.AddDate(5, 0, 0)}
	for k := range 1000 {
		times = append(times, from.Add(time.Duration(k)*changeWindow/997))
	}
	for _, workers := range []int{1, 2, 5} {
		var mu sync.Mutex
		seen := map[time.Time]int{}
		err := inSpans(context.Background(), workers, from, to, func(_ context.Context, _ int, since, until time.Time) error {
			mu.Lock()
			defer mu.Unlock()
			for _, x := range times {
				if !x.Before(since) && (until.IsZero() || x.Before(until)) {
					seen[x]++
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want := map[time.Time]int{}
		for _, x := range times {
			want[x]++ // from and to are listed twice
		}
		for x, n := range want {
			if seen[x] != n {
				t.Errorf("%d workers: %v read %d times, want %d", workers, x, seen[x], n)
			}
		}
	}
	boom := errors.New("disk on fire")
	err := inSpans(context.Background(), 3, from, to, func(ctx context.Context, w int, _, _ time.Time) error {
		if w == 2 {
			return boom
		}
		<-ctx.Done()
		return ctx.Err()
	})
	if !errors.Is(err, boom) {
		t.Errorf("got %v, want the read's own error", err)
	}
}
