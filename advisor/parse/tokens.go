package parse

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Both readers see text through this one tokenizer, so that a dash, a
// thousands separator or "45/h" means the same in a typed answer and in a
// description. Splitting "5k", "1h30" or "$45/h" into tokens here is what lets
// the readers treat "5 k" and "5k" alike.
//
// Dashes are the hard part, and the rule is one for both readers. Before a
// number a dash is a minus sign or joins a range ("-5", "2-3k", "2 – 3k",
// "-$45"), and becomes a "-" symbol. A hyphen between two letters joins a word
// ("auto-reject" reads as "auto reject", "e-mail" as "e mail"). Any other
// dash separates clauses and leaves no token: an en or em dash between words
// ("private—it changes"), a bullet ("- we get 300 a day"), "300-ish".

type tokenKind uint8

const (
	tokEnd tokenKind = iota // past the last token; the zero value
	tokWord
	tokNum
	tokSym
)

// token is one word, number or symbol. Words are lower case without
// apostrophes ("don't" is "dont"); numbers are as written and carry their
// value; start and end are byte offsets, so a span of tokens maps back to
// the text as written.
type token struct {
	text         string
	num          float64 // a number's value; +Inf when it overflows
	start, end   int
	sent, clause int // sentence and clause, the scopes negation and phrases may not cross
	kind         tokenKind
	caps         bool // a word written in capitals, as acronyms are ("SEC", not "sec")
	glued        bool // no space or punctuation before it ("$45", "2k", "1h30")
}

// tokenized is a text as tokens, with what the tokenizer noticed on the way.
type tokenized struct {
	toks      []token
	questions []bool // per sentence: it ends in a question mark
	// ambiguous says why the first doubtful number ("1,5", "20.000") cannot
	// be read, or is "". Answers refuse such numbers rather than guess, and
	// descriptions leave them to Answer, which refuses them in turn.
	ambiguous string
}

// Why a number is refused; shown to the person who typed it.
const (
	detailDecimalComma = "use a dot for decimals (1.5) and commas only between thousands (20,000)"
	detailDottedGroups = "a dot before exactly three digits could be a decimal point or a thousands separator; write 20,000 or 20"
	detailNegative     = "negative numbers are not allowed"
)

// Punctuation that ends a clause but not a sentence. Quotation marks are
// not in it: they wrap words without ending anything, so the "not" in
// `not "strict"` still reaches the word it negates.
const clausePunct = ",;:()[]{}…|•·"

// quoteMarks leave no token and no break.
const quoteMarks = "\"`“”«»"

// tokenize splits s into tokens, numbering sentences (split at . ! ? and
// line breaks) and clauses (also split at clausePunct and at dashes that
// neither join nor sign). spacedThousands lets a plain space separate
// thousands, as in the answer "20 000"; in running text "5 100-page
// contracts" is two numbers, so there only no-break and thin spaces do.
func tokenize(s string, spacedThousands bool) tokenized {
	z := tokenizer{s: s, spaced: spacedThousands, prevEnd: -1}
	z.out.toks = make([]token, 0, len(s)/5+4)
	for i := 0; i < len(s); {
		i = z.next(i)
	}
	if z.open {
		z.out.questions = append(z.out.questions, false)
	}
	return z.out
}

// tokenizer is the state of one tokenize call.
type tokenizer struct {
	s            string
	spaced       bool
	out          tokenized
	sent, clause int
	open         bool // the current sentence has tokens
	prevEnd      int  // where the last token ended
}

