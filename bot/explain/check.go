package explain

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// Why a model's explanation was replaced by the rule-written one. They are
// logged and counted; they never reach the employee.
const (
	ReasonNoModel      = "no_model"
	ReasonNoHeader     = "no_approach_line"
	ReasonContradicts  = "contradicts_rules"
	ReasonUnknownCite  = "unknown_citation"
	ReasonModelError   = "model_error"
	ReasonEmptyAnswer  = "empty_answer"
	ReasonPromptFailed = "prompt_failed"
)

// violation is a reason to reject a model's text, with a detail for logs
// that names approaches and ids only, never the model's words.
type violation struct {
	reason string
	detail string
}

func (v *violation) Error() string { return v.reason + ": " + v.detail }

// approachTerms are the words by which an answer names each approach,
// including the JSON names the prompt itself uses. Matching is by position
// in the text.
var approachTerms = []struct {
	approach advisor.Approach
	re       *regexp.Regexp
}{
	{advisor.Hybrid, regexp.MustCompile(`(?i)\bhybrid\b|\bfine-?tun\w*\s+plus\s+retrieval|\bretrieval\s+plus\s+fine-?tun\w*|\bcombin\w*\s+fine-?tun\w*\s+(?:and|with)\s+retrieval`)},
	{advisor.FineTuning, regexp.MustCompile(`(?i)\bfine[-_ ]?tun\w*|\btrain(?:ing)? (?:a |your own |a custom )?model\b|\bcustom(?:-trained)? model\b|\blora\b`)},
	{advisor.RAG, regexp.MustCompile(`(?i)\brag\b|\bretrieval\b`)},
	{advisor.PromptEngineering, regexp.MustCompile(`(?i)\bprompt[-_ ]engineering\b|\bprompting\b|\bprompt-based\b`)},
	{advisor.ClassicAutomation, regexp.MustCompile(`(?i)\bclassic[-_ ](?:automation|ml|machine learning)\b|\brpa\b|\brules? engine\b|\brule-based\b|\bfixed rules\b`)},
	{advisor.KeepManual, regexp.MustCompile(`(?i)\bkeep(?:ing)?[-_ ](?:it |the work |this )?manual\b|\bstays? manual\b|\bby hand\b|\bmanual process\b`)},
}

// weakPrompt is "a prompt" on its own: it names prompt engineering only in
// an explanation of prompt engineering, where "start with a clear prompt"
// is on topic; elsewhere prompts are part of every approach.
var weakPrompt = regexp.MustCompile(`(?i)\bprompts?\b`)

// recommendVerb puts what follows it forward as the answer.
var recommendVerb = regexp.MustCompile(`(?i)\b(?:recommend(?:s|ed|ing)?|suggest(?:s|ed)?|advise(?:s|d)?|go with|go for|opt for|choose|pick|adopt|switch to|move to|best (?:option|approach|choice|fit|path|bet)|better (?:option|approach|choice|fit|path)|should (?:use|go|adopt|choose|pick|start|instead)|the answer is|my recommendation(?: is)?|the way to go is)\b|^\W*(?:use|try|consider|start with)\b`)

// praiseAfter follows an approach named as the answer: "fine-tuning is the
// best option", "fine-tuning is what I suggest".
var praiseAfter = regexp.MustCompile(`(?i)^[\W_]{0,3}(?:[\w-]+\s+){0,4}?(?:is|would be|will be|remains|seems)\s+(?:clearly\s+|definitely\s+|really\s+)?(?:the\s+)?(?:best|better|right|ideal|preferred|recommended|way to go|what (?:i|we) (?:suggest|recommend|advise))|^[\W_]{0,3}(?:is|should be)\s+(?:used|chosen|adopted)\b`)

// hedgeBefore, just before a recommending word, turns it into its opposite
// or a condition: "we don't recommend", "if you later choose".
var hedgeBefore = regexp.MustCompile(`(?i)\b(?:not|never|no|don't|do not|wouldn't|would not|cannot|can't|against|if|when|once|unless|should)\W+(?:\w+\W+){0,2}$|\b(?:that|who|which)\W+$`)

