package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/teams"
)

// summarySchedule is the weekly summary's timing; on when a summary
// destination of a served platform is set.
type summarySchedule struct {
	on       bool
	schedule summary.Schedule
	grace    time.Duration
}

// summarySchedules reads SUMMARY_* when a summary destination is set.
func summarySchedules(getenv func(string) string, p platforms, tc teams.Config) (summarySchedule, error) {
	var sc summarySchedule
	sc.on = p.slack && strings.TrimSpace(getenv("SUMMARY_CHANNEL")) != "" || p.teams && tc.SummaryChannel != ""
	if !sc.on {
		return sc, nil
	}
	var err1, err2 error
	sc.schedule, err1 = summary.ParseSchedule(getenv("SUMMARY_SCHEDULE"), getenv("SUMMARY_TZ"))
	sc.grace, err2 = summaryGrace(getenv("SUMMARY_GRACE"))
	return sc, errors.Join(err1, err2)
}

// summaryGrace reads SUMMARY_GRACE, how long after a missed scheduled time
// the summary is still posted at start-up (default 48h).
func summaryGrace(v string) (time.Duration, error) {
	if v == "" {
		return summary.DefaultGrace, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("SUMMARY_GRACE=%q: give a duration such as 48h", v)
	}
	return d, nil
}
