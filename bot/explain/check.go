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

// violation is a reason to reject a model's text, with a detail for logs
// that names approaches and ids only, never the model's words.
type violation struct {
	reason string
	detail string
}

func (v *violation) Error() string { return v.reason + ": " + v.detail }

// citation matches [kb:ID] and the variants models write: [KB: id],
// [kb:a, kb:b].
var citation = regexp.MustCompile(`(?i)\[\s*kb\s*:([^\]]*)\]`)

// header is the approach line the prompt demands, with the decoration
// models add: "APPROACH: rag", "**APPROACH:** rag", "Approach: RAG".
var header = regexp.MustCompile(`(?i)^[*_#` + "`" + `\s]*approach[*_` + "`" + `\s]*:[*_` + "`" + `\s]*([^\n]*)`)

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

// checkSentence checks one sentence on its own (see checker.sentence).
func checkSentence(s string, chosen advisor.Approach, known func(id string) bool) *violation {
	return newChecker(chosen, known, nil).sentence(s)
}

// checkText checks a whole text sentence by sentence, as the gate does
// while streaming, and then as a whole; used for cached explanations.
func checkText(text string, chosen advisor.Approach, known func(string) bool, allowed sources) *violation {
	c := newChecker(chosen, known, allowed)
	for text != "" {
		end := sentenceEnd(text)
		if end < 0 {
			end = len(text)
		}
		if _, v := c.check(text[:end]); v != nil {
			return v
		}
		text = text[end:]
	}
	return c.verdict()
}

// checker checks an explanation a sentence at a time, keeping what the
// verdict on the whole text needs.
type checker struct {
	chosen  advisor.Approach
	known   func(id string) bool
	allowed sources
	j       *judge
}

func newChecker(chosen advisor.Approach, known func(string) bool, allowed sources) *checker {
	return &checker{chosen: chosen, known: known, allowed: allowed, j: newJudge(chosen)}
}

// check strips the links s may not keep (see links.go) and checks what is
// left; it returns the sentence as it may be shown.
func (c *checker) check(s string) (string, *violation) {
	s = stripLinks(s, c.allowed)
	return s, c.sentence(s)
}

// sentence rejects a sentence that carries platform markup, cites a
// knowledge entry that does not exist, repeats an approach line naming
// another approach, puts another approach forward or argues against the
// rules' one, however it is phrased (judge).
func (c *checker) sentence(s string) *violation {
	s = normalizeText(s)
	if hasMarkup(s) {
		return &violation{ReasonMarkup, "mentions, broadcasts or HTML in the text"}
	}
	for _, m := range citation.FindAllStringSubmatch(s, -1) {
		for _, id := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
			id = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(id)), "kb:")
			if id != "" && !c.known(id) {
				return &violation{ReasonUnknownCite, fmt.Sprintf("cites an unknown entry (%d characters)", len(id))}
			}
		}
	}
	if got, ok := parseHeader(s); ok && got != c.chosen {
		return &violation{ReasonContradicts, fmt.Sprintf("an approach line names %s, rules chose %s", got, c.chosen)}
	}
	return c.j.sentence(citation.ReplaceAllString(s, " "))
}

// verdict judges the text checked so far as a whole.
func (c *checker) verdict() *violation { return c.j.verdict() }

// firstApproach returns the approach named first in s, if any.
func firstApproach(s string, chosen advisor.Approach) (advisor.Approach, bool) {
	for _, m := range mentions(normalize(s), chosen) {
		if m.a.Valid() {
			return m.a, true
		}
	}
	return "", false
}

// compatible reports whether naming got is consistent with recommending
// chosen: the hybrid is made of fine-tuning and retrieval, so naming either
// part of it is not a contradiction.
func compatible(got, chosen advisor.Approach) bool {
	switch {
	case got == chosen, got == automation && chosen != advisor.KeepManual:
		return true
	case got == languageModel:
		return chosen != advisor.KeepManual && chosen != advisor.ClassicAutomation
	}
	return chosen == advisor.Hybrid && (got == advisor.FineTuning || got == advisor.RAG)
}
