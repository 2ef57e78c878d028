package teams

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Bot Framework constants (bot-docs, "Authenticate requests from the Bot
// Connector service to your bot").
const (
	// DefaultMetadataURL is the Bot Connector's OpenID metadata.
	DefaultMetadataURL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
	botFrameworkIssuer = "https://api.botframework.com"
	// clockSkew is the allowance on nbf and exp the protocol grants.
	clockSkew = 5 * time.Minute
	// keysMaxAge: Microsoft asks that keys be refreshed at least daily.
	keysMaxAge = 24 * time.Hour
	// unknownKidGap bounds refreshes caused by unknown key ids, so forged
	// tokens cannot make us hammer the metadata endpoint (nor hold back a
	// genuinely rotated key for long).
	unknownKidGap = 5 * time.Minute
	// refreshRetry is the wait after a failed refresh before the next try.
	refreshRetry = time.Minute
	// keysStaleLimit is how long old keys keep verifying while refreshes
	// fail; Microsoft publishes new keys well before it signs with them.
	keysStaleLimit = 5 * 24 * time.Hour
)

// ErrUnauthorized is wrapped by every verification failure; the endpoint
// answers 401 and processes nothing.
var ErrUnauthorized = errors.New("teams: unauthorized")

// Verifier checks the JWT on inbound Bot Framework requests.
type Verifier struct {
	AppID       string       // the audience: MICROSOFT_APP_ID
	MetadataURL string       // "" = DefaultMetadataURL
	Client      *http.Client // nil = a client with a 10 s timeout
	Now         func() time.Time

	mu        sync.Mutex
	keys      map[string]jwk
	fetched   time.Time
	lastForce time.Time // the last refresh for an unknown key id
	lastFail  time.Time // the last failed refresh; zero after a success
	lastErr   error
}

type jwk struct {
	Kty          string   `json:"kty"`
	Kid          string   `json:"kid"`
	N            string   `json:"n"`
	E            string   `json:"e"`
	Endorsements []string `json:"endorsements"`
	pub          *rsa.PublicKey
}

// claims are the token fields checked.
type claims struct {
	Iss        string   `json:"iss"`
	Aud        audience `json:"aud"`
	Exp        *float64 `json:"exp"`
	Nbf        *float64 `json:"nbf"`
	ServiceURL string   `json:"serviceurl"`
}

// audience accepts the JWT "aud" as a string or a list of strings.
type audience []string

func (a *audience) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*a = audience{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*a = many
	return nil
}

func deny(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnauthorized, fmt.Sprintf(format, args...))
}

// Verify checks the Authorization header of a request carrying an activity
// from channelID ("msteams") whose serviceUrl is serviceURL. Any failure
// wraps ErrUnauthorized; the reason never includes the token.
func (v *Verifier) Verify(ctx context.Context, authorization, channelID, serviceURL string) error {
	raw, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok || raw == "" {
		return deny("no bearer token")
	}
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return deny("malformed token")
	}
	var hdr struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err := decodeSegment(parts[0], &hdr); err != nil {
		return deny("malformed token header")
	}
	hash, ok := map[string]crypto.Hash{"RS256": crypto.SHA256, "RS384": crypto.SHA384, "RS512": crypto.SHA512}[hdr.Alg]
	if !ok {
		return deny("algorithm %q not accepted", hdr.Alg)
	}
	key, err := v.key(ctx, hdr.Kid)
	if err != nil {
		return err
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return deny("malformed signature")
	}
	if err := rsa.VerifyPKCS1v15(key.pub, hash, digest(hash, parts[0]+"."+parts[1]), sig); err != nil {
		return deny("bad signature")
	}
	// Only a signed token's claims are worth reading.
	var c claims
	if err := decodeSegment(parts[1], &c); err != nil {
		return deny("malformed claims")
	}
	if c.Iss != botFrameworkIssuer {
		return deny("issuer %q is not the Bot Framework", c.Iss)
	}
	if !slices.Contains(c.Aud, v.AppID) || v.AppID == "" {
		return deny("token is for another app")
	}
	now := v.now()
	if c.Exp == nil || now.After(time.Unix(int64(*c.Exp), 0).Add(clockSkew)) {
		return deny("token expired")
	}
	if c.Nbf != nil && now.Add(clockSkew).Before(time.Unix(int64(*c.Nbf), 0)) {
		return deny("token not valid yet")
	}
	if channelID != "" && !slices.Contains(key.Endorsements, channelID) {
		return deny("signing key is not endorsed for %s", channelID)
	}
	if c.ServiceURL == "" || c.ServiceURL != serviceURL {
		return deny("serviceurl claim does not match the activity")
	}
	return nil
}