// hedgeBetween, between a recommending word and the approach, does the
// same: "advise against fine-tuning", "recommend not fine-tuning".
var hedgeBetween = regexp.MustCompile(`(?i)\b(?:against|not|no|never|instead of|rather than|over|than)\b`)

// laterAfter, after the approach, makes it a future option, not the answer:
// "consider fine-tuning later, once you have 500 examples".
var laterAfter = regexp.MustCompile(`(?i)\b(?:later|once|if|when|after|eventually|down the line|in (?:the )?future|unless)\b`)

// negAfter, right after the approach, says it would not do: "prompting
// would not pay back".
var negAfter = regexp.MustCompile(`(?i)^[\W_]{0,3}(?:would|will|does|do|is|are|can|could|should)(?:n't|\s+not)\b`)

// notTheAnswer, just before an approach after a recommending word, makes it
// the thing left behind: "moving from prompting to fine-tuning".
var notTheAnswer = regexp.MustCompile(`(?i)\b(?:from|beyond|than|over|instead of|rather than)\s+$`)

// firstStep, before prompting, makes it the first step that fine-tuning
// and the hybrid start with (their own next steps say so).
var firstStep = regexp.MustCompile(`(?i)\b(?:start(?:ing)?\s+(?:with|by)|first|baseline(?:\s+of)?)\s+$`)

// citation matches [kb:ID] and the variants models write: [KB: id],
// [kb:a, kb:b].
var citation = regexp.MustCompile(`(?i)\[\s*kb\s*:([^\]]*)\]`)

// header is the approach line the prompt demands, with the decoration
// models add: "APPROACH: rag", "**APPROACH:** rag", "Approach: RAG".
var header = regexp.MustCompile(`(?i)^[*_#` + "`" + `\s]*approach[*_` + "`" + `\s]*:[*_` + "`" + `\s]*([^\n]*)`)

// normalizeText folds the Unicode dashes and spaces models emit, so
// "fine‑tuning" with a non-breaking hyphen is still fine-tuning.
var normalizeText = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-", "\u2212", "-", "\u00a0", " ", "\u202f", " ").Replace

// parseHeader returns the approach an approach line names, by JSON name or
// by any of the words above.
func parseHeader(line string) (advisor.Approach, bool) {
	m := header.FindStringSubmatch(strings.TrimSpace(normalizeText(line)))
	if m == nil {
		return "", false
	}
	v := strings.Trim(strings.ToLower(strings.TrimSpace(m[1])), "*_`.:;!")
	if a := advisor.Approach(strings.NewReplacer(" ", "_", "-", "_").Replace(v)); a.Valid() {
		return a, true
	}
	return firstApproach(v, "")
}

// checkHeader verifies the answer's first line names the rules' approach.
func checkHeader(line string, chosen advisor.Approach) *violation {
	got, ok := parseHeader(line)
	if !ok {
		return &violation{ReasonNoHeader, "the first line names no approach"}
	}
	if got != chosen {
		return &violation{ReasonContradicts, fmt.Sprintf("approach line names %s, rules chose %s", got, chosen)}
	}
	return nil
}

