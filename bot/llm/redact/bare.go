package redact

// Secrets that have no prefix and often no label either: an AWS secret
// access key (40 characters of base64, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY)
// pasted from the IAM console's CSV or a credentials file, and the base64
// keys Azure hands out (44 characters ending in "=" for Service Bus and
// Event Hubs, 88 ending in "==" for storage accounts), pasted from
// "az ... keys list" output whose key is just "value". With a secret key
// in front they are assignments (assign.go); this finds them alone.
//
// Without a prefix, the evidence is the shape: exactly one of those
// lengths, standing alone, and random-looking. Random base64 mixes upper
// case, lower case and digits and switches between them at about two
// positions in three; identifiers (getUserAccountSettingsForOrg2V1), paths
// and words switch far less, and hex digests (git commits, SHA-256) have
// no upper case at all. Requiring a switch at one position in three or more
// leaves out all of those; it misses about one real key in a thousand,
// mostly the ones that happen to hold no digit.

// bareKeyLengths are the accepted lengths of the base64 body, each with
// the padding its key size gives.
var bareKeyLengths = [...]struct{ body, pad int }{
	{40, 0}, // AWS secret access key (30 bytes)
	{43, 1}, // 32-byte keys: Service Bus, Event Hubs, many HMAC secrets
	{86, 2}, // 64-byte keys: Azure storage account keys
}

// bareKeys finds the keys described above.
func (sc *scan) bareKeys() {
	s := sc.s
	for i := 0; i < len(s); {
		if !base64Byte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && base64Byte(s[j]) {
			j++
		}
		body := j
		for j < len(s) && s[j] == '=' {
			j++
		}
		if bareLeft(s, i) && bareRight(s, j) && bareLength(body-i, j-body) && random64(s[i:body]) {
			sc.add(i, j, prioToken, KindSecret)
		}
		i = j
	}
}

func base64Byte(c byte) bool { return isAlnum(c) || c == '+' || c == '/' }

func bareLength(body, pad int) bool {
	for _, l := range bareKeyLengths {
		if l.body == body && l.pad == pad {
			return true
		}
	}
	return false
}

// bareLeft reports whether the byte before i may precede a key: the start,
// a blank, a quote, or the punctuation of configuration and tables. Not a
// "~" or "." (a path), "-" or "_" (part of a longer name, an SRI hash
// "sha256-..."), "@", "%", "&" or "?" (part of an address or URL).
func bareLeft(s string, i int) bool {
	if i == 0 {
		return true
	}
	switch s[i-1] {
	case ' ', '\t', '\n', '\r', '"', '\'', '`', '=', ':', ',', ';', '(', '[', '{', '<', '>', '|':
		return true
	}
	return false
}

// bareRight reports whether the byte at j may follow a key: the end, a
// blank, a quote, closing punctuation, or a full stop that ends a sentence.
func bareRight(s string, j int) bool {
	if j == len(s) {
		return true
	}
	switch s[j] {
	case ' ', '\t', '\n', '\r', '"', '\'', '`', ',', ';', ')', ']', '}', '<', '|', '&':
		return true
	case '.':
		return j+1 == len(s) || !isAlnum(s[j+1])
	}
	return false
}

// random64 reports whether t mixes upper case, lower case and digits and
// switches between classes (upper, lower, digit, other) at a third of its
// positions or more.
func random64(t string) bool {
	var upper, lower, digit bool
	switches, prev := 0, -1
	for i := 0; i < len(t); i++ {
		c := t[i]
		class := 3
		switch {
		case c >= 'A' && c <= 'Z':
			class, upper = 0, true
		case c >= 'a' && c <= 'z':
			class, lower = 1, true
		case isDigit(c):
			class, digit = 2, true
		}
		if prev >= 0 && class != prev {
			switches++
		}
		prev = class
	}
	return upper && lower && digit && 3*switches >= len(t)
}
