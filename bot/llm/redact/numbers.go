package redact

import "strings"

// Numbers written with digits only (cards, phones, SSNs, NIR, Aadhaar, BSN)
// are found by one lexer rather than a regular expression each. It reads
// runs of digit groups joined by single separators ("4111 1111 1111 1111",
// "+44 (0)20 7946 0958", "123-45-6789") and every detector then looks at
// windows of whole groups. Working on groups lets a detector insist on the
// grouping its kind is written in, pick a card out of "ticket 4521 4111 1111
// 1111 1111", and never split a number in the middle of a group.

// group is one group of digits; s[start:end] holds the digits only.
type group struct {
	start, end int
	paren      bool // written "(415)"
}

// run is a maximal sequence of groups joined by separators.
type run struct {
	plus   int // offset of a leading '+', or -1
	groups []group
	seps   []string // seps[i] joins groups[i] and groups[i+1]; "" only beside a parenthesised group
	left   bool     // the run is not glued to a word before it
	right  bool     // nor after it
}

func (r *run) start() int {
	if r.plus >= 0 {
		return r.plus
	}
	return r.pos(0)
}

// pos is where group i starts, its parenthesis included.
func (r *run) pos(i int) int {
	if r.groups[i].paren {
		return r.groups[i].start - 1
	}
	return r.groups[i].start
}

// end is where group i ends, its parenthesis included.
func (r *run) end(i int) int {
	if r.groups[i].paren {
		return r.groups[i].end + 1
	}
	return r.groups[i].end
}

// separators between digit groups, longest first: spaces (plain,
// no-break, narrow no-break as French typography uses), - . and /.
var separators = []string{"\u00a0", "\u202f", " ", "-", ".", "/"}

// parenAt returns the end of a "(digits)" group at i, or -1.
func parenAt(s string, i int) int {
	if i >= len(s) || s[i] != '(' {
		return -1
	}
	j := i + 1
	for j < len(s) && isDigit(s[j]) && j-i <= 5 {
		j++
	}
	if j == i+1 || j >= len(s) || s[j] != ')' {
		return -1
	}
	return j + 1
}

// groupAt reads the group at i into g and returns its end, or -1.
func groupAt(s string, i int, g *group) int {
	if e := parenAt(s, i); e >= 0 {
		*g = group{start: i + 1, end: e - 1, paren: true}
		return e
	}
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == i {
		return -1
	}
	*g = group{start: i, end: j}
	return j
}

// lex reads the run that starts at i into r and returns its end, or -1 if
// no run starts at i.
func lex(s string, i int, r *run) int {
	r.plus, r.groups, r.seps = -1, r.groups[:0], r.seps[:0]
	// A '+' or '(' may follow the digits of another run directly
	// ("0958+44 20 ..."): that is two numbers glued together, not a word.
	r.left = !wordBefore(s, i) || (s[i] == '+' || s[i] == '(') && isDigit(s[i-1])
	if s[i] == '+' {
		r.plus = i
		i++
	}
	var g group
	j := groupAt(s, i, &g)
	if j < 0 {
		return -1
	}
	r.groups = append(r.groups, g)
	for {
		sep := ""
		for _, p := range separators {
			if strings.HasPrefix(s[j:], p) {
				sep = p
				break
			}
		}
		// Groups touch only beside a parenthesis: "(415)555-0132", "44(0)20".
		if sep == "" && !g.paren && (j >= len(s) || s[j] != '(') {
			break
		}
		k := groupAt(s, j+len(sep), &g)
		if k < 0 {
			break
		}
		r.groups = append(r.groups, g)
		r.seps = append(r.seps, sep)
		j = k
	}
	r.right = !wordAt(s, j)
	return j
}

// numbers lexes every run in s and hands it to the detectors.
func (sc *scan) numbers() {
	s := sc.s
	r := &run{groups: make([]group, 0, 8), seps: make([]string, 0, 8)}
	for i := 0; i < len(s); {
		c := s[i]
		if !isDigit(c) && !(c == '+' || c == '(') {
			i++
			continue
		}
		end := lex(s, i, r)
		if end < 0 {
			i++
			continue
		}
		sc.cards(r)
		sc.numericIDs(r)
		sc.letterIDs(r)
		sc.phones(r)
		i = end
	}
}

// collect returns the digits of groups i..j, in a scratch buffer that the
// next call reuses (windows are at most 19 digits, so it never grows).
func (sc *scan) collect(r *run, i, j int) []byte {
	d := sc.digits[:0]
	for k := i; k <= j; k++ {
		d = append(d, sc.s[r.groups[k].start:r.groups[k].end]...)
	}
	return d
}

// size is the number of digits in group k.
func (r *run) size(k int) int { return r.groups[k].end - r.groups[k].start }

// lastWithin returns the last group j such that groups i..j hold at most
// limit digits (i-1 if none): the longest window worth trying, found without
// walking a long run once per starting group.
func (r *run) lastWithin(i, limit int) int {
	d := 0
	for j := i; j < len(r.groups); j++ {
		if d += r.size(j); d > limit {
			return j - 1
		}
	}
	return len(r.groups) - 1
}

// phoneDigits counts the digits of groups i..j, without the "(0)" that
// marks an optional trunk prefix in "+44 (0)20 7946 0958".
func phoneDigits(s string, r *run, i, j int) int {
	d := 0
	for k := i; k <= j; k++ {
		g := r.groups[k]
		if g.paren && s[g.start:g.end] == "0" {
			continue
		}
		d += g.end - g.start
	}
	return d
}

func isSpace(sep string) bool { return sep == " " || sep == "\u00a0" || sep == "\u202f" }

// tight reports whether groups i..j are joined without spaces, so that they
// read as one token even inside a longer spaced run ("SSN 123-45-6789 12").
func (r *run) tight(i, j int) bool {
	for k := i; k < j; k++ {
		if isSpace(r.seps[k]) || r.seps[k] == "" {
			return false
		}
	}
	return true
}

// alone reports whether groups i..j stand on their own: each edge is the
// edge of the run, clear of words, or a space from a tight window. A
// leading '+' belongs to phone numbers only.
func (r *run) alone(i, j int) bool {
	if i == 0 && (!r.left || r.plus >= 0) || j == len(r.groups)-1 && !r.right {
		return false
	}
	if i > 0 && !(isSpace(r.seps[i-1]) && r.tight(i, j)) {
		return false
	}
	return j == len(r.groups)-1 || isSpace(r.seps[j]) && r.tight(i, j)
}

// shape reports whether groups i..j have exactly the given digit counts,
// none parenthesised, joined by one separator from allowed (spaces count as
// one).
func (r *run) shape(i, j int, allowed string, sizes ...int) bool {
	if j-i+1 != len(sizes) {
		return false
	}
	for k, n := range sizes {
		g := r.groups[i+k]
		if g.paren || g.end-g.start != n {
			return false
		}
	}
	return r.sameSep(i, j, allowed)
}

// sameSep reports whether the separators inside groups i..j are all equal
// and each one's first byte is in allowed (' ' standing for every space).
func (r *run) sameSep(i, j int, allowed string) bool {
	for k := i; k < j; k++ {
		sep := r.seps[k]
		if sep == "" || sep != r.seps[i] {
			return false
		}
		c := sep[0]
		if isSpace(sep) {
			c = ' '
		}
		if strings.IndexByte(allowed, c) < 0 {
			return false
		}
	}
	return true
}
