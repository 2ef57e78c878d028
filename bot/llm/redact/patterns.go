package redact

import (
	"regexp"
	"strings"
)

// pattern is a secret format written as a regular expression that starts
// with a literal, its hint. The scanner walks the text once, and only where
// a word starts with a hint does it try the regexp, anchored there: most
// texts hold no hint at all, and one that does costs a few short anchored
// matches instead of a scan of the whole text per pattern. A match must
// start a word ("task-based" holds no "sk-" key).
//
// A pattern is not tried again inside text it has already matched (whether
// or not check accepted it), and a pattern that could fail only after a
// long run (a JWT without its dots) is written to match and be rejected
// instead, so that no input ("sk-sk-sk-...") makes the scan quadratic.
type pattern struct {
	hints []string // literal starts of the pattern; lower case if lower
	lower bool     // match hints case-insensitively (the regexp must be (?i) too)
	re    *regexp.Regexp
	group int // submatch to replace; 0 for the whole match
	// check, when set, rejects a match; m holds submatch offsets into s.
	check func(s string, m []int) bool
}

// hintRef is one hint of one pattern.
type hintRef struct {
	hint string
	p    int // index in secretPatterns
}

// hintsByByte lists the hints by their first byte (both cases for
// case-insensitive patterns), so the scan costs one table look-up per word.
var hintsByByte = func() (t [256][]hintRef) {
	for i, p := range secretPatterns {
		for _, h := range p.hints {
			t[h[0]] = append(t[h[0]], hintRef{h, i})
			if p.lower && upper(h[0]) != h[0] {
				t[upper(h[0])] = append(t[upper(h[0])], hintRef{h, i})
			}
		}
	}
	return t
}()

// secrets runs the token detectors.
func (sc *scan) secrets() {
	s := sc.s
	next := make([]int, len(secretPatterns)) // per pattern: where its last match ended
	for i := 0; i < len(s); i++ {
		refs := hintsByByte[s[i]]
		if len(refs) == 0 || wordBefore(s, i) {
			continue
		}
		for _, ref := range refs {
			p := secretPatterns[ref.p]
			text := s
			if p.lower {
				text = sc.lower
			}
			if i >= next[ref.p] && strings.HasPrefix(text[i:], ref.hint) {
				next[ref.p] = max(next[ref.p], p.match(sc, i))
			}
		}
	}
	sc.pemBlocks()
	sc.urlPasswords()
}

