package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/advisorbot/advisorbot/bot"
)

// personLimits reads the limits on each person's share of the bot
// (bot.Limits); unset ones keep bot.DefaultLimits. Every problem is named
// at once, with the fix.
func personLimits(getenv func(string) string) (bot.Limits, error) {
	var problems []error
	count := func(name, v, example string) int {
		v = strings.TrimSpace(v)
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			problems = append(problems, fmt.Errorf("%s=%q: give a whole number above 0, such as %s", name, v, example))
			return 0
		}
		return n
	}
	l := bot.Limits{
		MessageBytes: count("MAX_MESSAGE_BYTES", getenv("MAX_MESSAGE_BYTES"), "4000"),
		Turns:        count("MAX_TURNS", getenv("MAX_TURNS"), "200"),
		DailyBytes:   count("USER_DAILY_BYTES", getenv("USER_DAILY_BYTES"), "262144"),
		PerMinute:    count("USER_MESSAGES_PER_MINUTE", getenv("USER_MESSAGES_PER_MINUTE"), "30"),
		Burst:        count("USER_MESSAGE_BURST", getenv("USER_MESSAGE_BURST"), "15"),
	}
	if err := errors.Join(problems...); err != nil {
		return bot.Limits{}, err
	}
	if err := l.Validate(); err != nil {
		return bot.Limits{}, fmt.Errorf("%w (MAX_MESSAGE_BYTES, MAX_TURNS)", err)
	}
	return l, nil
}
