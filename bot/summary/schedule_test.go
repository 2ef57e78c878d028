package summary

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	_ "time/tzdata" // tests must not depend on the system tz database
)

func mustLoc(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

func TestParseSchedule(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	good := []struct {
		schedule, tz string
		want         Schedule
	}{
		{"", "", Schedule{time.Monday, 9, 0, time.UTC}},
		{"  ", " ", Schedule{time.Monday, 9, 0, time.UTC}},
		{"Mon 09:00", "", Schedule{time.Monday, 9, 0, time.UTC}},
		{"monday 9:00", "UTC", Schedule{time.Monday, 9, 0, time.UTC}},
		{"Fri 17:30", "Europe/Berlin", Schedule{time.Friday, 17, 30, berlin}},
		{"  SUN   0:05 ", "", Schedule{time.Sunday, 0, 5, time.UTC}},
		{"Thursday 23:59", "", Schedule{time.Thursday, 23, 59, time.UTC}},
		{"sat 00:00", "", Schedule{time.Saturday, 0, 0, time.UTC}},
	}
	for _, c := range good {
		got, err := ParseSchedule(c.schedule, c.tz)
		if err != nil {
			t.Errorf("ParseSchedule(%q, %q): %v", c.schedule, c.tz, err)
			continue
		}
		if got.Weekday != c.want.Weekday || got.Hour != c.want.Hour || got.Minute != c.want.Minute ||
			got.Loc.String() != c.want.Loc.String() {
			t.Errorf("ParseSchedule(%q, %q) = %v, want %v", c.schedule, c.tz, got, c.want)
		}
	}

	bad := []struct {
		schedule, tz string
		want         []string // substrings of the error
	}{
		{"Mon", "", []string{"SUMMARY_SCHEDULE", "weekday and a 24-hour time", `"Mon 09:00"`}},
		{"Mon 09:00 UTC", "", []string{"SUMMARY_SCHEDULE", "weekday and a 24-hour time"}},
		{"Funday 09:00", "", []string{"unknown weekday", `"Funday"`, "Mon..Sun", `"Mon 09:00"`}},
		{"09:00 Mon", "", []string{"unknown weekday"}},
		{"Mo 09:00", "", []string{"unknown weekday"}},
		{"Mon 24:00", "", []string{`time "24:00"`, "H:MM or HH:MM", `"Mon 09:00"`}},
		{"Mon 9:60", "", []string{`time "9:60"`}},
		{"Mon 9", "", []string{`time "9"`}},
		{"Mon 9am", "", []string{`time "9am"`}},
		{"Mon 9:5", "", []string{`time "9:5"`}},
		{"Mon 009:00", "", []string{`time "009:00"`}},
		{"Mon -1:00", "", []string{`time "-1:00"`}},
		{"Mon +9:00", "", []string{`time "+9:00"`}},
		{"Mon 09:00", "Berlin", []string{"SUMMARY_TZ", `"Berlin"`, "IANA", `"Europe/Berlin"`}},
		{"Mon 09:00", "Mars/Olympus_Mons", []string{"SUMMARY_TZ", "IANA"}},
	}
	for _, c := range bad {
		_, err := ParseSchedule(c.schedule, c.tz)
		if err == nil {
			t.Errorf("ParseSchedule(%q, %q): no error", c.schedule, c.tz)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("ParseSchedule(%q, %q) error %q lacks %q", c.schedule, c.tz, err, w)
			}
		}
	}
}

