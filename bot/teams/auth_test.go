package teams

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testAppID   = "00000000-1111-2222-3333-444444444444"
	testService = "https://smba.trafficmanager.net/teams/"
)

// fakeIdentity serves OpenID metadata and a key set, as
// login.botframework.com does, and signs tokens with its keys.
type fakeIdentity struct {
	srv       *httptest.Server
	keys      map[string]*rsa.PrivateKey
	endorse   map[string][]string
	mu        sync.Mutex
	published []string // kids in the key set
	fetches   atomic.Int32
}

func newFakeIdentity(t *testing.T) *fakeIdentity {
	t.Helper()
	f := &fakeIdentity{keys: map[string]*rsa.PrivateKey{}, endorse: map[string][]string{}}
	for _, kid := range []string{"k1", "k2", "rotated", "no-teams"} {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		f.keys[kid] = k
		f.endorse[kid] = []string{"msteams", "webchat"}
	}
	f.endorse["no-teams"] = []string{"webchat"}
	f.published = []string{"k1", "k2", "no-teams"}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/.well-known/openidconfiguration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{
			"issuer": botFrameworkIssuer, "jwks_uri": f.srv.URL + "/v1/.well-known/keys",
			"id_token_signing_alg_values_supported": []string{"RS256"},
		})
	})
	mux.HandleFunc("GET /v1/.well-known/keys", func(w http.ResponseWriter, r *http.Request) {
		f.fetches.Add(1)
		f.mu.Lock()
		published := slices.Clone(f.published)
		f.mu.Unlock()
		var keys []map[string]any
		for _, kid := range published {
			pub := f.keys[kid].PublicKey
			keys = append(keys, map[string]any{
				"kty": "RSA", "use": "sig", "kid": kid,
				"n":            base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
				"e":            base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
				"endorsements": f.endorse[kid],
			})
		}
		json.NewEncoder(w).Encode(map[string]any{"keys": keys})
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeIdentity) metadataURL() string { return f.srv.URL + "/v1/.well-known/openidconfiguration" }

func seg(v any) string {
	b, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(b)
}

// token signs claims with key kid (RS256), or leaves it unsigned for "none".
func (f *fakeIdentity) token(t *testing.T, alg, kid string, claims map[string]any) string {
	t.Helper()
	head := seg(map[string]any{"alg": alg, "kid": kid, "typ": "JWT"}) + "." + seg(claims)
	if alg == "none" {
		return head + "."
	}
	key := f.keys[kid]
	if key == nil {
		key = f.keys["k1"] // a forged kid, signed with some key
	}
	d := sha256.Sum256([]byte(head))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, d[:])
	if err != nil {
		t.Fatal(err)
	}
	return head + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func goodClaims(now time.Time) map[string]any {
	return map[string]any{
		"iss": botFrameworkIssuer, "aud": testAppID, "serviceurl": testService,
		"nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(),
	}
}

func with(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{}
	for kk, vv := range m {
		out[kk] = vv
	}
	if v == nil {
		delete(out, k)
	} else {
		out[k] = v
	}
	return out
}

func TestVerify(t *testing.T) {
	f := newFakeIdentity(t)
	now := time.Now()
	good := goodClaims(now)
	cases := []struct {
		name   string
		header string
		ok     bool
	}{
		{"valid", "Bearer " + f.token(t, "RS256", "k1", good), true},
		{"valid, audience list", "Bearer " + f.token(t, "RS256", "k2", with(good, "aud", []string{"other", testAppID})), true},
		{"within the clock skew", "Bearer " + f.token(t, "RS256", "k1", with(good, "exp", now.Add(-4*time.Minute).Unix())), true},
		{"no token", "", false},
		{"not bearer", "Basic " + f.token(t, "RS256", "k1", good), false},
		{"garbage", "Bearer not.a.jwt", false},
		{"expired", "Bearer " + f.token(t, "RS256", "k1", with(good, "exp", now.Add(-6*time.Minute).Unix())), false},
		{"no expiry", "Bearer " + f.token(t, "RS256", "k1", with(good, "exp", nil)), false},
		{"not yet valid", "Bearer " + f.token(t, "RS256", "k1", with(good, "nbf", now.Add(10*time.Minute).Unix())), false},
		{"wrong audience", "Bearer " + f.token(t, "RS256", "k1", with(good, "aud", "someone-else")), false},
		{"wrong issuer", "Bearer " + f.token(t, "RS256", "k1", with(good, "iss", "https://evil.example")), false},
		{"unknown key id", "Bearer " + f.token(t, "RS256", "rotated", good), false},
		{"key not endorsed for msteams", "Bearer " + f.token(t, "RS256", "no-teams", good), false},
		{"serviceurl mismatch", "Bearer " + f.token(t, "RS256", "k1", with(good, "serviceurl", "https://evil.example/")), false},
		{"no serviceurl", "Bearer " + f.token(t, "RS256", "k1", with(good, "serviceurl", nil)), false},
		{"alg none", "Bearer " + f.token(t, "none", "k1", good), false},
		{"HS256", "Bearer " + strings.Replace(f.token(t, "RS256", "k1", good), seg(map[string]any{"alg": "RS256", "kid": "k1", "typ": "JWT"}), seg(map[string]any{"alg": "HS256", "kid": "k1", "typ": "JWT"}), 1), false},
		{"claims altered after signing", "Bearer " + resign(f.token(t, "RS256", "k1", good), with(good, "aud", testAppID+"x")), false},
	}
	v := &Verifier{AppID: testAppID, MetadataURL: f.metadataURL()}
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
	f := newFakeIdentity(t)
	now := time.Now()
	clock := now
	v := &Verifier{AppID: testAppID, MetadataURL: f.metadataURL(), Now: func() time.Time { return clock }}
	if err := v.Verify(context.Background(), "Bearer "+f.token(t, "RS256", "k1", goodClaims(now)), "msteams", testService); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.published = append(f.published, "rotated")
	f.mu.Unlock()
	if err := v.Verify(context.Background(), "Bearer "+f.token(t, "RS256", "rotated", goodClaims(now)), "msteams", testService); err != nil {
		t.Errorf("rotated key: %v", err)
	}
	n := f.fetches.Load()
	for range 5 {
		v.Verify(context.Background(), "Bearer "+f.token(t, "RS256", "forged-kid", goodClaims(now)), "msteams", testService)
	}
	if got := f.fetches.Load() - n; got > 1 {
		t.Errorf("unknown key ids caused %d refreshes within an hour, want at most 1", got)
	}
	n = f.fetches.Load()
	clock = now.Add(25 * time.Hour)
	tok := f.token(t, "RS256", "k1", goodClaims(clock))
	if err := v.Verify(context.Background(), "Bearer "+tok, "msteams", testService); err != nil {
		t.Fatal(err)
	}
	if f.fetches.Load() == n {
		t.Error("keys older than a day were not refreshed")
	}
}
