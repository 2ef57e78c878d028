package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// botFrameworkScope is the scope of the bot's outgoing token.
const botFrameworkScope = "https://api.botframework.com/.default"

// TokenSource gets the bot's token for the Bot Connector with the OAuth2
// client-credentials grant, cached until shortly before it expires.
type TokenSource struct {
	AppID, Password string
	// Certificate, when set, is used instead of Password.
	Certificate *Certificate
	// TokenURL: https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token
	// for single-tenant bots (the default for new bots).
	TokenURL string
	Client   *http.Client
	Now      func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
}

// TokenURLFor is the token endpoint of a tenant.
func TokenURLFor(tenant string) string {
	return "https://login.microsoftonline.com/" + url.PathEscape(tenant) + "/oauth2/v2.0/token"
}

// Token returns a valid access token, fetching one when the cached one has
// under a minute left.
func (s *TokenSource) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := ctx.Err(); err != nil {
		// The caller's deadline passed while another call fetched (or
		// failed to fetch) a token: do not start a fetch of its own.
		return "", fmt.Errorf("teams: token: %w", err)
	}
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	if s.token != "" && now.Add(time.Minute).Before(s.expires) {
		return s.token, nil
	}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {s.AppID}, "scope": {botFrameworkScope}}
	if s.Certificate != nil {
		a, err := s.Certificate.assertion(s.AppID, s.TokenURL, now)
		if err != nil {
			return "", err
		}
		form.Set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
		form.Set("client_assertion", a)
	} else {
		form.Set("client_secret", s.Password)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("teams: token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := client(s.Client).Do(req)
	if err != nil {
		return "", fmt.Errorf("teams: token: %w", err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&body); err != nil {
		return "", fmt.Errorf("teams: token: %s: unreadable answer", resp.Status)
	}
	if resp.StatusCode != http.StatusOK || body.AccessToken == "" {
		// The description names the problem (wrong secret, unknown app);
		// it never holds the secret.
		return "", fmt.Errorf("teams: token: %s %s: %s; check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (or MICROSOFT_APP_CERTIFICATE) and MICROSOFT_APP_TENANT_ID",
			resp.Status, body.Error, firstLine(body.Description))
	}
	s.token, s.expires = body.AccessToken, now.Add(time.Duration(body.ExpiresIn)*time.Second)
	return s.token, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line)
}

func client(c *http.Client) *http.Client {
	if c != nil {
		return c
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// Connector calls the Bot Connector REST API at an activity's serviceUrl.
type Connector struct {
	Tokens interface {
		Token(context.Context) (string, error)
	}
	Client  *http.Client
	Retries int // retries of 429, 412, 502 and 504; 0 = 4
	// BaseURL, when set, replaces every activity's serviceUrl: for an
	// egress proxy or a local fake (TEAMS_CONNECTOR_URL).
	BaseURL  string
	Observer Observer // nil: none
	// Timeout bounds each attempt of a call (the token, the request and
	// its answer), so a connector that never answers cannot hold an
	// activity's handling slot for ever; 0: connectorTimeout.
	Timeout time.Duration
	// sleep is replaced in tests.
	sleep func(context.Context, time.Duration) error
}

// connectorTimeout is the default Connector.Timeout: Teams asks for a
// first answer within 15 seconds, so a call that takes longer has failed
// the person already.
const connectorTimeout = 15 * time.Second

// APIError is a connector answer other than success.
type APIError struct {
	Status int
	Code   string // the ErrorResponse code, when given
}

func (e *APIError) Error() string {
	return fmt.Sprintf("teams: connector: HTTP %d %s", e.Status, e.Code)
}

// SendActivity posts activity to a conversation and returns the new
// activity's id.
func (c *Connector) SendActivity(ctx context.Context, serviceURL, conversationID string, activity any) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	err := c.do(ctx, "send", http.MethodPost, c.activitiesURL(serviceURL, conversationID, ""), activity, &out)
	return out.ID, err
}

// UpdateActivity replaces an activity the bot sent (the streamed
// explanation, a card once answered).
func (c *Connector) UpdateActivity(ctx context.Context, serviceURL, conversationID, activityID string, activity any) error {
	return c.do(ctx, "update", http.MethodPut, c.activitiesURL(serviceURL, conversationID, activityID), activity, nil)
}

func (c *Connector) activitiesURL(serviceURL, conversationID, activityID string) string {
	if c.BaseURL != "" {
		serviceURL = c.BaseURL
	}
	u := strings.TrimRight(serviceURL, "/") + "/v3/conversations/" + url.PathEscape(conversationID) + "/activities"
	if activityID != "" {
		u += "/" + url.PathEscape(activityID)
	}
	return u
}

// retryable are the statuses Teams asks bots to retry with backoff.
func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusPreconditionFailed ||
		status == http.StatusBadGateway || status == http.StatusGatewayTimeout
}

func (c *Connector) do(ctx context.Context, op, method, u string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("teams: encode activity: %w", err)
	}
	retries := c.Retries
	if retries == 0 {
		retries = 4
	}
	sleep := c.sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = connectorTimeout
	}
	for attempt := 0; ; attempt++ {
		resp, data, err := c.attempt(ctx, timeout, op, method, u, body)
		if err != nil {
			return err
		}
		if resp.StatusCode/100 == 2 {
			if out != nil && len(data) > 0 {
				if err := json.Unmarshal(data, out); err != nil {
					return fmt.Errorf("teams: connector: unreadable answer: %w", err)
				}
			}
			return nil
		}
		var e struct {
			Error struct {
				Code string `json:"code"`
			} `json:"error"`
		}
		_ = json.Unmarshal(data, &e)
		apiErr := &APIError{Status: resp.StatusCode, Code: e.Error.Code}
		if !retryable(resp.StatusCode) || attempt >= retries {
			return apiErr
		}
		if err := sleep(ctx, backoff(attempt, resp.Header.Get("Retry-After"))); err != nil {
			return errors.Join(apiErr, err)
		}
	}
}

// attempt makes one HTTP call within timeout, the token included, and
// returns the answer with its body read.
func (c *Connector) attempt(ctx context.Context, timeout time.Duration, op, method, u string, body []byte) (*http.Response, []byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tok, err := c.Tokens.Token(ctx)
	if err != nil {
		return nil, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return nil, nil, fmt.Errorf("teams: connector: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	resp, err := client(c.Client).Do(req)
	if err != nil {
		observer(c.Observer).TeamsConnectorCall(op, "error", time.Since(start))
		return nil, nil, fmt.Errorf("teams: connector: %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if err != nil && resp.StatusCode/100 == 2 {
		// Cut off (the deadline, a dropped connection) before the
		// answer was whole: the new activity's id is unknown.
		observer(c.Observer).TeamsConnectorCall(op, "error", time.Since(start))
		return nil, nil, fmt.Errorf("teams: connector: reading the answer: %w", err)
	}
	observer(c.Observer).TeamsConnectorCall(op, strconv.Itoa(resp.StatusCode), time.Since(start))
	return resp, data, nil
}

// backoff is Retry-After when given (capped at a minute), else exponential
// from 500 ms with full jitter.
func backoff(attempt int, retryAfter string) time.Duration {
	if s, err := strconv.Atoi(strings.TrimSpace(retryAfter)); err == nil && s >= 0 {
		return min(time.Duration(s)*time.Second, time.Minute)
	}
	base := 500 * time.Millisecond << min(attempt, 6)
	return time.Duration(rand.Int64N(int64(base))) + base/2
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
