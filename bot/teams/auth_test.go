package teams

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

const (
	testAppID   = "00000000-1111-2222-3333-444444444444"
	testService = "https://smba.trafficmanager.net/teams/"
)

func goodClaims(now time.Time) map[string]any { return teamstest.Claims(testAppID, testService, now) }

var (
	with = teamstest.With
	seg  = teamstest.Segment
)

func TestVerify(t *testing.T) {
	f := teamstest.NewIdentity(t)
	now := time.Now()
	good := goodClaims(now)
	cases := []struct {
		name   string
		header string
		ok     bool
	}{
		{"valid", "Bearer " + f.Token(t, "RS256", "k1", good), true},
		{"valid, audience list", "Bearer " + f.Token(t, "RS256", "k2", with(good, "aud", []string{"other", testAppID})), true},
		{"within the clock skew", "Bearer " + f.Token(t, "RS256", "k1", with(good, "exp", now.Add(-4*time.Minute).Unix())), true},
		{"no token", "", false},
		{"not bearer", "Basic " + f.Token(t, "RS256", "k1", good), false},
		{"garbage", "Bearer not.a.jwt", false},
		{"expired", "Bearer " + f.Token(t, "RS256", "k1", with(good, "exp", now.Add(-6*time.Minute).Unix())), false},
		{"no expiry", "Bearer " + f.Token(t, "RS256", "k1", with(good, "exp", nil)), false},
		{"not yet valid", "Bearer " + f.Token(t, "RS256", "k1", with(good, "nbf", now.Add(10*time.Minute).Unix())), false},
		{"wrong audience", "Bearer " + f.Token(t, "RS256", "k1", with(good, "aud", "someone-else")), false},
		{"wrong issuer", "Bearer " + f.Token(t, "RS256", "k1", with(good, "iss", "https://evil.example")), false},
		{"unknown key id", "Bearer " + f.Token(t, "RS256", "rotated", good), false},
		{"key not endorsed for msteams", "Bearer " + f.Token(t, "RS256", "no-teams", good), false},
		{"serviceurl mismatch", "Bearer " + f.Token(t, "RS256", "k1", with(good, "serviceurl", "https://evil.example/")), false},
		{"no serviceurl", "Bearer " + f.Token(t, "RS256", "k1", with(good, "serviceurl", nil)), false},
		{"alg none", "Bearer " + f.Token(t, "none", "k1", good), false},
		{"HS256", "Bearer " + strings.Replace(f.Token(t, "RS256", "k1", good), seg(map[string]any{"alg": "RS256", "kid": "k1", "typ": "JWT"}), seg(map[string]any{"alg": "HS256", "kid": "k1", "typ": "JWT"}), 1), false},
		{"claims altered after signing", "Bearer " + resign(f.Token(t, "RS256", "k1", good), with(good, "aud", testAppID+"x")), false},
	}
	v := &Verifier{AppID: testAppID, MetadataURL: f.MetadataURL()}
	for _, c := range cases {
		err := v.Verify(context.Background(), c.header, "msteams", testService)
		if c.ok && err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if !c.ok && !errors.Is(err, ErrUnauthorized) {
			t.Errorf("%s: err %v, want ErrUnauthorized", c.name, err)
		}
		if err != nil && strings.Contains(err.Error(), "eyJ") {
			t.Errorf("%s: the error repeats the token: %v", c.name, err)
		}
	}
}

// resign swaps a token's claims but keeps the old signature.
func resign(tok string, claims map[string]any) string {
	p := strings.Split(tok, ".")
	return p[0] + "." + seg(claims) + "." + p[2]
}

// TestKeyRotation: an unknown key id triggers one refresh, so a rotated
// key is accepted at once; forged unknown ids do not refetch every time;
// and the set is refreshed after a day regardless.
func TestKeyRotation(t *testing.T) {
	f := teamstest.NewIdentity(t)
	now := time.Now()
	clock := now
	v := &Verifier{AppID: testAppID, MetadataURL: f.MetadataURL(), Now: func() time.Time { return clock }}
	if err := v.Verify(context.Background(), "Bearer "+f.Token(t, "RS256", "k1", goodClaims(now)), "msteams", testService); err != nil {
		t.Fatal(err)
	}
	f.Publish("rotated")
	if err := v.Verify(context.Background(), "Bearer "+f.Token(t, "RS256", "rotated", goodClaims(now)), "msteams", testService); err != nil {
		t.Errorf("rotated key: %v", err)
	}
	n := f.KeyFetches()
	for range 5 {
		v.Verify(context.Background(), "Bearer "+f.Token(t, "RS256", "forged-kid", goodClaims(now)), "msteams", testService)
	}
	if got := f.KeyFetches() - n; got > 1 {
		t.Errorf("unknown key ids caused %d refreshes at once, want at most 1", got)
	}
	n = f.KeyFetches()
	clock = now.Add(25 * time.Hour)
	tok := f.Token(t, "RS256", "k1", goodClaims(clock))
	if err := v.Verify(context.Background(), "Bearer "+tok, "msteams", testService); err != nil {
		t.Fatal(err)
	}
	v.refreshes.Wait() // the refresh runs in the background
	if f.KeyFetches() == n {
		t.Error("keys older than a day were not refreshed")
	}
}

