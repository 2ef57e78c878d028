package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

func testConversationRoundTrip(t *testing.T, s store.Store, clock *Clock) {
	ctx := t.Context()
	key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "C1", Thread: "1764000000.000100"}
	c := SampleConversation(key, "U1", 10)
	must(t, "save", s.SaveConversation(ctx, c))
	got, err := s.GetConversation(ctx, key)
	must(t, "get", err)
	if !got.UpdatedAt.Equal(clock.Now()) {
		t.Errorf("UpdatedAt = %v, want the store's clock %v", got.UpdatedAt, clock.Now())
	}
	if !got.CreatedAt.Equal(got.UpdatedAt) {
		t.Errorf("CreatedAt = %v, want UpdatedAt %v for a new conversation", got.CreatedAt, got.UpdatedAt)
	}
	want := c
	want.CreatedAt, want.UpdatedAt = got.CreatedAt, got.UpdatedAt
	diff(t, "conversation", want, got)
	if got.Profile.HumanReview == nil || *got.Profile.HumanReview {
		t.Errorf("HumanReview = %v, want a pointer to false", got.Profile.HumanReview)
	}
	if got.Profile.LabeledExamples == nil || *got.Profile.LabeledExamples != 0 {
		t.Errorf("LabeledExamples = %v, want a pointer to 0", got.Profile.LabeledExamples)
	}
}

func testConversationNotFound(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.GetConversation(ctx, store.ConvKey{Platform: "slack", Team: "T1", Channel: "C1"})
	wantNotFound(t, "get unknown conversation", err)
	key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "C1", Thread: "1"}
	must(t, "save", s.SaveConversation(ctx, SampleConversation(key, "U1", 2)))
	for _, k := range []store.ConvKey{
		{Platform: "slack", Team: "T1", Channel: "C1"},              // no thread
		{Platform: "slack", Team: "T1", Channel: "C1", Thread: "2"}, // other thread
		{Platform: "teams", Team: "T1", Channel: "C1", Thread: "1"}, // other platform
	} {
		_, err := s.GetConversation(ctx, k)
		wantNotFound(t, "get "+k.String(), err)
	}
}

// testConversationKeys checks that a "/" inside a key part cannot make two
// conversations share storage.
func testConversationKeys(t *testing.T, s store.Store) {
	ctx := t.Context()
	keys := []store.ConvKey{
		{Platform: "terminal", Team: "a/b", Channel: "c", Thread: "d"},
		{Platform: "terminal", Team: "a", Channel: "b/c", Thread: "d"},
		{Platform: "terminal", Team: "a", Channel: "b", Thread: "c/d"},
		{Platform: "terminal", Team: "a%2Fb", Channel: "c", Thread: "d"},
	}
	for i, k := range keys {
		must(t, "save", s.SaveConversation(ctx, SampleConversation(k, "user"+string(rune('A'+i)), 1)))
	}
	for i, k := range keys {
		got, err := s.GetConversation(ctx, k)
		must(t, "get "+k.String(), err)
		if want := "user" + string(rune('A'+i)); got.User != want || got.Key != k {
			t.Errorf("get %q: got user %q key %+v, want %q %+v", k.String(), got.User, got.Key, want, k)
		}
	}
}

func testConversationStamps(t *testing.T, s store.Store, clock *Clock) {
	ctx := t.Context()
	key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "C1"}
	c := SampleConversation(key, "U1", 2)
	created := time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	c.CreatedAt = created
	must(t, "save", s.SaveConversation(ctx, c))
	first, err := s.GetConversation(ctx, key)
	must(t, "get", err)
	if !first.CreatedAt.Equal(created) {
		t.Errorf("CreatedAt = %v, want the caller's %v", first.CreatedAt, created)
	}
	clock.Advance(time.Minute)
	first.Turns = append(first.Turns, store.Turn{At: clock.Now(), From: "user", Text: "yes"})
	must(t, "save again", s.SaveConversation(ctx, first))
	second, err := s.GetConversation(ctx, key)
	must(t, "get again", err)
	if !second.CreatedAt.Equal(created) {
		t.Errorf("CreatedAt after a second save = %v, want %v", second.CreatedAt, created)
	}
	if !second.UpdatedAt.Equal(first.UpdatedAt.Add(time.Minute)) {
		t.Errorf("UpdatedAt did not follow the clock: %v then %v", first.UpdatedAt, second.UpdatedAt)
	}
	if len(second.Turns) != 3 {
		t.Errorf("got %d turns, want 3", len(second.Turns))
	}
}

