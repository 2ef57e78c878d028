package advisor

// Tokenizing a description, and moving between its tokens within a clause or sentence.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words that open a new clause: what follows them is not negated or hedged
// by what precedes them ("no PII, but HIPAA applies").
var clauseWords = map[string]bool{"but": true, "however": true, "although": true, "though": true, "whereas": true}

// tokenize splits the text into tokens, numbering sentences (split at . ! ?
// and line breaks) and clauses (also split at , ; : brackets, quotes and
// dashes between words), the scopes that negation and phrases may not cross.
func (x *extractor) tokenize() {
	s := x.text
	x.toks = make([]xtok, 0, len(s)/5+4)
	sent, clause, prevEnd := 0, 0, -1
	open := false // the current sentence has tokens
	endSentence := func(question bool) {
		clause++
		if open {
			x.questions = append(x.questions, question)
			sent++
			open = false
		}
	}
	add := func(t xtok) {
		if t.kind == xWord && clauseWords[t.text] && open {
			clause++
		}
		t.sent, t.clause, t.glued = sent, clause, t.start == prevEnd
		x.toks = append(x.toks, t)
		open, prevEnd = true, t.end
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case (r == 'w' || r == 'W') && strings.HasPrefix(s[i+1:], "/") && (i == 0 || !isDigitByte(s[i-1])):
			// Chat shorthand: "w/" is "with" and "w/o" "without".
			if n := shorthandWith(s[i+2:]); n >= 0 {
				text := "with"
				if n > 0 {
					text = "without"
				}
				add(xtok{kind: xWord, text: text, start: i, end: i + 2 + n})
				i += 2 + n
				continue
			}
			add(xtok{kind: xWord, text: "w", start: i, end: i + 1})
		case unicode.IsLetter(r):
			j, text, caps := scanWord(s, i)
			add(xtok{kind: xWord, text: text, start: i, end: j, caps: caps})
			i = j
			continue
		case r >= '0' && r <= '9':
			j := scanNumber(s, i)
			add(xtok{kind: xNum, text: s[i:j], start: i, end: j})
			i = j
			continue
		case r == '&':
			add(xtok{kind: xWord, text: "and", start: i, end: i + size})
		case xApostrophe(r):
		case xDash(r):
			next := strings.TrimLeft(s[i+size:], " ")
			switch {
			case next != "" && next[0] >= '0' && next[0] <= '9':
				add(xtok{kind: xSym, text: "-", start: i, end: i + size}) // a range: "200-300"
			case i > 0 && i+size < len(s) && letterAt(s, i+size) && letterBefore(s, i):
				// a hyphen inside a word: "real-time" reads as "real time"
			default:
				clause++
			}
		case r == '.' || r == '!' || r == '?' || r == '\n':
			endSentence(r == '?')
		case strings.ContainsRune(",;:()[]{}\"“”«»…|•·", r):
			clause++
		case unicode.IsSpace(r):
		default:
			add(xtok{kind: xSym, text: s[i : i+size], start: i, end: i + size})
		}
		i += size
	}
	if open {
		x.questions = append(x.questions, false)
	}
}

// shorthandWith reads what follows "w/": 0 for "w/ " ("with"), 1 for "w/o"
// ("without"), -1 for anything else ("w/e").
func shorthandWith(rest string) int {
	switch {
	case rest == "" || rest[0] == ' ':
		return 0
	case (rest[0] == 'o' || rest[0] == 'O') && (len(rest) == 1 || !letterAt(rest, 1)):
		return 1
	}
	return -1
}