// TestRefreshDoesNotBlock: while a refresh of day-old keys hangs at
// Microsoft's end, requests signed with a known key are verified at once
// with the cached keys (the verifier holds no lock across a fetch), and
// requests with an unknown key id wait for that one refresh, not one each
// (issue 15).
func TestRefreshDoesNotBlock(t *testing.T) {
	f := teamstest.NewIdentity(t)
	start := time.Now()
	clock := start
	var mu sync.Mutex
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	v := &Verifier{AppID: testAppID, MetadataURL: f.MetadataURL(), Now: now}
	if err := v.Ready(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	clock = start.Add(25 * time.Hour)
	mu.Unlock()
	f.HoldKeys()
	n := f.KeyFetches()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a safety net, not a measurement
	defer cancel()

	// The first request finds the keys a day old: a refresh starts, and
	// hangs, while the request is verified with the cached keys.
	known := func() error {
		done := make(chan error, 1)
		go func() {
			done <- v.Verify(ctx, "Bearer "+f.Token(t, "RS256", "k1", goodClaims(now())), "msteams", testService)
		}()
		select {
		case err := <-done:
			return err
		case <-ctx.Done():
			return errors.New("blocked behind the refresh")
		}
	}
	if err := known(); err != nil {
		t.Fatalf("a known key while the refresh hangs: %v", err)
	}
	if err := f.AwaitHeldFetches(ctx, 1); err != nil {
		t.Fatalf("no refresh started: %v", err)
	}
	for range 3 {
		if err := known(); err != nil {
			t.Fatalf("a known key while the refresh hangs: %v", err)
		}
	}

	// A rotated key arrives: requests signed with it wait for the refresh
	// under way, which brings it, and start none of their own.
	f.Publish("rotated")
	const waiters = 5
	errs := make(chan error, waiters)
	for range waiters {
		go func() {
			errs <- v.Verify(ctx, "Bearer "+f.Token(t, "RS256", "rotated", goodClaims(now())), "msteams", testService)
		}()
	}
	if err := known(); err != nil {
		t.Fatalf("a known key while others wait: %v", err)
	}
	f.ReleaseKeys()
	for range waiters {
		if err := <-errs; err != nil {
			t.Errorf("the rotated key after the refresh: %v", err)
		}
	}
	v.refreshes.Wait()
	if got := f.KeyFetches() - n; got != 1 {
		t.Errorf("%d refreshes; want the one", got)
	}
}

// TestKeysOutage: when Microsoft's key endpoint is down, day-old keys keep
// verifying, refreshes are retried at most once a minute instead of on
// every request, and readiness holds until the keys are too old to trust.
func TestKeysOutage(t *testing.T) {
	f := teamstest.NewIdentity(t)
	start := time.Now()
	clock := start
	v := &Verifier{AppID: testAppID, MetadataURL: f.MetadataURL(), Now: func() time.Time { return clock }}
	if err := v.Ready(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.SetDown(true)
	clock = start.Add(25 * time.Hour)
	n := f.KeyFetches()
	for range 5 {
		if err := v.Verify(context.Background(), "Bearer "+f.Token(t, "RS256", "k1", goodClaims(clock)), "msteams", testService); err != nil {
			t.Fatalf("old keys refused during an outage: %v", err)
		}
		v.refreshes.Wait() // the refresh runs in the background
	}
	if got := f.KeyFetches() - n; got != 1 {
		t.Errorf("%d refresh attempts in a minute of outage, want 1", got)
	}
	if err := v.Ready(context.Background()); err != nil {
		t.Errorf("not ready with day-old keys: %v", err)
	}
	clock = start.Add(6 * 24 * time.Hour)
	err := v.Verify(context.Background(), "Bearer "+f.Token(t, "RS256", "k1", goodClaims(clock)), "msteams", testService)
	if err == nil || errors.Is(err, ErrUnauthorized) {
		t.Errorf("six-day-old keys: %v; want an unavailability (503), not acceptance or 401", err)
	}
	if v.Ready(context.Background()) == nil {
		t.Error("ready with keys too old to trust")
	}
	f.SetDown(false)
	clock = clock.Add(2 * time.Minute)
	if err := v.Ready(context.Background()); err != nil {
		t.Errorf("after the outage: %v", err)
	}
}
