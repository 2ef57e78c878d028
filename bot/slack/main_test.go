package slack_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

// TestMain makes the whole suite a measure: every payload the bot sent
// any fake Slack went through the fake's limit checks, and a problem
// there, even one Slack would only show badly, fails the run.
func TestMain(m *testing.M) {
	code := m.Run()
	payloads, problems := slacktest.Tally()
	fmt.Printf("slacktest: %d payloads checked against Slack's limits; %d problems\n", payloads, len(problems))
	for _, p := range problems {
		fmt.Println("  " + p)
	}
	if code == 0 && len(problems) > 0 {
		code = 1
	}
	os.Exit(code)
}
