package explain

import (
	"fmt"
	"regexp"
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

// violation is a reason to reject a model's text, with the detail for logs.
type violation struct {
	reason string
	detail string
}

func (v *violation) Error() string { return v.reason + ": " + v.detail }

// approachTerms are the words by which an answer names each approach.
// Order matters only for readability; matching is by position in the text.
var approachTerms = []struct {
	approach advisor.Approach
	re       *regexp.Regexp
}{
	{advisor.Hybrid, regexp.MustCompile(`(?i)\bhybrid\b|fine-?tun\w*\s+(?:plus|and|with)\s+retrieval|retrieval\s+(?:plus|and|with)\s+fine-?tun\w*`)},
	{advisor.FineTuning, regexp.MustCompile(`(?i)\bfine[- ]?tun\w*|\btrain(?:ing)? (?:a |your own |a custom )?model\b|\bcustom(?:-trained)? model\b|\blora\b`)},
	{advisor.RAG, regexp.MustCompile(`(?i)\brag\b|\bretrieval\b|\bretrieval-augmented\b`)},
	{advisor.PromptEngineering, regexp.MustCompile(`(?i)\bprompt engineering\b|\bprompting\b|\bprompt-based\b`)},
	{advisor.ClassicAutomation, regexp.MustCompile(`(?i)\bclassic (?:automation|ml|machine learning)\b|\brpa\b|\brules? engine\b|\brule-based\b|\bfixed rules\b`)},
	{advisor.KeepManual, regexp.MustCompile(`(?i)\bkeep(?:ing)? (?:it|the work|this)? ?manual\b|\bstay(?:s)? manual\b|\bby hand\b|\bmanual process\b`)},
}

// recommendVerb finds phrases that put an approach forward as the answer.
var recommendVerb = regexp.MustCompile(`(?i)\b(?:recommend(?:s|ed|ing)?|suggest(?:s|ed)?|advise(?:s|d)?|go with|opt for|choose|pick|adopt|switch to|move to|best (?:option|approach|choice|fit|path|bet)|better (?:option|approach|choice|fit|path)|should (?:use|go|adopt|choose|pick|start|instead)|the answer is)\b`)

// negation just before a verb turns "recommend" into its opposite.
var negation = regexp.MustCompile(`(?i)\b(?:not|never|no|don't|do not|wouldn't|would not|cannot|can't|against)\W+(?:\w+\W+)?$`)

// citation matches the [kb:ID] citations the prompt asks for.
var citation = regexp.MustCompile(`\[kb:([^\]\s]*)\]`)

// header is the first line the prompt demands: APPROACH: <json name>.
var header = regexp.MustCompile(`(?i)^[*_#` + "`" + `\s]*approach[*_` + "`" + `\s]*:\s*[*_` + "`" + `]*([a-z_]+)`)

// checkHeader verifies the answer's first line names the rules' approach.
func checkHeader(line string, chosen advisor.Approach) *violation {
	m := header.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return &violation{ReasonNoHeader, fmt.Sprintf("first line %q", truncateRunes(line, 60))}
	}
	if got := advisor.Approach(strings.ToLower(m[1])); got != chosen {
		return &violation{ReasonContradicts, fmt.Sprintf("approach line names %q, rules chose %q", got, chosen)}
	}
	return nil
}

// checkSentence rejects a sentence that recommends an approach other than
// the rules' or cites a knowledge entry that does not exist.
func checkSentence(s string, chosen advisor.Approach, known func(id string) bool) *violation {
	for _, m := range citation.FindAllStringSubmatch(s, -1) {
		if !known(m[1]) {
			return &violation{ReasonUnknownCite, fmt.Sprintf("cites [kb:%s]", m[1])}
		}
	}
	for _, loc := range recommendVerb.FindAllStringIndex(s, -1) {
		if negation.MatchString(s[:loc[0]]) {
			continue
		}
		if got, ok := firstApproach(s[loc[1]:]); ok && !compatible(got, chosen) {
			return &violation{ReasonContradicts, fmt.Sprintf("recommends %s, rules chose %s", got, chosen)}
		}
	}
	return nil
}

// firstApproach returns the approach named first in s, if any. What follows
// a recommending verb first is what it recommends ("recommend RAG rather
// than fine-tuning" recommends RAG).
func firstApproach(s string) (advisor.Approach, bool) {
	best, at := advisor.Approach(""), len(s)+1
	for _, t := range approachTerms {
		if loc := t.re.FindStringIndex(s); loc != nil && loc[0] < at {
			best, at = t.approach, loc[0]
		}
	}
	return best, best != ""
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
