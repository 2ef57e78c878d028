package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// emails finds e-mail addresses. It works outward from each "@" rather than
// with a regular expression: text without "@" costs one byte search, and
// growing from the "@" cannot start a match in the middle of the local part.
//
// The local part is dot-atom text as people write it (letters, digits and
// . _ % + -, so plus-addressing is covered); the domain needs at least two
// labels and a top-level domain of two or more letters, which keeps out
// "@channel", "user@localhost" and "pkg@1.2.3". Letters may be non-ASCII
// (josé@exämple.de). Display names ("Jane <jane@x.org>") and quotes around
// the address are not part of the match and stay.
func (sc *scan) emails() {
	s := sc.s
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '@')
		if k < 0 {
			return
		}
		at := i + k
		i = at + 1

		start := at
		for start > 0 {
			r, size := utf8.DecodeLastRuneInString(s[:start])
			if !localRune(r) {
				break
			}
			start -= size
		}
		for start < at && s[start] == '.' {
			start++
		}
		end := at + 1
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !domainRune(r) {
				break
			}
			end += size
		}
		// A sentence may end right after the address: "write to jane@x.org."
		for end > at+1 && (s[end-1] == '.' || s[end-1] == '-') {
			end--
		}
		if validLocal(s[start:at]) && validDomain(s[at+1:end]) {
			sc.add(start, end, prioEmail, KindEmail)
			i = end
		}
	}
}

func localRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isAlnum(c) || strings.IndexByte("._%+-", c) >= 0
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func domainRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r)
		return isAlnum(c) || c == '.' || c == '-'
	}
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func validLocal(l string) bool {
	return l != "" && len(l) <= 64 && !strings.Contains(l, "..") && !strings.HasSuffix(l, ".")
}

// validDomain requires two or more labels of 1-63 characters, none starting
// or ending with a hyphen, and a top-level domain of letters only (or an
// IDNA "xn--" label), so that "v1.2" or "1.2.3" is no domain.
func validDomain(d string) bool {
	if len(d) > 253 {
		return false
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
	}
	tld := labels[len(labels)-1]
	if strings.HasPrefix(tld, "xn--") {
		return len(tld) > 4
	}
	n := 0
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 2
}
