package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/teams"
)

// summarySchedule is the weekly summary's timing and destinations.
type summarySchedule struct {
	schedule     summary.Schedule
	grace        time.Duration
	slackChannel string
}

// summarySchedules reads SUMMARY_* when a summary destination is set.
func summarySchedules(getenv func(string) string, p platforms, tc teams.Config) (summarySchedule, error) {
	var sc summarySchedule
	if p.slack {
		sc.slackChannel = strings.TrimSpace(getenv("SUMMARY_CHANNEL"))
	}
	if sc.slackChannel == "" && (!p.teams || tc.SummaryChannel == "") {
		return sc, nil
	}
	var err1, err2 error
	sc.schedule, err1 = summary.ParseSchedule(getenv("SUMMARY_SCHEDULE"), getenv("SUMMARY_TZ"))
	sc.grace, err2 = summaryGrace(getenv("SUMMARY_GRACE"))
	return sc, errors.Join(err1, err2)
}

// teamsMarkPrefix sets Teams' weekly summary marks apart from Slack's
// (which keep the bare week, as before Teams).
const teamsMarkPrefix = "teams:"

// platformMarker keeps a second platform's summary marks apart from the
// first's, so posting to Slack does not count as posting to Teams.
type platformMarker struct {
	m      summary.Marker
	prefix string
}

func (p platformMarker) MarkSummary(ctx context.Context, week string) (bool, error) {
	return p.m.MarkSummary(ctx, p.prefix+week)
}

func (p platformMarker) SummaryMarked(ctx context.Context, week string) (bool, error) {
	return p.m.SummaryMarked(ctx, p.prefix+week)
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