func TestNextPrevDST(t *testing.T) {
	utc := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		name, tz   string
		before     string // a time in the week before the change
		prev, next string // the runs around the change, in UTC
	}{
		// Berlin: summer time ends Sun 2026-10-25 (CEST+2 -> CET+1).
		{"Berlin autumn", "Europe/Berlin", "2026-10-20T12:00:00Z", "2026-10-19T07:00:00Z", "2026-10-26T08:00:00Z"},
		// Berlin: summer time starts Sun 2026-03-29 (CET+1 -> CEST+2).
		{"Berlin spring", "Europe/Berlin", "2026-03-24T12:00:00Z", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z"},
		// New York: DST ends Sun 2026-11-01 (EDT-4 -> EST-5).
		{"New York autumn", "America/New_York", "2026-10-27T12:00:00Z", "2026-10-26T13:00:00Z", "2026-11-02T14:00:00Z"},
		// New York: DST starts Sun 2026-03-08 (EST-5 -> EDT-4).
		{"New York spring", "America/New_York", "2026-03-03T12:00:00Z", "2026-03-02T14:00:00Z", "2026-03-09T13:00:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := ParseSchedule("Mon 09:00", c.tz)
			if err != nil {
				t.Fatal(err)
			}
			before, prev, next := utc(c.before), utc(c.prev), utc(c.next)
			if got := s.Prev(before); !got.Equal(prev) {
				t.Errorf("Prev(%v) = %v, want %v", before, got.UTC(), prev)
			}
			if got := s.Next(before); !got.Equal(next) {
				t.Errorf("Next(%v) = %v, want %v", before, got.UTC(), next)
			}
			// From a scheduled instant: Next is strictly after, Prev is itself.
			if got := s.Next(prev); !got.Equal(next) {
				t.Errorf("Next(%v) = %v, want %v", prev, got.UTC(), next)
			}
			if got := s.Prev(next); !got.Equal(next) {
				t.Errorf("Prev(%v) = %v, want itself", next, got.UTC())
			}
			if got := s.Prev(next.Add(-time.Nanosecond)); !got.Equal(prev) {
				t.Errorf("Prev(just before %v) = %v, want %v", next, got.UTC(), prev)
			}
			// Both runs are Monday 09:00 local although the UTC offset changed.
			for _, r := range []time.Time{prev, next} {
				l := r.In(s.Loc)
				if l.Weekday() != time.Monday || l.Hour() != 9 || l.Minute() != 0 {
					t.Errorf("%v is %v local, want Monday 09:00", r, l)
				}
			}
			_, off1 := prev.In(s.Loc).Zone()
			_, off2 := next.In(s.Loc).Zone()
			if off1 == off2 {
				t.Errorf("offset did not change across the DST boundary (%d)", off1)
			}
		})
	}
}

func TestReportWeek(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	cases := []struct {
		s    Schedule
		at   time.Time
		want string
	}{
		{Schedule{time.Monday, 9, 0, time.UTC}, time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), "2026-W48"},
		// Year boundary: the 2027-W01 run reports on 2026-W53 (2026 has 53 ISO weeks).
		{Schedule{time.Monday, 9, 0, time.UTC}, time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC), "2026-W53"},
		{Schedule{time.Monday, 9, 0, berlin}, time.Date(2027, 1, 4, 9, 0, 0, 0, berlin), "2026-W53"},
		// And the 2026-W01 run (Mon 2025-12-29) reports on 2025-W52.
		{Schedule{time.Monday, 9, 0, time.UTC}, time.Date(2025, 12, 29, 9, 0, 0, 0, time.UTC), "2025-W52"},
		// Weeks are UTC weeks: Monday 00:30 in Berlin is still Sunday of
		// 2026-W48 in UTC, so the latest week that has ended is W47.
		{Schedule{time.Monday, 0, 30, berlin}, time.Date(2026, 11, 30, 0, 30, 0, 0, berlin), "2026-W47"},
		// West of UTC, Sunday 20:00 in New York is already Monday in UTC.
		{Schedule{time.Sunday, 20, 0, mustLoc(t, "America/New_York")}, time.Date(2026, 11, 29, 20, 0, 0, 0, mustLoc(t, "America/New_York")), "2026-W48"},
		// A Friday run reports on the previous ISO week too.
		{Schedule{time.Friday, 17, 30, berlin}, time.Date(2026, 12, 4, 17, 30, 0, 0, berlin), "2026-W48"},
	}
	for _, c := range cases {
		if got := c.s.ReportWeek(c.at); got != c.want {
			t.Errorf("%v ReportWeek(%v) = %s, want %s", c.s, c.at, got, c.want)
		}
	}
}

