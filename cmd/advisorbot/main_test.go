package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image/png"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/advisorbot/advisorbot/internal/golden"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

// runCmd runs the command in-process, as main would.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", "golden", name), []byte(got))
}

func TestAdviseGolden(t *testing.T) {
	profiles, _ := filepath.Glob("testdata/profiles/*.json")
	if len(profiles) == 0 {
		t.Fatal("no profiles")
	}
	for _, p := range profiles {
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		t.Run(name, func(t *testing.T) {
			code, out, errs := runCmd(t, "", "advise", p)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden(t, name+".txt", out)

			data, _ := os.ReadFile(p)
			code, out, errs = runCmd(t, string(data), "advise", "--json", "-")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden(t, name+".json", out)
			checkRecommendationJSON(t, out)
		})
	}
}

// checkRecommendationJSON checks the documented shape and the ROI identities
// on the JSON as a consumer would read it.
func checkRecommendationJSON(t *testing.T, out string) {
	t.Helper()
	var rec struct {
		Approach      string                         `json:"approach"`
		Confidence    float64                        `json:"confidence"`
		Ranking       []any                          `json:"ranking"`
		Reasons       []any                          `json:"reasons"`
		Risks         []string                       `json:"risks"`
		NextSteps     []string                       `json:"next_steps"`
		Manual        *float64                       `json:"manual_monthly_cost"`
		RawROI        map[string]map[string]*float64 `json:"roi"`
		NextQuestions []any                          `json:"next_questions"`
		Assumptions   []map[string]any               `json:"assumptions"`
	}
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if !advisor.Approach(rec.Approach).Valid() || rec.Confidence < 0 || rec.Confidence > 1 || len(rec.Ranking) != 6 ||
		len(rec.Reasons) == 0 || len(rec.NextSteps) == 0 || rec.Manual == nil || rec.NextQuestions == nil || len(rec.Assumptions) == 0 {
		t.Fatalf("recommendation lacks documented fields: %s", out)
	}
	if len(rec.RawROI) != 6 {
		t.Fatalf("roi has %d approaches, want 6", len(rec.RawROI))
	}
	for ap, r := range rec.RawROI {
		num := func(k string) float64 {
			if r[k] == nil {
				t.Fatalf("%s: %s is null", ap, k)
			}
			return *r[k]
		}
		oneOff, net := num("one_off_cost"), num("net_monthly")
		if math.Abs(net-(num("monthly_labor_saved")-num("monthly_run_cost"))) > 0.006 {
			t.Errorf("%s: net_monthly != saved - run", ap)
		}
		if p := r["payback_months"]; (net > 0) != (p != nil) || (p != nil && math.Abs(*p-oneOff/net) > 1e-6) {
			t.Errorf("%s: payback %v with one-off %v, net %v", ap, p, oneOff, net)
		}
		for _, n := range []float64{12, 36} {
			v := r[map[float64]string{12: "roi_12m", 36: "roi_36m"}[n]]
			if oneOff == 0 {
				if v != nil {
					t.Errorf("%s: roi_%vm should be null with no one-off cost", ap, n)
				}
			} else if v == nil || math.Abs(*v-(n*net-oneOff)/oneOff) > 1e-6 {
				t.Errorf("%s: roi_%vm = %v breaks the identity", ap, n, v)
			}
		}
	}
	for _, a := range rec.Assumptions {
		if a["as_of"] == "" || a["source"] == "" {
			t.Errorf("assumption without date or source: %v", a)
		}
	}
}

