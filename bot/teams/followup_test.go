package teams

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
	"github.com/advisorbot/advisorbot/knowledge"
)

// monday10 is a Monday, 10:00 UTC.
var monday10 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// followupRig is the real endpoint, adapter, engine and follow-up
// schedule between the fake identity service and the fake connector, on
// a fake clock.
type followupRig struct {
	*teamsHarness
	clock *storetest.Clock
	eng   *bot.Engine
	f     *bot.Followups
}

func newFollowupRig(t *testing.T) *followupRig {
	t.Helper()
	kb, err := knowledge.Load()
	if err != nil {
		t.Fatal(err)
	}
	clock := storetest.NewClock(monday10)
	lg := slog.New(slog.DiscardHandler)
	st := store.NewMemAt(clock.Now)
	eng := bot.New(lg, bot.Config{
		Advisor: advisor.New(advisor.DefaultAssumptions()), Store: st, Now: clock.Now,
		Explainer: explain.New(lg, explain.Config{KB: kb}), Extractor: extract.New(lg, nil),
	})
	h := &teamsHarness{t: t, id: teamstest.NewIdentity(t), bf: teamstest.NewBotFramework(t), store: st}
	conn := &Connector{Tokens: tokens(h.bf, teamstest.Secret)}
	ad := &Adapter{Engine: eng, Conn: conn, Store: st}
	ep := &Endpoint{Verifier: &Verifier{AppID: testAppID, MetadataURL: h.id.MetadataURL()}, Handler: ad, Go: func(f func()) { f() }}
	h.srv = httptest.NewServer(ep)
	t.Cleanup(h.srv.Close)
	courier := &Courier{Conn: conn, Store: st, AppID: testAppID}
	return &followupRig{teamsHarness: h, clock: clock, eng: eng, f: &bot.Followups{
		Engine: eng, Store: st, Clock: clock, Log: lg,
		Config:   bot.FollowupConfig{Enabled: true},
		Couriers: map[string]bot.Courier{platform: courier},
	}}
}

func (r *followupRig) pass(at time.Time) int {
	r.t.Helper()
	r.clock.Set(at)
	n, err := r.f.Pass(context.Background())
	if err != nil {
		r.t.Fatalf("Pass at %v: %v", at, err)
	}
	return n
}

// deliver sends a raw activity (a click the fake built) to the endpoint.
func (r *followupRig) deliver(act map[string]any) {
	r.t.Helper()
	if code := r.id.Deliver(r.t, r.srv.URL+"/api/messages", testAppID, act); code != 200 {
		r.t.Fatalf("POST /api/messages: HTTP %d", code)
	}
}

var botAccount = &Account{ID: "28:" + testAppID, Name: "advisorbot"}

// chatOf is a person's personal chat with the bot, as Teams names it in
// their messages and createConversation returns it.
func chatOf(user string) *Conversation {
	return &Conversation{ID: teamstest.PersonalChat(user), ConversationType: "personal", TenantID: teamstest.Tenant}
}

// lastCardIn is the last card sent to conversation conv.
func lastCardIn(t *testing.T, acts []teamstest.Recorded, conv string) teamstest.Recorded {
	t.Helper()
	for i := len(acts) - 1; i >= 0; i-- {
		a := acts[i]
		if a.Method == "POST" && strings.Contains(a.Path, "/"+conv+"/") && a.Activity["attachments"] != nil {
			return a
		}
	}
	t.Fatalf("no card was sent to %s", conv)
	return teamstest.Recorded{}
}