// testConversationCopies checks that neither the saved value nor a returned
// one shares memory with the stored state.
func testConversationCopies(t *testing.T, s store.Store) {
	ctx := t.Context()
	key := store.ConvKey{Platform: "slack", Team: "T1", Channel: "C1"}
	c := SampleConversation(key, "U1", 2)
	must(t, "save", s.SaveConversation(ctx, c))
	c.Turns[0].Text = "changed after save"
	*c.Profile.MonthlyVolume = 1
	got, err := s.GetConversation(ctx, key)
	must(t, "get", err)
	got.Turns[1].Text = "changed after get"
	*got.Profile.HumanReview = true
	got.Asked[0] = "changed"
	again, err := s.GetConversation(ctx, key)
	must(t, "get again", err)
	orig := SampleConversation(key, "U1", 2)
	orig.CreatedAt, orig.UpdatedAt = again.CreatedAt, again.UpdatedAt
	diff(t, "conversation after changing copies", orig, again)
}

func testOpenConversations(t *testing.T, s store.Store, clock *Clock) {
	ctx := t.Context()
	conv := func(platform, thread, user string, phase store.Phase) store.Conversation {
		c := SampleConversation(store.ConvKey{Platform: platform, Team: "T1", Channel: "C1", Thread: thread}, user, 2)
		c.Phase = phase
		return c
	}
	save := func(c store.Conversation) {
		t.Helper()
		must(t, "save "+c.Key.Thread, s.SaveConversation(ctx, c))
		// Distinct UpdatedAt stamps, so the order is defined.
		clock.Advance(time.Second)
	}
	a := conv("slack", "a", "U1", store.PhaseAsking)
	b := conv("slack", "b", "U1", store.PhaseFinished)
	c := conv("slack", "c", "U1", store.PhaseAdvised)
	d := conv("slack", "d", "U1", store.PhaseDescribe)
	for _, x := range []store.Conversation{a, b, c, d,
		conv("teams", "e", "U1", store.PhaseAsking),
		conv("slack", "f", "U2", store.PhaseAsking),
		conv("slack", "g", "U12", store.PhaseAsking), // a user id that extends U1
	} {
		save(x)
	}
	check := func(platform, user string, want ...string) {
		t.Helper()
		got, err := s.OpenConversations(ctx, platform, user)
		must(t, "open conversations", err)
		var threads []string
		for _, c := range got {
			if c.User != user || c.Key.Platform != platform {
				t.Errorf("OpenConversations(%q, %q) returned %s of %s", platform, user, c.Key, c.User)
			}
			threads = append(threads, c.Key.Thread)
		}
		if !slices.Equal(threads, want) {
			t.Errorf("OpenConversations(%q, %q) = %q, want %q (newest first)", platform, user, threads, want)
		}
	}
	check("slack", "U1", "d", "c", "a")
	check("teams", "U1", "e")
	check("slack", "U2", "f")
	check("slack", "U12", "g")
	check("slack", "U3")
	check("terminal", "U1")

	a.Phase = store.PhaseAdvised
	save(a)
	check("slack", "U1", "a", "d", "c")
	c.Phase = store.PhaseFinished
	save(c)
	check("slack", "U1", "a", "d")
	b.Phase = store.PhaseAsking // a finished conversation resumed
	save(b)
	check("slack", "U1", "b", "a", "d")
	d.User = "U2" // handed over
	save(d)
	check("slack", "U1", "b", "a")
	check("slack", "U2", "d", "f")
}
