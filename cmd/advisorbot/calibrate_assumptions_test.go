package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// TestCalibratedReportCites: the readable report of advise names the
// figures from the company's outcomes and their citation (golden), and
// the defaults' report does not.
func TestCalibratedReportCites(t *testing.T) {
	file := filepath.Join(t.TempDir(), "company.yaml")
	if err := os.WriteFile(file, []byte(`build_days_rag:
  value: 40
  as_of: "2026-12-01"
  source: "your company's figure from 6 outcomes (advisorbot calibrate, 2026-12-01)"
  outcomes: 6
automation_share: {value: 0.45, as_of: "2026-12-01", source: "advisorbot calibrate, 2026-12-01", outcomes: 14}
engineer_day_rate: 800
`), 0o600); err != nil {
		t.Fatal(err)
	}
	profile := `{"title":"Help-centre answers","task":"answer","knowledge":"private_changing","monthly_volume":20000,"minutes_per_task":6,"hourly_cost":40}`
	code, out, errs := runCmd(t, profile, "advise", "--assumptions", file)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "calibrated-report.txt", out)
	if code, out, _ := runCmd(t, profile, "advise"); code != exitOK || strings.Contains(out, "your company") {
		t.Errorf("the defaults' report cites company figures:\n%s", out)
	}
}

// TestAssumptionsFileSetting: the bot refuses to start on a bad
// ASSUMPTIONS_FILE, naming it, and config check names it too.
func TestAssumptionsFileSetting(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("build_days_rag: lots\nautomation_share: 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"ASSUMPTIONS_FILE": bad}
	getenv := func(k string) string { return env[k] }
	_, err := openApp(slog.New(slog.DiscardHandler), appConfig{dataDir: filepath.Join(t.TempDir(), "d"), getenv: getenv})
	if err == nil || !strings.Contains(err.Error(), "ASSUMPTIONS_FILE="+bad+": build_days_rag: must be a number") ||
		!strings.Contains(err.Error(), "ASSUMPTIONS_FILE="+bad+": automation_share: is a share") {
		t.Errorf("openApp: %v", err)
	}
	if _, err := os.Stat(filepath.Join(t.TempDir(), "d")); err == nil {
		t.Error("the data directory was created before the settings were checked")
	}
	problems := strings.Join(checkSettings(getenv), "\n")
	if !strings.Contains(problems, "ASSUMPTIONS_FILE="+bad+": build_days_rag") {
		t.Errorf("config check: %s", problems)
	}
	env["ASSUMPTIONS_FILE"] = bad + ".gone"
	if _, err := assumptionsFromEnv(getenv); err == nil || !strings.Contains(err.Error(), "ASSUMPTIONS_FILE="+bad+".gone: cannot read the file") {
		t.Errorf("missing file: %v", err)
	}

	// A good file: the conversation (the engine the Slack and Teams
	// adapters drive) advises with its figures, and every assessment it
	// stores cites the calibrated ones as the company's.
	good := filepath.Join(t.TempDir(), "good.yaml")
	if err := os.WriteFile(good, []byte("engineer_day_rate: 800\nbuild_days_rag: {value: 40, as_of: \"2026-12-01\", source: \"advisorbot calibrate, 2026-12-01\", outcomes: 6}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ASSUMPTIONS_FILE", good)
	dir := t.TempDir()
	script := "We want to route about 2,000 support tickets a week to the right team.\nskip\nskip\nskip\nskip\nskip\nskip\nhelpful\n"
	if code, _, errs := runCmd(t, script, "chat", "--data-dir", dir, "--user", "ana"); code != exitOK {
		t.Fatalf("chat: exit %d: %s", code, errs)
	}
	code, out, errs := runCmd(t, "", "export", "--format", "jsonl", "--data-dir", dir)
	if code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	var a store.Assessment
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("%v: %q", err, out)
	}
	cited := map[string]advisor.Assumption{}
	for _, x := range a.Result.Assumptions {
		cited[x.Name] = x
	}
	if x := cited["engineer_day_rate"]; x.Value != 800 {
		t.Errorf("the bot advised with a day rate of %+v, not the file's 800", x)
	}
	if x := cited["build_days_rag"]; x.Value != 40 || x.Outcomes != 6 || x.Source != "your company's figure from 6 outcomes (advisorbot calibrate, 2026-12-01)" {
		t.Errorf("the stored assessment cites build_days_rag as %+v", x)
	}
	if x := cited["build_days_hybrid"]; !strings.HasPrefix(x.Source, "advisorbot estimate") {
		t.Errorf("a default is cited as %+v", x)
	}
}

// TestAssumptionsYAMLRoundTrip: whatever the figures in use say (every
// assumption changed, sources with quotes, colons, "#", non-ASCII and
// line breaks, some learnt from outcomes), the file calibrate writes
// reads back as exactly the same set.
func TestAssumptionsYAMLRoundTrip(t *testing.T) {
	a := advisor.DefaultAssumptions()
	sources := []string{"finance: \"Q3\" # not a comment", "R&D <team> — été\nsecond line", "", "  padded  ", "yes", "{value: 3}"}
	for i, x := range a.List() {
		v := x.Value*1.5 + 0.125
		if strings.HasSuffix(x.Name, "_share") {
			v = 0.333
		}
		var err error
		if i%4 == 0 {
			err = a.SetFromOutcomes(x.Name, v, "2026-12-01", i+1, sources[i%len(sources)])
		} else {
			err = a.Set(x.Name, v, []string{"", "2026-01-31"}[i%2], sources[i%len(sources)])
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	c := calibration{calibrateInput: calibrateInput{now: calibrateNow}, Applied: a}
	file := filepath.Join(t.TempDir(), "a.yaml")
	var b bytes.Buffer
	if err := writeAssumptionsYAML(&b, &c); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := loadAssumptions(file)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	want := a.List()
	for i, g := range got.List() {
		if g != want[i] {
			t.Errorf("%s reads back as %+v, want %+v", g.Name, g, want[i])
		}
	}
	// Nothing changed from the defaults: an empty file that loads as them.
	b.Reset()
	c.Applied = advisor.DefaultAssumptions()
	if err := writeAssumptionsYAML(&b, &c); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, err := loadAssumptions(file); err != nil || fmt.Sprint(got.List()) != fmt.Sprint(c.Applied.List()) {
		t.Errorf("an empty file: %v\n%s", err, b.String())
	}
}