func digest(h crypto.Hash, s string) []byte {
	switch h {
	case crypto.SHA384:
		d := sha512.Sum384([]byte(s))
		return d[:]
	case crypto.SHA512:
		d := sha512.Sum512([]byte(s))
		return d[:]
	default:
		d := sha256.Sum256([]byte(s))
		return d[:]
	}
}

func decodeSegment(seg string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func (v *Verifier) now() time.Time {
	if v.Now != nil {
		return v.Now()
	}
	return time.Now()
}

// key returns the signing key kid. The set is refreshed when it is older
// than a day, and once when kid is unknown (at most every unknownKidGap),
// as after a rotation. A failed refresh is retried at most every
// refreshRetry, and meanwhile the old keys keep verifying for up to
// keysStaleLimit: an outage at Microsoft's end must not stall every
// request behind a refresh that cannot succeed.
func (v *Verifier) key(ctx context.Context, kid string) (jwk, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	now := v.now()
	if err := v.current(ctx, now); err != nil {
		return jwk{}, err
	}
	if k, ok := v.keys[kid]; ok {
		return k, nil
	}
	if now.Sub(v.lastForce) >= unknownKidGap && now.Sub(v.lastFail) >= refreshRetry {
		v.lastForce = now
		if err := v.tryRefresh(ctx, now); err != nil {
			return jwk{}, err
		}
		if k, ok := v.keys[kid]; ok {
			return k, nil
		}
	}
	return jwk{}, deny("unknown signing key")
}

// tryRefresh refreshes unless a refresh failed within refreshRetry.
// Called with v.mu held.
func (v *Verifier) tryRefresh(ctx context.Context, now time.Time) error {
	if !v.lastFail.IsZero() && now.Sub(v.lastFail) < refreshRetry {
		return v.lastErr
	}
	if err := v.refresh(ctx); err != nil {
		v.lastFail, v.lastErr = now, err
		return err
	}
	v.lastFail, v.lastErr = time.Time{}, nil
	return nil
}

// current refreshes the keys when they are missing or older than a day
// (as tryRefresh allows), then reports whether there are keys no older
// than keysStaleLimit. Called with v.mu held.
func (v *Verifier) current(ctx context.Context, now time.Time) error {
	if v.keys == nil || now.Sub(v.fetched) > keysMaxAge {
		v.tryRefresh(ctx, now)
	}
	if v.keys != nil && now.Sub(v.fetched) <= keysStaleLimit {
		return nil
	}
	err := v.lastErr
	if err == nil {
		err = errors.New("never loaded")
	}
	return fmt.Errorf("teams: no usable signing keys: %w", err)
}

// Ready loads the signing keys if they are missing or older than a day,
// and reports whether requests can be verified: with keys up to
// keysStaleLimit old they can, even while a refresh fails. The readiness
// check calls it, and start-up warms the cache with it so the first
// request does not wait for Microsoft.
func (v *Verifier) Ready(ctx context.Context) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if err := v.current(ctx, v.now()); err != nil {
		return fmt.Errorf("cannot verify Bot Framework requests: %w", err)
	}
	return nil
}

// refresh loads the metadata, then its key set. Called with v.mu held.
func (v *Verifier) refresh(ctx context.Context) error {
	url := v.MetadataURL
	if url == "" {
		url = DefaultMetadataURL
	}
	var meta struct {
		JWKSURI string `json:"jwks_uri"`
	}
	if err := v.getJSON(ctx, url, &meta); err != nil {
		return fmt.Errorf("teams: openid metadata: %w", err)
	}
	if meta.JWKSURI == "" {
		return errors.New("teams: openid metadata has no jwks_uri")
	}
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := v.getJSON(ctx, meta.JWKSURI, &set); err != nil {
		return fmt.Errorf("teams: signing keys: %w", err)
	}
	keys := map[string]jwk{}
	for _, k := range set.Keys {
		if k.Kty != "RSA" || k.Kid == "" {
			continue
		}
		pub, err := rsaKey(k.N, k.E)
		if err != nil {
			continue // one bad key must not cost us the others
		}
		k.pub = pub
		keys[k.Kid] = k
	}
	if len(keys) == 0 {
		return errors.New("teams: signing keys: no usable RSA key")
	}
	v.keys, v.fetched = keys, v.now()
	return nil
}

func rsaKey(n, e string) (*rsa.PublicKey, error) {
	nb, err := base64.RawURLEncoding.DecodeString(n)
	if err != nil {
		return nil, err
	}
	eb, err := base64.RawURLEncoding.DecodeString(e)
	if err != nil {
		return nil, err
	}
	ei := new(big.Int).SetBytes(eb)
	if len(nb) < 256 || !ei.IsInt64() || ei.Int64() < 3 || ei.Int64() > 1<<31 {
		return nil, errors.New("weak or malformed RSA key")
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(nb), E: int(ei.Int64())}, nil
}

func (v *Verifier) getJSON(ctx context.Context, url string, out any) error {
	client := v.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(out)
}