// next reads what starts at byte i and returns where the next thing starts.
func (z *tokenizer) next(i int) int {
	s := z.s
	r, size := utf8.DecodeRuneInString(s[i:])
	switch {
	case r == ' ':
	case (r == 'w' || r == 'W') && strings.HasPrefix(s[i+1:], "/") && (i == 0 || !isDigitByte(s[i-1])):
		return z.shorthand(i)
	case unicode.IsLetter(r):
		j, text, caps := scanWord(s, i)
		z.add(token{kind: tokWord, text: text, start: i, end: j, caps: caps})
		return j
	case isDigitByte(s[i]) || r == '.' && pointStartsNumber(s, i):
		return z.number(i)
	case r == '&':
		z.add(token{kind: tokWord, text: "and", start: i, end: i + size})
	case isApostrophe(r), strings.ContainsRune(quoteMarks, r):
	case isDash(r):
		z.dash(r, i, size)
	case r == '.' || r == '!' || r == '?' || r == '\n':
		z.endSentence(r == '?')
	case strings.ContainsRune(clausePunct, r):
		z.clause++
	case unicode.IsSpace(r):
	default:
		// Anything else, from "%" to an emoji or an invalid byte, is a
		// symbol of its own, so that no phrase matches across it.
		z.add(token{kind: tokSym, text: string(r), start: i, end: i + size})
	}
	return i + size
}

func (z *tokenizer) add(t token) {
	t.sent, t.clause, t.glued = z.sent, z.clause, t.start == z.prevEnd
	z.out.toks = append(z.out.toks, t)
	z.open, z.prevEnd = true, t.end
}

func (z *tokenizer) endSentence(question bool) {
	z.clause++
	if z.open {
		z.out.questions = append(z.out.questions, question)
		z.sent++
		z.open = false
	}
}

// shorthand reads chat shorthand at byte i: "w/" is "with" and "w/o"
// "without"; any other "w" is a word of its own.
func (z *tokenizer) shorthand(i int) int {
	n := shorthandWith(z.s[i+2:])
	if n < 0 {
		z.add(token{kind: tokWord, text: "w", start: i, end: i + 1})
		return i + 1
	}
	text := "with"
	if n > 0 {
		text = "without"
	}
	z.add(token{kind: tokWord, text: text, start: i, end: i + 2 + n})
	return i + 2 + n
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

// dash reads the dash r at byte i; see the comment at the top of the file.
func (z *tokenizer) dash(r rune, i, size int) {
	switch {
	case numberStarts(strings.TrimLeftFunc(z.s[i+size:], unicode.IsSpace)):
		z.add(token{kind: tokSym, text: "-", start: i, end: i + size})
	case isHyphen(r) && letterBefore(z.s, i) && i+size < len(z.s) && letterAt(z.s, i+size):
		// a hyphen inside a word: "real-time" reads as "real time"
	default:
		z.clause++
	}
}

// number reads the number at byte i.
func (z *tokenizer) number(i int) int {
	j, digits, detail := scanNumber(z.s, i, z.spaced)
	if detail != "" && z.out.ambiguous == "" {
		z.out.ambiguous = detail
	}
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		// The only error digits can cause is overflow, which ParseFloat
		// reports with an infinite value; readers reject non-finite numbers.
		v = math.Inf(1)
	}
	z.add(token{kind: tokNum, text: z.s[i:j], num: v, start: i, end: j})
	return j
}

