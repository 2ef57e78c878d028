package storetest

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// Population writes conversations, recommendations and feedback of users
// U123, U456 and U1234 (whose id extends U123's) into s, including
// feedback by U123 on U456's recommendation, the outcomes each reported on
// two of their assessments (in their words), follow-up claims of those two
// and each user's follow-up opt-out, and returns the conversation keys of
// each user. The forget tests use it.
func Population(t testing.TB, s store.Store) map[string][]store.ConvKey {
	ctx := t.Context()
	keys := map[string][]store.ConvKey{}
	for ui, user := range []string{"U123", "U456", "U1234"} {
		for i, platform := range []string{"slack", "slack", "teams", "terminal"} {
			k := store.ConvKey{Platform: platform, Team: "T1", Channel: "D" + user, Thread: fmt.Sprint(i)}
			c := SampleConversation(k, user, 6)
			c.Phase = []store.Phase{store.PhaseAsking, store.PhaseFinished}[i%2]
			if err := s.SaveConversation(ctx, c); err != nil {
				t.Fatalf("save conversation: %v", err)
			}
			keys[user] = append(keys[user], k)
			r := SampleAssessment(fmt.Sprintf("%s-r%d", user, i), user, "Finance", advisor.RAG, 100,
				monday.Add(time.Duration(ui*10+i)*time.Hour))
			if err := s.SaveAssessment(ctx, r); err != nil {
				t.Fatalf("save recommendation: %v", err)
			}
			if err := s.SaveFeedback(ctx, store.Feedback{RecID: r.ID, User: user, Helpful: ptr(i%2 == 0), Chosen: advisor.PromptEngineering, At: r.CreatedAt.Add(time.Hour)}); err != nil {
				t.Fatalf("save feedback: %v", err)
			}
			// An explanation of the assessment, which quotes the person.
			if err := s.CachePut(ctx, store.UserCacheKey(user, fmt.Sprintf("expl-%d", i)), "As "+user+" wrote: "+c.Profile.Description, 10*time.Minute); err != nil {
				t.Fatalf("cache put: %v", err)
			}
			if i >= 2 {
				continue
			}
			o := SampleOutcome(r, []store.OutcomeStatus{store.OutcomeBuilt, store.OutcomeDropped}[i], r.CreatedAt.Add(30*24*time.Hour))
			o.Reason = "As " + user + " said: the pilot stalled."
			if err := s.SaveOutcome(ctx, o); err != nil {
				t.Fatalf("save outcome: %v", err)
			}
			if _, err := s.ClaimFollowup(ctx, r.ID, 1); err != nil {
				t.Fatalf("claim follow-up: %v", err)
			}
		}
		if err := s.SetFollowupOptOut(ctx, user, true); err != nil {
			t.Fatalf("opt out: %v", err)
		}
	}
	err := s.SaveFeedback(ctx, store.Feedback{RecID: "U456-r0", User: "U123", Helpful: ptr(true), At: monday.Add(50 * time.Hour)})
	if err != nil {
		t.Fatalf("save feedback: %v", err)
	}
	return keys
}

func testForgetUser(t *testing.T, s store.Store) {
	ctx := t.Context()
	keys := Population(t, s)
	week := store.ISOWeek(monday)
	before, err := s.Week(ctx, week)
	must(t, "week", err)
	others := map[string]store.Conversation{}
	for _, user := range []string{"U456", "U1234"} {
		for _, k := range keys[user] {
			c, err := s.GetConversation(ctx, k)
			must(t, "get", err)
			others[k.String()] = c
		}
	}

	must(t, "forget", s.ForgetUser(ctx, "U123"))

	for _, k := range keys["U123"] {
		_, err := s.GetConversation(ctx, k)
		wantNotFound(t, "forgotten conversation "+k.String(), err)
	}
	for _, p := range []string{"slack", "teams", "terminal"} {
		if got, err := s.OpenConversations(ctx, p, "U123"); err != nil || len(got) != 0 {
			t.Errorf("OpenConversations(%q, U123) = %d conversations, %v; want none", p, len(got), err)
		}
	}
	if got, err := s.Assessments(ctx, "U123", time.Time{}, 0); err != nil || len(got) != 0 {
		t.Errorf("Assessments(U123) = %q, %v; want none", ids(got), err)
	}
	for i := range 4 {
		_, err := s.GetAssessment(ctx, fmt.Sprintf("U123-r%d", i))
		wantNotFound(t, "forgotten recommendation", err)
	}
	all, err := s.Assessments(ctx, "", time.Time{}, 0)
	must(t, "list all", err)
	wantIDs := []string{"U456-r0", "U456-r1", "U456-r2", "U456-r3", "U1234-r0", "U1234-r1", "U1234-r2", "U1234-r3"}
	if got := ids(all); !slices.Equal(got, wantIDs) {
		t.Errorf("recommendations left = %q, want %q", got, wantIDs)
	}
	for k, want := range others {
		got, err := s.GetConversation(ctx, want.Key)
		must(t, "get "+k, err)
		diff(t, "other user's conversation", want, got)
	}
	if got, err := s.OpenConversations(ctx, "slack", "U1234"); err != nil || len(got) != 1 {
		t.Errorf("OpenConversations(slack, U1234) = %d, %v; want 1", len(got), err)
	}
	after, err := s.Week(ctx, week)
	must(t, "week", err)
	// Counts stay (they hold no user id); the list of best assessments
	// loses the forgotten user's ids.
	for _, top := range after.Top {
		if strings.HasPrefix(top.ID, "U123-") {
			t.Errorf("a forgotten record is still in the week's top list: %s", top.ID)
		}
	}
	before.Top, after.Top = nil, nil
	diff(t, "aggregates after forget", before, after)

	for i := range 4 {
		if _, ok, err := s.CacheGet(ctx, store.UserCacheKey("U123", fmt.Sprintf("expl-%d", i))); ok || err != nil {
			t.Errorf("forgotten user's cached explanation %d: found %v, %v", i, ok, err)
		}
		if _, ok, err := s.CacheGet(ctx, store.UserCacheKey("U1234", fmt.Sprintf("expl-%d", i))); !ok || err != nil {
			t.Errorf("another user's cached explanation %d: found %v, %v", i, ok, err)
		}
	}
	testForgottenOutcomes(t, s)
	must(t, "forget again", s.ForgetUser(ctx, "U123"))
	must(t, "forget unknown", s.ForgetUser(ctx, "nobody"))
}

