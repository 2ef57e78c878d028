package explain

import (
	"bufio"
	"embed"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/advisorbot/advisorbot/advisor"
)

// The explanation check reads text through two word lists kept as data
// (lexicon/*.txt), so that a new paraphrase is a line of data and a test
// case, not a code change: how text names each approach, and the cue words
// around a name that make it the answer, the thing left behind, or a
// condition.

//go:embed lexicon/*.txt
var lexiconFS embed.FS

// The lists are compiled on first use, not at start-up: they are large
// alternations (tens of milliseconds and megabytes to compile), and a bot
// without a model never checks an explanation.
var (
	approachLexicon = sync.OnceValue(func() map[string]*regexp.Regexp { return longest(mustLexicon("lexicon/approaches.txt")) })
	cueLexicon      = sync.OnceValue(func() map[string]*regexp.Regexp { return mustLexicon("lexicon/cues.txt") })
)

// approachOrder is the order overlapping names are tried in: the hybrid's
// combinations before their parts.
var approachOrder = []advisor.Approach{advisor.Hybrid, advisor.FineTuning, advisor.RAG, advisor.PromptEngineering, advisor.ClassicAutomation, advisor.KeepManual, automation, languageModel}

// longest makes each name match as much as it can ("a tuned model", not
// "tuned"): the words after a name are read as what is said of it.
func longest(m map[string]*regexp.Regexp) map[string]*regexp.Regexp {
	for _, re := range m {
		re.Longest()
	}
	return m
}

// cue returns the compiled category of cues.txt; a missing category is a
// programming error, caught by any test.
func cue(name string) *regexp.Regexp {
	re, ok := cueLexicon()[name]
	if !ok {
		panic("explain: no cue category " + name)
	}
	return re
}

// mustLexicon reads "name regexp" lines and joins the lines of each name
// into one alternation.
func mustLexicon(path string) map[string]*regexp.Regexp {
	m, err := loadLexicon(path)
	if err != nil {
		panic(err)
	}
	return m
}

func loadLexicon(path string) (map[string]*regexp.Regexp, error) {
	f, err := lexiconFS.Open(path)
	if err != nil {
		return nil, fmt.Errorf("explain: lexicon: %w", err)
	}
	defer f.Close()
	parts := map[string][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, re, ok := strings.Cut(line, " ")
		if !ok {
			return nil, fmt.Errorf("explain: lexicon %s:%d: no pattern", path, n)
		}
		re = strings.TrimSpace(re)
		if _, err := regexp.Compile(re); err != nil {
			return nil, fmt.Errorf("explain: lexicon %s:%d: %w", path, n, err)
		}
		parts[name] = append(parts[name], "(?:"+re+")")
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("explain: lexicon %s: %w", path, err)
	}
	out := make(map[string]*regexp.Regexp, len(parts))
	for name, alts := range parts {
		out[name] = regexp.MustCompile(strings.Join(alts, "|"))
	}
	return out, nil
}

// mention is one place where normalized text names an approach.
type mention struct {
	a          advisor.Approach
	start, end int
}

// weakPrompt is "a prompt" on its own: it names prompt engineering only in
// an explanation of prompt engineering, where "start with a clear prompt"
// is on topic; elsewhere prompts are part of every approach.
var weakPrompt = regexp.MustCompile(`\bprompts?\b`)

// mentions returns the approaches s (normalized) names, in order, without
// overlaps: at one position the longest name wins.
func mentions(s string, chosen advisor.Approach) []mention {
	key := string(chosen) + "\x00" + s
	mentionMemo.Lock()
	ms, ok := mentionMemo.m[key]
	mentionMemo.Unlock()
	if ok {
		return slices.Clone(ms)
	}
	ms = findMentions(s, chosen)
	mentionMemo.Lock()
	if len(mentionMemo.m) >= mentionMemoSize || mentionMemo.m == nil {
		mentionMemo.m = map[string][]mention{}
	}
	mentionMemo.m[key] = ms
	mentionMemo.Unlock()
	return slices.Clone(ms)
}

