package redact

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Detectors read a folded copy of the text, not the text itself: NFKC
// normalised (full-width "ｓｋ－ｐｒｏｊ" is "sk-proj", "４１１１" is "4111",
// "ﬁ" is "fi", a no-break space is a space) with invisible format characters
// removed (zero-width space, joiners, word joiner, byte-order mark, soft
// hyphen, bidirectional marks, tag characters). Pastes pick these up from
// chat clients and mail programs that break long tokens for display, and
// they are the cheapest way to slip a secret past a pattern on purpose.
//
// The output, though, is built from the original text: every byte outside a
// redacted span is kept as it was, so a Japanese description keeps its
// full-width punctuation and an emoji keeps its joiners. Each detection in
// the folded text is mapped back to the original bytes it came from. A
// detection that starts or ends inside a character that folded to several
// (the "i" of "ﬁ") is widened to that whole character, so redaction only
// ever covers more, never less.

// fold is the folded text and the way back to the original.
type fold struct {
	text string
	// edits are the places where text differs from the original, in order:
	// text[n0:n1] came from orig[o0:o1]. Between two edits the text is a
	// copy. No edits: text is the original.
	edits []edit
}

type edit struct{ n0, n1, o0, o1 int }

// invisible reports whether r is removed before matching: format
// characters (category Cf: zero-width space and joiners, word joiner,
// byte-order mark, soft hyphen, bidirectional controls, tag characters)
// and the combining grapheme joiner, which renders as nothing and which
// NFKC itself inserts into over-long runs of combining marks.
func invisible(r rune) bool {
	return r == '\u034f' || unicode.Is(unicode.Cf, r)
}

// plain reports whether s folds to itself, which is true of almost every
// message: ASCII text always does, so most texts cost one byte loop.
func plain(s string) bool {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return true
	}
	for i < len(s) {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if invisible(r) {
			return false
		}
		i += size
	}
	return norm.NFKC.IsNormalString(s)
}

// foldText folds s. Runs of ASCII are copied as they are (ASCII is NFKC and
// holds no format character); the rest goes through the normaliser one
// segment at a time, so that each edit is as small as normalisation allows.
func foldText(s string) fold {
	if plain(s) {
		return fold{text: s}
	}
	var b strings.Builder
	b.Grow(len(s))
	var edits []edit
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	var pending []byte
	from := 0 // start of the original bytes behind pending
	for !it.Done() {
		p := it.Pos()
		if len(pending) == 0 && s[p] < utf8.RuneSelf && p+1 < len(s) && s[p+1] < utf8.RuneSelf {
			// An ASCII run: copy all of it but its last byte, which may
			// take combining marks after it, and let the normaliser go on
			// from there. A boundary before an ASCII byte is always one.
			e := p + 1
			for e+1 < len(s) && s[e+1] < utf8.RuneSelf {
				e++
			}
			b.WriteString(s[p:e])
			from = e
			if _, err := it.Seek(int64(e), 0); err != nil {
				break
			}
			continue
		}
		pending = append(pending, it.Next()...)
		if it.Pos() == from {
			continue // one character that decomposes into several segments
		}
		out := stripInvisible(pending)
		n0 := b.Len()
		b.Write(out)
		if string(out) != s[from:it.Pos()] {
			edits = append(edits, edit{n0: n0, n1: b.Len(), o0: from, o1: it.Pos()})
		}
		from, pending = it.Pos(), pending[:0]
	}
	return fold{text: b.String(), edits: edits}
}

// stripInvisible removes the invisible runes from b, in place.
func stripInvisible(b []byte) []byte {
	out := b[:0]
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r < utf8.RuneSelf || !invisible(r) {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// origStart maps a start offset in the folded text to the original: into
// an edit, it goes to the edit's start; invisible characters just before
// the offset stay outside.
func (f *fold) origStart(n int) int {
	k, _ := slices.BinarySearchFunc(f.edits, n, func(e edit, n int) int {
		if e.n0 <= n {
			return -1
		}
		return 1
	})
	if k == 0 {
		return n
	}
	e := f.edits[k-1]
	if n < e.n1 {
		return e.o0
	}
	return n - e.n1 + e.o1
}

// origEnd maps an end offset in the folded text to the original: into an
// edit, it goes to the edit's end; invisible characters just after the
// offset stay outside, and those inside the span are covered.
func (f *fold) origEnd(n int) int {
	k, _ := slices.BinarySearchFunc(f.edits, n, func(e edit, n int) int {
		if e.n0 < n {
			return -1
		}
		return 1
	})
	if k == 0 {
		return n
	}
	e := f.edits[k-1]
	if n <= e.n1 {
		return e.o1
	}
	return n - e.n1 + e.o1
}

// toOrig maps the kept spans (sorted, disjoint) to the original text orig.
// A span is widened over any placeholder of orig it cuts into, as scan.add
// does in the folded text, and spans that now overlap (two detections
// inside one folded character) are merged, the first one's kind kept.
func (f *fold) toOrig(keep []span, orig string) []span {
	if f.edits == nil {
		return keep
	}
	holder := placeholders(orig)
	out := keep[:0]
	h := 0
	for _, k := range keep {
		k.start, k.end = f.origStart(k.start), f.origEnd(k.end)
		for h < len(holder) && holder[h].end <= k.start {
			h++
		}
		for j := h; j < len(holder) && holder[j].start < k.end; j++ {
			k.start, k.end = min(k.start, holder[j].start), max(k.end, holder[j].end)
		}
		if n := len(out); n > 0 && out[n-1].end > k.start {
			out[n-1].end = max(out[n-1].end, k.end)
			continue
		}
		out = append(out, k)
	}
	return out
}
