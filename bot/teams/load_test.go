package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/bottest"

	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// loadRig is the real endpoint, adapter, engine and on-disk store between
// the fakes, served over HTTP as in production.
type loadRig struct {
	id    *teamstest.Identity
	bf    *teamstest.BotFramework
	srv   *httptest.Server
	token string // one valid token, reused as the Bot Framework reuses its tokens
}

func newLoadRig(tb testing.TB, handler func(tb testing.TB, st store.Store, conn *Connector) Handler) *loadRig {
	r := &loadRig{id: teamstest.NewIdentity(tb), bf: teamstest.NewBotFramework(tb)}
	st, err := badgerstore.Open(slog.New(slog.DiscardHandler), badgerstore.Options{Create: true, Dir: tb.TempDir(), GCInterval: -1})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	conn := &Connector{Tokens: &TokenSource{AppID: testAppID, Password: teamstest.Secret, TokenURL: r.bf.TokenURL()}}
	ep := &Endpoint{Verifier: &Verifier{AppID: testAppID, MetadataURL: r.id.MetadataURL()}, Handler: handler(tb, st, conn)}
	r.srv = httptest.NewServer(ep)
	tb.Cleanup(r.srv.Close)
	r.token = "Bearer " + r.id.Token(tb, "RS256", "k1", teamstest.Claims(testAppID, r.bf.ServiceURL(), time.Now()))
	return r
}

func engineHandler(tb testing.TB, st store.Store, conn *Connector) Handler {
	return &Adapter{Engine: testEngine(tb, st), Conn: conn, Store: st}
}

func (r *loadRig) activity(i int, conv, text string) []byte {
	b, _ := json.Marshal(map[string]any{
		"type": "message", "id": "act-" + strconv.Itoa(i), "channelId": "msteams", "serviceUrl": r.bf.ServiceURL(),
		"from": map[string]any{"id": "29:" + conv}, "recipient": map[string]any{"id": "28:" + testAppID},
		"conversation": map[string]any{"id": conv, "conversationType": "personal", "tenantId": "t"}, "text": text,
	})
	return b
}

// post sends one activity and returns how long the endpoint took to answer.
func (r *loadRig) post(c *http.Client, body []byte) (time.Duration, int, error) {
	req, _ := http.NewRequest(http.MethodPost, r.srv.URL, bytes.NewReader(body))
	req.Header.Set("Authorization", r.token)
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	resp.Body.Close()
	return time.Since(start), resp.StatusCode, nil
}

// TestLoad sends 300 activities a second through HTTP, each with a
// verified token, to the real endpoint, adapter, engine and on-disk store.
// It runs only with ADVISORBOT_LOAD=1 and reports the answer time p99 (the
// Bot Framework's view of the acknowledgement; target under 5 ms),
// requests not answered 200, and the first reply p99.
func TestLoad(t *testing.T) {
	rate, seconds := bottest.Load(t)
	r := newLoadRig(t, engineHandler)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var mu sync.Mutex
	var acks []time.Duration
	failed := 0
	firsts := map[string]time.Time{}
	rng := rand.New(rand.NewPCG(1, 1))
	var wg sync.WaitGroup
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	for i := range rate * seconds {
		<-tick.C
		conv := fmt.Sprint("a:conv-", i)
		text := "Route about 2,000 invoices a month to the right approver; each takes 3 minutes."
		if i >= 50 && rng.IntN(5) == 0 {
			conv, text = fmt.Sprint("a:conv-", rng.IntN(i)), "skip"
		} else {
			mu.Lock()
			firsts[url.PathEscape(conv)] = time.Now()
			mu.Unlock()
		}
		body := r.activity(i, conv, text)
		wg.Go(func() {
			d, code, err := r.post(client, body)
			mu.Lock()
			defer mu.Unlock()
			if err != nil || code != http.StatusOK {
				failed++
				return
			}
			acks = append(acks, d)
		})
	}
	wg.Wait()
	time.Sleep(3 * time.Second)
	var replies []time.Duration
	seen := map[string]bool{}
	for _, a := range r.bf.Activities() {
		var conv string
		fmt.Sscanf(a.Path, "/v3/conversations/%s", &conv)
		conv = conv[:len(conv)-len("/activities")]
		if at, ok := firsts[conv]; ok && !seen[conv] && a.Method == http.MethodPost {
			seen[conv] = true
			replies = append(replies, a.At.Sub(at))
		}
	}
	slices.Sort(acks)
	slices.Sort(replies)
	p := func(ds []time.Duration, q float64) time.Duration {
		if len(ds) == 0 {
			return -1
		}
		return ds[int(q*float64(len(ds)-1))]
	}
	t.Logf("activities sent: %d over %d s (%d/s)", rate*seconds, seconds, rate)
	t.Logf("answered: p50 %v, p99 %v, max %v (%d answered 200, %d not)", p(acks, 0.5), p(acks, 0.99), p(acks, 1), len(acks), failed)
	t.Logf("first reply: p50 %v, p99 %v (%d of %d new conversations answered)", p(replies, 0.5), p(replies, 0.99), len(replies), len(firsts))
	if failed > 0 {
		t.Errorf("%d requests not answered 200", failed)
	}
}

