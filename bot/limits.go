package bot

import (
	"context"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/bot/logctx"
)

// Limits bound what one person can make the bot store and do, so a flood
// from one person (or one script) costs them, not everyone else: a
// message is kept up to a size, a conversation up to a number of turns, a
// person's words up to a number of bytes a day, and a person's messages up
// to a rate. Zero fields take the defaults; see DefaultLimits.
type Limits struct {
	// MessageBytes is the most of one message that is kept and read;
	// longer ones are cut there, and the person is told.
	MessageBytes int
	// Turns is the most turns a conversation keeps; older ones are dropped.
	Turns int
	// DailyBytes is the most a person may send in a day (UTC), counted
	// after cutting; past it their messages are turned away until the
	// next day. The count lives in memory: a restart forgives it.
	DailyBytes int
	// PerMinute and Burst are a person's message rate: Burst at once,
	// refilled at PerMinute. Past it, one polite reply, then silence until
	// the rate allows again.
	PerMinute, Burst int
}

// DefaultLimits are generous for a person and tight for a script: a use
// case is described in well under 4,000 characters (the advisor reads no
// more), nobody types 30 messages a minute, and 256 KiB a day is more
// than sixty long descriptions.
func DefaultLimits() Limits {
	return Limits{MessageBytes: 4000, Turns: 200, DailyBytes: 256 << 10, PerMinute: 30, Burst: 15}
}

// Validate reports a limit that cannot work.
func (l Limits) Validate() error {
	switch {
	case l.MessageBytes < 0 || (l.MessageBytes > 0 && l.MessageBytes < 200):
		return fmt.Errorf("bot: the message size limit (%d bytes) must be at least 200 bytes, or 0 for the default", l.MessageBytes)
	case l.Turns < 0 || (l.Turns > 0 && l.Turns < 20):
		return fmt.Errorf("bot: the turns kept per conversation (%d) must be at least 20, or 0 for the default", l.Turns)
	case l.DailyBytes < 0:
		return fmt.Errorf("bot: the daily bytes per person (%d) must not be negative", l.DailyBytes)
	case l.PerMinute < 0 || l.Burst < 0:
		return fmt.Errorf("bot: the message rate (%d a minute, burst %d) must not be negative", l.PerMinute, l.Burst)
	}
	return nil
}

// withDefaults fills zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MessageBytes == 0 {
		l.MessageBytes = d.MessageBytes
	}
	if l.Turns == 0 {
		l.Turns = d.Turns
	}
	if l.DailyBytes == 0 {
		l.DailyBytes = d.DailyBytes
	}
	if l.PerMinute == 0 {
		l.PerMinute = d.PerMinute
	}
	if l.Burst == 0 {
		l.Burst = max(d.Burst, 1)
	}
	return l
}

// allowance is each person's share: a token bucket for the rate and a
// byte count for the day, in memory and bounded by the people active.
type allowance struct {
	mu     sync.Mutex
	people map[string]*share
	swept  time.Time
}

type share struct {
	tokens   float64
	at       time.Time // when tokens was last topped up
	told     bool      // the person has been told to slow down since their last allowed message
	day      string    // the UTC day bytes counts
	bytes    int
	toldFull bool // told today that the day's bytes are spent
}

// verdicts of allowance.take
type verdict int

const (
	allowed     verdict = iota
	slowDown            // over the rate, first time: tell them
	dayFull             // over the day's bytes, first time: tell them
	quietlyDrop         // over a limit they have been told about
)

// take charges one message of n bytes to person at now.
func (a *allowance) take(person string, n int, now time.Time, l Limits) verdict {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.people == nil {
		a.people = map[string]*share{}
	}
	a.sweep(now, l)
	s := a.people[person]
	if s == nil {
		s = &share{tokens: float64(l.Burst), at: now}
		a.people[person] = s
	}
	if dt := now.Sub(s.at); dt > 0 {
		s.tokens = min(float64(l.Burst), s.tokens+dt.Minutes()*float64(l.PerMinute))
	}
	s.at = now
	if day := now.UTC().Format(time.DateOnly); s.day != day {
		s.day, s.bytes, s.toldFull = day, 0, false
	}
	if s.tokens < 1 {
		if s.told {
			return quietlyDrop
		}
		s.told = true
		return slowDown
	}
	if s.bytes+n > l.DailyBytes {
		if s.toldFull {
			return quietlyDrop
		}
		s.toldFull = true
		return dayFull
	}
	s.tokens--
	s.told = false
	s.bytes += n
	return allowed
}

// sweep forgets people whose bucket is full again and whose day is over,
// at most once a minute, so the map holds only the recently active.
func (a *allowance) sweep(now time.Time, l Limits) {
	if now.Sub(a.swept) < time.Minute && !now.Before(a.swept) {
		return
	}
	a.swept = now
	refill := time.Duration(float64(l.Burst)/float64(max(l.PerMinute, 1))*float64(time.Minute)) + time.Minute
	today := now.UTC().Format(time.DateOnly)
	for p, s := range a.people {
		if now.Sub(s.at) > refill && (s.day != today || s.bytes == 0) {
			delete(a.people, p)
		}
	}
}

// ration applies the person's share to in: it cuts an over-long message
// (marking it so the reply says so) and turns away what is over the rate or the
// day's bytes, answering the first time. ok is false when in is not to be
// handled.
func (e *Engine) ration(ctx context.Context, in *Inbound, r Replier) (ok bool, err error) {
	l := e.limits
	if len(in.Text) > l.MessageBytes {
		in.Text, in.cut = cutBytes(in.Text, l.MessageBytes), true
	}
	if e.cfg.Unrationed[in.Conv.Platform] {
		return true, nil
	}
	person := in.Conv.Platform + ":" + in.User
	switch e.allowance.take(person, len(in.Text)+len(in.Choice), e.cfg.Now(), l) {
	case slowDown:
		logctx.From(ctx, e.lg).Info("bot: a person is over the message rate; turning messages away", "per_minute", l.PerMinute)
		return false, r.Send(ctx, Outbound{Kind: KindText, Text: msgSlowDown, Private: true})
	case dayFull:
		logctx.From(ctx, e.lg).Info("bot: a person has sent a day's worth of text; turning messages away until tomorrow", "daily_bytes", l.DailyBytes)
		return false, r.Send(ctx, Outbound{Kind: KindText, Text: msgDayFull, Private: true})
	case quietlyDrop:
		return false, nil
	}
	return true, nil
}

// cutBytes cuts s to at most n bytes at a rune boundary.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