// mentionMemo remembers the latest readings: judging one sentence reads
// the same clauses for mentions several times over, and reading them is
// most of the check's cost. Emptied when full; readers get copies.
var mentionMemo struct {
	sync.Mutex
	m map[string][]mention
}

const mentionMemoSize = 512

// findMentions does the work of mentions.
func findMentions(s string, chosen advisor.Approach) []mention {
	var all []mention
	for _, a := range approachOrder {
		if re := approachLexicon()[string(a)]; re != nil {
			for _, loc := range re.FindAllStringIndex(s, -1) {
				all = append(all, mention{a, loc[0], loc[1]})
			}
		}
	}
	if chosen == advisor.PromptEngineering {
		for _, loc := range weakPrompt.FindAllStringIndex(s, -1) {
			all = append(all, mention{advisor.PromptEngineering, loc[0], loc[1]})
		}
	}
	// A general word (automation, a model) gives way to any approach's
	// own name that overlaps it: "a stock model" is prompt engineering.
	all = slices.DeleteFunc(all, func(g mention) bool {
		if g.a.Valid() {
			return false
		}
		if g.a == languageModel && chosen != advisor.ClassicAutomation && chosen != advisor.KeepManual {
			return true // a model is the chosen approach's own side: not a name
		}
		for _, m := range all {
			if m.a.Valid() && m.start < g.end && g.start < m.end {
				return true
			}
		}
		return false
	})
	// "Keep a person on the exceptions queue" is review within an
	// automated approach, not keeping the whole job manual.
	all = slices.DeleteFunc(all, func(m mention) bool {
		return m.a == advisor.KeepManual && burdenLexicon()["human_review"].MatchString(s[m.end:])
	})
	slices.SortStableFunc(all, func(x, y mention) int {
		if x.start != y.start {
			return x.start - y.start
		}
		return (y.end - y.start) - (x.end - x.start)
	})
	var out []mention
	for _, m := range all {
		if n := len(out); n > 0 && m.start < out[n-1].end {
			continue
		}
		out = append(out, m)
	}
	return out
}

// contractions are expanded so that cue words need one spelling.
var contractions = strings.NewReplacer(
	"won't", "will not", "can't", "cannot", "shan't", "shall not", "n't", " not",
	"'d ", " would ", "'ll ", " will ", "'re ", " are ", "'ve ", " have ", "'m ", " am ",
	"it's", "it is", "that's", "that is", "there's", "there is", "what's", "what is", "here's", "here is",
)

// normalizeText folds the Unicode dashes and spaces models emit, so
// "fine‑tuning" with a non-breaking hyphen is still fine-tuning.
var normalizeText = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-", "\u2212", "-", "\u00a0", " ", "\u202f", " ").Replace

var (
	foldQuotes = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`, "_", " ", "*", "", "`", "", "~", "")
	spaces     = regexp.MustCompile(`\s+`)
	// negQuestion is a question that asserts: "Wouldn't fine-tuning be
	// better?" says fine-tuning would be better.
	negQuestion = regexp.MustCompile(`^(\W*(?:\w+,?\s+){0,2}?(?:would|is|does|do|should|will|are|could|can|was|might|has|have))\s+not\b`)
)

// normalize prepares a sentence for the lexicons: one spelling of dashes,
// quotes and contractions, lower case, "_" read as a space (JSON names),
// emphasis marks dropped.
func normalize(s string) string {
	s = strings.ToLower(normalizeText(s))
	s = foldQuotes.Replace(s)
	s = contractions.Replace(s + " ")
	s = strings.ReplaceAll(s, "cannot", "can not")
	s = strings.TrimSpace(spaces.ReplaceAllString(s, " "))
	if strings.HasSuffix(s, "?") {
		s = negQuestion.ReplaceAllString(s, "$1")
	}
	return s
}
