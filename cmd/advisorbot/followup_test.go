package main

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
	"github.com/advisorbot/advisorbot/bot/terminal"
)

func TestFollowupFromEnv(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	c, err := followupFromEnv(env(nil))
	if err != nil || c.Enabled {
		t.Fatalf("default: %+v, %v", c, err)
	}
	c, err = followupFromEnv(env(map[string]string{"FOLLOWUP_ENABLED": "true", "FOLLOWUP_DAYS": "14, 60,180", "FOLLOWUP_QUIET_HOURS": "19-8", "FOLLOWUP_TZ": "UTC"}))
	if err != nil || !c.Enabled || len(c.Days) != 3 || c.Days[0] != 14 || c.QuietFrom != 19 || c.QuietTo != 8 {
		t.Fatalf("set: %+v, %v", c, err)
	}
	for _, bad := range []map[string]string{
		{"FOLLOWUP_ENABLED": "perhaps"},
		{"FOLLOWUP_DAYS": "90,30"},
		{"FOLLOWUP_DAYS": "thirty"},
		{"FOLLOWUP_DAYS": "0"},
		{"FOLLOWUP_QUIET_HOURS": "evening"},
		{"FOLLOWUP_QUIET_HOURS": "25-3"},
		{"FOLLOWUP_TZ": "Mars/Olympus"},
	} {
		_, err := followupFromEnv(env(bad))
		if err == nil || !strings.Contains(err.Error(), "FOLLOWUP_") {
			t.Errorf("%v: err %v, want a message naming the setting", bad, err)
		}
	}
}

// TestChatShowsDueFollowup: `advisorbot chat` asks a follow-up due for the
// person at the terminal before anything else, and stores the answers.
func TestChatShowsDueFollowup(t *testing.T) {
	dir := t.TempDir()
	st, err := badgerstore.Open(nil, badgerstore.Options{Dir: dir, Create: true, GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.SampleAssessment("r-ana", "ana", "Finance", advisor.RAG, 2000, time.Now().Add(-40*24*time.Hour))
	a.Conv = terminal.Key("ana")
	other := storetest.SampleAssessment("r-bo", "bo", "Finance", advisor.RAG, 2000, time.Now().Add(-40*24*time.Hour))
	other.Conv = terminal.Key("bo")
	for _, x := range []store.Assessment{a, other} {
		if err := st.SaveAssessment(context.Background(), x); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	t.Setenv("FOLLOWUP_ENABLED", "true")
	code, out, errs := runCmd(t, "we built it with rag\n$12k\n$150 a month\n40 hours a month\n", "chat", "--data-dir", dir, "--user", "ana")
	if code != exitOK {
		t.Fatalf("chat: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "Did your team build it?") || !strings.Contains(out, "Thank you, that's noted") {
		t.Fatalf("chat output lacks the follow-up:\n%s", out)
	}
	st, err = badgerstore.Open(nil, badgerstore.Options{Dir: dir, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	o, err := st.GetOutcome(context.Background(), "r-ana")
	if err != nil || o.Status != store.OutcomeBuilt || o.OneOffCost != advisor.Some(12000) || o.MonthlyRunCost != advisor.Some(150) || o.HoursSavedMonthly != advisor.Some(40) {
		t.Fatalf("outcome %+v, %v", o, err)
	}
	if _, err := st.GetOutcome(context.Background(), "r-bo"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("someone else's follow-up was asked: %v", err)
	}
}