func TestAdviseBadInput(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		want        []string // lines of stderr, each a substring
	}{
		{"not JSON", "hello", []string{"advise"}, []string{"advise: the profile must be a JSON object"}},
		{"several problems", `{"task":"dance","monthly_volume":"5k","colour":1}`, []string{"advise"}, []string{
			`advise: task: "dance" is not allowed`,
			`advise: monthly_volume: must be a whole number`,
			`advise: colour: is not a profile field`,
		}},
		{"missing file", "", []string{"advise", "testdata/nope.json"}, []string{"advise: cannot open the profile"}},
		{"two files", "", []string{"advise", "a.json", "b.json"}, []string{"advise: takes at most one profile file"}},
		{"bad assumptions", "{}", []string{"advise", "--assumptions", "testdata/bad-assumptions.json"}, []string{
			"assumptions: engineer_dayrate: is not a known assumption",
			"assumptions: price_large_input: must be a number",
			"assumptions: price_small_input: must be a finite number of 0 or more",
			"assumptions: review_share: is a share and must be between 0 and 1",
		}},
		{"unknown flag", "{}", []string{"advise", "--jsn"}, []string{"flag provided but not defined: -jsn"}},
		{"unknown command", "", []string{"adivse"}, []string{`advisorbot: unknown command "adivse"`}},
		{"roi without figures", "", []string{"roi", "--task", "classify"}, []string{
			"roi: monthly_volume: is required: add --volume",
			"roi: minutes_per_task: is required: add --minutes",
			"roi: hourly_cost: is required: add --rate",
		}},
		{"roi unreadable values", "", []string{"roi", "--volume", "lots", "--minutes", "6", "--rate", "$45/h", "--human-review", "maybe"}, []string{
			`roi: monthly_volume: could not read "lots"`,
			`roi: human_review:`,
		}},
		{"roi stray argument", "", []string{"roi", "5000"}, []string{`roi: unexpected argument "5000"`}},
		{"roi repeated flag", "", []string{"roi", "--volume", "5k", "--minutes", "6", "--rate", "45", "--monthly-volume", "10"}, []string{
			"roi: monthly_volume: is given more than once",
		}},
		{"bad assumption value", "{}", []string{"advise", "--assumptions", "testdata/huge-assumptions.json"}, []string{
			"assumptions: engineer_day_rate: must be at most 1000000000",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCmd(t, tt.stdin, tt.args...)
			if code != exitBadInput {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitBadInput, errs)
			}
			if out != "" {
				t.Errorf("stdout not empty on bad input: %q", out)
			}
			lines := strings.Split(strings.TrimSpace(errs), "\n")
			for i, w := range tt.want {
				if i >= len(lines) || !strings.Contains(lines[i], w) {
					t.Errorf("stderr line %d: want %q in\n%s", i, w, errs)
				}
			}
		})
	}
}

func TestAdviseFlagsAfterFile(t *testing.T) {
	code, out, errs := runCmd(t, "", "advise", "testdata/profiles/tiny.json", "--json")
	if code != exitOK || !strings.HasPrefix(out, "{") {
		t.Errorf("exit %d: %s%s", code, errs, out)
	}
}

func TestROICommand(t *testing.T) {
	code, out, errs := runCmd(t, "", "roi", "--volume", "20k", "--minutes", "6 min", "--rate", "$45/h", "--task", "classify", "--rules-expressible", "no", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	checkRecommendationJSON(t, out)
	var rec advisor.Recommendation
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatal(err)
	}
	// 20,000 x 6/60 x 45 = 90,000.
	if rec.ManualMonthlyCost != 90_000 {
		t.Errorf("manual_monthly_cost = %v, want 90000", rec.ManualMonthlyCost)
	}
	// The same profile through advise gives the same recommendation.
	code, out2, _ := runCmd(t, `{"monthly_volume":20000,"minutes_per_task":6,"hourly_cost":45,"task":"classify","rules_expressible":false}`, "advise", "--json")
	if code != exitOK || out2 != out {
		t.Errorf("roi and advise disagree:\n%s\n---\n%s", out, out2)
	}
	code, text, _ := runCmd(t, "", "roi", "--volume", "20k", "--minutes", "6", "--rate", "45")
	if code != exitOK || !strings.Contains(text, "Doing it by hand costs $90k a month") {
		t.Errorf("text report: exit %d\n%s", code, text)
	}
}