// scanWord reads the word at s[i:]: letters, with apostrophes inside
// dropped. ASCII words already in lower case are returned without copying.
func scanWord(s string, i int) (end int, text string, caps bool) {
	j, plain, upper, letters := i, true, 0, 0
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if xApostrophe(r) && j+n < len(s) && letterAt(s, j+n) {
			plain = false
			j += n
			continue
		}
		if !unicode.IsLetter(r) {
			break
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
		}
		if r >= utf8.RuneSelf || unicode.IsUpper(r) {
			plain = false
		}
		j += n
	}
	if plain {
		return j, s[i:j], false
	}
	var b strings.Builder
	b.Grow(j - i)
	for _, r := range s[i:j] {
		if !xApostrophe(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return j, b.String(), letters >= 2 && upper == letters
}

// scanNumber reads the digits at s[i:]: thousands groups joined by a comma,
// underscore or no-break space, then a decimal part. Whether "20.000" or
// "1,5" is a number at all is left to ParseAnswer, which refuses to guess.
func scanNumber(s string, i int) int {
	j := i
	for j < len(s) && isDigitByte(s[j]) {
		j++
	}
	if j-i <= 3 {
		for sep := ""; j < len(s); {
			n := groupSeparator(s[j:])
			if n == 0 || sep != "" && s[j:j+n] != sep || !threeDigits(s[j+n:]) {
				break
			}
			sep = s[j : j+n]
			j += n + 3
		}
	}
	if j+1 < len(s) && s[j] == '.' && isDigitByte(s[j+1]) {
		for j++; j < len(s) && isDigitByte(s[j]); j++ {
		}
	}
	return j
}

// groupSeparator returns the length of a thousands separator at the start of
// s. Plain spaces are not separators here: in running text "5 100-page
// contracts" is two numbers.
func groupSeparator(s string) int {
	switch {
	case strings.HasPrefix(s, ","), strings.HasPrefix(s, "_"):
		return 1
	case strings.HasPrefix(s, "\u00a0"):
		return 2
	case strings.HasPrefix(s, "\u202f"), strings.HasPrefix(s, "\u2009"):
		return 3
	}
	return 0
}

func threeDigits(s string) bool {
	return len(s) >= 3 && isDigitByte(s[0]) && isDigitByte(s[1]) && isDigitByte(s[2]) && (len(s) == 3 || !isDigitByte(s[3]))
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func letterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func letterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

func xApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

func xDash(r rune) bool { return r == '-' || r >= '\u2010' && r <= '\u2015' || r == '\u2212' }

// word is token k if it is a word, else "".
func (x *extractor) word(k int) string {
	if k >= 0 && k < len(x.toks) && x.toks[k].kind == xWord {
		return x.toks[k].text
	}
	return ""
}

// inClause reports whether token k exists and shares a clause with token i.
func (x *extractor) inClause(i, k int) bool {
	return k >= 0 && k < len(x.toks) && i >= 0 && i < len(x.toks) && x.toks[k].clause == x.toks[i].clause
}

// inSentence reports whether token k exists and shares a sentence with token i.
func (x *extractor) inSentence(i, k int) bool {
	return k >= 0 && k < len(x.toks) && i >= 0 && i < len(x.toks) && x.toks[k].sent == x.toks[i].sent
}

// span is the text of tokens [a, b) as written.
func (x *extractor) span(a, b int) string {
	if a < 0 || b > len(x.toks) || a >= b {
		return ""
	}
	return x.text[x.toks[a].start:x.toks[b-1].end]
}

// labelBefore returns the label just before token i, as in "Budget: $40k" or
// "Deadline - 6 weeks", or -1.
func (x *extractor) labelBefore(i int, label string) int {
	k := i - 1
	if k >= 0 && x.toks[k].text == "-" {
		k--
	}
	if x.inSentence(i, k) && x.word(k) == label && strings.Trim(x.text[x.toks[k].end:x.toks[i].start], " :-") == "" {
		return k
	}
	return -1
}

// anyBefore reports whether one of the words occurs in the n tokens before i, in its clause.
func (x *extractor) anyBefore(i, n int, words map[string]bool) bool {
	return x.findBefore(i, n, words) >= 0
}

func (x *extractor) findBefore(i, n int, words map[string]bool) int {
	for k := i - 1; k >= i-n && x.inClause(i, k); k-- {
		if words[x.word(k)] {
			return k
		}
	}
	return -1
}
