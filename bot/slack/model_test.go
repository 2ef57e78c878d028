package slack_test

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/advisorbot/advisorbot/bot/llm"
)

// approachLine is the line of the explanation prompt naming the rules'
// approach, which the answer must repeat.
var approachLine = regexp.MustCompile(`(?m)^APPROACH: (\S+)$`)

// wordyModel is a model whose explanation agrees with the rules and runs
// to n short sentences, which the explainer passes on one at a time: the
// shape of a real model's answer, and many more writes to a stream than
// the rules' text, which arrives in one piece.
func wordyModel(n int) *llm.Fake {
	return &llm.Fake{ModelName: "wordy", Answer: func(req llm.Request) string {
		var b strings.Builder
		for _, m := range req.Messages {
			if a := approachLine.FindStringSubmatch(m.Content); a != nil {
				fmt.Fprintf(&b, "APPROACH: %s\n\n", a[1])
				break
			}
		}
		for i := range n {
			fmt.Fprintf(&b, "Batch %d of the work arrives on the same day each week. ", i+1)
		}
		return b.String()
	}}
}

// replacedModel is wordyModel whose last sentence cites a knowledge entry
// that does not exist: the explainer streams the sentences before it,
// then replaces the whole explanation with the rules' text.
func replacedModel(n int) *llm.Fake {
	m := wordyModel(n)
	answer := m.Answer
	m.Answer = func(req llm.Request) string { return answer(req) + "This is settled by [kb:no-such-entry]." }
	return m
}
