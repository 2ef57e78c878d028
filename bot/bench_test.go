package bot_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
)

func openDisk(b *testing.B) *badgerstore.Store {
	b.Helper()
	st, err := badgerstore.Open(slog.New(slog.NewTextHandler(io.Discard, nil)), badgerstore.Options{Create: true, Dir: b.TempDir(), GCInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// BenchmarkTurn is one turn without a model on the on-disk store, the
// synced write included: an answer to a pending question that is followed
// by the next question. It reports p50 and p99 (target: p99 under 5 ms).
func BenchmarkTurn(b *testing.B) {
	st := openDisk(b)
	e := newEngine(st)
	ctx := context.Background()
	r := &recorder{}
	var durs []time.Duration
	i := 0
	for b.Loop() {
		b.StopTimer()
		key := store.ConvKey{Platform: "bench", Channel: strconv.Itoa(i)}
		i++
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U", Text: "Answer staff questions from our HR handbook, about 500 a month, 10 minutes each."}, r); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U", Text: "skip"}, r); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(start))
		r.out = r.out[:0]
	}
	reportPercentiles(b, durs)
}

func reportPercentiles(b *testing.B, durs []time.Duration) {
	if len(durs) == 0 {
		return
	}
	slices.Sort(durs)
	p := func(q float64) float64 { return float64(durs[int(q*float64(len(durs)-1))].Microseconds()) / 1000 }
	b.ReportMetric(p(0.5), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
}

// BenchmarkOpenConversations measures what 1,000 open conversations (each
// waiting on a question) add to the process's resident memory (target:
// under 100 MB).
func BenchmarkOpenConversations(b *testing.B) {
	for b.Loop() {
		st, err := badgerstore.Open(slog.New(slog.NewTextHandler(io.Discard, nil)), badgerstore.Options{Create: true, Dir: b.TempDir(), GCInterval: -1})
		if err != nil {
			b.Fatal(err)
		}
		e := newEngine(st)
		ctx := context.Background()
		runtime.GC()
		before := rssMB(b)
		for i := range 1000 {
			key := store.ConvKey{Platform: "bench", Channel: fmt.Sprint("C", i)}
			if err := e.Handle(ctx, bot.Inbound{Conv: key, User: fmt.Sprint("U", i), Text: "Route 5,000 invoices a month to approvers, 3 minutes each; our policies change monthly."}, &recorder{}); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		b.ReportMetric(rssMB(b)-before, "rss-added-MB")
		st.Close()
	}
}

// BenchmarkRecommendTurn is the heaviest turn without a model: the last
// answer, which stores the recommendation and the conversation (two synced
// writes) and writes the rule explanation.
func BenchmarkRecommendTurn(b *testing.B) {
	st := openDisk(b)
	e := newEngine(st)
	ctx := context.Background()
	r := &recorder{}
	var durs []time.Duration
	i := 0
	for b.Loop() {
		b.StopTimer()
		key := store.ConvKey{Platform: "bench", Channel: "R" + strconv.Itoa(i)}
		i++
		// A small volume settles the advice after the description alone,
		// except for the questions skipped here.
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U", Text: "Draft replies to supplier emails, about 30 a month, 4 minutes each."}, r); err != nil {
			b.Fatal(err)
		}
		for j := 0; j < bot.MaxQuestions-1 && r.last().Kind == bot.KindQuestion; j++ {
			_ = e.Handle(ctx, bot.Inbound{Conv: key, User: "U", Text: "skip"}, r)
		}
		b.StartTimer()
		start := time.Now()
		if err := e.Handle(ctx, bot.Inbound{Conv: key, User: "U", Text: "skip"}, r); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(start))
		r.out = r.out[:0]
	}
	reportPercentiles(b, durs)
}

// rssMB reads this process's resident set size from /proc.
func rssMB(b *testing.B) float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc on this system")
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	b.Skip("no VmRSS")
	return 0
}