// TestFollowupThroughTeams: an assessment in a personal chat stores the
// zone Teams sent with the messages; the follow-up waits for the owner's
// working hours in that zone, opens their personal chat, and is answered
// by clicks (the status, then the approach from the list) and typed
// figures, ending with the outcome stored. Another person's forged
// clicks change nothing, and forgetting the owner forgets how to reach
// them.
func TestFollowupThroughTeams(t *testing.T) {
	if _, err := time.LoadLocation("Asia/Tokyo"); err != nil {
		t.Skip("no time zone database here:", err)
	}
	r := newFollowupRig(t)
	ctx := t.Context()
	owner := &Account{ID: "29:owner", AADObjectID: "aad-owner"}
	chat := chatOf(owner.ID)
	say := func(text string) {
		t.Helper()
		r.post(Activity{Type: "message", From: owner, Recipient: botAccount, Conversation: chat, Text: text, LocalTimezone: "Asia/Tokyo"})
	}
	say("Answer staff questions from our HR handbook, about 3,000 a month, 8 minutes each.")
	for i := 0; i < bot.MaxQuestions+2 && !hasCard(r.bf.Activities(), "Recommendation: "); i++ {
		say("skip")
	}
	recs, err := r.store.Assessments(ctx, owner.ID, time.Time{}, 0)
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d assessments, err %v", len(recs), err)
	}
	a := recs[0]
	if a.TZ != "Asia/Tokyo" {
		t.Errorf("the assessment's zone is %q, want Teams' localTimezone Asia/Tokyo", a.TZ)
	}
	if a.Profile.MonthlyVolume == nil {
		t.Fatalf("no monthly volume read: %+v", a.Profile)
	}

	// Someone else's forged click, before the owner was asked.
	mallory := &Account{ID: "29:mallory"}
	forged, _ := json.Marshal(map[string]string{choiceKey: "dropped", fieldKey: followupStatus, recKey: a.ID})
	forge := func() {
		t.Helper()
		before := len(r.bf.Activities())
		r.post(Activity{Type: "message", From: mallory, Recipient: botAccount, Conversation: chatOf(mallory.ID), Value: forged})
		for _, act := range r.bf.Activities()[before:] {
			if strings.Contains(act.Path, chat.ID) {
				t.Errorf("a forged click reached the owner's chat: %s %v", act.Path, act.Activity)
			}
		}
	}
	forge()
	if _, err := r.store.GetOutcome(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a forged click stored an outcome: %v", err)
	}

	// Day 30 is a Wednesday: 10:00 UTC is 19:00 in Tokyo, quiet; 15 hours
	// later it is 10:00 there.
	day30 := monday10.Add(30 * 24 * time.Hour)
	if n := r.pass(day30); n != 0 {
		t.Fatalf("sent %d follow-ups in the owner's evening, want 0", n)
	}
	sent := len(r.bf.Activities())
	if n := r.pass(day30.Add(15 * time.Hour)); n != 1 {
		t.Fatalf("sent %d follow-ups in the owner's morning, want 1", n)
	}
	acts := r.bf.Activities()[sent:]
	if len(acts) != 2 || acts[0].Path != "/v3/conversations" || acts[0].Activity["tenantId"] != teamstest.Tenant {
		t.Fatalf("the follow-up did not open the personal chat first: %+v", acts)
	}
	status := lastCardIn(t, r.bf.Activities(), chat.ID)
	body, _ := json.Marshal(status.Activity)
	for _, want := range []string{"31 days ago", "We built it", "Stop asking", a.ID} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the follow-up card lacks %q: %s", want, body)
		}
	}
	if strings.Contains(string(body), "Question 0") || strings.Contains(string(body), `"Skip"`) {
		t.Errorf("the follow-up card is numbered or offers Skip: %s", body)
	}

	// "We built it", clicked.
	click, err := r.bf.Submit(status, 0, nil, map[string]any{"id": owner.ID, "aadObjectId": owner.AADObjectID})
	if err != nil {
		t.Fatal(err)
	}
	r.deliver(click)
	settled := false
	for _, act := range r.bf.Activities() {
		b, _ := json.Marshal(act.Activity)
		settled = settled || act.Method == "PUT" && strings.HasSuffix(act.Path, "/"+status.ID) && strings.Contains(string(b), "✓ We built it")
	}
	if !settled {
		t.Error("the clicked follow-up card was not replaced by its answer")
	}
	// Which approach: a list, sent with its button.
	which := lastCardIn(t, r.bf.Activities(), chat.ID)
	if b, _ := json.Marshal(which.Activity); !strings.Contains(string(b), "Input.ChoiceSet") || !strings.Contains(string(b), "chose:rag") {
		t.Fatalf("the approach question is not a list: %s", b)
	}
	click, err = r.bf.Submit(which, 0, map[string]any{choiceKey: bot.ChoiceChose(advisor.RAG)}, map[string]any{"id": owner.ID})
	if err != nil {
		t.Fatal(err)
	}
	r.deliver(click)
	for _, figure := range []string{"$15k", "$300 a month", "3 minutes an item"} {
		say(figure)
	}
	if got := lastText(t, r.bf.Activities()); !strings.Contains(got, "Thank you") {
		t.Errorf("the last answer got %s, want thanks", got)
	}

	o, err := r.store.GetOutcome(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	hours := float64(*a.Profile.MonthlyVolume) * 3 / 60
	if o.Status != store.OutcomeBuilt || o.Approach != advisor.RAG || o.OneOffCost != advisor.Some(15000) ||
		o.MonthlyRunCost != advisor.Some(300) || o.HoursSavedMonthly != advisor.Some(hours) || o.User != owner.ID {
		t.Errorf("outcome %+v, want built with RAG, $15k, $300 a month, %v hours a month", o, hours)
	}
	if o.Conv != convKey(Activity{Conversation: chat}) || o.Round != 1 {
		t.Errorf("outcome answered in %+v, round %d", o.Conv, o.Round)
	}

	// A forged click after the owner answered changes nothing either.
	forge()
	if again, err := r.store.GetOutcome(ctx, a.ID); err != nil || again.Status != store.OutcomeBuilt || !again.At.Equal(o.At) {
		t.Errorf("a forged click changed the outcome: %+v, %v", again, err)
	}

	// "Forget me" deletes what reaching the owner needs with the rest.
	if _, ok, _ := r.store.CacheGet(ctx, ownerRefKey(owner.ID)); !ok {
		t.Fatal("the owner's reference was not kept")
	}
	if err := r.store.ForgetUser(ctx, owner.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := r.store.CacheGet(ctx, ownerRefKey(owner.ID)); ok {
		t.Error("the owner's reference outlived forget-me")
	}
}

// TestCourierFallsBack: without the owner's own reference, the personal
// chat is opened through the serviceUrl of a channel of their tenant the
// bot knows, and failing that through Teams' public endpoint.
func TestCourierFallsBack(t *testing.T) {
	ctx := t.Context()
	bf := teamstest.NewBotFramework(t)
	st := store.NewMem()
	c := &Courier{Conn: &Connector{Tokens: tokens(bf, teamstest.Secret)}, Store: st, AppID: testAppID}
	ref := store.AssessmentRef{ID: "rec-1", User: "29:owner",
		Conv: store.ConvKey{Platform: platform, Team: teamstest.Tenant, Channel: "19:gen@thread.tacv2", Thread: "1700"}}

	to, err := c.reference(ctx, ref)
	if err != nil || to.ServiceURL != publicServiceURL || to.Bot != "28:"+testAppID || to.TenantID != teamstest.Tenant {
		t.Fatalf("with nothing known: %+v, %v", to, err)
	}
	other, _ := json.Marshal(Ref{ServiceURL: "https://other.example/", TenantID: "another-tenant", ConversationID: "19:x@thread.tacv2"})
	mine, _ := json.Marshal(Ref{ServiceURL: bf.ServiceURL(), TenantID: teamstest.Tenant, ConversationID: "19:gen@thread.tacv2", Bot: "28:" + testAppID})
	for _, p := range []store.Place{
		{Platform: platform, ID: "19:x@thread.tacv2", Ref: string(other)},
		{Platform: platform, ID: "19:gen@thread.tacv2", Ref: string(mine)},
	} {
		if err := st.SavePlace(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	key, rp, err := c.Direct(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	want := store.ConvKey{Platform: platform, Team: teamstest.Tenant, Channel: teamstest.PersonalChat("29:owner")}
	if key != want {
		t.Errorf("key %+v, want %+v", key, want)
	}
	if err := rp.Send(ctx, bot.Outbound{Kind: bot.KindText, Text: "hello"}); err != nil {
		t.Fatal(err)
	}
	acts := bf.Activities()
	if len(acts) != 2 || acts[1].Path != "/v3/conversations/"+teamstest.PersonalChat("29:owner")+"/activities" {
		t.Fatalf("activities %+v", acts)
	}
	if loc, err := c.Location(ctx, ref); loc != nil || err != nil {
		t.Errorf("Location = %v, %v; Teams gives no profile zone", loc, err)
	}
	if _, _, err := c.Direct(ctx, store.AssessmentRef{ID: "rec-2", User: "U1", Conv: store.ConvKey{Platform: "slack"}}); err == nil {
		t.Error("a Slack assessment was followed up in Teams")
	}
}

// recorder is a bot.Replier keeping what the engine sent.
type recorder struct{ sent []bot.Outbound }

func (r *recorder) Send(_ context.Context, m bot.Outbound) error {
	r.sent = append(r.sent, m)
	return nil
}
func (r *recorder) Stream(context.Context) (bot.Stream, error) {
	return nil, errors.New("no streams here")
}

func (r *recorder) last(t *testing.T) bot.Outbound {
	t.Helper()
	if len(r.sent) == 0 {
		t.Fatal("the engine sent nothing")
	}
	return r.sent[len(r.sent)-1]
}

// TestFollowupCardsGolden: the follow-up's questions as the engine asks
// them (a status, the approach built, a figure, the reason for a drop),
// and their cards once answered, as golden files, each taken by the fake
// connector.
func TestFollowupCardsGolden(t *testing.T) {
	ctx := t.Context()
	clock := storetest.NewClock(monday10.Add(30 * 24 * time.Hour))
	st := store.NewMemAt(clock.Now)
	lg := slog.New(slog.DiscardHandler)
	eng := bot.New(lg, bot.Config{Advisor: advisor.New(advisor.DefaultAssumptions()), Store: st, Now: clock.Now,
		Extractor: extract.New(lg, nil)})
	a := storetest.SampleAssessment("rec-1", "29:owner", "Finance", advisor.RAG, 1200, monday10)
	a.Conv = store.ConvKey{Platform: platform, Team: teamstest.Tenant, Channel: teamstest.PersonalChat("29:owner")}
	a.Title = "Invoice triage [click](https://evil.example) <at>CEO</at> **now**"
	a.Profile.Title = a.Title
	if err := st.SaveAssessment(ctx, a); err != nil {
		t.Fatal(err)
	}
	g := newGoldenSender(t)
	rec := &recorder{}
	if err := eng.FollowupAsk(ctx, store.RefOf(a), 1, a.Conv, rec); err != nil {
		t.Fatal(err)
	}
	status := rec.last(t)
	g.check("followup-status.json", activityFor(status))
	if b, _ := json.Marshal(activityFor(status)); strings.Contains(string(b), "](https://evil") || strings.Contains(string(b), "<at>") || strings.Contains(string(b), "**now**") {
		t.Errorf("the owner's title became markup: %s", b)
	}
	click := func(field, choice string) bot.Outbound {
		t.Helper()
		if err := eng.Handle(ctx, bot.Inbound{Conv: a.Conv, User: a.User, Field: field, Choice: choice, RecID: a.ID, Private: true}, rec); err != nil {
			t.Fatal(err)
		}
		return rec.last(t)
	}
	which := click(followupStatus, "built")
	g.check("followup-approach.json", activityFor(which))
	build := click(which.Question.Field, bot.ChoiceChose(advisor.RAG))
	g.check("followup-build_cost.json", activityFor(build))
	click(followupStatus, "dropped")
	g.check("followup-reason.json", activityFor(rec.last(t)))

	g.check("answered-followup-status.json", Activity{Type: "message", Attachments: []Attachment{
		answeredFollowup(submission{field: followupStatus, choice: "built", rec: a.ID})}})
	g.check("answered-followup-approach.json", Activity{Type: "message", Attachments: []Attachment{
		answeredFollowup(submission{field: which.Question.Field, choice: bot.ChoiceChose(advisor.RAG), rec: a.ID})}})
	g.check("answered-followup-skip.json", Activity{Type: "message", Attachments: []Attachment{
		answeredFollowup(submission{field: build.Question.Field, choice: bot.ChoiceSkip, rec: a.ID})}})
}
