package redact

import "slices"

// Payment data: card numbers and IBANs.

// cards finds payment card numbers among the windows of r: 13-19 digits,
// unbroken or in the groups cards are printed in (4-4-4-4, 4-4-4-4-3,
// 4-6-5 for American Express, 4-6-4 for Diners), with one kind of
// separator (space, dash, or the dot some European forms and exports use:
// 4111.1111.1111.1111), a known network prefix and length, and a valid
// Luhn digit. Dotted version numbers and IP addresses never have the
// groups of four. The
// prefix and length rules turn away most 16-digit numbers that happen to
// pass Luhn, such as a row of years; the Luhn rule turns away the rest of
// the typos and ids.
//
// Unlike the other detectors a grouped card may sit inside a longer spaced
// run ("ticket 4521 4111 1111 1111 1111"): a missed card is worse than the
// rare false hit.
func (sc *scan) cards(r *run) {
	last := len(r.groups) - 1
	for i := range r.groups {
		d := 0
		for j := i; j <= last; j++ {
			d += r.groups[j].end - r.groups[j].start
			if d > 19 || j > i && r.size(i) != 4 { // every grouping starts with 4 digits
				break
			}
			if d < 13 || !cardGroups(r, i, j) {
				continue
			}
			leftOK := i == 0 && r.left && r.plus < 0 || i > 0 && isSpace(r.seps[i-1])
			rightOK := j == last && r.right || j < last && isSpace(r.seps[j])
			if !leftOK || !rightOK || i == j && !r.alone(i, j) {
				continue
			}
			if dg := sc.collect(r, i, j); cardNetwork(dg) && luhn(dg) {
				sc.add(r.pos(i), r.end(j), prioCard, KindCard)
			}
		}
	}
}

// cardGroups reports whether groups i..j are grouped as a card is printed.
func cardGroups(r *run, i, j int) bool {
	if !r.sameSep(i, j, " -.") {
		return false
	}
	for k := i; k <= j; k++ {
		if r.groups[k].paren {
			return false
		}
	}
	switch n := j - i + 1; {
	case n == 1:
		return true
	case n == 3 && r.size(i) == 4 && r.size(i+1) == 6 && (r.size(j) == 5 || r.size(j) == 4):
		return true
	default:
		for k := i; k < j; k++ {
			if r.size(k) != 4 {
				return false
			}
		}
		return r.size(j) <= 4
	}
}

// cardRange is a block of card numbers one network issues: those whose
// first digits (as a number of that many digits) lie in lo..hi, with a
// length in lengths.
type cardRange struct {
	digits, lo, hi int
	lengths        []int
}

// cardRanges are the issuer prefixes and lengths of the card networks;
// the first that matches the prefix decides.
var cardRanges = []cardRange{
	{1, 4, 4, []int{13, 16, 19}},                   // Visa
	{2, 51, 55, []int{16}},                         // Mastercard
	{4, 2221, 2720, []int{16}},                     // Mastercard 2-series
	{2, 34, 34, []int{15}},                         // American Express
	{2, 37, 37, []int{15}},                         // American Express
	{3, 300, 305, []int{14, 15, 16, 17, 18, 19}},   // Diners Club
	{3, 309, 309, []int{14, 15, 16, 17, 18, 19}},   // Diners Club
	{2, 36, 36, []int{14, 15, 16, 17, 18, 19}},     // Diners Club
	{2, 38, 39, []int{14, 15, 16, 17, 18, 19}},     // Diners Club
	{4, 3528, 3589, []int{16, 17, 18, 19}},         // JCB
	{4, 2200, 2204, []int{16, 17, 18, 19}},         // Mir
	{2, 50, 50, []int{13, 14, 15, 16, 17, 18, 19}}, // Maestro
	{2, 56, 69, []int{13, 14, 15, 16, 17, 18, 19}}, // Maestro, Discover, UnionPay, RuPay
}

// cardNetwork reports whether d starts with the prefix of a card network
// and has a length that network issues.
func cardNetwork(d []byte) bool {
	for _, r := range cardRanges {
		if len(d) < r.digits {
			continue
		}
		p := 0
		for _, c := range d[:r.digits] {
			p = p*10 + int(c-'0')
		}
		if p >= r.lo && p <= r.hi {
			return slices.Contains(r.lengths, len(d))
		}
	}
	return false
}

// ibans finds IBANs: a known country code, two check digits, then
// alphanumerics up to exactly that country's length, unbroken or split by
// single spaces (or dashes) as in "DE89 3704 0044 0532 0130 00", passing
// mod-97. Letters may be lower case. Reading exactly the country's length
// is what lets the IBAN end where the sentence goes on ("... 0130 00 is
// the account").
func (sc *scan) ibans() {
	s := sc.s
	var buf [34]byte
	for i := 0; i+4 <= len(s); i++ {
		if !isLetter(s[i]) || !isLetter(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) || wordBefore(s, i) {
			continue
		}
		cc := [2]byte{upper(s[i]), upper(s[i+1])}
		want := ibanLengths[string(cc[:])]
		if want == 0 {
			continue
		}
		n, j := 0, i
		var sep byte
		for n < want && j < len(s) {
			c := s[j]
			if isAlnum(c) {
				buf[n] = upper(c)
				n++
				j++
				continue
			}
			if (c == ' ' || c == '-') && (sep == 0 || sep == c) && j+1 < len(s) && isAlnum(s[j+1]) {
				sep = c
				j++
				continue
			}
			break
		}
		if n == want && !wordAt(s, j) && ibanValid(buf[:n]) {
			sc.add(i, j, prioIBAN, KindIBAN)
			i = j - 1
		}
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}
