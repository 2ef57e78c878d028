package redact

import (
	"slices"
	"strings"
)

// National identity numbers, all checked on the digit runs of numbers.go
// (the ones with letters look at the letters around the run). Each is held to
// its written shape and, where it has one, its check digit. The two whose
// check passes one random number in ten or eleven (unspaced Aadhaar, BSN)
// also need their name just before them, or every ninth order number would
// go.

// ninoFirst and ninoSecond are the letters a UK National Insurance number
// prefix may start and end with; ninoBanned are pairs never issued.
const (
	ninoFirst  = "ABCEGHJKLMNOPRSTWXYZ"
	ninoSecond = "ABCEGHJKLMNPRSTWXYZ"
)

var ninoBanned = []string{"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}

func ninoPrefix(s string, i int) bool {
	if i < 0 || wordBefore(s, i) || strings.IndexByte(ninoFirst, s[i]) < 0 || strings.IndexByte(ninoSecond, s[i+1]) < 0 {
		return false
	}
	return !slices.Contains(ninoBanned, s[i:i+2])
}

// suffixAt returns the end of the letter at e (after an optional sep) if it
// is in letters and ends a word, or -1.
func suffixAt(s string, e int, sep byte, letters string) int {
	if e < len(s) && s[e] == sep {
		e++
	}
	if e < len(s) && strings.IndexByte(letters, s[e]) >= 0 && !wordAt(s, e+1) {
		return e + 1
	}
	return -1
}

// letterIDs finds the ids that wrap letters around a digit run: UK National
// Insurance numbers (AB123456C, AB 12 34 56 C: prefix letters not D, F, I,
// Q, U, V, the second not O, seven pairs never issued, suffix A-D; upper
// case only, as lower case would meet prose) and Spanish DNI (12345678Z,
// 12345678-Z) and NIE (X1234567L), whose last letter is a checksum.
func (sc *scan) letterIDs(r *run) {
	s, g := sc.s, r.groups[0]
	if r.plus >= 0 || g.paren {
		return
	}
	switch n := r.size(0); {
	case len(r.groups) == 1 && n == 6 && g.start >= 2 && ninoPrefix(s, g.start-2):
		if e := suffixAt(s, g.end, ' ', "ABCD"); e > 0 {
			sc.add(g.start-2, e, prioID, KindNationalID)
		}
	case len(r.groups) == 3 && r.shape(0, 2, " ", 2, 2, 2) && g.start >= 3 && s[g.start-1] == ' ' && ninoPrefix(s, g.start-3):
		if e := suffixAt(s, r.groups[2].end, ' ', "ABCD"); e > 0 {
			sc.add(g.start-3, e, prioID, KindNationalID)
		}
	case len(r.groups) == 1 && (n == 8 && r.left || n == 7 && g.start > 0 && strings.IndexByte("XYZ", s[g.start-1]) >= 0 && !wordBefore(s, g.start-1)):
		var d [8]byte
		from := g.start
		if n == 7 {
			from--
			d[0] = '0' + s[from] - 'X'
		}
		copy(d[8-n:], s[g.start:g.end])
		if e := suffixAt(s, g.end, '-', dniLetters); e > 0 && dniValid(d[:], s[e-1]) {
			sc.add(from, e, prioID, KindNationalID)
		}
	}
}

// numericIDs checks every window of groups of r for the all-digit ids.
func (sc *scan) numericIDs(r *run) {
	for i := range r.groups {
		d := 0
		for j := i; j < len(r.groups); j++ {
			d += r.groups[j].end - r.groups[j].start
			if d > 15 {
				break
			}
			switch d {
			case 9:
				sc.ssn(r, i, j)
				sc.bsn(r, i, j)
			case 12:
				sc.aadhaar(r, i, j)
			case 15:
				sc.nir(r, i, j)
			}
		}
	}
}

// ssn: US Social Security number, 123-45-6789 or with spaces; after the
// word SSN also unbroken (123456789) or dotted, which alone would be any
// order number. Areas 000, 666 and 900-999, group 00 and serial 0000 are
// never issued.
func (sc *scan) ssn(r *run, i, j int) {
	printed := r.shape(i, j, "- ", 3, 2, 4)
	if !(printed || r.shape(i, j, "", 9) || r.shape(i, j, ".", 3, 2, 4)) || !r.alone(i, j) {
		return
	}
	if !printed && !sc.ssnLabel(r.pos(i)) {
		return
	}
	d := sc.collect(r, i, j)
	if string(d[:3]) == "000" || string(d[:3]) == "666" || d[0] == '9' || string(d[3:5]) == "00" || string(d[5:]) == "0000" {
		return
	}
	sc.add(r.pos(i), r.end(j), prioID, KindNationalID)
}

// bsn: Dutch citizen service number, nine digits (123456782, 123.456.782,
// 1234.56.782) passing the 11-check, after the word BSN.
func (sc *scan) bsn(r *run, i, j int) {
	if !(r.shape(i, j, "", 9) || r.shape(i, j, ". ", 3, 3, 3) || r.shape(i, j, ".", 4, 2, 3)) || !r.alone(i, j) {
		return
	}
	if elevenProof(sc.collect(r, i, j)) && sc.bsnLabel(r.pos(i)) {
		sc.add(r.pos(i), r.end(j), prioID, KindNationalID)
	}
}

// aadhaar: Indian Aadhaar number, twelve digits not starting with 0 or 1,
// Verhoeff checked; spaced as printed (2341 2341 2346), or unspaced after
// the word.
func (sc *scan) aadhaar(r *run, i, j int) {
	// Spaces only, as printed on the card: a dashed 4-4-4 is more often an
	// AWS account id.
	grouped := r.shape(i, j, " ", 4, 4, 4)
	if !(grouped || r.shape(i, j, "", 12)) || !r.alone(i, j) {
		return
	}
	d := sc.collect(r, i, j)
	if d[0] < '2' || !verhoeff(d) || !grouped && !sc.aadhaarLabel(r.pos(i)) {
		return
	}
	sc.add(r.pos(i), r.end(j), prioID, KindNationalID)
}

// nir: French social security number, 15 digits, plain, as 13 + key, or in
// its printed groups 1 84 12 76 451 089 46.
func (sc *scan) nir(r *run, i, j int) {
	if !(r.shape(i, j, "", 15) || r.shape(i, j, " ", 13, 2) || r.shape(i, j, " ", 1, 2, 2, 2, 3, 3, 2)) || !r.alone(i, j) {
		return
	}
	if nirValid(sc.collect(r, i, j)) {
		sc.add(r.pos(i), r.end(j), prioID, KindNationalID)
	}
}
