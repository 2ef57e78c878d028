package slack_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
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
	got, err := json.MarshalIndent(goslack.Blocks{BlockSet: slack.SummaryBlocks(summaryMD)}, "", "  ")
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

// TestPostSummary posts through the fake Slack: the message, then the chart
// through the v2 upload flow.
func TestPostSummary(t *testing.T) {
	fake := slacktest.Start(t, slacktest.Config{})
	p := slack.NewPoster(slack.Config{BotToken: fake.BotToken(), APIURL: fake.APIURL()})
	png := []byte("\x89PNG\r\n\x1a\nfake")
	if err := p.PostSummary(context.Background(), "C0LEAD", "2026-W48", summaryMD, png); err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages("C0LEAD")
	if len(msgs) == 0 || msgs[0].Text != "advisorbot weekly summary, 2026-W48" {
		t.Fatalf("messages: %+v", msgs)
	}
	if len(fake.Files()) != 1 || len(fake.CallsTo("files.completeUploadExternal")) != 1 {
		t.Errorf("chart not uploaded with the v2 flow: files %d, complete calls %d", len(fake.Files()), len(fake.CallsTo("files.completeUploadExternal")))
	}
}
