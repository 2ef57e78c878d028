package knowledge

import (
	"unicode"
	"unicode/utf8"
)

// tokenizer turns text into index terms. The same code runs over entries at
// Load and over queries at Search, which is what makes the light stemming
// safe: a stem need not be a word, only the same for both sides.
//
// Its buffers are reused between calls so that Search allocates nothing
// while tokenizing; a tokenizer is therefore not safe for concurrent use.
type tokenizer struct {
	word []byte // the current word, lowercased, hyphens kept
	term []byte // the current term being stemmed
}

// each calls emit with every term of s in order. A word is a run of letters
// and digits, possibly joined by single hyphens; a hyphenated word yields
// itself and then each part, so "fine-tuning" matches both a query for
// "fine-tune" and one for "tuning". The slice passed to emit is only valid
// during the call.
func (t *tokenizer) each(s string, emit func(term []byte)) {
	for i := 0; i < len(s); {
		r, size := decodeRune(s, i)
		if !isWordRune(r) {
			i += size
			continue
		}
		t.word = t.word[:0]
		hyphens := 0
		for i < len(s) {
			r, size = decodeRune(s, i)
			if isWordRune(r) {
				t.word = appendLower(t.word, r)
				i += size
				continue
			}
			if r == '-' && i+1 < len(s) {
				if next, _ := decodeRune(s, i+1); isWordRune(next) {
					t.word = append(t.word, '-')
					hyphens++
					i++
					continue
				}
			}
			break
		}
		t.emit(t.word, emit)
		if hyphens == 0 {
			continue
		}
		start := 0
		for j, c := range t.word {
			if c == '-' {
				t.emit(t.word[start:j], emit)
				start = j + 1
			}
		}
		t.emit(t.word[start:], emit)
	}
}

// emit drops stopwords and single characters, which match almost every
// passage or none usefully, and passes on the stem of the rest.
func (t *tokenizer) emit(word []byte, emit func([]byte)) {
	if utf8.RuneCount(word) < 2 || stopwords[string(word)] {
		return
	}
	t.term = append(t.term[:0], word...)
	emit(stem(t.term))
}

func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func appendLower(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(b, byte(r))
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}

// stopwords are words too common in questions and prose to tell passages
// apart. The list is short on purpose: BM25's idf already discounts common
// words, and words such as "long", "many" or "need" carry meaning in the
// questions people ask ("how long does fine-tuning take").
var stopwords = map[string]bool{}

func init() {
	for _, w := range []string{
		"a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at",
		"be", "been", "being", "but", "by", "can", "could", "did", "do", "does", "doing",
		"each", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if",
		"in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "ours", "she",
		"should", "so", "such", "than", "that", "the", "their", "them", "then", "there",
		"these", "they", "this", "those", "to", "us", "was", "we", "were", "what",
		"where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
	} {
		stopwords[w] = true
	}
}

// stem strips common English inflections in place: plural -s, -es and -ies,
// -ing and -ed, and then a final -e, so that "tune", "tunes", "tuned" and
// "tuning" share one stem. It is deliberately cruder than Porter's: it runs
// on both sides of the match, so over-stemming costs a little precision
// while missing inflections costs recall on short queries.
func stem(w []byte) []byte {
	if len(w) <= 3 {
		return w
	}
	n := len(w)
	switch {
	case n > 4 && (hasSuffix(w, "ies") || hasSuffix(w, "ied")):
		w = append(w[:n-3], 'y')
	case hasSuffix(w, "sses"), hasSuffix(w, "xes"), hasSuffix(w, "ches"), hasSuffix(w, "shes"), hasSuffix(w, "zes"):
		w = w[:n-2]
	case hasSuffix(w, "s") && !hasSuffix(w, "ss") && !(n > 4 && (hasSuffix(w, "us") || hasSuffix(w, "is"))):
		w = w[:n-1]
	}
	// A plural may hide a participle: "embeddings", "findings".
	n = len(w)
	switch {
	case hasSuffix(w, "ing") && n-3 >= 3 && hasVowel(w[:n-3]):
		w = undouble(w[:n-3])
	case hasSuffix(w, "ed") && !hasSuffix(w, "eed") && n-2 >= 3 && hasVowel(w[:n-2]):
		w = undouble(w[:n-2])
	}
	if len(w) > 3 && w[len(w)-1] == 'e' {
		w = w[:len(w)-1]
	}
	return w
}

func hasSuffix(w []byte, suffix string) bool {
	return len(w) >= len(suffix) && string(w[len(w)-len(suffix):]) == suffix
}

func hasVowel(w []byte) bool {
	for _, c := range w {
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			return true
		}
	}
	return false
}

// undouble turns "runn" (from "running") back into "run"; l, s and z stay
// doubled as in "fall", "pass" and "buzz".
func undouble(w []byte) []byte {
	n := len(w)
	if n >= 4 && w[n-1] == w[n-2] && !hasVowel(w[n-1:]) {
		switch w[n-1] {
		case 'l', 's', 'z':
		default:
			return w[:n-1]
		}
	}
	return w
}
