package teams

import (
	"context"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"time"
)

// The Verifier's cache of the Bot Framework's signing keys: fetched from
// the OpenID metadata's key set, refreshed in the background, shared by
// every request.

// jwk is one signing key of the key set, with the channels it is
// endorsed for.
type jwk struct {
	Kty          string   `json:"kty"`
	Kid          string   `json:"kid"`
	N            string   `json:"n"`
	E            string   `json:"e"`
	Endorsements []string `json:"endorsements"`
	pub          *rsa.PublicKey
}

// refreshCall is one refresh, which every request that needs it waits
// for: there is never more than one at a time.
type refreshCall struct {
	done chan struct{} // closed when it is over
	err  error         // set before done is closed
}

// refreshTimeout bounds a refresh (the metadata, then the key set), which
// runs on after the request that started it is answered.
const refreshTimeout = 30 * time.Second

// key returns the signing key kid. A refresh (refreshLocked) starts in the
// background when the keys are older than a day, and once when kid is
// unknown (at most every unknownKidGap), as after a rotation; a failed
// refresh is retried at most every refreshRetry. Keys up to keysStaleLimit
// old keep verifying meanwhile: an outage at Microsoft's end, or a slow
// refresh, must not stall the requests they can verify. Only a request
// with an unknown kid, or one that finds no usable keys, waits, and then
// only for the one refresh under way.
func (v *Verifier) key(ctx context.Context, kid string) (jwk, error) {
	v.mu.Lock()
	now := v.now()
	if v.usableLocked(now) {
		if now.Sub(v.fetched) > keysMaxAge {
			v.refreshLocked(ctx, now)
		}
		if k, ok := v.keys[kid]; ok {
			v.mu.Unlock()
			return k, nil
		}
		call := v.inflight
		if call == nil && now.Sub(v.lastForce) >= unknownKidGap && v.retryDueLocked(now) {
			v.lastForce = now
			call = v.refreshLocked(ctx, now)
		}
		v.mu.Unlock()
		if call == nil {
			return jwk{}, deny("unknown signing key")
		}
		if err := wait(ctx, call); err != nil {
			return jwk{}, err
		}
		v.mu.Lock()
		defer v.mu.Unlock()
		if k, ok := v.keys[kid]; ok {
			return k, nil
		}
		return jwk{}, deny("unknown signing key")
	}
	v.mu.Unlock()
	if err := v.ensure(ctx); err != nil {
		return jwk{}, err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if k, ok := v.keys[kid]; ok {
		return k, nil
	}
	return jwk{}, deny("unknown signing key")
}

// ensure makes sure there are usable keys, waiting for a refresh when
// there are none (starting one when a retry is due), and starting one in
// the background when they are older than a day.
func (v *Verifier) ensure(ctx context.Context) error {
	v.mu.Lock()
	now := v.now()
	if v.usableLocked(now) {
		if now.Sub(v.fetched) > keysMaxAge {
			v.refreshLocked(ctx, now)
		}
		v.mu.Unlock()
		return nil
	}
	call := v.inflight
	if call == nil && v.retryDueLocked(now) {
		call = v.refreshLocked(ctx, now)
	}
	v.mu.Unlock()
	if call != nil {
		_ = wait(ctx, call) // judged by the keys it left
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.usableLocked(v.now()) {
		return nil
	}
	err := v.lastErr
	if err == nil {
		err = errors.New("never loaded")
	}
	return fmt.Errorf("teams: no usable signing keys: %w", err)
}

// usableLocked reports keys no older than keysStaleLimit. v.mu held.
func (v *Verifier) usableLocked(now time.Time) bool {
	return v.keys != nil && now.Sub(v.fetched) <= keysStaleLimit
}

// retryDueLocked reports that no refresh failed within refreshRetry.
// v.mu held.
func (v *Verifier) retryDueLocked(now time.Time) bool {
	return v.lastFail.IsZero() || now.Sub(v.lastFail) >= refreshRetry
}

// refreshLocked starts a refresh in the background unless one is under way
// or one failed within refreshRetry, and returns the one under way (nil
// when none). It outlives ctx's cancellation, not its values: the request
// that starts it may be answered long before it ends. v.mu held.
func (v *Verifier) refreshLocked(ctx context.Context, now time.Time) *refreshCall {
	if v.inflight != nil || !v.retryDueLocked(now) {
		return v.inflight
	}
	call := &refreshCall{done: make(chan struct{})}
	v.inflight = call
	v.refreshes.Go(func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), refreshTimeout)
		defer cancel()
		keys, err := v.fetch(rctx)
		v.mu.Lock()
		if err != nil {
			v.lastFail, v.lastErr = v.now(), err
		} else {
			v.keys, v.fetched = keys, v.now()
			v.lastFail, v.lastErr = time.Time{}, nil
		}
		v.inflight = nil
		call.err = err
		v.mu.Unlock()
		close(call.done)
	})
	return call
}

// wait waits for call, or for ctx to end.
func wait(ctx context.Context, call *refreshCall) error {
	select {
	case <-call.done:
		return call.err
	case <-ctx.Done():
		return fmt.Errorf("teams: waiting for the signing keys: %w", ctx.Err())
	}
}

// Ready loads the signing keys if there are none usable, and reports
// whether requests can be verified: with keys up to keysStaleLimit old
// they can, even while a refresh fails (keys older than a day are
// refreshed in the background). The readiness check calls it, and
// start-up warms the cache with it so the first request does not wait for
// Microsoft.
func (v *Verifier) Ready(ctx context.Context) error {
	if err := v.ensure(ctx); err != nil {
		return fmt.Errorf("cannot verify Bot Framework requests: %w", err)
	}
	return nil
}

// fetch loads the metadata, then its key set. It runs without v.mu.
func (v *Verifier) fetch(ctx context.Context) (map[string]jwk, error) {
	url := v.MetadataURL
	if url == "" {
		url = DefaultMetadataURL
	}
	var meta struct {
		JWKSURI string `json:"jwks_uri"`
	}
	if err := v.getJSON(ctx, url, &meta); err != nil {
		return nil, fmt.Errorf("teams: openid metadata: %w", err)
	}
	if meta.JWKSURI == "" {
		return nil, errors.New("teams: openid metadata has no jwks_uri")
	}
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := v.getJSON(ctx, meta.JWKSURI, &set); err != nil {
		return nil, fmt.Errorf("teams: signing keys: %w", err)
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
		return nil, errors.New("teams: signing keys: no usable RSA key")
	}
	return keys, nil
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
