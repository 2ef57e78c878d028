package redact

// Check-digit algorithms. Each detector that has one uses it, because a shape
// alone ("16 digits", "9 digits") also fits order numbers, counts and ids that
// must reach the model untouched. A random string passes Luhn or the 11-check
// about one time in ten, Verhoeff one in ten, mod-97 one in 97, the DNI letter
// one in 23; the detectors add shape and context on top of that.
//
// All functions take ASCII digits (and, for IBANs, upper-case letters) that
// the caller has already collected; none allocates.

// luhn reports whether d passes the Luhn (mod 10) check used by payment
// cards.
func luhn(d []byte) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return len(d) > 0 && sum%10 == 0
}

// ibanValid reports whether the upper-case alphanumerics in b pass the
// ISO 13616 check: move the first four characters to the end, read letters as
// 10..35, and the number mod 97 must be 1.
func ibanValid(b []byte) bool {
	if len(b) < 5 {
		return false
	}
	rem := 0
	add := func(c byte) bool {
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A') + 10) % 97
		default:
			return false
		}
		return true
	}
	for _, c := range b[4:] {
		if !add(c) {
			return false
		}
	}
	for _, c := range b[:4] {
		if !add(c) {
			return false
		}
	}
	return rem == 1
}

// ibanLengths is the IBAN length of each country in the ISO 13616 registry.
// A candidate must have exactly its country's length, which also tells the
// scanner where a space-grouped IBAN ends and the sentence resumes.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16,
	"BG": 22, "BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22,
	"CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20,
	"EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22,
	"GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
	"IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30,
	"KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
	"LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27,
	"MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
	"PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
	"SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
	"SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29,
	"VA": 22, "VG": 24, "XK": 20,
}

// Verhoeff tables: the dihedral group D5 multiplication table and the
// position permutation.
var (
	verhoeffD = [10][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		{1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
		{2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
		{3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
		{4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
		{5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
		{7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
		{8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
		{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
	}
	verhoeffP = [8][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		{1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
		{5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
		{8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
		{9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
		{4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
		{7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
	}
)

// verhoeff reports whether d, check digit last, passes the Verhoeff check
// that Indian Aadhaar numbers carry.
func verhoeff(d []byte) bool {
	c := byte(0)
	for i := 0; i < len(d); i++ {
		c = verhoeffD[c][verhoeffP[i%8][d[len(d)-1-i]-'0']]
	}
	return len(d) > 0 && c == 0
}

// elevenProof reports whether the nine digits in d pass the Dutch BSN
// "11-proef": 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11 (and not 0,
// which would accept 000000000).
func elevenProof(d []byte) bool {
	if len(d) != 9 {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += (9 - i) * int(d[i]-'0')
	}
	sum -= int(d[8] - '0')
	return sum > 0 && sum%11 == 0
}

// dniLetters maps a Spanish DNI/NIE number mod 23 to its control letter.
const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// dniValid reports whether the eight digits in d (an NIE's X/Y/Z already
// turned into 0/1/2) carry control letter l.
func dniValid(d []byte, l byte) bool {
	if len(d) != 8 {
		return false
	}
	n := 0
	for _, c := range d {
		n = n*10 + int(c-'0')
	}
	return dniLetters[n%23] == l
}

// nirValid reports whether the fifteen digits in d form a French NIR (social
// security number): sex 1/2 (3, 4, 7, 8 for provisional numbers), a
// plausible month, and a key equal to 97 - (first 13 digits mod 97).
// Corsican numbers, whose department is 2A/2B, are not handled.
func nirValid(d []byte) bool {
	if len(d) != 15 {
		return false
	}
	switch d[0] {
	case '1', '2', '3', '4', '7', '8':
	default:
		return false
	}
	// Months 01-12; 20-42 and 50-99 are used when the birth month is unknown.
	month := int(d[3]-'0')*10 + int(d[4]-'0')
	if month == 0 || (month > 12 && month < 20) || (month > 42 && month < 50) {
		return false
	}
	n := 0
	for _, c := range d[:13] {
		n = (n*10 + int(c-'0')) % 97
	}
	key := int(d[13]-'0')*10 + int(d[14]-'0')
	return key == 97-n
}
