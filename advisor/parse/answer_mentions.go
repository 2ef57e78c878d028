package parse

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// People elaborate: "private, it changes a lot", "none, everything is in
// the ticket", "we tried prompting and it plateaued". When a choice answer
// is not one phrase as a whole, it is read as a list of mentions: the
// options, labels, synonyms and hints (enumHints) found in it as whole
// words, longest phrase first.
//
// A search inside a longer answer is what makes "not critical" read as
// critical, so three guards stand around it:
//
//   - A mention with a negation in the two words before it, within its
//     clause ("not strict", "isn't really public"), counts against its
//     option, never for it. An answer that only says what it is not is
//     rejected: "not public" could be any of three.
//   - The answer's opening decides, when it names something ("strict, it
//     has to match the template": the template is elaboration). Without
//     such an opening, the options named outright decide, else all
//     mentions together.
//   - Any other option named outright ("low, it's critical for us") makes
//     the answer contradict itself, and it is rejected rather than guessed.
//     Data sensitivity is the exception: the strictest level named wins
//     (strictestNamed), as in the synonym table.
//
// A hint names several options ("private", "our wiki"); later words narrow
// it ("it changes a lot"), and if nothing does the parser asks again.

// cueKind is how much a phrase says about the option it names.
type cueKind uint8

const (
	cueSynonym cueKind = iota // a curated synonym: decides only when nothing better does
	cueHint                   // names some options ("our wiki"); any other option named contradicts it
	cueName                   // the option itself or its label; any other option named contradicts it
)

// enumCue is a phrase of a choice field and the options it names.
type enumCue struct {
	words   []string
	options []string
	kind    cueKind
}

// mention is a cue found in an answer.
type mention struct {
	cue     *enumCue
	at      int // the position of its first word
	negated bool
}

// leadOnlyCues are synonyms that answer the question only when they open
// the answer: "no" is none to "which facts does it need?", but "the ticket
// has no attachments" says nothing about knowledge.
var leadOnlyCues = []string{"no", "nope", "yes", "never", "nothing", "not really", "not at all"}

// negators take back the phrase that follows them within two words.
var negators = []string{
	"not", "no", "never", "isnt", "arent", "wasnt", "werent", "doesnt", "dont", "didnt", "wont", "cant", "cannot",
	"without", "nor", "neither", "hardly", "barely", "non", "nothing",
}

// enumCues holds each choice field's cues, longest first so that a scan
// takes "not good enough" before "good enough".
var enumCues = buildEnumCues()

func buildEnumCues() map[string][]enumCue {
	out := make(map[string][]enumCue)
	for _, f := range advisor.Fields() {
		if f.Kind != advisor.KindEnum {
			continue
		}
		seen := make(map[string]bool)
		var cues []enumCue
		add := func(phrase string, kind cueKind, options ...string) {
			if phrase == "" || seen[phrase] {
				return
			}
			seen[phrase] = true
			cues = append(cues, enumCue{words: strings.Fields(phrase), options: options, kind: kind})
		}
		// Names first, so a synonym spelt like a label never demotes it.
		for _, o := range f.Options {
			add(optionWords(o), cueName, o)
		}
		for _, o := range labelWords[f.Name] {
			add(o.words, cueName, o.value)
		}
		for _, phrase := range sortedKeys(enumSynonyms[f.Name]) {
			o := enumSynonyms[f.Name][phrase]
			kind := cueSynonym
			if phraseHasPhrase(phrase, optionWords(o)) {
				kind = cueName // "it plateaued" names plateaued as surely as "plateaued"
			}
			add(phrase, kind, o)
		}
		for _, phrase := range sortedKeys(enumHints[f.Name]) {
			add(phrase, cueHint, enumHints[f.Name][phrase]...)
		}
		slices.SortStableFunc(cues, func(a, b enumCue) int { return cmp.Compare(len(b.words), len(a.words)) })
		out[f.Name] = cues
	}
	return out
}