func TestAssumptionsFile(t *testing.T) {
	profile := `{"task":"classify","monthly_volume":10000,"minutes_per_task":3,"hourly_cost":40}`
	code, out, errs := runCmd(t, profile, "advise", "--json", "--assumptions", "testdata/assumptions.yaml")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rec advisor.Recommendation
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatal(err)
	}
	got := map[string]advisor.Assumption{}
	for _, a := range rec.Assumptions {
		got[a.Name] = a
	}
	if a := got["price_small_output"]; a.Value != 1.2 || a.AsOf != "2026-10-01" || a.Source != "our enterprise agreement" {
		t.Errorf("price_small_output = %+v", a)
	}
	if a := got["engineer_day_rate"]; a.Value != 800 || a.Source != "assumptions file" {
		t.Errorf("engineer_day_rate = %+v", a)
	}
	// 10 build days at $800.
	if c := rec.ROI[advisor.PromptEngineering].OneOffCost; c != 8000 {
		t.Errorf("prompt one-off = %v, want 8000", c)
	}
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := runCmd(t, "", "version"); code != 0 || !strings.HasPrefix(out, "advisorbot ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, out, _ := runCmd(t, "", "help"); code != 0 || !strings.Contains(out, "advise") {
		t.Errorf("help: %d %q", code, out)
	}
	if code, _, _ := runCmd(t, ""); code != exitBadInput {
		t.Errorf("no command: exit %d", code)
	}
	if code, out, _ := runCmd(t, "", "roi", "-h"); code != 0 || !strings.Contains(out, "--monthly_volume") {
		t.Errorf("roi -h: %d %q", code, out)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestInternalErrorExitsOne(t *testing.T) {
	var errb bytes.Buffer
	code := run(context.Background(), []string{"advise"}, strings.NewReader("{}"), failingWriter{}, &errb)
	if code != exitInternal {
		t.Errorf("exit %d, want %d (%s)", code, exitInternal, errb.String())
	}
}

// newDataDir is a data directory holding a new, empty store.
func newDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	st, err := openStore(slog.New(slog.DiscardHandler), appConfig{dataDir: dir}, createData)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSummaryCommand(t *testing.T) {
	dir, out := newDataDir(t), t.TempDir()
	code, md, errs := runCmd(t, "", "summary", "--data-dir", dir, "--week", "2026-W48", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(md, "# advisorbot weekly summary, 2026-W48") {
		t.Errorf("markdown: %q", md)
	}
	f, err := os.Open(filepath.Join(out, "advisorbot-2026-W48.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("chart is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 600 || b.Dy() < 400 {
		t.Errorf("chart is %v", b)
	}
	if code, _, errs := runCmd(t, "", "summary", "--data-dir", dir, "--week", "2026-48"); code != exitBadInput || !strings.Contains(errs, "2026-W48") {
		t.Errorf("bad week: exit %d, %q", code, errs)
	}
	if code, _, errs := runCmd(t, "", "summary", "--data-dir", dir, "--post"); code != exitBadInput {
		t.Errorf("--post without Slack settings: exit %d, %q", code, errs)
	}
}

// TestSummaryPostOnce posts through the fake Slack and checks that the week
// is marked, so neither a second --post nor the bot's scheduler posts it
// again without --force.
func TestSummaryPostOnce(t *testing.T) {
	fake := slacktest.Start(t, slacktest.Config{})
	fake.Invite("C0LEAD") // the summary channel needs the bot in it
	t.Setenv("SLACK_BOT_TOKEN", fake.BotToken())
	t.Setenv("SLACK_APP_TOKEN", fake.AppToken())
	t.Setenv("SLACK_API_URL", fake.APIURL())
	t.Setenv("SUMMARY_CHANNEL", "C0LEAD")
	dir := newDataDir(t)
	if code, _, errs := runCmd(t, "", "summary", "--data-dir", dir, "--week", "2026-W48", "--post"); code != exitOK {
		t.Fatalf("first post: exit %d: %s", code, errs)
	}
	top := topLevel(fake.Messages("C0LEAD"))
	if len(top) != 1 {
		t.Fatalf("%d top-level messages after one post, want 1", len(top))
	}
	if th := fake.Thread("C0LEAD", top[0].TS); len(th) != 2 || len(th[1].Files) != 1 {
		t.Errorf("chart not shared in the summary's thread: %+v", th)
	}
	code, _, errs := runCmd(t, "", "summary", "--data-dir", dir, "--week", "2026-W48", "--post")
	if code != exitBadInput || !strings.Contains(errs, "--force") {
		t.Errorf("second post: exit %d, %q; want a refusal naming --force", code, errs)
	}
	if code, _, errs := runCmd(t, "", "summary", "--data-dir", dir, "--week", "2026-W48", "--post", "--force"); code != exitOK {
		t.Errorf("forced post: exit %d: %s", code, errs)
	}
	if n := len(topLevel(fake.Messages("C0LEAD"))); n != 2 {
		t.Errorf("%d top-level messages after a forced repost, want 2", n)
	}
}

func topLevel(msgs []slacktest.Message) []slacktest.Message {
	var top []slacktest.Message
	for _, m := range msgs {
		if m.ThreadTS == "" || m.ThreadTS == m.TS {
			top = append(top, m)
		}
	}
	return top
}
