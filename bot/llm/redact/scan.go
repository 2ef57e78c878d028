package redact

import (
	"slices"
	"strings"
)

// One pass over the text: every detector reports spans, overlaps are
// resolved, and the kept spans become placeholders.

// Priorities, lowest first: when two detections overlap the one with the
// lower priority number wins, so a specific detector (a password inside a
// URL) beats a generic one (the e-mail-like "pw@host" it contains).
const (
	prioPEM = iota
	prioToken
	prioAssign
	prioEmail
	prioIBAN
	prioID
	prioCard
	prioPhone
	prioExtra
)

// span is one detection: s[start:end] becomes "[" + kind + "]".
type span struct {
	start, end int
	prio       int
	kind       string
}

// scan collects the detections of one pass over s.
type scan struct {
	s      string
	lower  string // s with ASCII letters lowered; same length, same offsets
	holder []span // placeholders already in s, in order
	found  []span
	digits [32]byte // scratch for the digits of a candidate number
}

// add records a detection. A span that cuts into an existing placeholder is
// widened to cover it whole, and a span made only of placeholders is
// dropped: without these two rules a second pass could find something new
// in "[EMAIL]" itself and redaction would never settle.
func (sc *scan) add(start, end, prio int, kind string) {
	if start < 0 || end > len(sc.s) || start >= end {
		return
	}
	i, _ := slices.BinarySearchFunc(sc.holder, start, func(h span, pos int) int {
		if h.end <= pos {
			return -1
		}
		return 1
	})
	inside := 0
	for ; i < len(sc.holder) && sc.holder[i].start < end; i++ {
		h := sc.holder[i]
		start = min(start, h.start)
		end = max(end, h.end)
		inside += h.end - h.start
	}
	if inside == end-start {
		return
	}
	sc.found = append(sc.found, span{start: start, end: end, prio: prio, kind: kind})
}

// placeholderNames are the kinds, as they appear between brackets.
var placeholderNames = []string{KindEmail, KindPhone, KindCard, KindIBAN, KindNationalID, KindSecret, KindRedacted}

// placeholders returns the placeholders in s, in order. They cannot
// overlap: a placeholder holds no bracket between its own two.
func placeholders(s string) []span {
	var out []span
	for i := 0; ; {
		k := strings.IndexByte(s[i:], '[')
		if k < 0 {
			return out
		}
		i += k + 1
		for _, name := range placeholderNames {
			if strings.HasPrefix(s[i:], name) && strings.HasPrefix(s[i+len(name):], "]") {
				out = append(out, span{start: i - 1, end: i + len(name) + 1, kind: name})
				i += len(name) + 1
				break
			}
		}
	}
}

// pass runs every detector over the folded orig once and replaces what
// they found in orig.
func (r *Redactor) pass(orig string, counts map[string]int) (string, bool) {
	f := foldText(orig)
	s := f.text
	sc := &scan{s: s, lower: asciiLower(s), holder: placeholders(s)}
	sc.secrets()
	sc.bareKeys()
	sc.assignments()
	sc.emails()
	sc.ibans()
	sc.numbers()
	if r != nil {
		for _, x := range r.extra {
			for _, m := range x.re.FindAllStringSubmatchIndex(s, -1) {
				sc.add(m[2*x.group], m[2*x.group+1], prioExtra, KindRedacted)
			}
		}
	}
	if len(sc.found) == 0 {
		return orig, false
	}

	keep := resolve(sc.found)
	if counts != nil {
		for _, k := range keep {
			counts[k.kind]++
		}
	}
	keep = f.toOrig(keep, orig)
	var b strings.Builder
	b.Grow(len(orig))
	last := 0
	for _, k := range keep {
		b.WriteString(orig[last:k.start])
		b.WriteByte('[')
		b.WriteString(k.kind)
		b.WriteByte(']')
		last = k.end
	}
	b.WriteString(orig[last:])
	return b.String(), true
}

// resolve keeps the best detection wherever detections overlap: the one of
// lowest priority number, then the earliest, then the longest. It returns
// the kept spans sorted by start. Priority levels are taken one at a time,
// each swept against what earlier levels kept, so the cost stays linear in
// the number of detections.
func resolve(found []span) []span {
	slices.SortFunc(found, func(a, b span) int {
		if a.prio != b.prio {
			return a.prio - b.prio
		}
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	var keep, level, merged []span
	for lo := 0; lo < len(found); {
		hi := lo
		for hi < len(found) && found[hi].prio == found[lo].prio {
			hi++
		}
		level = level[:0]
		k := 0
		for _, f := range found[lo:hi] {
			for k < len(keep) && keep[k].end <= f.start {
				k++
			}
			if k < len(keep) && keep[k].start < f.end || len(level) > 0 && level[len(level)-1].end > f.start {
				continue
			}
			level = append(level, f)
		}
		merged = merged[:0]
		i, j := 0, 0
		for i < len(keep) || j < len(level) {
			if j == len(level) || i < len(keep) && keep[i].start < level[j].start {
				merged = append(merged, keep[i])
				i++
			} else {
				merged = append(merged, level[j])
				j++
			}
		}
		keep, merged = merged, keep
		lo = hi
	}
	return keep
}

// asciiLower lowers ASCII letters only, so that offsets in the result are
// offsets in s (strings.ToLower may change the length of non-ASCII text).
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// isWord reports whether c is an ASCII letter, digit or underscore: a byte
// that would continue a token. Detectors refuse matches glued to one
// ("v1.43.0", "task-based"); non-ASCII bytes count as separators.
func isWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// wordBefore reports whether s[i-1] continues a word into s[i:].
func wordBefore(s string, i int) bool { return i > 0 && isWord(s[i-1]) }

// wordAt reports whether s[i] continues a word that ends at i.
func wordAt(s string, i int) bool { return i < len(s) && isWord(s[i]) }