// scanWord reads the word at s[i:]: letters, with apostrophes inside
// dropped. ASCII words already in lower case are returned without copying.
func scanWord(s string, i int) (end int, text string, caps bool) {
	j, plain, upper, letters := i, true, 0, 0
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isApostrophe(r) && j+n < len(s) && letterAt(s, j+n) {
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
		if !isApostrophe(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return j, b.String(), letters >= 2 && upper == letters
}

// scanNumber reads the number at s[i:]: digits with an optional thousands
// separator (a comma, underscore or space, one kind per number, groups of
// exactly three) and an optional decimal part. It returns where the number
// ends, its digits and point without separators, and why it is ambiguous,
// if it is: "1,5" and "20.000" are read either way in different countries,
// and guessing wrong is off by a factor of 1000.
func scanNumber(s string, i int, spaced bool) (end int, digits, ambiguous string) {
	j := i
	for j < len(s) && isDigitByte(s[j]) {
		j++
	}
	intPart := s[i:j]
	digits = intPart
	grouped := false
	if len(intPart) >= 1 && len(intPart) <= 3 {
		j, digits = scanGroups(s, j, digits, spaced)
		grouped = len(digits) > len(intPart)
	}
	if j+1 < len(s) && s[j] == ',' && isDigitByte(s[j+1]) {
		return j, digits, detailDecimalComma
	}
	if j+1 < len(s) && s[j] == '.' && isDigitByte(s[j+1]) {
		k := j + 1
		for k < len(s) && isDigitByte(s[k]) {
			k++
		}
		frac := s[j+1 : k]
		digits += "." + frac
		j = k
		// "20.000" is twenty thousand in much of Europe; "1.000.000" is
		// never a decimal.
		dotAgain := j+1 < len(s) && s[j] == '.' && isDigitByte(s[j+1])
		if !grouped && (dotAgain || len(frac) == 3 && strings.TrimLeft(intPart, "0") != "") {
			ambiguous = detailDottedGroups
		}
	}
	return j, digits, ambiguous
}

// scanGroups reads thousands groups at s[j:], all with the same kind of
// separator, and appends their digits.
func scanGroups(s string, j int, digits string, spaced bool) (int, string) {
	for kind := byte(0); ; {
		n, k := groupSeparator(s[j:], spaced)
		if n == 0 || kind != 0 && k != kind || !threeDigits(s[j+n:]) {
			return j, digits
		}
		kind = k
		digits += s[j+n : j+n+3]
		j += n + 3
	}
}

// groupSeparator returns the length of a thousands separator at the start of
// s, and its kind: ',', '_' or ' ' for any space. No-break and thin spaces
// always separate thousands; other spaces only when spaced is set.
func groupSeparator(s string, spaced bool) (int, byte) {
	r, n := utf8.DecodeRuneInString(s)
	switch {
	case r == ',' || r == '_':
		return 1, byte(r)
	case r == '\u00a0' || r == '\u202f' || r == '\u2009' || spaced && unicode.IsSpace(r):
		return n, ' '
	}
	return 0, 0
}

// threeDigits reports whether s starts with exactly three digits.
func threeDigits(s string) bool {
	return len(s) >= 3 && isDigitByte(s[0]) && isDigitByte(s[1]) && isDigitByte(s[2]) && (len(s) == 3 || !isDigitByte(s[3]))
}

// pointStartsNumber reports whether the "." at byte i starts a number
// (".5"): a digit follows, and no letter or digit comes before it, since the
// dot in "approx.300" ends an abbreviation and the one in "1.2.3" a version.
func pointStartsNumber(s string, i int) bool {
	if i+1 >= len(s) || !isDigitByte(s[i+1]) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsLetter(r) && !isDigit(r)
}

// numberStarts reports whether s starts with a number ("5", ".5"), or with a
// currency sign before one ("$5").
func numberStarts(s string) bool {
	if r, n := utf8.DecodeRuneInString(s); currencySigns[r] {
		s = s[n:]
	}
	return s != "" && (isDigitByte(s[0]) || len(s) > 1 && s[0] == '.' && isDigitByte(s[1]))
}

// currencySigns are the currency symbols a number may carry.
var currencySigns = map[rune]bool{'$': true, '€': true, '£': true, '¥': true, '₹': true}

func isDigit(r rune) bool     { return r >= '0' && r <= '9' }
func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func letterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func letterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

// isDash covers the hyphen, the minus sign and the dashes that phones and
// word processors substitute for them.
func isDash(r rune) bool { return r == '-' || r >= '\u2010' && r <= '\u2015' || r == '\u2212' }

// isHyphen reports the dashes that join words; en and em dashes and the
// horizontal bar separate them.
func isHyphen(r rune) bool { return isDash(r) && (r < '\u2013' || r > '\u2015') }
