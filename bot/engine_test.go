package bot_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/knowledge"
)

// recorder is a Replier that keeps what the engine sent.
type recorder struct {
	mu  sync.Mutex
	out []bot.Outbound
}

func (r *recorder) Send(_ context.Context, m bot.Outbound) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.out = append(r.out, m)
	return nil
}

func (r *recorder) Stream(context.Context) (bot.Stream, error) { return &recStream{r: r}, nil }

type recStream struct {
	r    *recorder
	text string
}

func (s *recStream) Write(_ context.Context, d string) error { s.text += d; return nil }
func (s *recStream) Close(_ context.Context, final string, replace bool) error {
	if replace || s.text == "" {
		s.text = final
	}
	return s.r.Send(context.Background(), bot.Outbound{Kind: bot.KindText, Text: s.text})
}

func (r *recorder) last() bot.Outbound {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out[len(r.out)-1]
}

func (r *recorder) kinds() []bot.Kind {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ks []bot.Kind
	for _, m := range r.out {
		ks = append(ks, m.Kind)
	}
	return ks
}

var kb = func() *knowledge.Base {
	b, err := knowledge.Load()
	if err != nil {
		panic(err)
	}
	return b
}()

func newEngine(st store.Store) *bot.Engine {
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	return bot.New(lg, bot.Config{
		Advisor:   advisor.New(advisor.DefaultAssumptions()),
		Store:     st,
		Explainer: explain.New(lg, explain.Config{KB: kb}),
		Extractor: extract.New(lg, nil),
		// These tests play conversations faster than any person types;
		// limits_test.go tests the limits.
		Limits: unlimited,
	})
}

// unlimited are limits no test conversation reaches.
var unlimited = bot.Limits{PerMinute: 1 << 30, Burst: 1 << 30, DailyBytes: 1 << 40}

// converse plays a conversation to its recommendation: the description,
// then "skip" or a valid answer to every question.
func converse(t testing.TB, e *bot.Engine, key store.ConvKey, user string) *recorder {
	r := &recorder{}
	ctx := context.Background()
	send := func(text string) {
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: user, Text: text}, r); err != nil {
			t.Errorf("Handle(%q): %v", text, err)
		}
	}
	send("Answer employee questions from our HR handbook, about 3,000 a month, 8 minutes each.")
	for i := 0; i < bot.MaxQuestions+1; i++ {
		m := r.last()
		if m.Kind != bot.KindQuestion {
			break
		}
		f, _ := advisor.LookupField(m.Question.Field)
		if i%2 == 0 {
			send(f.Example)
		} else {
			send("skip")
		}
	}
	return r
}

func TestConversationReachesRecommendation(t *testing.T) {
	st := store.NewMem()
	e := newEngine(st)
	key := store.ConvKey{Platform: "test", Team: "T", Channel: "C", Thread: "1"}
	r := converse(t, e, key, "U1")
	var sawRec, sawFeedback bool
	questions := 0
	for _, k := range r.kinds() {
		switch k {
		case bot.KindRecommendation:
			sawRec = true
		case bot.KindFeedback:
			sawFeedback = true
		case bot.KindQuestion:
			questions++
		}
	}
	if !sawRec || !sawFeedback || questions > bot.MaxQuestions {
		t.Fatalf("kinds %v", r.kinds())
	}
	c, err := st.GetConversation(context.Background(), key)
	if err != nil || c.Phase != store.PhaseAdvised || c.RecID == "" {
		t.Fatalf("conversation %+v, %v", c, err)
	}
	recs, _ := st.Assessments(context.Background(), "U1", time.Time{}, 0)
	if len(recs) != 1 {
		t.Errorf("%d recommendations stored", len(recs))
	}
}

// TestParallelConversations runs 1,000 conversations at once (run it with
// -race): each must reach its recommendation with its own state.
func TestParallelConversations(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 100
	}
	// The real on-disk store, synced writes and all.
	st, err := badgerstore.Open(slog.New(slog.NewTextHandler(io.Discard, nil)), badgerstore.Options{Create: true, Dir: t.TempDir(), GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := newEngine(st)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := store.ConvKey{Platform: "test", Team: "T", Channel: fmt.Sprint("C", i%10), Thread: fmt.Sprint(i)}
			converse(t, e, key, fmt.Sprint("U", i))
		}()
	}
	wg.Wait()
	recs, err := st.Assessments(context.Background(), "", time.Time{}, 0)
	if err != nil || len(recs) != n {
		t.Fatalf("%d recommendations for %d conversations (%v)", len(recs), n, err)
	}
}