// match tries p at offset at of sc.s and returns where the match ended (0
// if there was none).
func (p *pattern) match(sc *scan, at int) int {
	s := sc.s
	m := p.re.FindStringSubmatchIndex(s[at:])
	if m == nil {
		return 0
	}
	for i := range m {
		if m[i] >= 0 {
			m[i] += at
		}
	}
	start, end := m[2*p.group], m[2*p.group+1]
	if start >= 0 && start < end && (p.check == nil || p.check(s, m)) {
		sc.add(start, end, prioToken, KindSecret)
	}
	return m[1]
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// noWordAfter rejects a fixed-length token that continues into more word
// characters, which would make it something other than the token.
func noWordAfter(s string, m []int) bool { return !wordAt(s, m[1]) }

// hasDigit rejects prose that happens to start like a token
// ("sk-this-is-not-a-key", "xoxo-hugs-and-kisses"): generated tokens hold
// digits.
func hasDigit(s string, m []int) bool {
	return strings.ContainsAny(s[m[0]:m[1]], "0123456789")
}

// jwtWhole rejects a JWT header that has no payload and signature after it.
func jwtWhole(s string, m []int) bool { return m[2] >= 0 }

// bearerToken rejects the prose after "Bearer" ("Bearer authentication",
// "bearer tokens"): a token has a digit, or is long and mixes cases.
func bearerToken(s string, m []int) bool {
	t := s[m[2]:m[3]]
	upper, lower := false, false
	for _, c := range []byte(t) {
		if isDigit(c) {
			return true
		}
		upper = upper || c >= 'A' && c <= 'Z'
		lower = lower || c >= 'a' && c <= 'z'
	}
	return len(t) >= 20 && upper && lower
}

// labelledKey rejects prose after an API key label ("x-api-key header",
// "api key rotation"): a key has a digit and looks generated.
func labelledKey(s string, m []int) bool {
	t := s[m[2]:m[3]]
	return strings.ContainsAny(t, "0123456789") && generated(t)
}

// secretPatterns are the token formats of common services. Each has a
// distinctive prefix, which is what makes it safe to redact on sight.
var secretPatterns = []*pattern{
	// Slack bot, user, app, refresh and configuration tokens.
	{hints: []string{"xox"}, re: regexp.MustCompile(`^xox(?:[abposr]|e(?:\.xox[bp])?)-[0-9A-Za-z-]{8,}`), check: hasDigit},
	{hints: []string{"xapp-"}, re: regexp.MustCompile(`^xapp-[0-9A-Za-z-]{8,}`), check: hasDigit},
	// Slack incoming webhooks: the URL is the credential.
	{hints: []string{"https://hooks.slack.com/"}, re: regexp.MustCompile(`^https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9/_-]+`)},
	// OpenAI (sk-, sk-proj-, sk-svcacct-) and Anthropic (sk-ant-) keys.
	{hints: []string{"sk-"}, re: regexp.MustCompile(`^sk-[A-Za-z0-9_-]{20,}`), check: hasDigit},
	// Stripe secret and restricted keys, webhook signing secrets.
	{hints: []string{"sk_live_", "sk_test_", "rk_live_", "rk_test_"}, re: regexp.MustCompile(`^[rs]k_(?:live|test)_[0-9A-Za-z]{16,}`)},
	{hints: []string{"whsec_"}, re: regexp.MustCompile(`^whsec_[0-9A-Za-z+/=]{24,}`)},
	// AWS access key ids, long-term (AKIA) and temporary (ASIA).
	{hints: []string{"AKIA", "ASIA"}, re: regexp.MustCompile(`^A[KS]IA[A-Z0-9]{16}`), check: noWordAfter},
	// GitHub personal, OAuth, user-to-server, server-to-server and refresh
	// tokens, and fine-grained personal access tokens.
	{hints: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, re: regexp.MustCompile(`^gh[pousr]_[A-Za-z0-9]{20,}`)},
	{hints: []string{"github_pat_"}, re: regexp.MustCompile(`^github_pat_[A-Za-z0-9_]{22,}`)},
	// GitLab personal access tokens, npm tokens, Google API keys.
	{hints: []string{"glpat-"}, re: regexp.MustCompile(`^glpat-[A-Za-z0-9_-]{20,}`)},
	{hints: []string{"npm_"}, re: regexp.MustCompile(`^npm_[A-Za-z0-9]{36}`), check: noWordAfter},
	{hints: []string{"AIza"}, re: regexp.MustCompile(`^AIza[0-9A-Za-z_-]{35}`), check: noWordAfter},
	// JWTs: base64url JSON header ("eyJ" is `{"`), payload, signature (empty
	// for unsigned tokens). The dots are optional in the regexp and required
	// by check, so that a long run without them is matched (and skipped)
	// once rather than tried again at every "eyJ" inside it.
	{hints: []string{"eyJ"}, re: regexp.MustCompile(`^eyJ[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*)?`), check: jwtWhole},
	// HTTP credentials: the scheme word stays, the credential goes.
	{hints: []string{"bearer"}, lower: true, group: 1, check: bearerToken,
		re: regexp.MustCompile(`(?i)^bearer[ \t]{1,8}([A-Za-z0-9._~+/-]{11,}[A-Za-z0-9_~+/-]={0,2})`)},
	// An API key header written without its colon, as in a curl command
	// retyped in chat ("x-api-key 3f9a..."); with a colon or = it is an
	// assignment (assign.go). The label stays.
	{hints: []string{"x-api-key", "api-key", "api_key", "apikey", "api key"}, lower: true, group: 1, check: labelledKey,
		re: regexp.MustCompile(`(?i)^(?:x-)?api[-_ ]?key["']?[ \t]{1,8}["']?([A-Za-z0-9._~+/=-]{15,}[A-Za-z0-9_~+/=-])`)},
	{hints: []string{"authorization"}, lower: true, group: 1,
		re: regexp.MustCompile(`(?i)^authorization["']?[ \t]{0,8}[:=][ \t]{0,8}["']?basic[ \t]{1,8}([A-Za-z0-9+/]{8,}={0,2})`)},
}