// testForgottenOutcomes checks, after U123 was forgotten, that their
// outcomes, opt-out and the claims of their assessments are gone and the
// others' are not.
func testForgottenOutcomes(t *testing.T, s store.Store) {
	ctx := t.Context()
	for i := range 2 {
		_, err := s.GetOutcome(ctx, fmt.Sprintf("U123-r%d", i))
		wantNotFound(t, "forgotten outcome", err)
		for _, user := range []string{"U456", "U1234"} {
			if _, err := s.GetOutcome(ctx, fmt.Sprintf("%s-r%d", user, i)); err != nil {
				t.Errorf("%s's outcome %d: %v", user, i, err)
			}
		}
	}
	wantIDs := []string{"U456-r0", "U456-r1", "U1234-r0", "U1234-r1"}
	if got := outcomeIDs(allOutcomes(t, s, time.Time{}, time.Time{})); !slices.Equal(got, wantIDs) {
		t.Errorf("outcomes left = %q, want %q", got, wantIDs)
	}
	for user, want := range map[string]bool{"U123": false, "U456": true, "U1234": true} {
		if out, err := s.FollowupOptOut(ctx, user); err != nil || out != want {
			t.Errorf("FollowupOptOut(%s) = %v, %v; want %v", user, out, err, want)
		}
	}
	// Claiming writes, so the others' (still claimed) are checked first.
	for _, id := range []string{"U456-r0", "U1234-r1", "U123-r0", "U123-r1"} {
		ok, err := s.ClaimFollowup(ctx, id, 1)
		if want := strings.HasPrefix(id, "U123-"); err != nil || ok != want {
			t.Errorf("ClaimFollowup(%s, 1) after forgetting U123 = %v, %v; want %v", id, ok, err, want)
		}
	}
}

// testConcurrency saves from 100 goroutines at once; run it with -race.
func testConcurrency(t *testing.T, s store.Store) {
	ctx := t.Context()
	const n = 100
	var wg sync.WaitGroup
	var firsts atomic.Int32
	errs := make(chan error, 10*n)
	for i := range n {
		wg.Go(func() {
			user := fmt.Sprintf("U%d", i)
			k := store.ConvKey{Platform: "slack", Team: "T1", Channel: "C1", Thread: fmt.Sprint(i)}
			c := SampleConversation(k, user, 4)
			c.Phase = store.PhaseAsking
			errs <- s.SaveConversation(ctx, c)
			r := SampleAssessment(fmt.Sprintf("r%03d", i), user, "Finance", advisor.RAG, 10, monday.Add(time.Duration(i)*time.Minute))
			errs <- s.SaveAssessment(ctx, r)
			errs <- s.SaveFeedback(ctx, store.Feedback{RecID: r.ID, User: user, Helpful: ptr(true), At: monday})
			first, err := s.FirstSeen(ctx, "Ev-shared", time.Hour)
			if first {
				firsts.Add(1)
			}
			errs <- err
			errs <- s.CachePut(ctx, "shared", user, time.Hour)
			w, err := s.Week(ctx, store.ISOWeek(monday))
			errs <- err
			_ = w.ByApproach[advisor.RAG] + w.ByDepartment["Finance"] // read the maps while others write
			got, err := s.GetConversation(ctx, k)
			if err == nil && got.User != user {
				err = fmt.Errorf("conversation %d: user %q", i, got.User)
			}
			errs <- err
			open, err := s.OpenConversations(ctx, "slack", user)
			if err == nil && len(open) != 1 {
				err = fmt.Errorf("user %s: %d open conversations, want 1", user, len(open))
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	w, err := s.Week(ctx, store.ISOWeek(monday))
	must(t, "week", err)
	if w.Assessments != n || w.Helpful != n || w.ByApproach[advisor.RAG] != n {
		t.Errorf("week after %d concurrent saves: %d assessments, %d helpful", n, w.Assessments, w.Helpful)
	}
	all, err := s.Assessments(ctx, "", time.Time{}, 0)
	must(t, "list", err)
	if len(all) != n {
		t.Errorf("%d recommendations, want %d", len(all), n)
	}
	if got := firsts.Load(); got != 1 {
		t.Errorf("FirstSeen of one event id from %d goroutines reported first %d times, want once", n, got)
	}
}