// checkSentence rejects a sentence that puts forward an approach other than
// the rules', repeats an approach line naming another, or cites a knowledge
// entry that does not exist.
func checkSentence(s string, chosen advisor.Approach, known func(id string) bool) *violation {
	s = normalizeText(s)
	for _, m := range citation.FindAllStringSubmatch(s, -1) {
		for _, id := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
			id = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(id)), "kb:")
			if id != "" && !known(id) {
				return &violation{ReasonUnknownCite, fmt.Sprintf("cites an unknown entry (%d characters)", len(id))}
			}
		}
	}
	if got, ok := parseHeader(s); ok && got != chosen {
		return &violation{ReasonContradicts, fmt.Sprintf("an approach line names %s, rules chose %s", got, chosen)}
	}
	for _, loc := range recommendVerb.FindAllStringIndex(s, -1) {
		if hedgeBefore.MatchString(s[:loc[0]]) {
			continue
		}
		rest := s[loc[1]:]
		got, at, end, ok := recommended(rest, chosen)
		if !ok || compatible(got, chosen) {
			continue
		}
		if hedgeBetween.MatchString(rest[:at]) || laterAfter.MatchString(rest[end:]) || negAfter.MatchString(rest[end:]) {
			continue
		}
		return &violation{ReasonContradicts, fmt.Sprintf("recommends %s, rules chose %s", got, chosen)}
	}
	for _, t := range approachTerms {
		if compatible(t.approach, chosen) {
			continue
		}
		for _, loc := range t.re.FindAllStringIndex(s, -1) {
			if praiseAfter.MatchString(s[loc[1]:]) && !hedgeBefore.MatchString(s[:loc[0]]) {
				return &violation{ReasonContradicts, fmt.Sprintf("praises %s as the answer, rules chose %s", t.approach, chosen)}
			}
		}
	}
	return nil
}

// checkText checks a whole text sentence by sentence, as the gate does
// while streaming; used for cached explanations.
func checkText(text string, chosen advisor.Approach, known func(string) bool) *violation {
	for text != "" {
		end := sentenceEnd(text)
		if end < 0 {
			end = len(text)
		}
		if v := checkSentence(text[:end], chosen, known); v != nil {
			return v
		}
		text = text[end:]
	}
	return nil
}

// firstApproach returns the approach named first in s, if any. What follows
// a recommending word first is what it recommends ("recommend RAG rather
// than fine-tuning" recommends RAG). A bare "prompt" counts only when the
// rules chose prompt engineering.
func firstApproach(s string, chosen advisor.Approach) (advisor.Approach, bool) {
	best, at := advisor.Approach(""), len(s)+1
	for _, t := range approachTerms {
		if loc := t.re.FindStringIndex(s); loc != nil && loc[0] < at {
			best, at = t.approach, loc[0]
		}
	}
	if chosen == advisor.PromptEngineering {
		if loc := weakPrompt.FindStringIndex(s); loc != nil && loc[0] < at {
			best = advisor.PromptEngineering
		}
	}
	return best, best != ""
}

// recommended finds what a recommending word puts forward in the text
// after it: the first approach named that is not the one being left
// ("from prompting to fine-tuning") or, for fine-tuning and the hybrid,
// prompting as their first step. It returns the approach and where its
// name starts and ends.
func recommended(rest string, chosen advisor.Approach) (advisor.Approach, int, int, bool) {
	type hit struct {
		a          advisor.Approach
		start, end int
	}
	var hits []hit
	for _, t := range approachTerms {
		for _, loc := range t.re.FindAllStringIndex(rest, -1) {
			hits = append(hits, hit{t.approach, loc[0], loc[1]})
		}
	}
	if chosen == advisor.PromptEngineering {
		for _, loc := range weakPrompt.FindAllStringIndex(rest, -1) {
			hits = append(hits, hit{advisor.PromptEngineering, loc[0], loc[1]})
		}
	}
	slices.SortStableFunc(hits, func(x, y hit) int { return x.start - y.start })
	for _, h := range hits {
		before := rest[:h.start]
		if notTheAnswer.MatchString(before) {
			continue
		}
		if h.a == advisor.PromptEngineering && (chosen == advisor.FineTuning || chosen == advisor.Hybrid) && firstStep.MatchString(before) {
			continue
		}
		return h.a, h.start, h.end, true
	}
	return "", 0, 0, false
}

// compatible reports whether naming got is consistent with recommending
// chosen: the hybrid is made of fine-tuning and retrieval, so naming either
// part of it is not a contradiction.
func compatible(got, chosen advisor.Approach) bool {
	if got == chosen {
		return true
	}
	return chosen == advisor.Hybrid && (got == advisor.FineTuning || got == advisor.RAG)
}
