package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/slack/slacktest"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/teams"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

const teamsAppID = "00000000-1111-2222-3333-444444444444"

// teamsEnv is the environment of a Teams bot talking to the fakes.
func teamsEnv(id *teamstest.Identity, bf *teamstest.BotFramework, extra map[string]string) func(string) string {
	env := map[string]string{
		"MICROSOFT_APP_ID": teamsAppID, "MICROSOFT_APP_PASSWORD": teamstest.Secret, "MICROSOFT_APP_TENANT_ID": teamstest.Tenant,
		"TEAMS_ADDR": "127.0.0.1:0", "TEAMS_OPENID_METADATA_URL": id.MetadataURL(), "TEAMS_TOKEN_URL": bf.TokenURL(),
		"LOG_LEVEL": "error",
	}
	for k, v := range extra {
		env[k] = v
	}
	return func(k string) string { return env[k] }
}

// startTeams runs a server as `advisorbot teams` would, until stop.
// httpAddr is the health listener's address, "" for none.
func startTeams(t *testing.T, getenv func(string) string, dataDir, httpAddr string) (s *server, stop func()) {
	t.Helper()
	t.Setenv("HTTP_ADDR", httpAddr)
	ctx, cancel := context.WithCancel(context.Background())
	s, err := newServer(ctx, serverConfig{platforms: platforms{teams: true}, dataDir: dataDir, getenv: getenv, logs: io.Discard})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	return s, func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		s.Close()
	}
}

// waitFor polls until cond holds, failing the test after 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func sent(bf *teamstest.BotFramework, substr string) bool {
	for _, a := range bf.Activities() {
		b, _ := json.Marshal(a.Activity)
		if strings.Contains(string(b), substr) {
			return true
		}
	}
	return false
}

