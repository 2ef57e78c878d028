// Package metrics exposes advisorbot's Prometheus metrics; it is the only
// package that imports the Prometheus client. The adapters report through
// small observer interfaces they define (slack.Observer, teams.Observer), which Metrics
// implements, so they never see Prometheus types.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the collectors, registered on their own registry so tests
// can make as many as they like.
type Metrics struct {
	reg *prometheus.Registry

	eventsReceived  *prometheus.CounterVec
	eventsAcked     *prometheus.CounterVec
	eventsDropped   *prometheus.CounterVec
	ackLatency      *prometheus.HistogramVec
	handlerDuration *prometheus.HistogramVec
	apiCalls        *prometheus.CounterVec
	apiDuration     *prometheus.HistogramVec
	modelCalls      *prometheus.CounterVec
	modelTokens     *prometheus.CounterVec
	modelDuration   prometheus.Histogram
	recommendations *prometheus.CounterVec

	teamsRequests   *prometheus.CounterVec
	teamsAckLatency *prometheus.HistogramVec
	teamsHandled    *prometheus.HistogramVec
	teamsCalls      *prometheus.CounterVec
	teamsCallTime   *prometheus.HistogramVec
}

// fastBuckets cover acknowledgements: Slack allows 3 s, we aim under 5 ms.
var fastBuckets = []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 3}

// New builds the metrics: advisorbot's own, the Go runtime's, the
// process's and Badger's (published by Badger through expvar).
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	f := func(c prometheus.Collector) { m.reg.MustRegister(c) }
	m.eventsReceived = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "advisorbot_slack_events_received_total", Help: "Socket Mode envelopes received, by type.",
	}, []string{"type"})
	m.eventsAcked = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "advisorbot_slack_events_acked_total", Help: "Socket Mode envelopes acknowledged, by type.",
	}, []string{"type"})
	m.eventsDropped = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "advisorbot_slack_events_dropped_total", Help: "Socket Mode envelopes acknowledged but not handled: one person's queue full (user_queue_full), every queue full (queue_full), or shutting down (stopping).",
	}, []string{"type", "reason"})
	m.ackLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "advisorbot_slack_ack_latency_seconds", Help: "Time from receiving an envelope to writing its acknowledgement.",
		Buckets: fastBuckets,
	}, []string{"type"})
	m.handlerDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "advisorbot_slack_handler_duration_seconds", Help: "Time spent handling an envelope after its acknowledgement, replies included.",
		Buckets: prometheus.ExponentialBuckets(0.001, 2.5, 12),
	}, []string{"type"})
	m.apiCalls = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "advisorbot_slack_api_calls_total", Help: "Slack Web API calls, by method and HTTP status (429: rate limited; error: no response).",
	}, []string{"method", "status"})
	m.apiDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "advisorbot_slack_api_call_duration_seconds", Help: "Slack Web API call time, by method.",
		Buckets: prometheus.ExponentialBuckets(0.005, 2.5, 10),
	}, []string{"method"})
	m.modelCalls = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "advisorbot_model_calls_total", Help: "Language model calls, by outcome (ok or error).",
	}, []string{"outcome"})
	m.modelTokens = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "advisorbot_model_tokens_total", Help: "Language model tokens, by kind (prompt or completion).",
	}, []string{"kind"})
	m.modelDuration = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "advisorbot_model_call_duration_seconds", Help: "Language model call time, streams included.",
		Buckets: prometheus.ExponentialBuckets(0.1, 2, 10),
	})
	m.recommendations = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "advisorbot_recommendations_total", Help: "Recommendations made, by approach.",
	}, []string{"approach"})
	m.teamsRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "advisorbot_teams_requests_total", Help: "Bot Framework requests to /api/messages, by activity type and HTTP status (401: refused).",
	}, []string{"type", "status"})
	m.teamsAckLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "advisorbot_teams_ack_latency_seconds", Help: "Time from receiving a Bot Framework request to answering it, token check included.",
		Buckets: fastBuckets,
	}, []string{"type"})
	m.teamsHandled = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "advisorbot_teams_handler_duration_seconds", Help: "Time spent handling a verified activity after answering the request, replies included.",
		Buckets: prometheus.ExponentialBuckets(0.001, 2.5, 12),
	}, []string{"type"})
	m.teamsCalls = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "advisorbot_teams_connector_calls_total", Help: "Bot Connector calls, by operation and HTTP status (429: throttled; error: no response).",
	}, []string{"op", "status"})
	m.teamsCallTime = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "advisorbot_teams_connector_call_duration_seconds", Help: "Bot Connector call time, by operation.",
		Buckets: prometheus.ExponentialBuckets(0.005, 2.5, 10),
	}, []string{"op"})
	for _, c := range []prometheus.Collector{m.eventsReceived, m.eventsAcked, m.eventsDropped, m.ackLatency, m.handlerDuration,
		m.apiCalls, m.apiDuration, m.modelCalls, m.modelTokens, m.modelDuration, m.recommendations,
		m.teamsRequests, m.teamsAckLatency, m.teamsHandled, m.teamsCalls, m.teamsCallTime} {
		f(c)
	}
	f(collectors.NewGoCollector())
	f(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	f(badgerCollector())
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Register adds a collector (such as a gauge over the store) to the
// registry.
func (m *Metrics) Register(c prometheus.Collector) error { return m.reg.Register(c) }

// ConversationsActive exports n (the engine's count of conversations being
// handled) as advisorbot_conversations_active.
func (m *Metrics) ConversationsActive(n func() int) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "advisorbot_conversations_active", Help: "Conversations with a message being handled or waiting to be.",
	}, func() float64 { return float64(n()) }))
}