// TestLoadSilentConnector sends 4,000 verified activities, 32 at a time,
// to the real endpoint, adapter, engine and on-disk store while the
// connector takes every call and never answers. It runs only with
// ADVISORBOT_LOAD=1 and reports the process's resident memory (target
// under 150 MB) and goroutines, which the endpoint's bound keeps small:
// at most DefaultMaxConcurrent activities are handled, the rest get 503.
func TestLoadSilentConnector(t *testing.T) {
	bottest.Load(t)
	const total, senders = 4000, 32
	runtime.GC()
	rssBefore, _ := memory(t)
	goBefore := runtime.NumGoroutine()
	var h *countingHandler
	r := newLoadRig(t, func(tb testing.TB, st store.Store, conn *Connector) Handler {
		h = &countingHandler{next: engineHandler(tb, st, conn)}
		return h
	})
	r.bf.Silence()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: senders}}
	defer client.CloseIdleConnections()
	statuses := map[int]int{}
	var mu sync.Mutex
	var goMost int
	next := make(chan int)
	var wg sync.WaitGroup
	for range senders {
		wg.Go(func() {
			for i := range next {
				_, code, err := r.post(client, r.activity(i, fmt.Sprint("a:flood-", i), "Route about 2,000 invoices a month to the right approver; each takes 3 minutes."))
				mu.Lock()
				if err != nil {
					code = -1
				}
				statuses[code]++
				goMost = max(goMost, runtime.NumGoroutine())
				mu.Unlock()
			}
		})
	}
	start := time.Now()
	for i := range total {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	rss, peak := memory(t)
	goAfter := runtime.NumGoroutine()
	began, now, most := h.counts()
	held, heldMost := r.bf.Held()
	t.Logf("activities sent: %d in %v, %d at a time; answered %v (status: count)", total, elapsed.Round(time.Millisecond), senders, statuses)
	t.Logf("handled: %d began, %d still running, at most %d at once (limit %d); connector calls held: %d now, %d at most", began, now, most, DefaultMaxConcurrent, held, heldMost)
	t.Logf("goroutines: %d before, %d at most while sending, %d after", goBefore, goMost, goAfter)
	t.Logf("resident memory: %.1f MB before, %.1f MB after, %.1f MB peak", rssBefore, rss, peak)
	if most > DefaultMaxConcurrent {
		t.Errorf("%d activities handled at once; the limit is %d", most, DefaultMaxConcurrent)
	}
	if statuses[http.StatusOK]+statuses[http.StatusServiceUnavailable] != total {
		t.Errorf("answers other than 200 and 503: %v", statuses)
	}
	if peak > 150 {
		t.Errorf("peak resident memory %.1f MB; target under 150 MB", peak)
	}
}

// memory is the process's resident set and its peak, in MB, from
// /proc/self/status (Linux); 0 elsewhere.
func memory(t testing.TB) (rss, peak float64) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Logf("memory not measured: %v", err)
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		var kb float64
		if _, err := fmt.Sscanf(line, "VmRSS: %f kB", &kb); err == nil {
			rss = kb / 1024
		}
		if _, err := fmt.Sscanf(line, "VmHWM: %f kB", &kb); err == nil {
			peak = kb / 1024
		}
	}
	return rss, peak
}

// nopHandler drops activities, so the benchmark measures the endpoint alone.
type nopHandler struct{}

func (nopHandler) HandleActivity(context.Context, Activity) {}

// BenchmarkEndpoint is one request to /api/messages over local HTTP: the
// token verified (RS256, cached keys), the activity parsed, 200 written.
func BenchmarkEndpoint(b *testing.B) {
	r := newLoadRig(b, func(testing.TB, store.Store, *Connector) Handler { return nopHandler{} })
	body := r.activity(1, "a:conv", "hello")
	client := &http.Client{}
	if _, code, err := r.post(client, body); err != nil || code != http.StatusOK {
		b.Fatal(code, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, code, err := r.post(client, body); err != nil || code != http.StatusOK {
			b.Fatal(code, err)
		}
	}
}
