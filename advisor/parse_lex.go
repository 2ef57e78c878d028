package advisor

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Number answers are read in two steps: this lexer turns the text into words,
// numbers and symbols, and a small recursive-descent reader (answerReader)
// matches phrases over those tokens. Splitting "5k", "1h30" or "$45/h" into
// tokens here is what lets the reader treat "5 k" and "5k" alike.

type tokenKind uint8

const (
	tokEnd tokenKind = iota // past the last token; the zero value
	tokWord
	tokNum
	tokSym
)

// answerToken is one word, number or symbol of an answer. Words are lower
// case without apostrophes ("don't" is "dont"); numbers carry their value.
type answerToken struct {
	kind tokenKind
	text string
	num  float64
}

// Details the lexer gives when a number is written in a way we refuse to guess at.
const (
	detailDecimalComma = "use a dot for decimals (1.5) and commas only between thousands (20,000)"
	detailDottedGroups = "a dot before exactly three digits could be a decimal point or a thousands separator; write 20,000 or 20"
	detailNegative     = "negative numbers are not allowed"
)

// lexAnswer splits an answer into tokens, or says why a number in it is ambiguous.
func lexAnswer(s string) ([]answerToken, string) {
	// Thin and no-break spaces separate thousands in much of Europe ("20 000").
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, strings.ToLower(s))
	toks := make([]answerToken, 0, 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isASCIIDigit(r) || r == '.' && i+1 < len(s) && isASCIIDigit(rune(s[i+1])) && !afterLetter(s[:i]):
			t, n, detail := lexNumber(s[i:])
			if detail != "" {
				return nil, detail
			}
			toks = append(toks, t)
			i += n
		case unicode.IsLetter(r):
			j := i
			var b strings.Builder
			for j < len(s) {
				r2, n := utf8.DecodeRuneInString(s[j:])
				if isApostrophe(r2) {
					j += n
					continue
				}
				if !unicode.IsLetter(r2) {
					break
				}
				b.WriteRune(r2)
				j += n
			}
			toks = append(toks, answerToken{kind: tokWord, text: b.String()})
			i = j
		case isDash(r):
			// A dash before a number is a range or a minus sign; at the very
			// start it is a minus sign whatever follows ("-$5"). Anywhere
			// else it only joins words ("twenty-five", "300-ish").
			if len(toks) == 0 || dashBeforeNumber(s[i+size:]) {
				toks = append(toks, answerToken{kind: tokSym, text: "-"})
			}
			i += size
		case (r == '<' || r == '>') && strings.HasPrefix(s[i+size:], "="):
			toks = append(toks, answerToken{kind: tokSym, text: s[i : i+size+1]})
			i += size + 1
		case unicode.IsSpace(r) || strings.ContainsRune(".,;!?()[]{}\"`'…", r) || isApostrophe(r):
			i += size
		default:
			// Anything else, from "%" to an emoji or an invalid byte, stays a
			// token of its own so that no phrase matches across it.
			toks = append(toks, answerToken{kind: tokSym, text: string(r)})
			i += size
		}
	}
	return toks, ""
}

// lexNumber reads the number at the start of s: digits with an optional
// thousands separator (",", "_" or a space, one kind per number, groups of
// exactly three) and an optional decimal part. It returns the token, the bytes
// used, and a detail if the number is ambiguous.
func lexNumber(s string) (answerToken, int, string) {
	i := 0
	for i < len(s) && isASCIIDigit(rune(s[i])) {
		i++
	}
	intPart := s[:i]
	digits := intPart
	grouped := false
	if len(intPart) >= 1 && len(intPart) <= 3 {
		var sep byte
		for i < len(s) && (s[i] == ',' || s[i] == '_' || s[i] == ' ') && (sep == 0 || s[i] == sep) && groupOfThree(s[i+1:]) {
			sep = s[i]
			digits += s[i+1 : i+4]
			i += 4
			grouped = true
		}
	}
	if i+1 < len(s) && s[i] == ',' && isASCIIDigit(rune(s[i+1])) {
		return answerToken{}, 0, detailDecimalComma
	}
	frac := ""
	if i+1 < len(s) && s[i] == '.' && isASCIIDigit(rune(s[i+1])) {
		j := i + 1
		for j < len(s) && isASCIIDigit(rune(s[j])) {
			j++
		}
		frac = s[i+1 : j]
		i = j
		// "20.000" is twenty thousand in much of Europe; "1.000.000" is
		// never a decimal. Guessing wrong is off by a factor of 1000.
		dotAgain := i+1 < len(s) && s[i] == '.' && isASCIIDigit(rune(s[i+1]))
		if !grouped && (dotAgain || len(frac) == 3 && strings.TrimLeft(intPart, "0") != "") {
			return answerToken{}, 0, detailDottedGroups
		}
	}
	lit := digits
	if frac != "" {
		lit += "." + frac
	}
	v, err := strconv.ParseFloat(lit, 64)
	if err != nil {
		// The only error digits can cause is overflow, which ParseFloat
		// reports with an infinite value; callers reject non-finite numbers.
		v = math.Inf(1)
	}
	return answerToken{kind: tokNum, text: s[:i], num: v}, i, ""
}

// afterLetter reports whether s ends in a letter: the dot in "approx.300"
// ends an abbreviation and does not start ".300".
func afterLetter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

// groupOfThree reports whether s starts with exactly three digits.
func groupOfThree(s string) bool {
	return len(s) >= 3 && isASCIIDigit(rune(s[0])) && isASCIIDigit(rune(s[1])) && isASCIIDigit(rune(s[2])) &&
		(len(s) == 3 || !isASCIIDigit(rune(s[3])))
}

// dashBeforeNumber reports whether the text after a dash starts a number.
func dashBeforeNumber(s string) bool {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return isASCIIDigit(r) || r == '.' || r == '$' || r == '€' || r == '£'
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// isDash covers the hyphen, the minus sign and the dashes that phones and
// word processors substitute for it.
func isDash(r rune) bool {
	return r == '-' || r == '\u2010' || r == '\u2011' || r == '\u2012' || r == '\u2013' || r == '\u2014' || r == '\u2212'
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

// answerWords reduces an answer to lower-case words separated by single
// spaces: punctuation, hyphens and underscores become spaces, apostrophes
// vanish ("don't" is "dont") and "&" becomes "and" ("Q&A" is "q and a").
// Choice and yes/no answers are matched on this form.
func answerWords(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case isApostrophe(r):
			continue
		case r == '&':
			b.WriteString(" and ")
			space = false
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// answerMentions reports whether any phrase occurs in the answer as whole words.
func answerMentions(s string, phrases []string) bool {
	padded := " " + answerWords(s) + " "
	for _, ph := range phrases {
		if strings.Contains(padded, " "+ph+" ") {
			return true
		}
	}
	return false
}

// answerWordsIn reports whether the whole answer is one of the phrases.
func answerWordsIn(s string, phrases []string) bool {
	w := answerWords(s)
	for _, ph := range phrases {
		if w == ph {
			return true
		}
	}
	return false
}
