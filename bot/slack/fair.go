package slack

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	goslack "github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"
)

// Fair share. Every envelope is acknowledged as it arrives; its work then
// waits in its person's lane, and the workers take the lanes in turn, one
// piece of work per turn. One person flooding the bot holds at most
// perUserRunning workers and perUserPending waiting envelopes, so a
// bystander's message finds a free worker and the front of the line.
// Within a lane, work for the same conversation runs one at a time, in the
// order it arrived.

// Lane sizes.
const (
	perUserPending = 32 // envelopes one person may have waiting; beyond that they are dropped
	perUserRunning = 2  // workers one person may hold at once
)

// job is the work of one acknowledged envelope.
type job struct {
	conv string // ordering key within the lane: the same key runs one at a time, in order
	run  func(context.Context)
}

// lane is one person's waiting and running work.
type lane struct {
	user    string
	pending []job
	running int
	busy    map[string]bool // conversation keys running
	queued  bool            // in the ready line
}

// next is the index of the first waiting job whose conversation is not
// running, or -1. An earlier job of the same conversation would have been
// taken first, so order within a conversation holds.
func (l *lane) next() int {
	if l.running >= perUserRunning {
		return -1
	}
	for i, j := range l.pending {
		if !l.busy[j.conv] {
			return i
		}
	}
	return -1
}

// scheduler runs lanes' work on at most max goroutines, started as work
// arrives and ended when there is none, so an idle server holds none.
type scheduler struct {
	max  int
	ctx  context.Context
	exec func(context.Context, func(context.Context)) // runs one job (Server.safely)

	mu      sync.Mutex
	lanes   map[string]*lane
	ready   []*lane // lanes with work that can start, taken in turn
	pending int     // waiting jobs, all lanes
	live    int     // worker goroutines
	running int     // workers running a job
	closed  bool
	wg      sync.WaitGroup
}

func newScheduler(ctx context.Context, workers int, exec func(context.Context, func(context.Context))) *scheduler {
	return &scheduler{max: workers, ctx: ctx, exec: exec, lanes: map[string]*lane{}}
}

// submit outcomes.
type submitted int

const (
	accepted  submitted = iota
	laneFull            // the person has perUserPending envelopes waiting
	queueFull           // queueSize envelopes wait in all
	stopped             // the server is shutting down
)

// submit adds work to user's lane; it never blocks.
func (s *scheduler) submit(user string, j job) submitted {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return stopped
	case s.pending >= queueSize:
		return queueFull
	}
	l := s.lanes[user]
	if l == nil {
		l = &lane{user: user, busy: map[string]bool{}}
		s.lanes[user] = l
	} else if len(l.pending) >= perUserPending {
		return laneFull
	}
	l.pending = append(l.pending, j)
	s.pending++
	s.wake(l)
	return accepted
}

// wake puts l in the ready line when it has work that can start, and
// starts a worker when no free one will come for it; s.mu must be held.
func (s *scheduler) wake(l *lane) {
	if l.queued || l.next() < 0 {
		return
	}
	l.queued = true
	s.ready = append(s.ready, l)
	if free := s.live - s.running; free < len(s.ready) && s.live < s.max {
		s.live++
		s.wg.Add(1)
		go s.worker()
	}
}

// worker takes the lane at the front of the ready line, runs one of its
// jobs, and sends the lane to the back; it ends when no lane is ready.
func (s *scheduler) worker() {
	defer s.wg.Done()
	s.mu.Lock()
	for {
		if len(s.ready) == 0 {
			s.live--
			s.mu.Unlock()
			return
		}
		l := s.ready[0]
		s.ready[0] = nil
		s.ready = s.ready[1:]
		l.queued = false
		i := l.next()
		if i < 0 {
			continue
		}
		j := l.pending[i]
		l.pending = slices.Delete(l.pending, i, i+1) // zeroes the freed slot: no envelope kept alive
		l.running++
		l.busy[j.conv] = true
		s.pending--
		s.running++
		s.wake(l) // to the back of the line, if it has more that can start
		s.mu.Unlock()

		s.exec(s.ctx, j.run)

		s.mu.Lock()
		s.running--
		l.running--
		delete(l.busy, j.conv)
		if l.running == 0 && len(l.pending) == 0 {
			delete(s.lanes, l.user)
		} else {
			s.wake(l)
		}
	}
}

// close stops taking work and waits for the work taken to finish.
func (s *scheduler) close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.wg.Wait()
}

// laneOf names the person an envelope is from, and the conversation its
// work belongs to, for the scheduler. Envelopes with no person (other
// bots' messages, edits) share the lane "". The conversation only orders
// work within the lane: a key coarser than the engine's conversation
// costs some parallelism, a finer one only the order, and the engine
// serialises each conversation anyway.
func laneOf(evt socketmode.Event) (user, conv string) {
	switch d := evt.Data.(type) {
	case slackevents.EventsAPIEvent:
		switch e := d.InnerEvent.Data.(type) {
		case *slackevents.MessageEvent:
			return e.User, e.Channel + "/" + e.ThreadTimeStamp
		case *slackevents.AppMentionEvent:
			thread := e.ThreadTimeStamp
			if thread == "" {
				thread = e.TimeStamp
			}
			return e.User, e.Channel + "/" + thread
		case *slackevents.AppHomeOpenedEvent:
			return e.User, "home"
		case *slackevents.AssistantThreadStartedEvent:
			return e.AssistantThread.UserID, e.AssistantThread.ChannelID + "/" + e.AssistantThread.ThreadTimeStamp
		}
	case goslack.InteractionCallback:
		if d.Type != goslack.InteractionTypeBlockActions {
			return d.User.ID, string(d.Type)
		}
		channel := d.Channel.ID
		if channel == "" {
			channel = d.Container.ChannelID
		}
		thread := d.Message.ThreadTimestamp
		if thread == "" && !isDM(channel) {
			thread = d.Message.Timestamp
		}
		return d.User.ID, channel + "/" + thread
	case goslack.SlashCommand:
		return d.UserID, "slash"
	}
	return "", ""
}

// schedule hands an acknowledged envelope's work to its person's lane.
func (a *Server) schedule(ctx context.Context, evt socketmode.Event, typ string) {
	user, conv := laneOf(evt)
	res := a.sched.submit(user, job{conv: conv, run: func(ctx context.Context) {
		start := time.Now()
		a.handle(a.withEventLog(ctx, evt, typ), evt)
		a.obs.Handled(typ, time.Since(start))
	}})
	var reason string
	switch res {
	case accepted:
		return
	case laneFull:
		// The engine's rate limit answers a flood politely; here it only
		// has to not crowd out everyone else.
		reason = "user_queue_full"
		if a.lg.Enabled(ctx, slog.LevelDebug) {
			a.log(a.withEventLog(ctx, evt, typ)).Debug("slack: too many events waiting from one person; acknowledged and dropped", "user", user, "waiting", perUserPending)
		}
	case queueFull:
		reason = "queue_full"
		a.log(a.withEventLog(ctx, evt, typ)).Warn("slack: work queue full; event acknowledged and dropped", "waiting", queueSize)
	case stopped:
		reason = "stopping"
	}
	a.obs.EventDropped(typ, reason)
}