// phraseHasPhrase reports whether the words of sub occur together in phrase.
func phraseHasPhrase(phrase, sub string) bool {
	return strings.Contains(" "+phrase+" ", " "+sub+" ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// parseElaborated reads a choice answer made of more than one phrase; it
// returns the option, or a reason when the answer names none, several or
// contradicting ones.
func parseElaborated(f *advisor.Field, text string) (string, string) {
	toks := stripFillerTokens(strings.Fields(answerClauses(text)))
	shown := shownInput(text)
	ms := findMentions(toks, enumCues[f.Name])
	if len(ms) == 0 {
		return "", ""
	}
	if answerMentions(text, dontKnowPhrases) {
		return "", fmt.Sprintf("%q is not a clear answer; pick one of %s, or answer skip if you are not sure", shown, choiceList(f, f.Options))
	}
	var pos, neg []mention
	for _, m := range ms {
		if m.negated {
			neg = append(neg, m)
		} else {
			pos = append(pos, m)
		}
	}
	if len(pos) == 0 {
		return "", fmt.Sprintf("%q says what it is not; say which it is: %s", shown, choiceList(f, f.Options))
	}
	if f.Name == advisor.FieldDataSensitivity {
		return strictestNamed(f, pos), ""
	}
	cands, clash := decidingOptions(ms, pos)
	if clash != nil {
		return "", contradiction(f, shown, cands, clash)
	}
	cands = narrowOptions(cands, pos, neg)
	if len(cands) > 1 {
		return "", fmt.Sprintf("%q could mean %s; say which", shown, orList(f, cands))
	}
	return confirmOption(f, shown, cands[0], pos, neg)
}

// decidingOptions is the options the deciding mentions agree on: the
// opening, else what is named outright, else everything. When two of them
// cannot both hold, clash is the options of the second.
func decidingOptions(ms, pos []mention) (cands, clash []string) {
	var primary []mention
	switch {
	case ms[0].at == 0:
		primary = ms[:1] // a mention that opens the answer has nothing before it to negate it
	default:
		for _, m := range pos {
			if m.cue.kind == cueName {
				primary = append(primary, m)
			}
		}
		if len(primary) == 0 {
			primary = pos
		}
	}
	cands = slices.Clone(primary[0].cue.options)
	for _, m := range primary[1:] {
		next := intersect(cands, m.cue.options)
		if len(next) == 0 {
			return cands, m.cue.options
		}
		cands = next
	}
	return cands, nil
}

// narrowOptions narrows a hint with what follows ("private, it changes a
// lot"), then with what the answer rules out ("our docs, they never
// change"), as long as some option is left.
func narrowOptions(cands []string, pos, neg []mention) []string {
	for _, m := range pos {
		if len(cands) == 1 {
			break
		}
		if next := intersect(cands, m.cue.options); len(next) > 0 {
			cands = next
		}
	}
	for _, m := range neg {
		if len(cands) > 1 && len(m.cue.options) == 1 {
			if next := slices.DeleteFunc(slices.Clone(cands), func(o string) bool { return o == m.cue.options[0] }); len(next) > 0 {
				cands = next
			}
		}
	}
	return cands
}

// confirmOption returns the option got unless another mention names a
// different option outright, or a negated one denies it.
func confirmOption(f *advisor.Field, shown, got string, pos, neg []mention) (string, string) {
	for _, m := range pos {
		if m.cue.kind != cueSynonym && !slices.Contains(m.cue.options, got) {
			return "", contradiction(f, shown, []string{got}, m.cue.options)
		}
	}
	for _, m := range neg {
		if len(m.cue.options) == 1 && m.cue.options[0] == got {
			return "", fmt.Sprintf("%q both says and denies %s; answer just one", shown, quoteLabel(f, got))
		}
	}
	return got, ""
}

// strictestNamed is the strictest sensitivity any mention names, however
// the answer opens: "customer data and some PII" is restricted. Reading data as less sensitive than it
// is can send it where it must not go; the other mistake only costs money.
// Options are listed from the least sensitive up.
func strictestNamed(f *advisor.Field, pos []mention) string {
	best := -1
	for _, m := range pos {
		for _, o := range m.cue.options {
			best = max(best, slices.Index(f.Options, o))
		}
	}
	if best < 0 {
		return "" // cues name only options; a test holds the tables to it
	}
	return f.Options[best]
}

// findMentions scans the answer's words for cues, longest first at each
// position; a clause mark (",") is never part of a cue.
func findMentions(toks []string, cues []enumCue) []mention {
	var ms []mention
	for i := 0; i < len(toks); {
		c := cueAt(toks, i, cues)
		if c == nil || i > 0 && slices.Contains(leadOnlyCues, strings.Join(c.words, " ")) {
			i++
			continue
		}
		ms = append(ms, mention{cue: c, at: i, negated: negatedAt(toks, i)})
		i += len(c.words)
	}
	return ms
}

func cueAt(toks []string, i int, cues []enumCue) *enumCue {
	for k := range cues {
		c := &cues[k]
		if i+len(c.words) <= len(toks) && slices.Equal(toks[i:i+len(c.words)], c.words) {
			return c
		}
	}
	return nil
}

// negatedAt reports a negation in the two words before position i, within
// the same clause: "not strict", "isn't really public".
func negatedAt(toks []string, i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if toks[k] == clauseMark {
			return false
		}
		if slices.Contains(negators, toks[k]) {
			return true
		}
	}
	return false
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// contradiction words an answer that names two options that cannot both hold.
func contradiction(f *advisor.Field, shown string, a, b []string) string {
	return fmt.Sprintf("%q names both %s and %s; answer just one", shown, orList(f, a), orList(f, b))
}

// quoteLabel is an option as people see it, quoted.
func quoteLabel(f *advisor.Field, value string) string {
	return `"` + advisor.Label(f.Name, value) + `"`
}

// orList is options as people see them: `"A" or "B"`.
func orList(f *advisor.Field, values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quoteLabel(f, v)
	}
	return strings.Join(q, " or ")
}

// choiceList is every option as people see it: `"A", "B", "C"`.
func choiceList(f *advisor.Field, values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quoteLabel(f, v)
	}
	return strings.Join(q, ", ")
}

// stripFillerTokens drops clause marks and padding words from both ends,
// but never the whole answer.
func stripFillerTokens(toks []string) []string {
	for changed := true; changed; {
		changed = false
		for len(toks) > 0 && toks[0] == clauseMark {
			toks, changed = toks[1:], true
		}
		for len(toks) > 0 && toks[len(toks)-1] == clauseMark {
			toks, changed = toks[:len(toks)-1], true
		}
		for _, p := range fillerPrefixes {
			pw := strings.Fields(p)
			if len(toks) > len(pw) && slices.Equal(toks[:len(pw)], pw) {
				toks, changed = toks[len(pw):], true
			}
		}
		for _, s := range fillerSuffixes {
			sw := strings.Fields(s)
			if len(toks) > len(sw) && slices.Equal(toks[len(toks)-len(sw):], sw) {
				toks, changed = toks[:len(toks)-len(sw)], true
			}
		}
	}
	return toks
}
