package slack_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/summary"
	goldenfile "github.com/advisorbot/advisorbot/internal/golden"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot/slack"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

const summaryMD = "# advisorbot weekly summary, 2026-W48\n\n**4 assessments** (+300% on the week before (1)).\n\n## Top use cases by 12-month ROI\n\n1. [Extract <clauses> & terms](https://slack.com/archives/C1/p1700000000000100) (Legal): Fine-tuning\n"

// TestSummaryBlocksGolden compares the summary's Block Kit with
// testdata/blocks/summary.json, and puts it through the fake's checks.
func TestSummaryBlocksGolden(t *testing.T) {
	blocks := goslack.Blocks{BlockSet: slack.SummaryBlocks(summary.ReportOf("2026-W48", summaryMD))}
	raw, err := json.Marshal(blocks)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range slacktest.CheckBlocks(raw, slacktest.InMessage) {
		t.Error(p)
	}
	goldenfile.JSON(t, filepath.Join("testdata", "blocks", "summary.json"), blocks)
}

func withChart(r summary.Report, png []byte) summary.Report {
	r.Chart = png
	return r
}

// TestPostSummary posts through the fake Slack: the message, then the chart
// through the v2 upload flow.
func TestPostSummary(t *testing.T) {
	fake := slacktest.Start(t, slacktest.Config{})
	fake.Invite("C0LEAD")
	p := slack.NewPoster(nil, slack.Config{BotToken: fake.BotToken(), APIURL: fake.APIURL()})
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
	fake.Invite("C0LEAD")
	fake.ErrorNext("files.getUploadURLExternal", "missing_scope")
	p := slack.NewPoster(nil, slack.Config{BotToken: fake.BotToken(), APIURL: fake.APIURL()})
	if err := p.PostSummary(context.Background(), "C0LEAD", withChart(summary.ReportOf("2026-W48", summaryMD), []byte("\x89PNG"))); err != nil {
		t.Fatalf("PostSummary = %v, want nil once the message is up", err)
	}
	msgs := fake.Messages("C0LEAD")
	if len(msgs) != 2 || msgs[1].ThreadTS != msgs[0].TS || !strings.Contains(msgs[1].Text, "missing_scope") {
		t.Errorf("want the summary and a threaded note naming the error, got %+v", msgs)
	}
}

// TestPostSummaryNotInChannel: a summary channel the bot was not invited
// to fails with what to do about it.
func TestPostSummaryNotInChannel(t *testing.T) {
	fake := slacktest.Start(t, slacktest.Config{})
	fake.AddChannel(slacktest.Channel{ID: "C0SECRET", Name: "leadership", IsMember: false})
	p := slack.NewPoster(nil, slack.Config{BotToken: fake.BotToken(), APIURL: fake.APIURL()})
	err := p.PostSummary(context.Background(), "C0SECRET", summary.ReportOf("2026-W48", summaryMD))
	if err == nil || !strings.Contains(err.Error(), "not_in_channel") || !strings.Contains(err.Error(), "/invite @advisorbot") {
		t.Errorf("PostSummary = %v, want not_in_channel with how to invite the bot", err)
	}
	if n := len(fake.Messages("C0SECRET")); n != 0 {
		t.Errorf("%d messages posted to a channel the bot is not in", n)
	}
}
