package redact

import "strings"

// Key-value assignments whose key names a secret: password=hunter2,
// api_key: abc123..., "client_secret": "...", DB_PASSWORD='x', token=... in
// a URL query. Only the value is redacted; the key stays so the model still
// knows a password was there.
//
// The key is read backwards from each ':' or '=' and normalised (lower case,
// without _ - . and spaces), so "API key", "api_key", "apiKey" and "API-KEY"
// are one key. It must end with a secret word: "max_tokens=4096" and
// "tokens: 20,000" do not, nor does "password reset: weekly" (the key is
// "reset"). Passwords can be ordinary words, so any value of a password key
// goes, and so does any value assigned in configuration style (with =, a
// quoted key or a key_with_punctuation). After a plain "Word:" in prose the
// value must look generated (letters and digits, or 16+ characters without
// spaces), so "Secret: sauce" and "API key: rotated quarterly" stay.

// passwordKeys and secretKeys are normalised key endings.
var (
	passwordKeys = []string{"password", "passwd", "pwd", "passphrase"}
	secretKeys   = []string{"secret", "token", "apikey", "accesskey", "secretkey", "privatekey",
		"credential", "credentials", "authkey", "signingkey", "encryptionkey", "masterkey"}
	// assignHints are substrings one of which every secret key contains.
	assignHints = []string{"pass", "pwd", "secret", "token", "key", "credential"}
)

// keyClass is 1 for a password key, 2 for another secret key, 0 otherwise.
func keyClass(norm string) int {
	for _, k := range passwordKeys {
		if strings.HasSuffix(norm, k) {
			return 1
		}
	}
	for _, k := range secretKeys {
		if strings.HasSuffix(norm, k) {
			return 2
		}
	}
	return 0
}

func normKey(k string) string {
	b := make([]byte, 0, len(k))
	for i := 0; i < len(k); i++ {
		switch c := k[i]; {
		case c == '_' || c == '-' || c == '.' || c == ' ':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

func isKeyByte(c byte) bool { return isWord(c) || c == '-' || c == '.' }

// assignments finds the values of secret keys.
func (sc *scan) assignments() {
	s := sc.s
	if !containsAny(sc.lower, assignHints) {
		return
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != ':' && c != '=' {
			continue
		}
		opEnd := i + 1
		if opEnd < len(s) && (c == ':' && s[opEnd] == '=' || c == '=' && s[opEnd] == '>') {
			opEnd++ // := and =>
		}
		if c == '=' && (opEnd < len(s) && s[opEnd] == '=' || i > 0 && strings.IndexByte("=!<>:", s[i-1]) >= 0) {
			continue // a comparison, or the tail of :=
		}

		// The key, possibly quoted ("password": ...), possibly two words
		// ("API key: ...").
		k := i
		for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
			k--
		}
		quoted := k > 0 && (s[k-1] == '"' || s[k-1] == '\'')
		if quoted {
			k--
		}
		keyEnd := k
		for k > 0 && isKeyByte(s[k-1]) {
			k--
		}
		if k == keyEnd {
			continue
		}
		norm := normKey(s[k:keyEnd])
		if (norm == "key" || norm == "token" || norm == "secret") && k >= 2 && s[k-1] == ' ' && isKeyByte(s[k-2]) {
			w := k - 1
			for w > 0 && isKeyByte(s[w-1]) {
				w--
			}
			norm = normKey(s[w:k-1]) + norm
		}
		class := keyClass(norm)
		if class == 0 {
			continue
		}
		inURL := k > 0 && (s[k-1] == '?' || s[k-1] == '&')
		// "Secret: sauce" is prose; "secret=x", "SECRET_KEY: x" and
		// "secret": "x" are configuration, where any value counts.
		prose := c == ':' && opEnd == i+1 && !quoted && !strings.ContainsAny(s[k:keyEnd], "_-.")

		v := opEnd
		for v < len(s) && (s[v] == ' ' || s[v] == '\t') {
			v++
		}
		if v >= len(s) {
			continue
		}
		vs, ve := v, v
		if q := s[v]; q == '"' || q == '\'' || q == '`' {
			// A quoted secret ends on its line and within 1 KB; looking no
			// further keeps text full of stray quotes linear.
			e := strings.IndexByte(s[v+1:min(len(s), v+1025)], q)
			if e < 0 || strings.ContainsAny(s[v+1:v+1+e], "\r\n") {
				continue
			}
			vs, ve = v+1, v+1+e
		} else {
			for ve < len(s) && !valueStop(s[ve], inURL) {
				ve++
			}
			ve = trimValue(s, vs, ve)
		}
		if vs >= ve || class == 2 && prose && !generated(s[vs:ve]) {
			continue
		}
		sc.add(vs, ve, prioAssign, KindSecret)
		i = ve - 1
	}
}

// valueStop reports whether c ends an unquoted value.
func valueStop(c byte, inURL bool) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\f', '\v', '"', '\'', '`', ',', ';', '<', '>':
		return true
	case '&':
		return inURL
	}
	return false
}

// trimValue gives back the punctuation that ends the sentence or a bracket
// around the assignment: "(password=x)." keeps ")." outside. A closing
// bracket stays when the value opens one too ("pw=a(b)").
func trimValue(s string, vs, ve int) int {
	v := s[vs:ve]
	open := [3]bool{strings.IndexByte(v, '(') >= 0, strings.IndexByte(v, '[') >= 0, strings.IndexByte(v, '{') >= 0}
	for ve > vs {
		switch s[ve-1] {
		case '.':
		case ')':
			if open[0] {
				return ve
			}
		case ']':
			if open[1] {
				return ve
			}
		case '}':
			if open[2] {
				return ve
			}
		default:
			return ve
		}
		ve--
	}
	return ve
}

// generated reports whether v looks machine-made rather than like a word.
func generated(v string) bool {
	digit, letter := false, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == ' ' {
			return false
		}
		digit = digit || isDigit(c)
		letter = letter || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return len(v) >= 6 && digit && letter || len(v) >= 16
}