// TestTeamsEndToEnd runs advisorbot's Teams server against the fakes:
// the app added to a team, a personal chat to a recommendation with card
// answers, a refused forgery, and after a restart the weekly summary
// posted into the team's channel with nobody writing first.
func TestTeamsEndToEnd(t *testing.T) {
	id, bf := teamstest.NewIdentity(t), teamstest.NewBotFramework(t)
	dataDir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	healthAddr := ln.Addr().String()
	ln.Close()
	s, stop := startTeams(t, teamsEnv(id, bf, nil), dataDir, healthAddr)
	endpoint := "http://" + s.teams.Addr() + "/api/messages"
	botAcct := map[string]any{"id": "28:" + teamsAppID, "name": "advisorbot"}
	deliver := func(act map[string]any) {
		t.Helper()
		act["channelId"], act["serviceUrl"], act["recipient"] = "msteams", bf.ServiceURL(), botAcct
		if code := id.Deliver(t, endpoint, teamsAppID, act); code != http.StatusOK {
			t.Fatalf("delivery answered %d", code)
		}
	}

	// The app is added to the Leadership team.
	const team = "19:leadership@thread.tacv2"
	deliver(map[string]any{"type": "conversationUpdate", "id": "ev-install", "from": map[string]any{"id": "29:admin"},
		"conversation": map[string]any{"id": team, "conversationType": "channel", "isGroup": true, "tenantId": teamstest.Tenant},
		"membersAdded": []any{botAcct},
		"channelData":  map[string]any{"eventType": "teamMemberAdded", "team": map[string]any{"id": team, "name": "Leadership"}, "tenant": map[string]any{"id": teamstest.Tenant}}})
	waitFor(t, "the team's place", func() bool {
		places, _ := s.app.Store.Places(context.Background(), "teams")
		return len(places) == 1
	})

	// Ready once the signing keys are loaded.
	waitFor(t, "/readyz", func() bool {
		code, out, _ := runCmd(t, "", "healthcheck", "--addr", healthAddr, "--path", "/readyz")
		return code == exitOK && strings.Contains(out, `"teams":"ok"`)
	})

	// A personal chat: a description, then each question answered by its
	// card's first button (or Skip) until the recommendation card.
	personal := map[string]any{"id": "a:personal-1", "conversationType": "personal", "tenantId": teamstest.Tenant}
	user := map[string]any{"id": "29:user-1", "aadObjectId": "aad-user-1"}
	n := 0
	say := func(text string, value any) {
		n++
		act := map[string]any{"type": "message", "id": "msg-" + string(rune('a'+n)), "from": user, "conversation": personal}
		if text != "" {
			act["text"] = text
		}
		if value != nil {
			act["value"] = value
		}
		before := len(bf.Activities())
		deliver(act)
		waitFor(t, "an answer", func() bool { return len(bf.Activities()) > before })
	}
	say("We want to draft replies to 3,000 customer emails a month from our product manuals; each takes 8 minutes", nil)
	for i := 0; i < 8 && !sent(bf, "Recommendation: "); i++ {
		acts := bf.Activities()
		last := acts[len(acts)-1].Activity
		atts, _ := last["attachments"].([]any)
		if len(atts) == 0 {
			say("skip", nil)
			continue
		}
		actions := atts[0].(map[string]any)["content"].(map[string]any)["actions"].([]any)
		say("", actions[0].(map[string]any)["data"])
	}
	if !sent(bf, "Recommendation: ") {
		t.Fatal("no recommendation card")
	}
	waitFor(t, "the recommendation to be stored", func() bool {
		recs, _ := s.app.Store.Assessments(context.Background(), "29:user-1", time.Time{}, 0)
		return len(recs) == 1
	})

	// The turn's last message is the feedback card; only once it is sent
	// has the turn stopped sending, so the count below is the turn's all.
	waitFor(t, "the feedback card", func() bool { return sent(bf, "Tell advisorbot what we chose") })

	// A forged request is refused and changes nothing.
	before := len(bf.Activities())
	req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(`{"type":"message","text":"history","serviceUrl":"`+bf.ServiceURL()+`","channelId":"msteams"}`))
	req.Header.Set("Authorization", "Bearer "+id.Token(t, "RS256", "k1", teamstest.With(teamstest.Claims(teamsAppID, bf.ServiceURL(), time.Now()), "aud", "someone-else")))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || len(bf.Activities()) != before {
		t.Errorf("forged request: HTTP %d, %d activities sent", resp.StatusCode, len(bf.Activities())-before)
	}
	stop()

	// Restart with the summary scheduled two minutes ago: the scheduler
	// catches up at start-up and posts into the team's General channel.
	at := time.Now().UTC().Add(-2 * time.Minute)
	env := teamsEnv(id, bf, map[string]string{"TEAMS_SUMMARY_CHANNEL": "Leadership",
		"SUMMARY_SCHEDULE": at.Format("Mon 15:04"), "SUMMARY_TZ": "UTC"})
	_, stop = startTeams(t, env, dataDir, "")
	defer stop()
	waitFor(t, "the weekly summary in the team's channel", func() bool {
		for _, a := range bf.Activities() {
			summary, _ := a.Activity["summary"].(string)
			if a.Path == "/v3/conversations/"+team+"/activities" && strings.Contains(summary, "weekly summary") {
				return true
			}
		}
		return false
	})
}

func TestTeamsPackageCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "app.zip")
	code, _, errs := runCmd(t, "", "teams", "package", "--out", out, "--app-id", teamsAppID, "--developer", "Contoso")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	if strings.Join(names, ",") != "manifest.json,color.png,outline.png" {
		t.Errorf("package holds %v", names)
	}
	code, _, errs = runCmd(t, "", "teams", "package", "--out", out, "--app-id", "not-a-guid", "--website", "http://x")
	if code != exitBadInput || !strings.Contains(errs, "not a GUID") || !strings.Contains(errs, "https") {
		t.Errorf("bad flags: exit %d: %s", code, errs)
	}
}

