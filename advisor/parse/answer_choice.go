package parse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// Choice and yes/no answers are first matched whole, after answerWords,
// against exact phrases: the option, its label, a synonym. Only when that
// fails is a longer choice answer searched for what it names, with the
// guards against negation and contradiction in answer_mentions.go: "not
// critical" contains "critical", and reading it as such would be worse
// than asking again.

// Words that only pad an answer ("I think it's high"). They are removed from
// either end before matching.
var (
	fillerPrefixes = []string{
		"i think", "i guess", "i believe", "id say", "i would say", "probably", "well", "um", "uh", "hmm", "oh",
		"its", "it is", "thats", "that is", "we need", "it needs to be", "needs to be", "it must be", "must be",
		"it should be", "should be", "it has to be", "has to be",
		"mainly",
	}
	fillerSuffixes = []string{"i think", "i guess", "i believe", "probably", "please", "thanks", "thank you"}
)

// dontKnowPhrases mark an answer as unknown rather than wrong: the person
// should answer "skip", which the conversation engine understands.
var dontKnowPhrases = []string{
	"not sure", "dont know", "do not know", "unsure", "no idea", "idk", "dunno", "no clue", "unknown",
	"hard to say", "tbd", "unclear", "undecided", "not decided", "maybe", "perhaps", "possibly", "depends",
	"it depends", "not certain", "cant say", "cannot say",
}

// mixedPhrases make a yes/no answer neither: "sometimes", "yes and no".
var mixedPhrases = []string{
	"sometimes", "partly", "partially", "kind of", "sort of", "somewhat", "mostly", "usually", "often",
	"occasionally", "rarely", "seldom", "yes and no", "yes or no", "either", "might", "could be", "in some cases",
	"some cases", "case by case", "50 50", "not always", "depending", "half the time",
}

var (
	yesPhrases = []string{
		"yes", "y", "ye", "yeah", "yea", "yep", "yup", "ya", "yah", "yes please", "yes indeed", "sure", "sure thing",
		"for sure", "true", "correct", "right", "thats right", "that is right", "of course", "ofc", "definitely",
		"absolutely", "certainly", "indeed", "ok", "okay", "affirmative", "always", "it does", "it will", "it can",
		"it is", "we do", "we will", "we can", "we are", "they do", "they will", "they are", "yes always",
		"i think so", "i believe so",
	}
	noPhrases = []string{
		"no", "n", "nope", "nah", "naw", "nay", "false", "not really", "never", "none", "not at all", "negative",
		"no way", "absolutely not", "definitely not", "of course not", "certainly not", "no thanks", "not",
		"it doesnt", "it does not", "it wont", "it will not", "it cant", "it cannot", "we dont", "we do not",
		"we wont", "we will not", "we cant", "we cannot", "they dont", "they do not", "they wont", "not needed",
		"not required", "not necessary", "no need", "nothing", "incorrect", "wrong", "i dont think so",
		"i do not think so", "i think not", "i dont believe so",
	}
	// yes/no words that may open a longer answer: "yes we do", "no, never".
	yesLeads = []string{
		"yes", "yeah", "yea", "yep", "yup", "y", "sure", "correct", "absolutely", "definitely", "certainly", "true",
		"indeed", "ok", "okay", "of course", "for sure",
	}
	noLeads = []string{"no", "nope", "nah", "n", "false", "never", "negative"}
	// Words after a leading yes that take it back, and after a leading no.
	yesCancels = []string{
		"not", "no", "never", "dont", "doesnt", "isnt", "arent", "wont", "cant", "cannot", "but", "except",
		"unless", "although", "though", "however",
	}
	noCancels = []string{"yes", "but", "except", "unless", "although", "though", "however"}
)

