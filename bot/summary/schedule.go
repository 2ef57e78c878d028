package summary

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"
)

// DefaultSchedule is used when SUMMARY_SCHEDULE is empty.
const DefaultSchedule = "Mon 09:00"

// DefaultGrace is the catch-up window used when [Scheduler.Grace] is zero.
const DefaultGrace = 48 * time.Hour

// Schedule is when the weekly summary is posted: a weekday and a time of
// day in a time zone. The zero value is Sunday 00:00 UTC; a nil Loc means UTC.
type Schedule struct {
	Weekday      time.Weekday
	Hour, Minute int
	Loc          *time.Location
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

// ParseSchedule reads SUMMARY_SCHEDULE ("Mon 09:00", "monday 9:00",
// "Fri 17:30"; [DefaultSchedule] when empty) and SUMMARY_TZ (an IANA name
// such as "Europe/Berlin"; UTC when empty). The weekday is an English name
// or its three-letter abbreviation in any case; the time is 24-hour H:MM or
// HH:MM. Errors say what is allowed and give an example.
//
// Time zones come from the system tz database; a binary meant for images
// without one should import time/tzdata.
func ParseSchedule(schedule, tz string) (Schedule, error) {
	schedule = strings.TrimSpace(schedule)
	if schedule == "" {
		schedule = DefaultSchedule
	}
	const allowed = `want a weekday and a 24-hour time, e.g. "Mon 09:00" or "friday 17:30"`
	fields := strings.Fields(schedule)
	if len(fields) != 2 {
		return Schedule{}, fmt.Errorf("SUMMARY_SCHEDULE %q: %s", schedule, allowed)
	}
	var s Schedule
	wd, ok := weekdays[strings.ToLower(fields[0])]
	if !ok {
		return Schedule{}, fmt.Errorf("SUMMARY_SCHEDULE %q: unknown weekday %q; use Mon..Sun or Monday..Sunday, e.g. %q",
			schedule, fields[0], DefaultSchedule)
	}
	s.Weekday = wd
	h, m, ok := parseClock(fields[1])
	if !ok {
		return Schedule{}, fmt.Errorf("SUMMARY_SCHEDULE %q: time %q must be 24-hour H:MM or HH:MM from 0:00 to 23:59, e.g. %q",
			schedule, fields[1], DefaultSchedule)
	}
	s.Hour, s.Minute = h, m

	tz = strings.TrimSpace(tz)
	if tz == "" {
		s.Loc = time.UTC
		return s, nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return Schedule{}, fmt.Errorf("SUMMARY_TZ %q: not a known time zone; use an IANA name such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\": %w",
			tz, err)
	}
	s.Loc = loc
	return s, nil
}

// parseClock reads "9:00", "09:00" or "17:30".
func parseClock(v string) (hour, minute int, ok bool) {
	hs, ms, found := strings.Cut(v, ":")
	if !found || len(hs) < 1 || len(hs) > 2 || len(ms) != 2 {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || hs[0] == '+' || hs[0] == '-' || ms[0] == '+' || ms[0] == '-' {
		return 0, 0, false
	}
	if h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// String is the schedule in the form ParseSchedule reads, with the zone:
// "Mon 09:00 Europe/Berlin".
func (s Schedule) String() string {
	return fmt.Sprintf("%s %02d:%02d %s", s.Weekday.String()[:3], s.Hour, s.Minute, s.loc())
}

func (s Schedule) loc() *time.Location {
	if s.Loc == nil {
		return time.UTC
	}
	return s.Loc
}

// at is the scheduled instant on the calendar day y-m-d (d may overflow;
// time.Date normalises it). Building it with time.Date in the schedule's zone
// keeps "09:00 local" at 09:00 local across daylight-saving changes.
func (s Schedule) at(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, s.Hour, s.Minute, 0, 0, s.loc())
}

// Next returns the first scheduled instant strictly after t.
func (s Schedule) Next(t time.Time) time.Time {
	lt := t.In(s.loc())
	days := (int(s.Weekday) - int(lt.Weekday()) + 7) % 7
	c := s.at(lt.Year(), lt.Month(), lt.Day()+days)
	if !c.After(t) {
		c = s.at(lt.Year(), lt.Month(), lt.Day()+days+7)
	}
	return c
}

// Prev returns the latest scheduled instant at or before t.
func (s Schedule) Prev(t time.Time) time.Time {
	lt := t.In(s.loc())
	days := (int(lt.Weekday()) - int(s.Weekday) + 7) % 7
	c := s.at(lt.Year(), lt.Month(), lt.Day()-days)
	if c.After(t) {
		c = s.at(lt.Year(), lt.Month(), lt.Day()-days-7)
	}
	return c
}

// ReportWeek is the ISO week a run at instant at reports on: the latest
// UTC ISO week that has fully ended by then ("2026-W48" for a Monday
// 2026-11-30 09:00 run; "2026-W53" for Monday 2027-01-04). The store buckets
// recommendations by UTC ISO week, so a run at Monday 00:30 in Berlin (still
// Sunday in UTC) reports the week before last rather than a week that is
// still filling up; schedule at or after 00:00 UTC Monday to report the week
// just ended. The format matches store.ISOWeek, and it is the summary
// marker's key, so a changed schedule still never reports the same week twice.
func (s Schedule) ReportWeek(at time.Time) string {
	y, w := at.UTC().AddDate(0, 0, -7).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// Clock lets tests control time.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() } // the system clock
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Marker is the part of the store the scheduler needs (store.Store has it).
type Marker interface {
	// MarkSummary records that week's summary was posted; false when it
	// already was.
	MarkSummary(ctx context.Context, week string) (bool, error)
	SummaryMarked(ctx context.Context, week string) (bool, error)
}

// Scheduler posts each week's summary once.
//
// Marking protocol, at least once: check SummaryMarked; if unmarked call
// Post; only after Post succeeds call MarkSummary. A crash (or a store
// failure) between a successful post and the mark therefore causes one
// duplicate post when the bot restarts within the grace window. The
// alternative — mark first, then post — turns the same crash into a silent
// miss. A duplicate summary is visible and harmless (delete one); a missed
// one goes unnoticed, so the duplicate is the failure mode chosen.
//
// A restart never posts twice in the ordinary case: the second process sees
// the marker. The check and the mark are not one atomic claim, so two
// processes running at the same time against a shared store could both post;
// run one replica (Badger cannot be shared anyway).
//
// If Post (or reading the marker) fails, the attempt is retried with backoff
// (1m, 5m, 30m, 2h, 6h) as long as the retry falls within the grace window
// after the scheduled instant; then that week is given up in this process and
// logged as an error. A restart still inside the window tries again. If
// MarkSummary fails after a successful post, only the mark is retried; Post
// is never called twice for a week in one process.
//
// Only the latest scheduled instant is ever caught up: older missed weeks are
// not replayed (use the summary command for those).
type Scheduler struct {
	Schedule Schedule
	Grace    time.Duration // catch-up window after a missed run; 0 (or negative) = DefaultGrace
	Clock    Clock         // nil = real time
	Marker   Marker
	Post     func(ctx context.Context, week string) error // builds and posts; called at most once per week that it succeeds for
	Log      *slog.Logger                                 // nil = discard
}

// retryDelays are the waits after the first, second, ... failed attempt.
var retryDelays = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 6 * time.Hour}

// maxSleep bounds one wait, so the next instant is recomputed from the wall
// clock at least this often (the real timer runs on the monotonic clock,
// which a suspended machine or a wall-clock step leaves behind).
const maxSleep = time.Hour

// markTimeout bounds MarkSummary after a successful post; it runs even when
// ctx has just ended so a shutdown right after posting still records it.
const markTimeout = 10 * time.Second

// Run blocks until ctx ends and then returns nil; it returns an error only
// when the Scheduler is misconfigured. At start it catches up: if the latest
// scheduled instant is within Grace and that week is not marked, it posts
// now. Then it sleeps until the next scheduled instant and posts. Run must
// not be called twice at the same time on one Scheduler.
func (s *Scheduler) Run(ctx context.Context) error {
	if s.Marker == nil {
		return errors.New("summary: Scheduler.Marker is nil")
	}
	if s.Post == nil {
		return errors.New("summary: Scheduler.Post is nil")
	}
	if s.Schedule.Hour < 0 || s.Schedule.Hour > 23 || s.Schedule.Minute < 0 || s.Schedule.Minute > 59 ||
		s.Schedule.Weekday < time.Sunday || s.Schedule.Weekday > time.Saturday {
		return fmt.Errorf("summary: invalid schedule %d %02d:%02d", s.Schedule.Weekday, s.Schedule.Hour, s.Schedule.Minute)
	}
	r := &run{
		s:     s,
		clock: s.Clock,
		log:   s.Log,
		grace: s.Grace,
		done:  map[string]bool{},
	}
	if r.clock == nil {
		r.clock = realClock{}
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.grace <= 0 {
		r.grace = DefaultGrace
	}
	r.log = r.log.With("component", "summary-scheduler", "schedule", s.Schedule.String())
	return r.loop(ctx)
}

// run is the state of one Run call.
type run struct {
	s     *Scheduler
	clock Clock
	log   *slog.Logger
	grace time.Duration
	done  map[string]bool // weeks Post succeeded for in this process
}

func (r *run) loop(ctx context.Context) error {
	started := r.clock.Now()
	var handled time.Time // the latest scheduled instant already dealt with
	r.log.Info("summary scheduler started", "next", r.s.Schedule.Next(started), "grace", r.grace)
	for {
		if ctx.Err() != nil {
			return nil
		}
		now := r.clock.Now()
		if p := r.s.Schedule.Prev(now); p.After(handled) {
			handled = p
			week := r.s.Schedule.ReportWeek(p)
			switch late := now.Sub(p); {
			case late <= r.grace:
				r.fire(ctx, p, week)
			case p.Before(started):
				r.log.Debug("latest scheduled run is outside the grace window; not catching up",
					"scheduled", p, "week", week)
			default:
				// Woken too late, e.g. after the machine was suspended.
				r.log.Warn("weekly summary missed: woke up after the grace window",
					"scheduled", p, "week", week, "late", late)
			}
			continue // ctx check and a fresh now
		}
		d := min(r.s.Schedule.Next(now).Sub(now), maxSleep)
		select {
		case <-ctx.Done():
			return nil
		case <-r.clock.After(d):
		}
	}
}

// fire posts week's summary for the run scheduled at p, retrying within the
// grace window.
func (r *run) fire(ctx context.Context, p time.Time, week string) {
	deadline := p.Add(r.grace)
	log := r.log.With("week", week, "scheduled", p)
	for attempt := 1; ; attempt++ {
		err := r.try(ctx, log, week)
		if err == nil || ctx.Err() != nil {
			return
		}
		if attempt > len(retryDelays) {
			log.Error("weekly summary: giving up for this week", "attempts", attempt, "err", err)
			return
		}
		wait := retryDelays[attempt-1]
		if r.clock.Now().Add(wait).After(deadline) {
			log.Error("weekly summary: giving up for this week; the grace window ends before the next retry",
				"attempts", attempt, "err", err)
			return
		}
		log.Warn("weekly summary failed; will retry", "attempt", attempt, "retry_in", wait, "err", err)
		select {
		case <-ctx.Done():
			return
		case <-r.clock.After(wait):
		}
	}
}

// try does one attempt of the marking protocol; nil means the week is done.
func (r *run) try(ctx context.Context, log *slog.Logger, week string) error {
	if !r.done[week] {
		marked, err := r.s.Marker.SummaryMarked(ctx, week)
		if err != nil {
			return fmt.Errorf("read summary marker: %w", err)
		}
		if marked {
			log.Info("weekly summary already posted; skipping")
			return nil
		}
		if err := r.s.Post(ctx, week); err != nil {
			return fmt.Errorf("post: %w", err)
		}
		r.done[week] = true
		log.Info("weekly summary posted")
	}
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	fresh, err := r.s.Marker.MarkSummary(mctx, week)
	if err != nil {
		// Posted but unmarked: a restart within the grace window posts again.
		return fmt.Errorf("mark summary posted (a restart may post it again): %w", err)
	}
	if !fresh {
		log.Warn("weekly summary was marked by someone else meanwhile; it may have been posted twice")
	}
	return nil
}
