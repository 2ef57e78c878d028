package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot"
)

// followupFromEnv reads FOLLOWUP_ENABLED, FOLLOWUP_DAYS,
// FOLLOWUP_QUIET_HOURS and FOLLOWUP_TZ. Follow-ups are off unless enabled.
func followupFromEnv(getenv func(string) string) (bot.FollowupConfig, error) {
	var c bot.FollowupConfig
	var problems []error
	switch v := strings.ToLower(strings.TrimSpace(getenv("FOLLOWUP_ENABLED"))); v {
	case "", "0", "false", "no", "off":
	case "1", "true", "yes", "on":
		c.Enabled = true
	default:
		problems = append(problems, fmt.Errorf("FOLLOWUP_ENABLED=%q: say true or false", v))
	}
	if v := strings.TrimSpace(getenv("FOLLOWUP_DAYS")); v != "" {
		for _, part := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(part))
			if err != nil {
				problems = append(problems, fmt.Errorf("FOLLOWUP_DAYS=%q: give days after an assessment, comma-separated and ascending, such as 30,90", v))
				c.Days = nil
				break
			}
			c.Days = append(c.Days, n)
		}
	}
	if v := strings.TrimSpace(getenv("FOLLOWUP_QUIET_HOURS")); v != "" {
		from, to, ok := strings.Cut(v, "-")
		f, err1 := strconv.Atoi(strings.TrimSpace(from))
		t, err2 := strconv.Atoi(strings.TrimSpace(to))
		if !ok || err1 != nil || err2 != nil || f == t {
			problems = append(problems, fmt.Errorf("FOLLOWUP_QUIET_HOURS=%q: give the hours follow-ups wait out in the owner's time zone, such as 18-9", v))
		} else {
			c.QuietFrom, c.QuietTo = f, t
		}
	}
	if v := strings.TrimSpace(getenv("FOLLOWUP_TZ")); v != "" {
		loc, err := time.LoadLocation(v)
		if err != nil {
			problems = append(problems, fmt.Errorf("FOLLOWUP_TZ=%q: give an IANA time zone such as Europe/Berlin, for owners whose platform does not say theirs", v))
		}
		c.Zone = loc
	}
	if len(problems) == 0 {
		if err := c.Validate(); err != nil {
			problems = append(problems, err)
		}
	}
	return c, errors.Join(problems...)
}

// systemClock is the follow-ups' clock: now when set (tests), else the
// system's.
type systemClock struct{ now func() time.Time }

func (c systemClock) Now() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}

func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }
