// Package bottest holds what the adapters' tests share: sample engine
// messages to render and the switch for the load tests, so Slack and
// Teams are tested against the same cases.
package bottest

import (
	"os"
	"strconv"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
)

// Confirmation is a confirmation of values read from a description, as
// the engine composes it.
func Confirmation() *bot.Question {
	return &bot.Question{
		Field: bot.FieldConfirm, Number: 2, AtMost: 6,
		Text: "I read: about 8,700 a month (2,000 a week), 4.5 minutes each, $40 an hour. Right? Say yes, or correct any of them.",
		Confirm: []bot.Reading{
			{Field: advisor.FieldMonthlyVolume, Name: "volume", Value: "about 8,700 a month (2,000 a week)"},
			{Field: advisor.FieldMinutesPerTask, Name: "time per item", Value: "4.5 minutes each"},
			{Field: advisor.FieldHourlyCost, Name: "hourly cost", Value: "$40 an hour"},
		},
	}
}

// Load skips t unless ADVISORBOT_LOAD is set (a load test takes a minute
// and loads the machine), and returns the events per second to send and
// for how many seconds: 300 for 30, or ADVISORBOT_LOAD_SECONDS.
func Load(t testing.TB) (rate, seconds int) {
	t.Helper()
	if os.Getenv("ADVISORBOT_LOAD") == "" {
		t.Skip("set ADVISORBOT_LOAD=1 to run the load test")
	}
	rate, seconds = 300, 30
	if v, err := strconv.Atoi(os.Getenv("ADVISORBOT_LOAD_SECONDS")); err == nil && v > 0 {
		seconds = v
	}
	return rate, seconds
}
