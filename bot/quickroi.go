package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/advisorbot/advisorbot/advisor/parse"
)

// The quick estimate (Slack's /roi): volume, minutes per item and an hourly
// cost in one line give the ROI of every approach, without an assessment.

// quickROI answers "roi 20k a month, 6 min each, $45/h".
func (e *Engine) quickROI(ctx context.Context, text string, r Replier) error {
	u, problems := parse.QuickROI(text)
	if len(problems) > 0 {
		return r.Send(ctx, Outbound{Kind: KindError, Text: fmt.Sprintf(msgQuickROIUnread, someProblems(problems))})
	}
	rec, err := e.cfg.Advisor.Recommend(u)
	if err != nil {
		return r.Send(ctx, Outbound{Kind: KindError, Text: "I could not use that: " + err.Error()})
	}
	return r.Send(ctx, Outbound{Kind: KindROI, Rec: &rec,
		Text: fmt.Sprintf(msgQuickROI, rec.Approach.Label(), rec.Confidence*100)})
}

// The most of a /roi's problems a reply lists, and of each: the reply
// quotes what was typed, and must stay a short message however much was.
const (
	maxProblems     = 3
	maxProblemRunes = 120
)

// someProblems lists the first few problems, each cut short.
func someProblems(problems []string) string {
	var out []string
	for _, p := range problems[:min(len(problems), maxProblems)] {
		if t := truncate(p, maxProblemRunes); t != p {
			p = t + "…"
		}
		out = append(out, p)
	}
	if n := len(problems) - maxProblems; n > 0 {
		out = append(out, fmt.Sprintf("and %d more", n))
	}
	return strings.Join(out, "; ")
}