func TestServeNeedsAPlatform(t *testing.T) {
	for _, k := range []string{"SLACK_APP_TOKEN", "SLACK_BOT_TOKEN", "MICROSOFT_APP_ID"} {
		t.Setenv(k, "")
	}
	code, _, errs := runCmd(t, "", "serve", "--data-dir", t.TempDir())
	if code != exitBadInput || !strings.Contains(errs, "MICROSOFT_APP_ID") || !strings.Contains(errs, "SLACK_APP_TOKEN") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// TestServeBothPlatforms: `advisorbot serve` with Slack and Teams
// configured answers on both, from one store.
func TestServeBothPlatforms(t *testing.T) {
	id, bf := teamstest.NewIdentity(t), teamstest.NewBotFramework(t)
	fake := slacktest.Start(t, slacktest.Config{Logf: func(string, ...any) {}})
	teamsGet := teamsEnv(id, bf, nil)
	slackEnv := map[string]string{"SLACK_APP_TOKEN": fake.AppToken(), "SLACK_BOT_TOKEN": fake.BotToken(), "SLACK_API_URL": fake.APIURL()}
	getenv := func(k string) string {
		if v, ok := slackEnv[k]; ok {
			return v
		}
		return teamsGet(k)
	}
	p := platforms{slack: slackConfigured(getenv), teams: teams.Configured(getenv)}
	if !p.slack || !p.teams {
		t.Fatalf("platforms %+v", p)
	}
	t.Setenv("HTTP_ADDR", "")
	ctx, cancel := context.WithCancel(context.Background())
	s, err := newServer(ctx, serverConfig{platforms: p, dataDir: t.TempDir(), getenv: getenv, logs: io.Discard})
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	defer func() {
		cancel()
		<-done
		s.Close()
	}()
	wctx, wcancel := context.WithTimeout(ctx, 10*time.Second)
	defer wcancel()
	if _, err := fake.WaitConnection(wctx, 1); err != nil {
		t.Fatal(err)
	}
	if err := fake.Send(fake.DM("U1", "We want to route 2,000 invoices a month to the right approver")); err != nil {
		t.Fatal(err)
	}
	if code := id.Deliver(t, "http://"+s.teams.Addr()+"/api/messages", teamsAppID, map[string]any{
		"type": "message", "id": "m1", "channelId": "msteams", "serviceUrl": bf.ServiceURL(),
		"from": map[string]any{"id": "29:u"}, "recipient": map[string]any{"id": "28:" + teamsAppID},
		"conversation": map[string]any{"id": "a:c1", "conversationType": "personal"},
		"text":         "We want to draft replies to customer emails from our manuals"}); code != http.StatusOK {
		t.Fatalf("teams answered %d", code)
	}
	waitFor(t, "answers on both platforms", func() bool {
		slackAnswered := false
		for _, m := range fake.Messages(fake.DMChannel("U1")) {
			slackAnswered = slackAnswered || m.FromBot()
		}
		return slackAnswered && len(bf.Activities()) > 0
	})
	for _, platform := range []string{"slack", "teams"} {
		convs, err := s.app.Store.OpenConversations(context.Background(), platform, map[string]string{"slack": "U1", "teams": "29:u"}[platform])
		if err != nil || len(convs) != 1 {
			t.Errorf("%s conversations in the shared store: %d, %v", platform, len(convs), err)
		}
	}
}

// TestSummaryPostToTeams: `advisorbot summary --post` posts into the
// Teams channel the app was added to, once per week.
func TestSummaryPostToTeams(t *testing.T) {
	id, bf := teamstest.NewIdentity(t), teamstest.NewBotFramework(t)
	dir := t.TempDir()
	st, err := openStore(slog.New(slog.DiscardHandler), appConfig{dataDir: dir, getenv: func(string) string { return "" }}, createData)
	if err != nil {
		t.Fatal(err)
	}
	ref, _ := json.Marshal(teams.Ref{ServiceURL: bf.ServiceURL(), TenantID: teamstest.Tenant, ConversationID: "19:lead@thread.tacv2"})
	if err := st.SavePlace(context.Background(), store.Place{Platform: "teams", ID: "19:lead@thread.tacv2", Team: "19:lead@thread.tacv2",
		TeamName: "Leadership", Name: "General", Ref: string(ref)}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	env := teamsEnv(id, bf, map[string]string{"TEAMS_SUMMARY_CHANNEL": "Leadership/General", "SUMMARY_CHANNEL": ""})
	for _, k := range []string{"MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID", "TEAMS_OPENID_METADATA_URL", "TEAMS_TOKEN_URL", "TEAMS_SUMMARY_CHANNEL", "SUMMARY_CHANNEL"} {
		t.Setenv(k, env(k))
	}
	code, out, errs := runCmd(t, "", "summary", "--data-dir", dir, "--week", "2026-W47", "--post")
	if code != exitOK || !strings.Contains(out, "weekly summary, 2026-W47") || !strings.Contains(errs, "posted to Teams channel Leadership/General") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if len(bf.Activities()) != 1 || bf.Activities()[0].Path != "/v3/conversations/19:lead@thread.tacv2/activities" {
		t.Errorf("posted %+v", bf.Activities())
	}
	code, _, errs = runCmd(t, "", "summary", "--data-dir", dir, "--week", "2026-W47", "--post")
	if code != exitBadInput || !strings.Contains(errs, "already posted to Teams channel") || len(bf.Activities()) != 1 {
		t.Errorf("second post: exit %d %s", code, errs)
	}
}
