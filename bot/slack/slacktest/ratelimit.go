package slacktest

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// Slack's rate limits are per method, per app, per workspace
// (docs.slack.dev/apis/web-api/rate-limits): Tier 1 about 1 call a minute,
// Tier 2 about 20, Tier 3 about 50, Tier 4 about 100, bursts allowed.
// chat.postMessage is special: about one message a second per channel.
// Past a limit Slack answers 429 with Retry-After in seconds.
//
// The fake models each limit as a bucket of a minute's calls that refills
// evenly over the minute, on its clock (Config.Now), so a test can hold
// time still and count calls instead of timing them. Slack does not say how
// long a burst may be; a minute's worth is the fake's guess.
const (
	tier1 = 1
	tier2 = 20
	tier3 = 50
	tier4 = 100
)

// RateLimit is one method's limit: calls a minute, for the workspace or
// for each channel.
type RateLimit struct {
	PerMinute  int
	PerChannel bool
}

// rateLimits are the tiers of the methods the fake serves, from Slack's
// method reference; methods with "special" limits Slack does not quantify
// (auth.test, assistant.threads.*, chat.getPermalink: "hundreds of
// requests per minute") are not limited.
var rateLimits = map[string]RateLimit{
	"apps.connections.open":        {PerMinute: tier3},
	"chat.postMessage":             {PerMinute: 60, PerChannel: true},
	"chat.postEphemeral":           {PerMinute: tier4},
	"chat.update":                  {PerMinute: tier3},
	"chat.delete":                  {PerMinute: tier3},
	"chat.startStream":             {PerMinute: tier2},
	"chat.appendStream":            {PerMinute: tier4},
	"chat.stopStream":              {PerMinute: tier2},
	"views.open":                   {PerMinute: tier4},
	"views.push":                   {PerMinute: tier4},
	"views.update":                 {PerMinute: tier4},
	"views.publish":                {PerMinute: tier4},
	"users.info":                   {PerMinute: tier4},
	"conversations.info":           {PerMinute: tier3},
	"conversations.open":           {PerMinute: tier3},
	"conversations.replies":        {PerMinute: tier3},
	"conversations.history":        {PerMinute: tier3},
	"files.getUploadURLExternal":   {PerMinute: tier4},
	"files.completeUploadExternal": {PerMinute: tier4},
}

// RateLimitOf is the limit the fake applies to method, if any.
func RateLimitOf(method string) (RateLimit, bool) {
	l, ok := rateLimits[method]
	return l, ok
}

// bucket is what is left of one limit's minute.
type bucket struct {
	calls float64
	at    time.Time
}

// now is the fake's clock for rate limits.
func (f *Fake) now() time.Time {
	if f.cfg.Now != nil {
		return f.cfg.Now()
	}
	return time.Now()
}

// rateLimited spends one call of r's limit and reports how long to wait
// when none is left; f.mu must be held.
func (f *Fake) rateLimited(r *apiRequest) (time.Duration, bool) {
	l, ok := rateLimits[r.method]
	if !ok || f.cfg.NoRateLimits {
		return 0, false
	}
	key := r.method
	if l.PerChannel {
		key += " " + r.get("channel")
	}
	now, full := f.now(), float64(l.PerMinute)
	b := f.buckets[key]
	if b == nil {
		b = &bucket{calls: full, at: now}
		f.buckets[key] = b
	}
	perSecond := full / 60
	if now.After(b.at) {
		b.calls = min(full, b.calls+now.Sub(b.at).Seconds()*perSecond)
		b.at = now
	}
	if b.calls < 1 {
		return time.Duration((1 - b.calls) / perSecond * float64(time.Second)), true
	}
	b.calls--
	return 0, false
}

// tooMany is the 429 Slack sends past a limit, Retry-After in whole
// seconds.
func tooMany(wait time.Duration) failure {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	return failure{
		status: http.StatusTooManyRequests,
		header: http.Header{"Retry-After": {strconv.Itoa(secs)}},
		body:   `{"ok":false,"error":"ratelimited"}`,
	}
}
