package parse

import "strings"

// Choice and yes/no answers are matched as a whole against phrases
// ("private changing", "of course not"), not read token by token, so they
// are reduced to a word form: the words and digits of the tokens, lower
// case, separated by single spaces. Tokens written together stay together
// ("q1", "5k"), so the form is what the answer reads as, letters and digits
// alike. Because it comes from the tokenizer, a dash, an apostrophe or "&"
// means the same here as in a number answer or a description.

// answerWords is an answer in word form: "Don't know" is "dont know", "Q&A"
// is "q and a", "real-time" is "real time".
func answerWords(s string) string { return wordForm(s, false) }

// clauseMark stands for a clause break in answerClauses.
const clauseMark = ","

// answerClauses is answerWords with a "," word between clauses, so that a
// negation in one clause ("no, it's public") does not reach into the next.
func answerClauses(s string) string { return wordForm(s, true) }

func wordForm(s string, clauses bool) string {
	t := tokenize(s, false)
	var b strings.Builder
	b.Grow(len(s))
	lastEnd, lastClause := -1, 0
	for _, tk := range t.toks {
		if tk.kind != tokWord && tk.kind != tokNum {
			continue
		}
		amp := s[tk.start] == '&' // "Q&A" is three words, written together or not
		switch {
		case b.Len() == 0:
		case clauses && tk.clause != lastClause:
			b.WriteString(" " + clauseMark + " ")
		case amp || lastEnd < 0 || strings.TrimFunc(s[lastEnd:tk.start], isApostrophe) != "":
			// Apostrophes vanish ("don't" is "dont", "5'000" is "5000");
			// anything else between two tokens keeps them apart.
			b.WriteByte(' ')
		}
		if tk.kind == tokNum {
			// "2,000" is "2 000" and "1.5" is "1 5": separators are not words.
			b.WriteString(strings.Join(strings.FieldsFunc(tk.text, func(r rune) bool { return !isDigit(r) }), " "))
		} else {
			b.WriteString(tk.text)
		}
		lastEnd, lastClause = tk.end, tk.clause
		if amp {
			lastEnd = -1
		}
	}
	return b.String()
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
