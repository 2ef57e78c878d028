package slack_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/bottest"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/knowledge"
)

// hungEndpoint is a model endpoint that takes every call and never
// answers: each call returns only when its context ends.
type hungEndpoint struct{ calls atomic.Int64 }

func (m *hungEndpoint) Name() string { return "hung" }

func (m *hungEndpoint) Complete(ctx context.Context, _ llm.Request) (llm.Completion, error) {
	m.calls.Add(1)
	<-ctx.Done()
	return llm.Completion{}, ctx.Err()
}

func (m *hungEndpoint) Stream(ctx context.Context, _ llm.Request, _ func(string) error) (llm.Completion, error) {
	m.calls.Add(1)
	<-ctx.Done()
	return llm.Completion{}, ctx.Err()
}

// TestLoadHungModel: while the model endpoint hangs and a stream of
// people describe what they want to automate (each description goes to
// the model for extraction), bystanders' /roi, which needs no model, is
// answered as quickly as ever. The model sits behind llm.Bounded with the
// production defaults, as cmd/advisorbot wires it. It runs only with
// ADVISORBOT_LOAD=1 and reports the /roi answer time p99 (target under
// 100 ms): 50 descriptions and 10 /roi a second, for
// ADVISORBOT_LOAD_SECONDS (default 30).
func TestLoadHungModel(t *testing.T) {
	_, seconds := bottest.Load(t)
	const descriptionsPerSecond, roiPerSecond = 50, 10
	fake := slacktest.Start(t, slacktest.Config{Logf: func(string, ...any) {}, BaseTS: time.Now().Unix()})
	st, err := badgerstore.Open(quiet(), badgerstore.Options{Create: true, Dir: t.TempDir(), GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() }) // after the server stops (cleanups run last first)
	kb, _ := knowledge.Load()
	lg := quiet()
	hung := &hungEndpoint{}
	model := llm.NewRedacting(llm.NewBounded(lg, hung, llm.Limits{}), nil)
	eng := bot.New(lg, bot.Config{
		Advisor:   advisor.New(advisor.DefaultAssumptions()),
		Store:     st,
		Explainer: explain.New(lg, explain.Config{Model: model, ModelName: model.Name(), KB: kb}),
		Extractor: extract.New(lg, model),
	})
	ctx := serve(t, fake, eng, st, nil)

	var mu sync.Mutex
	roiSent := map[string]time.Time{} // bystander: when their /roi was sent
	tick := time.NewTicker(time.Second / descriptionsPerSecond)
	defer tick.Stop()
	descriptions := descriptionsPerSecond * seconds
	for i := range descriptions {
		<-tick.C
		env := fake.DM(fmt.Sprint("U", i), "Route about 2,000 invoices a month to the right approver; each takes 3 minutes.")
		if err := fake.Send(env); err != nil {
			t.Fatal(err)
		}
		if i%(descriptionsPerSecond/roiPerSecond) == 0 {
			user := fmt.Sprint("B", i)
			env := fake.SlashCommand("/roi", user, "C2", "20k a month, 6 min each, $45/h")
			mu.Lock()
			roiSent[user] = time.Now()
			mu.Unlock()
			if err := fake.Send(env); err != nil {
				t.Fatal(err)
			}
		}
	}
	wctx, wcancel := context.WithTimeout(ctx, 30*time.Second) // a safety net, not a measurement
	defer wcancel()
	if err := fake.Await(wctx, func() bool { return len(fake.Ephemerals("C2")) >= len(roiSent) }); err != nil {
		t.Errorf("only %d of %d /roi answered: %v", len(fake.Ephemerals("C2")), len(roiSent), err)
	}

	var answers []time.Duration
	for _, m := range fake.Ephemerals("C2") {
		if at, ok := roiSent[m.EphemeralTo]; ok {
			answers = append(answers, m.PostedAt.Sub(at))
			delete(roiSent, m.EphemeralTo)
		}
	}
	slices.Sort(answers)
	p := func(q float64) time.Duration {
		if len(answers) == 0 {
			return -1
		}
		return answers[int(q*float64(len(answers)-1))]
	}
	replied := 0
	for i := range descriptions {
		for _, m := range fake.Messages(fake.DMChannel(fmt.Sprint("U", i))) {
			if m.FromBot() {
				replied++
				break
			}
		}
	}
	t.Logf("descriptions sent: %d over %d s (%d/s); %d answered; model calls begun (and hung): %d, the rest refused by the pool after its wait",
		descriptions, seconds, descriptionsPerSecond, replied, hung.calls.Load())
	t.Logf("/roi answered: %d (%d/s); p50 %v, p99 %v, max %v", len(answers), roiPerSecond, p(0.5), p(0.99), p(1))
}