// fakeClock is a Clock whose time moves only when the test says so.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
	changed chan struct{} // closed and replaced whenever a waiter is added
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(now time.Time) *fakeClock {
	return &fakeClock{now: now, changed: make(chan struct{})}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, fakeWaiter{c.now.Add(d), ch})
	close(c.changed)
	c.changed = make(chan struct{})
	return ch
}

// waitIdle blocks until exactly one goroutine waits on the clock, which for a
// single Scheduler means it has finished all work due so far. It returns the
// time that waiter wakes at. The timeout only guards against a hang.
func (c *fakeClock) waitIdle(t *testing.T) time.Time {
	t.Helper()
	guard := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		n, changed := len(c.waiters), c.changed
		var at time.Time
		if n > 0 {
			at = c.waiters[0].at
		}
		c.mu.Unlock()
		if n == 1 {
			return at
		}
		if n > 1 {
			t.Fatalf("%d waiters on the fake clock, want 1", n)
		}
		select {
		case <-changed:
		case <-guard:
			t.Fatal("scheduler never waited on the clock")
		}
	}
}

// set moves the clock to now and wakes the waiters that are due.
func (c *fakeClock) set(now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = now
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(now) {
			kept = append(kept, w)
			continue
		}
		w.ch <- now
	}
	c.waiters = kept
}

