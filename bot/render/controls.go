package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// StripControls removes from text that a person or a model wrote what
// would act on the reader's screen instead of being read: control
// characters other than line breaks and tabs (a carriage return that
// overwrites a line, a bell), whole terminal escape sequences (ESC [ 2J
// clears the screen, ESC ] 8 makes a hyperlink whose target is hidden),
// the bidirectional overrides, embeddings, isolates and marks that make
// "exe.txt" read as "txt.exe", and the zero-width characters that hide
// text or split a word a reader would recognise. Every surface applies it
// to the text it inserts: the terminal because its screen obeys escape
// sequences, Slack and Teams because bidi controls mislead there too.
//
// Unicode line and paragraph separators become line breaks, so what a
// surface does with a line start (Markdown lists, quotes) is decided by
// one character only. The zero-width joiner and non-joiner stay: emoji
// and several scripts need them, and they hide nothing.
func StripControls(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b: // ESC: the sequence it starts goes with it
			i += escapeLen(s[i:])
			continue
		case r == 0x9b: // C1 CSI
			i += n + csiLen(s[i+n:])
			continue
		case r == 0x90 || r == 0x98 || r == 0x9d || r == 0x9e || r == 0x9f: // C1 DCS, SOS, OSC, PM, APC
			i += n + stringLen(s[i+n:])
			continue
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r), invisible(r):
		case r == utf8.RuneError:
			// An invalid byte, written as is, could be a C1 control to a
			// terminal that reads Latin-1: it becomes U+FFFD.
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// clean reports whether s has nothing StripControls would change, so the
// common case costs one pass and no allocation.
func clean(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && (unicode.IsControl(r) || invisible(r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError) {
			return false
		}
	}
	return true
}

// invisible is a bidirectional control or a zero-width character that can
// hide or reorder text.
func invisible(r rune) bool {
	switch {
	case r == '\u061c', r == '\u200e', r == '\u200f': // Arabic letter mark, LRM, RLM
		return true
	case r >= '\u202a' && r <= '\u202e': // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= '\u2066' && r <= '\u2069': // LRI, RLI, FSI, PDI
		return true
	case r == '\u200b', r == '\ufeff': // zero-width space, zero-width no-break space (BOM)
		return true
	case r >= '\u2060' && r <= '\u2064': // word joiner, invisible operators
		return true
	}
	return false
}

// escapeLen is the length of the escape sequence at the start of s (which
// starts with ESC): CSI "ESC [ ... final", the string sequences OSC, DCS,
// SOS, PM and APC up to their terminator, or ESC with its intermediate
// and final bytes ("ESC ( B", "ESC c").
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + csiLen(s[2:])
	case ']', 'P', 'X', '^', '_':
		return 2 + stringLen(s[2:])
	}
	i := 1
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f { // intermediates
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e { // final
		i++
	}
	return i
}

// csiLen is the length of a control sequence's parameters, intermediates
// and final byte at the start of s; it stops early at anything a sequence
// cannot hold, so a stray ESC [ does not swallow the text after it.
func csiLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		case c < 0x20 || c > 0x3f:
			return i
		}
	}
	return len(s)
}

// stringLen is the length of an OSC, DCS, SOS, PM or APC string at the
// start of s, with its terminator: BEL, ESC \ or the C1 ST. An
// unterminated one runs to the end, as a terminal would read it.
func stringLen(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x07 || r == 0x9c:
			return i + n
		case r == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i // another sequence starts: let the caller strip it
		}
		i += n
	}
	return len(s)
}