// TestSameConversationInOrder sends many answers to one conversation at
// once: they are applied one at a time, so every question is asked once and
// the conversation ends consistent.
func TestSameConversationInOrder(t *testing.T) {
	st := store.NewMem()
	e := newEngine(st)
	key := store.ConvKey{Platform: "test", Channel: "C"}
	r := &recorder{}
	ctx := context.Background()
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U", Text: "Route 5,000 invoices a month, 3 minutes each."}, r); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = e.Handle(ctx, bot.Inbound{Conv: key, User: "U", Text: "skip"}, r)
		}()
	}
	wg.Wait()
	c, _ := st.GetConversation(ctx, key)
	seen := map[string]bool{}
	for _, f := range c.Asked {
		if seen[f] {
			t.Errorf("asked %s twice: %v", f, c.Asked)
		}
		seen[f] = true
	}
	if c.Phase != store.PhaseAdvised {
		t.Errorf("phase %s after skipping everything", c.Phase)
	}
}

func TestCommands(t *testing.T) {
	st := store.NewMem()
	e := newEngine(st)
	key := store.ConvKey{Platform: "test", Channel: "C"}
	converse(t, e, key, "U")
	ctx := context.Background()
	for _, tt := range []struct {
		text string
		want bot.Kind
	}{
		{"why?", bot.KindText},
		{"show roi", bot.KindROI},
		{"what if the volume is 50k?", bot.KindWhatIf},
		{"what if colour is red", bot.KindError},
		{"what if the volume is lots", bot.KindError},
		{"help", bot.KindText},
		{"helpful", bot.KindText},
		{"we chose rag", bot.KindText},
		{"restart", bot.KindText},
	} {
		r := &recorder{}
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U", Text: tt.text}, r); err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		if got := r.last().Kind; got != tt.want {
			t.Errorf("%q: last reply %s, want %s", tt.text, got, tt.want)
		}
	}
	wk, _ := st.Week(ctx, store.ISOWeek(time.Now()))
	if wk.Helpful != 1 || wk.Chosen[advisor.RAG] != 1 {
		t.Errorf("feedback not counted: %+v", wk)
	}
	c, _ := st.GetConversation(ctx, key)
	if c.Phase != store.PhaseDescribe || c.RecID != "" {
		t.Errorf("restart left %+v", c)
	}
}

// TestFullDiskTurnsMessagesAway: while the store refuses writes, a message
// gets the polite refusal and changes nothing; once there is room the
// conversation carries on where it was.
func TestFullDiskTurnsMessagesAway(t *testing.T) {
	st := store.NewMem()
	e := newEngine(st)
	key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "D1"}
	ctx := context.Background()
	r := &recorder{}
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: "Answer employee questions from our HR handbook, about 3,000 a month, 8 minutes each."}, r); err != nil {
		t.Fatal(err)
	}
	before, err := st.GetConversation(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	st.FailWrites(fmt.Errorf("store: %w: 12 MiB free", store.ErrNoSpace))
	for _, text := range []string{"skip", "restart", "Draft replies to supplier emails"} {
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: text}, r); err != nil {
			t.Fatal(err)
		}
		if m := r.last(); m.Kind != bot.KindError || !strings.Contains(m.Text, "disk space") {
			t.Errorf("%q with a full disk: %+v, want the polite refusal", text, m)
		}
	}
	if after, _ := st.GetConversation(ctx, key); !reflect.DeepEqual(before, after) {
		t.Errorf("the conversation changed while the disk was full")
	}
	st.FailWrites(nil)
	if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U1", Text: "skip"}, r); err != nil {
		t.Fatal(err)
	}
	if m := r.last(); m.Kind == bot.KindError {
		t.Errorf("after space returned: %+v", m)
	}
	if after, _ := st.GetConversation(ctx, key); len(after.Skipped) != 1 {
		t.Errorf("the skip after space returned was not applied: %+v", after.Skipped)
	}
}
