package slacktest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// ErrNotConnected is returned when there is no open socket to use.
var ErrNotConnected = errors.New("slacktest: no open Socket Mode connection")

// socketState is the Socket Mode half of the fake, guarded by Fake.mu.
type socketState struct {
	tickets map[string]bool // ticket -> used; a socket URL works once
	conns   []*conn
	sent    map[string]*Delivery
	order   []string // envelope IDs in sending order
}

func newSocketState() socketState {
	return socketState{tickets: map[string]bool{}, sent: map[string]*Delivery{}}
}

// conn is one WebSocket connection.
type conn struct {
	f    *Fake
	ws   *websocket.Conn
	wmu  sync.Mutex // gorilla/websocket allows one writer at a time
	done chan struct{}
	once sync.Once

	// Guarded by Fake.mu.
	info          Connection
	closingReason string // why the fake is closing it, once decided
}

func (f *Fake) appsConnectionsOpen(*apiRequest) (obj, string) {
	ticket := f.nextID("ticket-")
	f.sock.tickets[ticket] = false
	url := "ws" + strings.TrimPrefix(f.baseURL(), "http") + "/link/?ticket=" + ticket + "&app_id=" + f.cfg.AppID
	return obj{"url": url}, ""
}

func (f *Fake) serveSocket(w http.ResponseWriter, hr *http.Request) {
	ticket := hr.URL.Query().Get("ticket")
	f.mu.Lock()
	used, known := f.sock.tickets[ticket]
	if known {
		f.sock.tickets[ticket] = true
	}
	closed := f.closed
	f.mu.Unlock()
	if !known || used || closed {
		http.Error(w, "invalid or used ticket", http.StatusUnauthorized)
		return
	}
	// slack-go sends Origin: https://api.slack.com, which the default
	// same-origin check would refuse.
	up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	ws, err := up.Upgrade(w, hr, nil)
	if err != nil {
		return
	}
	c := &conn{f: f, ws: ws, done: make(chan struct{})}

	// The connection joins the list already greeted, so whoever sees it
	// (Connections, WaitConnection, Send) sees a connection that has had
	// its hello. Holding the write lock until hello is written keeps any
	// envelope from overtaking it.
	c.wmu.Lock()
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		c.wmu.Unlock()
		_ = ws.Close()
		return
	}
	now := time.Now()
	id := len(f.sock.conns) + 1
	c.info = Connection{ID: id, OpenedAt: now, HelloAt: now}
	f.sock.conns = append(f.sock.conns, c)
	hello, _ := json.Marshal(obj{
		"type": "hello", "num_connections": len(f.openConns()),
		"connection_info": obj{"app_id": f.cfg.AppID},
		"debug_info": obj{
			"host": "applink-fake", "build_number": 1,
			"approximate_connection_time": 18060,
		},
	})
	// Add under mu while not closed, so Close's Wait sees it.
	f.wg.Add(2)
	f.notify()
	f.mu.Unlock()
	_ = ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	_ = ws.WriteMessage(websocket.TextMessage, hello)
	c.wmu.Unlock()
	f.logf("socket %d opened", id)

	go c.pingLoop()
	c.readLoop(id)
}

// pingLoop keeps the client's ping watchdog fed, as Slack does.
func (c *conn) pingLoop() {
	defer c.f.wg.Done()
	interval := c.f.cfg.PingInterval
	if interval < 0 {
		return
	}
	ping := func() bool {
		return c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)) == nil
	}
	// One at once, so clients with a watchdog shorter than our interval
	// survive their first tick.
	if !ping() {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
			if !ping() {
				return
			}
		}
	}
}

// readLoop records acks until the connection ends.
func (c *conn) readLoop(id int) {
	defer c.f.wg.Done()
	f := c.f
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			c.close()
			f.mu.Lock()
			if c.closingReason == "" {
				c.closingReason = err.Error()
			}
			c.info.ClosedAt, c.info.Reason = time.Now(), c.closingReason
			reason := c.closingReason
			f.notify()
			f.mu.Unlock()
			f.logf("socket %d closed: %s", id, reason)
			return
		}
		at := time.Now()
		var ack struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &ack) != nil || ack.EnvelopeID == "" {
			f.logf("socket %d: unexpected frame %q", id, data)
			continue
		}
		f.mu.Lock()
		if d := f.sock.sent[ack.EnvelopeID]; d == nil {
			f.logf("socket %d: ack for envelope %s, which was never sent", id, ack.EnvelopeID)
		} else {
			d.Acks++
			if d.Acks == 1 {
				d.AckedAt, d.AckPayload = at, nullToNil(ack.Payload)
			}
		}
		f.notify()
		f.mu.Unlock()
	}
}

