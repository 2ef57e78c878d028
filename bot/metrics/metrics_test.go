package metrics

import (
	"errors"
	"io"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
)

// wantNames is the contract with dashboards and alerts: renaming a metric
// breaks them, so a change here must be deliberate.
var wantNames = []string{
	"advisorbot_conversations_active",
	"advisorbot_model_call_duration_seconds",
	"advisorbot_model_calls_total",
	"advisorbot_model_tokens_total",
	"advisorbot_recommendations_total",
	"advisorbot_slack_ack_latency_seconds",
	"advisorbot_slack_api_call_duration_seconds",
	"advisorbot_slack_api_calls_total",
	"advisorbot_slack_events_acked_total",
	"advisorbot_slack_events_received_total",
	"advisorbot_slack_handler_duration_seconds",
	"advisorbot_teams_ack_latency_seconds",
	"advisorbot_teams_connector_call_duration_seconds",
	"advisorbot_teams_connector_calls_total",
	"advisorbot_teams_handler_duration_seconds",
	"advisorbot_teams_requests_total",
	"badger_compaction_tables",
	"badger_gets_total",
	"badger_l0_written_bytes_total",
	"badger_lsm_size_bytes",
	"badger_memtable_pending_writes",
	"badger_puts_total",
	"badger_vlog_reads_total",
	"badger_vlog_size_bytes",
	"badger_vlog_writes_total",
	"badger_written_bytes_total",
}

var typeLine = regexp.MustCompile(`(?m)^# TYPE (\S+) (\S+)$`)

func TestExposition(t *testing.T) {
	// Badger publishes its expvars (sizes per directory) once a database is
	// open on disk.
	st, err := badgerstore.Open(nil, badgerstore.Options{Create: true, Dir: t.TempDir(), GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The pending-writes gauge is registered by Badger's write goroutine,
	// which starts after Open returns; one committed write proves it ran.
	if _, err := st.FirstSeen(t.Context(), "k", time.Hour); err != nil {
		t.Fatal(err)
	}

	m := New()
	m.ConversationsActive(func() int { return 3 })
	m.EventReceived("message")
	m.EventAcked("message", 300*time.Microsecond)
	m.Handled("message", 2*time.Millisecond)
	m.APICall("chat.postMessage", "200", 20*time.Millisecond)
	m.APICall("chat.postMessage", "429", 5*time.Millisecond)
	m.Recommended("rag")
	m.TeamsRequest("message", 200, time.Millisecond)
	m.TeamsRequest("message", 401, time.Millisecond)
	m.TeamsHandled("message", time.Second)
	m.TeamsConnectorCall("send", "429", 10*time.Millisecond)
	m.ModelCall(800, 200, 3*time.Second, nil)
	m.ModelCall(0, 0, time.Second, errors.New("timeout"))

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	text := string(body)

	var got []string
	for _, mt := range typeLine.FindAllStringSubmatch(text, -1) {
		name, typ := mt[1], mt[2]
		if strings.HasPrefix(name, "advisorbot_") || strings.HasPrefix(name, "badger_") {
			got = append(got, name)
		}
		// Prometheus conventions: counters end in _total; durations are
		// seconds.
		if typ == "counter" && !strings.HasSuffix(name, "_total") {
			t.Errorf("counter %s does not end in _total", name)
		}
		if strings.Contains(name, "duration") && !strings.HasSuffix(name, "_seconds") {
			t.Errorf("%s: durations are in seconds", name)
		}
	}
	slices.Sort(got)
	if diff := cmp.Diff(wantNames, got); diff != "" {
		t.Errorf("metric names (-want +got):\n%s", diff)
	}
	for _, want := range []string{
		`advisorbot_slack_api_calls_total{method="chat.postMessage",status="429"} 1`,
		`advisorbot_slack_events_acked_total{type="message"} 1`,
		`advisorbot_model_tokens_total{kind="prompt"} 800`,
		`advisorbot_model_calls_total{outcome="error"} 1`,
		`advisorbot_recommendations_total{approach="rag"} 1`,
		"advisorbot_conversations_active 3",
		`advisorbot_teams_requests_total{status="401",type="message"} 1`,
		`advisorbot_teams_connector_calls_total{op="send",status="429"} 1`,
		"go_goroutines", "process_resident_memory_bytes",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("exposition lacks %s", want)
		}
	}
}
