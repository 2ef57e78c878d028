package teamstest

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Issuer is the issuer of tokens the Bot Framework sends to bots.
const Issuer = "https://api.botframework.com"

// Identity serves OpenID metadata and a key set, as login.botframework.com
// does, and signs tokens with its keys. Its keys are "k1" and "k2"
// (published, endorsed for msteams), "no-teams" (published, endorsed only
// for webchat) and "rotated" (endorsed, published only after Publish).
type Identity struct {
	srv     *httptest.Server
	keys    map[string]*rsa.PrivateKey
	endorse map[string][]string
	fetches atomic.Int32
	down    atomic.Bool

	mu        sync.Mutex
	published []string
	held      chan struct{} // non-nil while HoldKeys holds fetches: closed by ReleaseKeys
	waiting   int           // metadata fetches being held
	changed   chan struct{} // closed and replaced when waiting changes
}

// NewIdentity starts an identity service, stopped when the test ends.
func NewIdentity(t testing.TB) *Identity {
	t.Helper()
	f := &Identity{keys: map[string]*rsa.PrivateKey{}, endorse: map[string][]string{}, changed: make(chan struct{})}
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
		f.fetches.Add(1)
		if !f.wait(r) {
			return
		}
		if f.down.Load() {
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
			return
		}
		writeJSON(w, map[string]any{
			"issuer": Issuer, "jwks_uri": f.srv.URL + "/v1/.well-known/keys",
			"id_token_signing_alg_values_supported": []string{"RS256"},
		})
	})
	mux.HandleFunc("GET /v1/.well-known/keys", func(w http.ResponseWriter, r *http.Request) {
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
		writeJSON(w, map[string]any{"keys": keys})
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	t.Cleanup(f.ReleaseKeys) // first: a held fetch must end before Close can
	return f
}

// MetadataURL is the OpenID metadata document's address.
func (f *Identity) MetadataURL() string { return f.srv.URL + "/v1/.well-known/openidconfiguration" }

// Publish adds keys to the published key set, as a rotation does.
func (f *Identity) Publish(kids ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.published = append(f.published, kids...)
}

// HoldKeys makes the metadata document take every fetch and answer none
// until ReleaseKeys, as a slow identity service does.
func (f *Identity) HoldKeys() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.held == nil {
		f.held = make(chan struct{})
	}
}

// ReleaseKeys answers the fetches held, and later ones at once.
func (f *Identity) ReleaseKeys() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.held != nil {
		close(f.held)
		f.held = nil
	}
}

// AwaitHeldFetches waits until n metadata fetches are being held, or ctx
// ends.
func (f *Identity) AwaitHeldFetches(ctx context.Context, n int) error {
	for {
		f.mu.Lock()
		waiting, changed := f.waiting, f.changed
		f.mu.Unlock()
		if waiting >= n {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// wait holds a metadata fetch while HoldKeys is in force; false: the
// fetch was given up.
func (f *Identity) wait(r *http.Request) bool {
	f.mu.Lock()
	held := f.held
	if held == nil {
		f.mu.Unlock()
		return true
	}
	f.waiting++
	close(f.changed)
	f.changed = make(chan struct{})
	f.mu.Unlock()
	ok := true
	select {
	case <-held:
	case <-r.Context().Done():
		ok = false
	}
	f.mu.Lock()
	f.waiting--
	close(f.changed)
	f.changed = make(chan struct{})
	f.mu.Unlock()
	return ok
}

// SetDown makes the metadata document answer 503, as in an outage.
func (f *Identity) SetDown(down bool) { f.down.Store(down) }

// KeyFetches counts the fetches of the metadata (each followed by the key
// set when the service is up).
func (f *Identity) KeyFetches() int { return int(f.fetches.Load()) }

// Segment is one base64url JSON segment of a JWT.
func Segment(v any) string {
	b, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Token signs claims with key kid (RS256), or leaves it unsigned for alg
// "none". An unknown kid is signed with k1, as a forger would.
func (f *Identity) Token(t testing.TB, alg, kid string, claims map[string]any) string {
	t.Helper()
	head := Segment(map[string]any{"alg": alg, "kid": kid, "typ": "JWT"}) + "." + Segment(claims)
	if alg == "none" {
		return head + "."
	}
	key := f.keys[kid]
	if key == nil {
		key = f.keys["k1"]
	}
	d := sha256.Sum256([]byte(head))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, d[:])
	if err != nil {
		t.Fatal(err)
	}
	return head + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// Claims are the claims of a valid token for appID, issued now, for
// activities from serviceURL.
func Claims(appID, serviceURL string, now time.Time) map[string]any {
	return map[string]any{
		"iss": Issuer, "aud": appID, "serviceurl": serviceURL,
		"nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(time.Hour).Unix(),
	}
}

// With is a copy of claims with k set to v, or removed when v is nil.
func With(claims map[string]any, k string, v any) map[string]any {
	out := make(map[string]any, len(claims)+1)
	for kk, vv := range claims {
		out[kk] = vv
	}
	if v == nil {
		delete(out, k)
	} else {
		out[k] = v
	}
	return out
}

// Deliver posts an activity to a bot's messaging endpoint with a valid
// token for appID, as the Bot Framework does, and returns the HTTP status.
// activity must marshal to JSON with a "serviceUrl".
func (f *Identity) Deliver(t testing.TB, endpoint, appID string, activity any) int {
	t.Helper()
	body, err := json.Marshal(activity)
	if err != nil {
		t.Fatal(err)
	}
	var head struct {
		ServiceURL string `json:"serviceUrl"`
	}
	json.Unmarshal(body, &head)
	req, err := http.NewRequest(http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+f.Token(t, "RS256", "k1", Claims(appID, head.ServiceURL, time.Now())))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	dumpResponse(resp)
	resp.Body.Close()
	return resp.StatusCode
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