func (c *conn) writeJSON(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.write(data)
}

func (c *conn) write(data []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteMessage(websocket.TextMessage, data)
}

// close drops the connection without a close frame; the reader then
// records it as closed.
func (c *conn) close() {
	c.once.Do(func() {
		close(c.done)
		_ = c.ws.Close()
	})
}

// liveConns lists the connections not yet closed; f.mu must be held.
func (f *Fake) liveConns() []*conn {
	var out []*conn
	for _, c := range f.sock.conns {
		if c.info.ClosedAt.IsZero() {
			out = append(out, c)
		}
	}
	return out
}

// openConns lists the connections not closed nor being closed; f.mu must
// be held.
func (f *Fake) openConns() []*conn {
	var out []*conn
	for _, c := range f.sock.conns {
		if c.info.ClosedAt.IsZero() && c.closingReason == "" {
			out = append(out, c)
		}
	}
	return out
}

// Send pushes an envelope to the newest open connection and returns once
// it is written. Each envelope can be sent once; use Duplicate for Slack's
// retries. A message event's message joins the channel's history first,
// as in Slack, so conversations.replies sees it. Send refuses what Slack
// would never send the app: an event the manifest does not subscribe to
// (or lacks the scope for), an event from a channel the bot is not in
// (Invite), a slash command the manifest does not declare.
func (f *Fake) Send(env *Envelope) error {
	f.mu.Lock()
	if _, dup := f.sock.sent[env.EnvelopeID]; dup {
		f.mu.Unlock()
		return fmt.Errorf("slacktest: envelope %s already sent; send a Duplicate instead", env.EnvelopeID)
	}
	if err := f.deliverable(env); err != nil {
		f.mu.Unlock()
		return err
	}
	var c *conn
	if open := f.openConns(); len(open) > 0 {
		c = open[len(open)-1]
	}
	if c == nil {
		f.mu.Unlock()
		return ErrNotConnected
	}
	env.prepare(f)
	data, err := json.Marshal(env)
	if err != nil {
		f.mu.Unlock()
		return err
	}
	if t := f.triggers[env.TriggerID]; t != nil {
		t.issued = time.Now() // the three seconds start when Slack sends it
	}
	d := &Delivery{EnvelopeID: env.EnvelopeID, Type: env.Type, Conn: c.info.ID, SentAt: time.Now()}
	f.sock.sent[d.EnvelopeID] = d
	f.sock.order = append(f.sock.order, d.EnvelopeID)
	f.notify()
	f.mu.Unlock()

	if err := c.write(data); err != nil {
		return fmt.Errorf("slacktest: sending envelope %s: %w", env.EnvelopeID, err)
	}
	return nil
}

// Disconnect asks every open connection to reconnect, with reason
// "warning", "refresh_requested" or "link_disabled", then closes them
// after Config.DisconnectGrace. slack-go answers by opening a new
// connection through apps.connections.open.
func (f *Fake) Disconnect(reason string) error {
	f.mu.Lock()
	conns := f.openConns()
	for _, c := range conns {
		c.closingReason = "disconnect: " + reason
		c.info.DisconnectAt = time.Now()
	}
	f.mu.Unlock()
	if len(conns) == 0 {
		return ErrNotConnected
	}
	msg := obj{"type": "disconnect", "reason": reason, "debug_info": obj{"host": "applink-fake"}}
	for _, c := range conns {
		_ = c.writeJSON(msg)
		time.AfterFunc(f.cfg.DisconnectGrace, c.close)
	}
	f.logf("disconnect %q sent to %d socket(s)", reason, len(conns))
	return nil
}

// DropConnections cuts every open connection without a word, as a network
// failure would.
func (f *Fake) DropConnections() {
	f.mu.Lock()
	conns := f.openConns()
	for _, c := range conns {
		c.closingReason = "dropped"
	}
	f.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
}