// parseBoolAnswer reads yes or no; it returns a reason when it cannot.
func parseBoolAnswer(f *advisor.Field, text string) (bool, string) {
	all := answerWords(text)
	shown := shownInput(text)
	if answerMentions(all, dontKnowPhrases) || answerMentions(all, mixedPhrases) {
		return false, fmt.Sprintf("%q is not a clear yes or no; answer yes or no, or answer skip if you are not sure", shown)
	}
	// A button's label typed back ("Yes, a person checks each one").
	for _, o := range labelWords[f.Name] {
		if all == o.words {
			return o.value == "yes", ""
		}
	}
	// Whole phrases first, so that fillers inside them ("I think so") survive.
	w := stripFillers(all)
	for _, s := range []string{all, w} {
		switch {
		case slices.Contains(yesPhrases, s):
			return true, ""
		case slices.Contains(noPhrases, s):
			return false, ""
		}
	}
	if rest, ok := cutLead(w, yesLeads); ok {
		if !answerMentions(rest, yesCancels) {
			return true, ""
		}
	} else if rest, ok := cutLead(w, noLeads); ok {
		if !answerMentions(rest, noCancels) {
			return false, ""
		}
	} else {
		return false, fmt.Sprintf("could not read %q as yes or no", shown)
	}
	return false, fmt.Sprintf("%q says both yes and no; answer just yes or no, or answer skip if it depends", shown)
}

// parseEnumAnswer reads one of a choice field's options: the option itself,
// its label, a synonym, or a prefix of exactly one option; failing those,
// an elaborated answer that names one option ("private, it changes a
// lot"). It returns a reason when it cannot.
func parseEnumAnswer(f *advisor.Field, text string) (string, string) {
	w := stripFillers(answerWords(text))
	shown := shownInput(text)
	options := choiceList(f, f.Options)
	if w == "" {
		return "", fmt.Sprintf("%q is not one of the choices: %s", shown, options)
	}
	for _, o := range f.Options {
		if w == optionWords(o) {
			return o, ""
		}
	}
	for _, o := range labelWords[f.Name] {
		if w == o.words {
			return o.value, ""
		}
	}
	if o, ok := enumSynonyms[f.Name][w]; ok {
		return o, ""
	}
	var matches []string
	for _, o := range f.Options {
		if strings.HasPrefix(optionWords(o), w) {
			matches = append(matches, o)
		}
	}
	switch {
	case len(matches) == 1:
		return matches[0], ""
	case len(matches) > 1:
		return "", fmt.Sprintf("%q could mean %s; say which", shown, orList(f, matches))
	}
	if o, reason := parseElaborated(f, text); o != "" || reason != "" {
		return o, reason
	}
	if answerMentions(w, dontKnowPhrases) {
		return "", fmt.Sprintf("%q is not one of the choices (%s); answer skip if you are not sure", shown, options)
	}
	return "", fmt.Sprintf("%q is not one of the choices: %s", shown, options)
}

// labeledOption is an option and its label in answerWords form.
type labeledOption struct{ value, words string }

// labelWords holds every choice and yes/no field's labels as they are
// matched, worked out once rather than for every answer.
var labelWords = buildLabelWords()

func buildLabelWords() map[string][]labeledOption {
	out := make(map[string][]labeledOption)
	for _, f := range advisor.Fields() {
		for _, o := range advisor.OptionsOf(f.Name) {
			out[f.Name] = append(out[f.Name], labeledOption{value: o.Value, words: answerWords(o.Label)})
		}
	}
	return out
}

// cutLead returns what follows the first of the leading phrases that opens w.
func cutLead(w string, leads []string) (string, bool) {
	for _, l := range leads {
		if rest, ok := strings.CutPrefix(w, l+" "); ok {
			return rest, true
		}
	}
	return "", false
}

// optionWords is an option as answerWords leaves it: "private_changing" is
// "private changing".
func optionWords(o string) string { return strings.ReplaceAll(o, "_", " ") }

// stripFillers removes padding words from both ends, but never the whole answer.
func stripFillers(w string) string {
	for changed := true; changed; {
		changed = false
		for _, p := range fillerPrefixes {
			if rest, ok := strings.CutPrefix(w, p+" "); ok && rest != "" {
				w, changed = rest, true
			}
		}
		for _, s := range fillerSuffixes {
			if rest, ok := strings.CutSuffix(w, " "+s); ok && rest != "" {
				w, changed = rest, true
			}
		}
	}
	return w
}
