package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
)

func testPlaces(t *testing.T, s store.Store) {
	ctx := t.Context()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	general := store.Place{Platform: "teams", ID: "19:general@thread.tacv2", Team: "19:general@thread.tacv2",
		TeamName: "Leadership", Name: "General", Ref: `{"serviceUrl":"https://smba.example/"}`, SavedAt: at}
	other := store.Place{Platform: "teams", ID: "19:other/x@thread.tacv2", TeamName: "Sales", SavedAt: at}
	slackOne := store.Place{Platform: "slack", ID: "C1", SavedAt: at}
	for _, p := range []store.Place{general, other, slackOne} {
		must(t, "save place", s.SavePlace(ctx, p))
	}
	got, err := s.Places(ctx, "teams")
	must(t, "places", err)
	diff(t, "teams places", []store.Place{general, other}, got)

	// Saving again refreshes, and an unstamped place gets the time.
	renamed := general
	renamed.TeamName, renamed.SavedAt = "Leadership team", time.Time{}
	must(t, "save again", s.SavePlace(ctx, renamed))
	got, err = s.Places(ctx, "teams")
	must(t, "places", err)
	if len(got) != 2 || got[0].TeamName != "Leadership team" || got[0].SavedAt.IsZero() {
		t.Errorf("after a refresh: %+v", got)
	}

	must(t, "delete", s.DeletePlace(ctx, "teams", other.ID))
	must(t, "delete absent", s.DeletePlace(ctx, "teams", "nope"))
	got, err = s.Places(ctx, "teams")
	must(t, "places", err)
	if len(got) != 1 || got[0].ID != general.ID {
		t.Errorf("after delete: %+v", got)
	}
	got, err = s.Places(ctx, "slack")
	must(t, "slack places", err)
	diff(t, "slack places", []store.Place{slackOne}, got)

	// Places hold no user ids, so forgetting a user leaves them.
	must(t, "forget", s.ForgetUser(ctx, "C1"))
	if got, _ := s.Places(ctx, "slack"); len(got) != 1 {
		t.Errorf("ForgetUser removed a place: %+v", got)
	}
	if err := s.SavePlace(ctx, store.Place{Platform: "teams"}); err == nil || errors.Is(err, store.ErrNotFound) {
		t.Errorf("a place without an id: err %v, want a clear refusal", err)
	}
}
