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

// passwordKeys and secretKeys are normalised key endings. accountkey and
// subscriptionkey are Azure's: the storage account key in a connection
// string (AccountKey=...;) and the API Management header
// (Ocp-Apim-Subscription-Key); SharedAccessKey= ends in accesskey.
var (
	passwordKeys = []string{"password", "passwd", "pwd", "passphrase"}
	secretKeys   = []string{"secret", "token", "apikey", "accesskey", "secretkey", "privatekey",
		"credential", "credentials", "authkey", "signingkey", "encryptionkey", "masterkey",
		"accountkey", "subscriptionkey"}
	// exactKeys are whole normalised keys, too short or too common to
	// match as endings: Azure shared access signatures, the "sig" of a SAS
	// token (?sv=...&sig=...) and a connection string's
	// SharedAccessSignature=sv=...&sig=...; whose value is the whole token.
	exactKeys = map[string]int{"sig": keyGenerated, "sharedaccesssignature": keySecret}
	// assignHints are substrings one of which every secret key contains.
	assignHints = []string{"pass", "pwd", "secret", "token", "key", "credential", "sig"}
)

// Key classes: what a key names decides how much evidence its value needs.
const (
	keyNone     = iota // not a secret key
	keyPassword        // any value goes: passwords can be ordinary words
	keySecret          // in prose the value must look generated
	// keyGenerated: the value must look generated even in configuration
	// style, as the key is a common word or abbreviation ("sig=1").
	keyGenerated
)

// keyClass classifies a normalised key by its ending.
func keyClass(norm string) int {
	if c, ok := exactKeys[norm]; ok {
		return c
	}
	for _, k := range passwordKeys {
		if strings.HasSuffix(norm, k) {
			return keyPassword
		}
	}
	for _, k := range secretKeys {
		if strings.HasSuffix(norm, k) {
			return keySecret
		}
	}
	return keyNone
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

// assignments finds the values of secret keys. Each ':' or '=' is a
// candidate operator; the key is read backwards from it and the value
// forwards, and only a value whose key names a secret is redacted.
func (sc *scan) assignments() {
	s := sc.s
	if !containsAny(sc.lower, assignHints) {
		return
	}
	for i := 0; i < len(s); i++ {
		opEnd, ok := assignOp(s, i)
		if !ok {
			continue
		}
		key, ok := secretKeyBefore(s, i)
		if !ok {
			continue
		}
		vs, ve, ok := assignedValue(s, opEnd, key.inURL(s))
		needGenerated := key.class == keyGenerated || key.class == keySecret && key.prose(s, i, opEnd)
		if !ok || needGenerated && !generated(s[vs:ve]) {
			continue
		}
		sc.add(vs, ve, prioAssign, KindSecret)
		i = ve - 1
	}
}

// assignOp reports whether s[i] starts an assignment operator (':', '=',
// ':=' or '=>') and where the operator ends. An '=' that is part of a
// comparison (==, !=, <=, >=) or the tail of ":=" is none.
func assignOp(s string, i int) (opEnd int, ok bool) {
	c := s[i]
	if c != ':' && c != '=' {
		return 0, false
	}
	opEnd = i + 1
	if opEnd < len(s) && (c == ':' && s[opEnd] == '=' || c == '=' && s[opEnd] == '>') {
		opEnd++ // := and =>
	}
	if c == '=' && (opEnd < len(s) && s[opEnd] == '=' || i > 0 && strings.IndexByte("=!<>:", s[i-1]) >= 0) {
		return 0, false // a comparison, or the tail of :=
	}
	return opEnd, true
}

// assignKey is the key in front of an assignment operator.
type assignKey struct {
	start, end int  // s[start:end] is the key, without quotes
	quoted     bool // "password": ... or 'password': ...
	class      int  // keyPassword, keySecret or keyGenerated
}

// secretKeyBefore reads the key that ends just before the operator at op:
// possibly quoted ("password": ...), possibly two words ("API key: ...").
// It reports false unless the key names a secret.
func secretKeyBefore(s string, op int) (assignKey, bool) {
	k := op
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
		return assignKey{}, false
	}
	norm := normKey(s[k:keyEnd])
	if (norm == "key" || norm == "token" || norm == "secret") && k >= 2 && s[k-1] == ' ' && isKeyByte(s[k-2]) {
		// "API key", "access token": the word before says which.
		w := k - 1
		for w > 0 && isKeyByte(s[w-1]) {
			w--
		}
		norm = normKey(s[w:k-1]) + norm
	}
	class := keyClass(norm)
	if class == keyNone && passSuffix(s[k:keyEnd]) {
		class = keyPassword
	}
	if class == keyNone {
		return assignKey{}, false
	}
	return assignKey{start: k, end: keyEnd, quoted: quoted, class: class}, true
}

// passSuffix reports whether key ends in a separate word "pass"
// (SMTP_PASS, db.pass, redis-pass). As a plain ending "pass" would take in
// bypass and compass, so it counts only after a separator.
func passSuffix(key string) bool {
	n := len(key)
	return n > 5 && strings.IndexByte("_-.", key[n-5]) >= 0 && strings.EqualFold(key[n-4:], "pass")
}

// inURL reports whether the key is a URL query parameter (?token=...),
// whose value also ends at '&'.
func (k assignKey) inURL(s string) bool {
	return k.start > 0 && (s[k.start-1] == '?' || s[k.start-1] == '&')
}

// prose reports whether the assignment at s[op:opEnd] reads as prose:
// "Secret: sauce" is prose; "secret=x", "SECRET_KEY: x" and "secret": "x"
// are configuration, where any value counts.
func (k assignKey) prose(s string, op, opEnd int) bool {
	return s[op] == ':' && opEnd == op+1 && !k.quoted && !strings.ContainsAny(s[k.start:k.end], "_-.")
}

// assignedValue finds the value that starts after blanks at from: the
// inside of a quoted string, or an unquoted run up to a stop byte without
// the punctuation that ends a sentence. It reports false when there is no
// value, or a quote that does not close on its line.
func assignedValue(s string, from int, inURL bool) (vs, ve int, ok bool) {
	v := from
	for v < len(s) && (s[v] == ' ' || s[v] == '\t') {
		v++
	}
	if v >= len(s) {
		return 0, 0, false
	}
	vs, ve = v, v
	if q := s[v]; q == '"' || q == '\'' || q == '`' {
		// A quoted secret ends on its line and within 1 KB; looking no
		// further keeps text full of stray quotes linear.
		e := strings.IndexByte(s[v+1:min(len(s), v+1025)], q)
		if e < 0 || strings.ContainsAny(s[v+1:v+1+e], "\r\n") {
			return 0, 0, false
		}
		vs, ve = v+1, v+1+e
	} else {
		for ve < len(s) && !valueStop(s[ve], inURL) {
			ve++
		}
		ve = trimValue(s, vs, ve)
		if strings.Trim(s[vs:ve], "{[") == "" {
			return 0, 0, false // "credentials": { opens an object: no value here
		}
	}
	return vs, ve, vs < ve
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
