package parse

// Moving between the tokens of a description within a clause or sentence.

import "strings"

// word is token k if it is a word, else "".
func (x *extractor) word(k int) string {
	if k >= 0 && k < len(x.toks) && x.toks[k].kind == tokWord {
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
