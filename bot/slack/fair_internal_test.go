package slack

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
)

// recorder runs jobs that note their names, some held at a gate.
type recorder struct {
	mu      sync.Mutex
	order   []string
	started map[string]chan struct{}
	gates   map[string]chan struct{}
}

func newRecorder() *recorder {
	return &recorder{started: map[string]chan struct{}{}, gates: map[string]chan struct{}{}}
}

// job returns a job named name in conversation conv; when hold, it waits
// for release(name) before it ends.
func (r *recorder) job(conv, name string, hold bool) job {
	r.mu.Lock()
	st := make(chan struct{})
	r.started[name] = st
	var gate chan struct{}
	if hold {
		gate = make(chan struct{})
		r.gates[name] = gate
	}
	r.mu.Unlock()
	return job{conv: conv, run: func(context.Context) {
		r.mu.Lock()
		r.order = append(r.order, name)
		r.mu.Unlock()
		close(st)
		if gate != nil {
			<-gate
		}
	}}
}

func (r *recorder) waitStarted(name string) {
	r.mu.Lock()
	ch := r.started[name]
	r.mu.Unlock()
	<-ch
}

func (r *recorder) release(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	close(r.gates[name])
}

func (r *recorder) ran() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.order)
}

func run(ctx context.Context, f func(context.Context)) { f(ctx) }

// laneState is a lane's waiting and running counts.
func (s *scheduler) laneState(user string) (pending, running int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l := s.lanes[user]; l != nil {
		return len(l.pending), l.running
	}
	return 0, 0
}

// TestSchedulerFloodDoesNotQueueAheadOfOthers: a person whose work is
// stuck fills their own lane and no more; the next person's work runs
// next, even with a single worker.
func TestSchedulerFloodDoesNotQueueAheadOfOthers(t *testing.T) {
	r := newRecorder()
	s := newScheduler(context.Background(), 1, run)
	if got := s.submit("A", r.job("dm", "A0", true)); got != accepted {
		t.Fatalf("first job: %v", got)
	}
	r.waitStarted("A0")
	for i := 1; i <= perUserPending; i++ {
		if got := s.submit("A", r.job("dm", fmt.Sprint("A", i), false)); got != accepted {
			t.Fatalf("job %d: %v", i, got)
		}
	}
	if got := s.submit("A", r.job("dm", "A-over", false)); got != laneFull {
		t.Errorf("job beyond the lane's bound: %v, want laneFull", got)
	}
	if got := s.submit("B", r.job("dm-b", "B0", false)); got != accepted {
		t.Fatalf("bystander: %v", got)
	}
	r.release("A0")
	s.close()
	got := r.ran()
	if len(got) != 2+perUserPending || got[0] != "A0" || got[1] != "B0" {
		t.Errorf("ran %v; want A0, then B0, then A1..A%d", got, perUserPending)
	}
	for i := 1; i <= perUserPending && i+1 < len(got); i++ {
		if got[i+1] != fmt.Sprint("A", i) {
			t.Fatalf("A's work out of order: %v", got)
		}
	}
	if p, n := s.laneState("A"); p != 0 || n != 0 {
		t.Errorf("lane A left with %d waiting, %d running", p, n)
	}
}

// TestSchedulerStuckPersonHoldsFewWorkers: with workers to spare, one
// person's stuck work holds perUserRunning of them, and each conversation
// runs one piece at a time, in order.
func TestSchedulerStuckPersonHoldsFewWorkers(t *testing.T) {
	r := newRecorder()
	s := newScheduler(context.Background(), 8, run)
	for _, n := range []string{"x1", "y1", "z1"} {
		s.submit("A", r.job(n[:1], n, true))
	}
	s.submit("A", r.job("x", "x2", false))
	r.waitStarted("x1")
	r.waitStarted("y1")
	if p, n := s.laneState("A"); p != 2 || n != perUserRunning {
		t.Fatalf("A: %d waiting, %d running; want 2 and %d", p, n, perUserRunning)
	}
	// Another person is not held up by A.
	s.submit("B", r.job("b", "B0", false))
	r.waitStarted("B0")

	r.release("y1") // frees a worker of A's: z1 may start, x2 may not (x1 still runs)
	r.waitStarted("z1")
	if p, n := s.laneState("A"); p != 1 || n != 2 {
		t.Errorf("A: %d waiting, %d running after y1; want x2 waiting behind x1", p, n)
	}
	r.release("x1")
	r.release("z1")
	s.close()
	got := r.ran()
	if i, j := slices.Index(got, "x1"), slices.Index(got, "x2"); i < 0 || j < i {
		t.Errorf("ran %v: x2 before x1", got)
	}
	if len(got) != 5 {
		t.Errorf("ran %v", got)
	}
}

// TestSchedulerBoundsTotal: the total waiting is bounded too, and a
// closed scheduler takes nothing.
func TestSchedulerBoundsTotal(t *testing.T) {
	r := newRecorder()
	s := newScheduler(context.Background(), 1, run)
	s.submit("U-hold", r.job("c", "hold", true))
	r.waitStarted("hold")
	for i := range queueSize {
		if got := s.submit(fmt.Sprint("U", i), r.job("c", fmt.Sprint("j", i), false)); got != accepted {
			t.Fatalf("job %d: %v", i, got)
		}
	}
	if got := s.submit("U-late", r.job("c", "late", false)); got != queueFull {
		t.Errorf("beyond queueSize: %v", got)
	}
	r.release("hold")
	s.close()
	if got := s.submit("U-after", r.job("c", "after", false)); got != stopped {
		t.Errorf("after close: %v", got)
	}
	if n := len(r.ran()); n != queueSize+1 {
		t.Errorf("%d jobs ran, want %d", n, queueSize+1)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.lanes) != 0 || s.live != 0 || s.pending != 0 {
		t.Errorf("left %d lanes, %d workers, %d waiting", len(s.lanes), s.live, s.pending)
	}
}