// advanceTo moves time forward to target, one wake-up at a time, and
// returns once the scheduler is idle again.
func (c *fakeClock) advanceTo(t *testing.T, target time.Time) {
	t.Helper()
	for {
		at := c.waitIdle(t)
		if !c.Now().Before(target) {
			return
		}
		c.set(minTime(at, target))
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// memMarker is an in-memory Marker that counts calls.
type memMarker struct {
	mu     sync.Mutex
	marked map[string]bool
	marks  int // successful MarkSummary calls that marked
}

func newMemMarker() *memMarker { return &memMarker{marked: map[string]bool{}} }

func (m *memMarker) MarkSummary(_ context.Context, week string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.marked[week] {
		return false, nil
	}
	m.marked[week] = true
	m.marks++
	return true, nil
}

func (m *memMarker) SummaryMarked(_ context.Context, week string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.marked[week], nil
}

func (m *memMarker) count() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.marks
}

// poster records Post calls; fail makes the first n calls fail.
type poster struct {
	mu       sync.Mutex
	clock    Clock
	fail     int
	calls    int
	posted   []string    // weeks posted successfully
	postedAt []time.Time // when
}

func (p *poster) Post(_ context.Context, week string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls++
	if p.calls <= p.fail {
		return errors.New("slack: service unavailable")
	}
	p.posted = append(p.posted, week)
	p.postedAt = append(p.postedAt, p.clock.Now())
	return nil
}

func (p *poster) snapshot() (calls int, posted []string, at []time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls, append([]string(nil), p.posted...), append([]time.Time(nil), p.postedAt...)
}

// process is one running Scheduler, standing in for one bot process.
type process struct {
	clock  *fakeClock
	post   *poster
	cancel context.CancelFunc
	done   chan error
}

func start(t *testing.T, now time.Time, grace time.Duration, m Marker, fail int) *process {
	t.Helper()
	s, err := ParseSchedule("Mon 09:00", "Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	clk := newFakeClock(now)
	p := &process{clock: clk, post: &poster{clock: clk, fail: fail}, done: make(chan error, 1)}
	sch := &Scheduler{
		Schedule: s,
		Grace:    grace,
		Clock:    clk,
		Marker:   m,
		Post:     p.post.Post,
		Log:      slog.New(slog.DiscardHandler),
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	go func() { p.done <- sch.Run(ctx) }()
	t.Cleanup(func() { p.stop(t) })
	return p
}

func (p *process) stop(t *testing.T) {
	t.Helper()
	if p.cancel == nil {
		return
	}
	p.cancel()
	p.cancel = nil
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func berlinTime(t *testing.T, y int, m time.Month, d, h, mi int) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, mustLoc(t, "Europe/Berlin"))
}

func wantPosts(t *testing.T, p *poster, weeks ...string) {
	t.Helper()
	_, got, _ := p.snapshot()
	if strings.Join(got, ",") != strings.Join(weeks, ",") {
		t.Errorf("posted %q, want %q", got, weeks)
	}
}

// A restart on the scheduled minute: the first process posts and marks at
// Monday 09:00:00, is replaced by a second one started at the same instant,
// which sees the marker. Exactly one post.
func TestRestartOnScheduledMinute(t *testing.T) {
	m := newMemMarker()
	at := berlinTime(t, 2026, 11, 30, 9, 0)

	first := start(t, at, 0, m, 0)
	first.clock.waitIdle(t)
	wantPosts(t, first.post, "2026-W48")
	first.stop(t)

	second := start(t, at, 0, m, 0)
	second.clock.waitIdle(t)
	// ... and the rest of the scheduled minute.
	second.clock.advanceTo(t, at.Add(59*time.Second))
	wantPosts(t, second.post)
	if n := m.count(); n != 1 {
		t.Errorf("marked %d times, want 1", n)
	}
}

// The regular path: asleep before the run, woken at 09:00 local after the
// clocks went back (Berlin, Sun 2026-10-25), posts once, and next week again.
func TestRunsWeeklyAcrossDST(t *testing.T) {
	m := newMemMarker()
	p := start(t, berlinTime(t, 2026, 10, 24, 12, 0), 0, m, 0) // Saturday; last run is outside grace
	p.clock.waitIdle(t)
	wantPosts(t, p.post)

	p.clock.advanceTo(t, berlinTime(t, 2026, 11, 2, 12, 0))
	wantPosts(t, p.post, "2026-W43", "2026-W44")
	_, _, at := p.post.snapshot()
	want := []time.Time{
		time.Date(2026, 10, 26, 8, 0, 0, 0, time.UTC), // 09:00 CET
		time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC),
	}
	for i := range min(len(at), len(want)) {
		if !at[i].Equal(want[i]) {
			t.Errorf("post %d at %v, want %v", i, at[i].UTC(), want[i])
		}
	}
	if n := m.count(); n != 2 {
		t.Errorf("marked %d times, want 2", n)
	}
}

func TestCatchUp(t *testing.T) {
	t.Run("Monday 15:00 after a missed 09:00 run posts once", func(t *testing.T) {
		m := newMemMarker()
		p := start(t, berlinTime(t, 2026, 11, 30, 15, 0), 0, m, 0)
		p.clock.waitIdle(t)
		wantPosts(t, p.post, "2026-W48")
		// Later the same week nothing more happens.
		p.clock.advanceTo(t, berlinTime(t, 2026, 12, 3, 12, 0))
		wantPosts(t, p.post, "2026-W48")
		if ok, _ := m.SummaryMarked(context.Background(), "2026-W48"); !ok || m.count() != 1 {
			t.Errorf("marker: marked=%v count=%d, want one mark of 2026-W48", ok, m.count())
		}
	})
	t.Run("Wednesday 10:00 with a 48h grace is too late", func(t *testing.T) {
		m := newMemMarker()
		p := start(t, berlinTime(t, 2026, 12, 2, 10, 0), 48*time.Hour, m, 0)
		p.clock.waitIdle(t)
		wantPosts(t, p.post)
		if calls, _, _ := p.post.snapshot(); calls != 0 || m.count() != 0 {
			t.Errorf("Post called %d times, marked %d, want none", calls, m.count())
		}
		// It still posts at the next scheduled run.
		p.clock.advanceTo(t, berlinTime(t, 2026, 12, 7, 9, 0))
		wantPosts(t, p.post, "2026-W49")
	})
	t.Run("within grace but already marked", func(t *testing.T) {
		m := newMemMarker()
		if _, err := m.MarkSummary(context.Background(), "2026-W48"); err != nil {
			t.Fatal(err)
		}
		p := start(t, berlinTime(t, 2026, 12, 1, 8, 0), 0, m, 0) // Tuesday, 23h late
		p.clock.waitIdle(t)
		if calls, _, _ := p.post.snapshot(); calls != 0 {
			t.Errorf("Post called %d times, want 0", calls)
		}
		if n := m.count(); n != 1 {
			t.Errorf("marked %d times, want 1", n)
		}
	})
}

func TestPostFailsThenSucceeds(t *testing.T) {
	m := newMemMarker()
	start0 := berlinTime(t, 2026, 11, 30, 15, 0)
	p := start(t, start0, 0, m, 1)

	wake := p.clock.waitIdle(t)
	calls, posted, _ := p.post.snapshot()
	if calls != 1 || len(posted) != 0 || m.count() != 0 {
		t.Fatalf("after the failure: %d calls, posted %q, %d marks; want 1, none, 0", calls, posted, m.count())
	}
	if got := wake.Sub(start0); got != retryDelays[0] {
		t.Fatalf("retry in %v, want %v", got, retryDelays[0])
	}

	p.clock.set(wake)
	p.clock.waitIdle(t)
	wantPosts(t, p.post, "2026-W48")
	if calls, _, _ := p.post.snapshot(); calls != 2 {
		t.Errorf("Post called %d times, want 2", calls)
	}
	if n := m.count(); n != 1 {
		t.Errorf("marked %d times, want 1", n)
	}
	// No further attempts for that week.
	p.clock.advanceTo(t, berlinTime(t, 2026, 12, 6, 12, 0))
	if calls, _, _ := p.post.snapshot(); calls != 2 {
		t.Errorf("Post called %d times by Sunday, want 2", calls)
	}
}

// A Post that keeps failing is given up once the next retry would fall
// outside the grace window; it is not marked.
func TestPostGivesUpWithinGrace(t *testing.T) {
	m := newMemMarker()
	start0 := berlinTime(t, 2026, 11, 30, 9, 0)
	p := start(t, start0, time.Hour, m, 1000)
	p.clock.advanceTo(t, berlinTime(t, 2026, 12, 6, 12, 0))
	calls, posted, _ := p.post.snapshot()
	// Attempts at +0, +1m, +6m, +36m; the next (+2h36m) is past the 1h window.
	if calls != 4 || len(posted) != 0 || m.count() != 0 {
		t.Errorf("%d calls, posted %q, %d marks; want 4, none, 0", calls, posted, m.count())
	}
}

// When marking fails after a successful post, only the mark is retried.
func TestMarkFailsAfterPost(t *testing.T) {
	m := &flakyMarker{memMarker: newMemMarker(), failMarks: 1}
	start0 := berlinTime(t, 2026, 11, 30, 9, 0)
	p := start(t, start0, 0, m, 0)
	wake := p.clock.waitIdle(t)
	p.clock.set(wake)
	p.clock.waitIdle(t)
	wantPosts(t, p.post, "2026-W48")
	if calls, _, _ := p.post.snapshot(); calls != 1 {
		t.Errorf("Post called %d times, want 1", calls)
	}
	if n := m.count(); n != 1 {
		t.Errorf("marked %d times, want 1", n)
	}
}

type flakyMarker struct {
	*memMarker
	failMarks int
}

func (f *flakyMarker) MarkSummary(ctx context.Context, week string) (bool, error) {
	f.mu.Lock()
	if f.failMarks > 0 {
		f.failMarks--
		f.mu.Unlock()
		return false, errors.New("store: disk full")
	}
	f.mu.Unlock()
	return f.memMarker.MarkSummary(ctx, week)
}

func TestRunMisconfigured(t *testing.T) {
	if err := (&Scheduler{Post: func(context.Context, string) error { return nil }}).Run(context.Background()); err == nil {
		t.Error("Run with no Marker: no error")
	}
	if err := (&Scheduler{Marker: newMemMarker()}).Run(context.Background()); err == nil {
		t.Error("Run with no Post: no error")
	}
}
