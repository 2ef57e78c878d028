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

	// mu guards the fields below; it is never held across a fetch, so a
	// slow refresh never stalls requests the cached keys can verify.
	mu        sync.Mutex
	keys      map[string]jwk
	fetched   time.Time
	lastForce time.Time // the last refresh for an unknown key id
	lastFail  time.Time // the last failed refresh; zero after a success
	lastErr   error
	inflight  *refreshCall   // the refresh under way, nil when none
	refreshes sync.WaitGroup // refreshes under way, for tests to wait on
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
