package slack_test

import (
	"context"
	"encoding/json"
	"github.com/advisorbot/advisorbot/bot/summary"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

const summaryMD = "# advisorbot weekly summary, 2026-W48\n\n**4 assessments** (+300% on the week before (1)).\n\n## Top use cases by 12-month ROI\n\n1. [Extract <clauses> & terms](https://slack.com/archives/C1/p1700000000000100) (Legal): Fine-tuning\n"

// TestSummaryBlocksGolden compares the summary's Block Kit with
// testdata/blocks/summary.json (rewritten with -update in package slack).
func TestSummaryBlocksGolden(t *testing.T) {
	got, err := json.MarshalIndent(goslack.Blocks{BlockSet: slack.SummaryBlocks(summary.ReportOf("2026-W48", summaryMD))}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "blocks", "summary.json")
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run UPDATE_GOLDEN=1 go test ./bot/slack -run SummaryBlocks)", err)
	}
	if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

func withChart(r summary.Report, png []byte) summary.Report {
	r.Chart = png
	return r
}

// TestPostSummary posts through the fake Slack: the message, then the chart
// through the v2 upload flow.
func TestPostSummary(t *testing.T) {
	fake := slacktest.Start(t, slacktest.Config{})
	p := slack.NewPoster(slack.Config{BotToken: fake.BotToken(), APIURL: fake.APIURL()}, nil)
	png := []byte("\x89PNG\r\n\x1a\nfake")
	if err := p.PostSummary(context.Background(), "C0LEAD", withChart(summary.ReportOf("2026-W48", summaryMD), png)); err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages("C0LEAD")
	if len(msgs) == 0 || msgs[0].Text != "advisorbot weekly summary, 2026-W48" {
		t.Fatalf("messages: %+v", msgs)
	}
	if len(fake.Files()) != 1 || len(fake.CallsTo("files.completeUploadExternal")) != 1 {
		t.Errorf("chart not uploaded with the v2 flow: files %d, complete calls %d", len(fake.Files()), len(fake.CallsTo("files.completeUploadExternal")))
	}
	if th := fake.Thread("C0LEAD", msgs[0].TS); len(th) != 2 || len(th[1].Files) != 1 {
		t.Errorf("chart not shared in the summary's thread: %+v", th)
	}
}

// TestPostSummaryChartFails: once the summary is posted, a chart Slack
// refuses (here a token without files:write) is noted in the thread, not
// returned, so the scheduler does not post the summary a second time.
func TestPostSummaryChartFails(t *testing.T) {
	fake := slacktest.Start(t, slacktest.Config{})
	target, err := url.Parse(fake.APIURL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: target.Scheme, Host: target.Host})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/files.getUploadURLExternal") {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"ok":false,"error":"missing_scope","needed":"files:write"}`)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)

	p := slack.NewPoster(slack.Config{BotToken: fake.BotToken(), APIURL: srv.URL + target.Path}, nil)
	if err := p.PostSummary(context.Background(), "C0LEAD", withChart(summary.ReportOf("2026-W48", summaryMD), []byte("\x89PNG"))); err != nil {
		t.Fatalf("PostSummary = %v, want nil once the message is up", err)
	}
	msgs := fake.Messages("C0LEAD")
	if len(msgs) != 2 || msgs[1].ThreadTS != msgs[0].TS || !strings.Contains(msgs[1].Text, "missing_scope") {
		t.Errorf("want the summary and a threaded note naming the error, got %+v", msgs)
	}
}
