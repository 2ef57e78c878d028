package slacktest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
)

// harness runs a real socketmode.Client against a fake and collects its
// events.
type harness struct {
	fake   *slacktest.Fake
	client *socketmode.Client
	events chan socketmode.Event
}

func startSocket(t *testing.T, cfg slacktest.Config, opts ...socketmode.Option) *harness {
	t.Helper()
	if cfg.Manifest == nil {
		cfg.Manifest = wide
	}
	f := slacktest.Start(t, cfg)
	f.Invite("C1")
	api := slack.New(f.BotToken(), slack.OptionAPIURL(f.APIURL()), slack.OptionAppLevelToken(f.AppToken()))
	h := &harness{fake: f, client: socketmode.New(api, opts...), events: make(chan socketmode.Event, 1000)}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = h.client.RunContext(ctx)
	}()
	go func() {
		// Drain the client's channel always; a stalled reader stalls the
		// whole client.
		for {
			select {
			case evt := <-h.client.Events:
				select {
				case h.events <- evt:
				default:
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	// Registered after Start, so it runs first: the client stops before
	// the fake does.
	t.Cleanup(func() {
		cancel()
		<-done
	})
	return h
}

// next returns the next event of type typ, skipping others.
func (h *harness) next(t *testing.T, typ socketmode.EventType) socketmode.Event {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case evt := <-h.events:
			if evt.Type == typ {
				return evt
			}
		case <-timeout:
			t.Fatalf("no %s event within 5s", typ)
		}
	}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestSocketHelloEventAndAck(t *testing.T) {
	h := startSocket(t, slacktest.Config{PingInterval: 50 * time.Millisecond})
	hello := h.next(t, socketmode.EventTypeHello)
	if hello.Request.NumConnections != 1 || hello.Request.ConnectionInfo.AppID != h.fake.Config().AppID {
		t.Errorf("hello = %+v", hello.Request)
	}

	env := h.fake.Mention("C1", "U1", "is RAG worth it?")
	if err := h.fake.Send(env); err != nil {
		t.Fatal(err)
	}
	evt := h.next(t, socketmode.EventTypeEventsAPI)
	if evt.Request.EnvelopeID != env.EnvelopeID {
		t.Fatalf("envelope %q, want %q", evt.Request.EnvelopeID, env.EnvelopeID)
	}
	api := evt.Data.(slackevents.EventsAPIEvent)
	cb := api.Data.(*slackevents.EventsAPICallbackEvent)
	mention, ok := api.InnerEvent.Data.(*slackevents.AppMentionEvent)
	if !ok || cb.EventID != env.EventID || mention.Channel != "C1" || mention.TimeStamp != env.TS ||
		mention.Text != "<@"+h.fake.Config().BotUserID+"> is RAG worth it?" {
		t.Fatalf("inner event %T %+v (callback %+v)", api.InnerEvent.Data, mention, cb)
	}
	if !slices.Contains(h.fake.Unacked(0), env.EnvelopeID) {
		t.Fatal("acked before the client acked")
	}
	h.client.Ack(*evt.Request)
	if _, err := h.fake.WaitAck(ctxT(t), env.EnvelopeID); err != nil {
		t.Fatal(err)
	}
	if lat := h.fake.AckLatencies(); len(lat) != 1 || lat[0] <= 0 || lat[0] > 5*time.Second {
		t.Errorf("latencies %v", lat)
	}
	if u := h.fake.Unacked(0); len(u) != 0 {
		t.Errorf("unacked %v", u)
	}
	// The mentioning message is now in the channel's history.
	if msgs := h.fake.Messages("C1"); len(msgs) != 1 || msgs[0].User != "U1" {
		t.Errorf("history %+v", msgs)
	}
}

func TestDisconnectReconnects(t *testing.T) {
	h := startSocket(t, slacktest.Config{PingInterval: 50 * time.Millisecond})
	h.next(t, socketmode.EventTypeHello)
	if err := h.fake.Disconnect("refresh_requested"); err != nil {
		t.Fatal(err)
	}
	second, err := h.fake.WaitConnection(ctxT(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	// The fake may notice the old socket's end after the new one opened.
	if err := h.fake.Await(ctxT(t), func() bool { return !h.fake.Connections()[0].Open() }); err != nil {
		t.Fatal(err)
	}
	conns := h.fake.Connections()
	if conns[0].Reason != "disconnect: refresh_requested" || !second.Open() {
		t.Errorf("connections %+v", conns)
	}
	if gap := second.HelloAt.Sub(conns[0].DisconnectAt); gap <= 0 || gap > 5*time.Second {
		t.Errorf("reconnection took %v", gap)
	}
	if n := len(h.fake.CallsTo("apps.connections.open")); n != 2 {
		t.Errorf("%d apps.connections.open calls, want 2", n)
	}

	env := h.fake.DM("U1", "still there?")
	if err := h.fake.Send(env); err != nil {
		t.Fatal(err)
	}
	evt := h.next(t, socketmode.EventTypeEventsAPI)
	if evt.Request.EnvelopeID != env.EnvelopeID {
		t.Fatalf("got envelope %s", evt.Request.EnvelopeID)
	}
	h.client.Ack(*evt.Request)
	if _, err := h.fake.WaitAck(ctxT(t), env.EnvelopeID); err != nil {
		t.Fatal(err)
	}
}

func TestPingsKeepTheWatchdogQuiet(t *testing.T) {
	// Pings every 50 ms against a 400 ms watchdog: one connection throughout.
	h := startSocket(t, slacktest.Config{PingInterval: 50 * time.Millisecond},
		socketmode.OptionPingInterval(400*time.Millisecond))
	h.next(t, socketmode.EventTypeHello)
	time.Sleep(1200 * time.Millisecond)
	if n := len(h.fake.Connections()); n != 1 {
		t.Errorf("%d connections with pings on, want 1", n)
	}

	// Without pings the same client gives up and reconnects.
	quiet := startSocket(t, slacktest.Config{PingInterval: -1},
		socketmode.OptionPingInterval(300*time.Millisecond))
	if _, err := quiet.fake.WaitConnection(ctxT(t), 2); err != nil {
		t.Errorf("no reconnection without pings: %v", err)
	}
}

// TestEnvelopesDecode sends every kind of envelope through the real client
// and checks it arrives as the type the bot will switch on.
func TestEnvelopesDecode(t *testing.T) {
	h := startSocket(t, slacktest.Config{PingInterval: 50 * time.Millisecond})
	f := h.fake
	h.next(t, socketmode.EventTypeHello)

	root := f.DM("U1", "hello")
	type event struct {
		name  string
		env   *slacktest.Envelope
		check func(t *testing.T, evt socketmode.Event)
	}
	events := []event{
		{"dm", root, func(t *testing.T, evt socketmode.Event) {
			m := inner[*slackevents.MessageEvent](t, evt)
			if m.ChannelType != "im" || m.Text != "hello" || m.User != "U1" || m.ThreadTimeStamp != "" {
				t.Errorf("%+v", m)
			}
		}},
		{"thread reply", f.ThreadReply("C1", "U2", root.TS, "more"), func(t *testing.T, evt socketmode.Event) {
			m := inner[*slackevents.MessageEvent](t, evt)
			if m.ChannelType != "channel" || m.ThreadTimeStamp != root.TS {
				t.Errorf("%+v", m)
			}
		}},
		{"mention in thread", f.MentionInThread("C1", "U2", root.TS, "hi"), func(t *testing.T, evt socketmode.Event) {
			if m := inner[*slackevents.AppMentionEvent](t, evt); m.ThreadTimeStamp != root.TS {
				t.Errorf("%+v", m)
			}
		}},
		{"bot message", f.BotMessage("C1", "", "B77", "beep"), func(t *testing.T, evt socketmode.Event) {
			if m := inner[*slackevents.MessageEvent](t, evt); m.BotID != "B77" {
				t.Errorf("%+v", m)
			}
		}},
		{"edit", f.MessageChanged(f.DMChannel("U1"), "U1", root.TS, "hello again"), func(t *testing.T, evt socketmode.Event) {
			m := inner[*slackevents.MessageEvent](t, evt)
			if m.SubType != "message_changed" || m.Message == nil || m.Message.Text != "hello again" || m.PreviousMessage.Text != "hello" {
				t.Errorf("%+v", m)
			}
		}},
		{"assistant started", f.AssistantThreadStarted("U1", "C1"), func(t *testing.T, evt socketmode.Event) {
			m := inner[*slackevents.AssistantThreadStartedEvent](t, evt)
			if m.AssistantThread.ChannelID != f.DMChannel("U1") || m.AssistantThread.Context.ChannelID != "C1" || m.AssistantThread.ThreadTimeStamp == "" {
				t.Errorf("%+v", m)
			}
		}},
		{"home", f.AppHomeOpened("U1"), func(t *testing.T, evt socketmode.Event) {
			if m := inner[*slackevents.AppHomeOpenedEvent](t, evt); m.Tab != "home" || m.User != "U1" {
				t.Errorf("%+v", m)
			}
		}},
		{"slash", f.SlashCommand("/roi", "U1", "C1", "20k a month, 6 min each, $45/h"), func(t *testing.T, evt socketmode.Event) {
			cmd := evt.Data.(slack.SlashCommand)
			if evt.Type != socketmode.EventTypeSlashCommand || cmd.Command != "/roi" || cmd.Text != "20k a month, 6 min each, $45/h" ||
				cmd.TriggerID == "" || cmd.ResponseURL == "" || !evt.Request.AcceptsResponsePayload {
				t.Errorf("%+v", cmd)
			}
		}},
		{"button", f.ButtonClick("U1", f.DMChannel("U1"), root.TS, "why", "a1"), func(t *testing.T, evt socketmode.Event) {
			cb := evt.Data.(slack.InteractionCallback)
			a := cb.ActionCallback.BlockActions
			if cb.Type != slack.InteractionTypeBlockActions || len(a) != 1 || a[0].ActionID != "why" || a[0].Value != "a1" ||
				cb.Container.MessageTs != root.TS || cb.Channel.ID != f.DMChannel("U1") || cb.Message.Text != "hello again" {
				t.Errorf("%+v", cb)
			}
		}},
		{"select", f.BlockAction(slacktest.ActionSpec{User: "U1", Channel: "C1", MessageTS: root.TS, ActionID: "volume", Type: "static_select", Value: "high"}), func(t *testing.T, evt socketmode.Event) {
			a := evt.Data.(slack.InteractionCallback).ActionCallback.BlockActions
			if len(a) != 1 || a[0].SelectedOption.Value != "high" {
				t.Errorf("%+v", a)
			}
		}},
		{"submission", f.ViewSubmission("U1", "intake", slacktest.Values{
			"desc":   {"in": slacktest.TextInput("invoices")},
			"volume": {"in": slacktest.TextInput("20000")},
			"data":   {"in": slacktest.SelectInput("yes")},
		}), func(t *testing.T, evt socketmode.Event) {
			cb := evt.Data.(slack.InteractionCallback)
			v := cb.View.State.Values
			if cb.Type != slack.InteractionTypeViewSubmission || cb.View.CallbackID != "intake" ||
				v["desc"]["in"].Value != "invoices" || v["volume"]["in"].Value != "20000" || v["data"]["in"].SelectedOption.Value != "yes" {
				t.Errorf("%+v", cb.View)
			}
		}},
	}
	for _, e := range events {
		if err := f.Send(e.env); err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		evt := h.nextRequest(t)
		if evt.Request.EnvelopeID != e.env.EnvelopeID {
			t.Fatalf("%s: got envelope %s", e.name, evt.Request.EnvelopeID)
		}
		t.Run(e.name, func(t *testing.T) { e.check(t, evt) })
		if err := h.client.Ack(*evt.Request, map[string]string{"text": "ok"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Await(ctxT(t), func() bool { return len(f.Unacked(0)) == 0 }); err != nil {
		t.Errorf("unacked %v: %v", f.Unacked(0), err)
	}
	slash := events[slices.IndexFunc(events, func(e event) bool { return e.name == "slash" })]
	if p, err := f.WaitAck(ctxT(t), slash.env.EnvelopeID); err != nil || string(p) != `{"text":"ok"}` {
		t.Errorf("slash ack payload %s, %v", p, err)
	}
}

// nextRequest returns the next event that carries an envelope.
func (h *harness) nextRequest(t *testing.T) socketmode.Event {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case evt := <-h.events:
			if evt.Request != nil && evt.Request.EnvelopeID != "" {
				return evt
			}
		case <-timeout:
			t.Fatal("no envelope within 5s")
		}
	}
}

func inner[T any](t *testing.T, evt socketmode.Event) T {
	t.Helper()
	api, ok := evt.Data.(slackevents.EventsAPIEvent)
	if !ok {
		t.Fatalf("data %T, want EventsAPIEvent", evt.Data)
	}
	v, ok := api.InnerEvent.Data.(T)
	if !ok {
		t.Fatalf("inner %T, want %T", api.InnerEvent.Data, v)
	}
	return v
}

func TestMalformedAndDuplicate(t *testing.T) {
	h := startSocket(t, slacktest.Config{PingInterval: 50 * time.Millisecond})
	f := h.fake
	h.next(t, socketmode.EventTypeHello)

	bad := f.Malformed()
	if err := f.Send(bad); err != nil {
		t.Fatal(err)
	}
	evt := h.next(t, socketmode.EventTypeErrorBadMessage)
	if evt.Request != nil {
		t.Errorf("bad message came with a request: %+v", evt.Request)
	}
	// The only way to ack it: dig the envelope_id out of the raw message.
	var raw struct {
		EnvelopeID string `json:"envelope_id"`
	}
	_ = json.Unmarshal(evt.Data.(*socketmode.ErrorBadMessage).Message, &raw)
	if raw.EnvelopeID != bad.EnvelopeID {
		t.Fatalf("envelope_id %q in bad message, want %q", raw.EnvelopeID, bad.EnvelopeID)
	}
	_ = h.client.AckCtx(ctxT(t), raw.EnvelopeID, nil)
	if _, err := f.WaitAck(ctxT(t), bad.EnvelopeID); err != nil {
		t.Fatal(err)
	}

	orig := f.DM("U1", "hi")
	dup := f.Duplicate(orig)
	for _, env := range []*slacktest.Envelope{orig, dup} {
		if err := f.Send(env); err != nil {
			t.Fatal(err)
		}
	}
	first, second := h.next(t, socketmode.EventTypeEventsAPI), h.next(t, socketmode.EventTypeEventsAPI)
	id := func(e socketmode.Event) string {
		return e.Data.(slackevents.EventsAPIEvent).Data.(*slackevents.EventsAPICallbackEvent).EventID
	}
	if id(first) != id(second) || second.Request.RetryAttempt != 1 || second.Request.RetryReason != "timeout" ||
		first.Request.EnvelopeID == second.Request.EnvelopeID {
		t.Errorf("duplicate: %+v / %+v", first.Request, second.Request)
	}
	if err := f.Send(orig); err == nil {
		t.Error("resending the same envelope accepted")
	}
	if n := len(f.Messages(f.DMChannel("U1"))); n != 1 {
		t.Errorf("%d messages after a duplicate, want 1", n)
	}
	if u := f.Unacked(0); len(u) != 2 {
		t.Errorf("unacked = %v, want the two unacked DMs", u)
	}
}

// TestManyEnvelopes checks the fake keeps up with a burst from several
// goroutines and accounts for every ack; load tests build on this.
func TestManyEnvelopes(t *testing.T) {
	h := startSocket(t, slacktest.Config{PingInterval: 50 * time.Millisecond})
	f := h.fake
	h.next(t, socketmode.EventTypeHello)
	go func() {
		for evt := range h.events {
			if evt.Request != nil && evt.Request.EnvelopeID != "" {
				_ = h.client.Ack(*evt.Request)
			}
		}
	}()
	const senders, each = 4, 75
	errs := make(chan error, senders)
	for i := range senders {
		go func() {
			var err error
			for j := range each {
				if e := f.Send(f.DM(fmt.Sprintf("U%d", i+1), fmt.Sprint(j))); e != nil && err == nil {
					err = e
				}
			}
			errs <- err
		}()
	}
	for range senders {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Await(ctxT(t), func() bool { return len(f.Unacked(0)) == 0 }); err != nil {
		t.Fatalf("%d unacked: %v", len(f.Unacked(0)), err)
	}
	lat := f.AckLatencies()
	if len(lat) != senders*each {
		t.Fatalf("%d latencies, want %d", len(lat), senders*each)
	}
	slices.Sort(lat)
	t.Logf("fake + slack-go ack latency: p50 %v, p99 %v", lat[len(lat)/2], lat[len(lat)*99/100])
	if n := len(f.Messages(f.DMChannel("U1"))); n != each {
		t.Errorf("%d DMs stored for U1, want %d", n, each)
	}
}