// DataFreeBytes exports free (the free space on the data directory's
// filesystem, ok false when unknown) as advisorbot_data_free_bytes, so an
// alert can fire before the store stops taking writes.
func (m *Metrics) DataFreeBytes(free func() (uint64, bool)) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "advisorbot_data_free_bytes", Help: "Free bytes on the data directory's filesystem (-1 when unknown).",
	}, func() float64 {
		n, ok := free()
		if !ok {
			return -1
		}
		return float64(n)
	}))
}

// EventReceived implements slack.Observer.
func (m *Metrics) EventReceived(typ string) { m.eventsReceived.WithLabelValues(typ).Inc() }

// EventAcked implements slack.Observer.
func (m *Metrics) EventAcked(typ string, latency time.Duration) {
	m.eventsAcked.WithLabelValues(typ).Inc()
	m.ackLatency.WithLabelValues(typ).Observe(latency.Seconds())
}

// EventDropped implements slack.Observer.
func (m *Metrics) EventDropped(typ, reason string) {
	m.eventsDropped.WithLabelValues(typ, reason).Inc()
}

// Handled implements slack.Observer.
func (m *Metrics) Handled(typ string, d time.Duration) {
	m.handlerDuration.WithLabelValues(typ).Observe(d.Seconds())
}

// APICall implements slack.Observer.
func (m *Metrics) APICall(method, status string, d time.Duration) {
	m.apiCalls.WithLabelValues(method, status).Inc()
	m.apiDuration.WithLabelValues(method).Observe(d.Seconds())
}

// Recommended implements slack.Observer.
func (m *Metrics) Recommended(approach string) { m.recommendations.WithLabelValues(approach).Inc() }

// TeamsRequest implements teams.Observer.
func (m *Metrics) TeamsRequest(typ string, status int, d time.Duration) {
	m.teamsRequests.WithLabelValues(typ, strconv.Itoa(status)).Inc()
	m.teamsAckLatency.WithLabelValues(typ).Observe(d.Seconds())
}

// TeamsHandled implements teams.Observer.
func (m *Metrics) TeamsHandled(typ string, d time.Duration) {
	m.teamsHandled.WithLabelValues(typ).Observe(d.Seconds())
}

// TeamsConnectorCall implements teams.Observer.
func (m *Metrics) TeamsConnectorCall(op, status string, d time.Duration) {
	m.teamsCalls.WithLabelValues(op, status).Inc()
	m.teamsCallTime.WithLabelValues(op).Observe(d.Seconds())
}

// ModelCall records one language model call, as llm.Observed reports it.
func (m *Metrics) ModelCall(promptTokens, completionTokens int, d time.Duration, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.modelCalls.WithLabelValues(outcome).Inc()
	m.modelTokens.WithLabelValues("prompt").Add(float64(promptTokens))
	m.modelTokens.WithLabelValues("completion").Add(float64(completionTokens))
	m.modelDuration.Observe(d.Seconds())
}

// badgerCollector re-exports the counters Badger publishes through expvar
// (process-wide; maps are keyed by data directory).
func badgerCollector() prometheus.Collector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(name, help, labels, nil)
	}
	return collectors.NewExpvarCollector(map[string]*prometheus.Desc{
		"badger_get_num_user":               d("badger_gets_total", "Badger: gets by the application."),
		"badger_put_num_user":               d("badger_puts_total", "Badger: puts by the application."),
		"badger_write_bytes_user":           d("badger_written_bytes_total", "Badger: bytes written by the application."),
		"badger_read_num_vlog":              d("badger_vlog_reads_total", "Badger: value log reads."),
		"badger_write_num_vlog":             d("badger_vlog_writes_total", "Badger: value log writes."),
		"badger_write_bytes_l0":             d("badger_l0_written_bytes_total", "Badger: bytes written to level 0."),
		"badger_compaction_current_num_lsm": d("badger_compaction_tables", "Badger: tables being compacted now."),
		"badger_size_bytes_lsm":             d("badger_lsm_size_bytes", "Badger: size of the LSM tree.", "dir"),
		"badger_size_bytes_vlog":            d("badger_vlog_size_bytes", "Badger: size of the value log.", "dir"),
		"badger_write_pending_num_memtable": d("badger_memtable_pending_writes", "Badger: writes pending in the memtable.", "dir"),
	})
}
