package redact

import (
	"regexp"
	"strings"
)

// Credentials that are blocks or parts of URLs rather than tokens with a
// prefix: PEM private keys and passwords in URLs.

var (
	pemHeader = regexp.MustCompile(`^-----BEGIN[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----`)
	pemFooter = regexp.MustCompile(`^-----END[A-Z0-9 ]* PRIVATE KEY(?: BLOCK)?-----`)
)

// pemBlocks finds PEM private keys (RSA, EC, DSA, OpenSSH, PKCS #8,
// encrypted, PGP) whole, from BEGIN through END. The body is read as
// whitespace-separated words (base64, or "Proc-Type: 4,ENCRYPTED" style
// headers) rather than lines, because chat pastes often fold the newlines
// into spaces. A paste cut short has no END: the block then ends after its
// last long (16+ character) base64 word, so a sentence after it survives.
// Each block is read once, in one pass, so no text is quadratic.
func (sc *scan) pemBlocks() {
	s := sc.s
	for pos := 0; ; {
		k := strings.Index(s[pos:], "-----BEGIN")
		if k < 0 {
			return
		}
		at := pos + k
		pos = at + 1
		h := pemHeader.FindStringIndex(s[at:])
		if h == nil {
			continue
		}
		end := at + h[1]
		for i := end; ; {
			for i < len(s) && isSpaceByte(s[i]) {
				i++
			}
			if strings.HasPrefix(s[i:], "-----") {
				if f := pemFooter.FindStringIndex(s[i:]); f != nil {
					end = i + f[1]
				}
				break
			}
			j := i
			for j < len(s) && pemByte(s[j]) && !strings.HasPrefix(s[j:], "-----") {
				j++
			}
			if j == i || j < len(s) && !isSpaceByte(s[j]) && !strings.HasPrefix(s[j:], "-----") {
				break
			}
			if j-i >= 16 {
				end = j
			}
			i = j
		}
		sc.add(at, end, prioPEM, KindSecret)
		pos = end
	}
}

// pemByte reports whether c may appear in a word of a PEM body: base64, or
// the punctuation of its headers.
func pemByte(c byte) bool {
	return isAlnum(c) || c == '+' || c == '/' || c == '=' || c == ':' || c == ',' || c == '-'
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// urlPasswords finds the password in scheme://user:password@host/... The
// user name stays; so does a URL with no password.
func (sc *scan) urlPasswords() {
	s := sc.s
	for pos := 0; ; {
		k := strings.Index(s[pos:], "://")
		if k < 0 {
			return
		}
		at := pos + k
		pos = at + 3
		if at == 0 || !isAlnum(s[at-1]) {
			continue
		}
		colon, i := -1, at+3
		for ; i < len(s) && s[i] != '@'; i++ {
			c := s[i]
			if c <= ' ' || c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>' {
				break
			}
			if c == ':' && colon < 0 {
				colon = i
			}
		}
		if i < len(s) && s[i] == '@' && colon > at+3 && colon+1 < i {
			sc.add(colon+1, i, prioToken, KindSecret)
			pos = i + 1
		}
	}
}
