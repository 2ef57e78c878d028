package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// The quick estimate (Slack's /roi): volume, minutes per item and an hourly
// cost in one line give the ROI of every approach, without an assessment.

// quickROIPrefix starts a quick estimate given as a command.
const quickROIPrefix = "roi "

// quickROI answers "roi 20k a month, 6 min each, $45/h".
func (e *Engine) quickROI(ctx context.Context, text string, r Replier) error {
	u, problems := parseROIText(text)
	if len(problems) > 0 {
		return r.Send(ctx, Outbound{Kind: KindError, Text: fmt.Sprintf(msgQuickROIUnread, strings.Join(problems, "; "))})
	}
	rec, err := e.cfg.Advisor.Recommend(u)
	if err != nil {
		return r.Send(ctx, Outbound{Kind: KindError, Text: "I could not use that: " + err.Error()})
	}
	return r.Send(ctx, Outbound{Kind: KindROI, Rec: &rec,
		Text: fmt.Sprintf(msgQuickROI, rec.Approach.Label(), rec.Confidence*100)})
}

// roiKeys map the short keys of a quick estimate to profile fields.
var roiKeys = map[string]string{
	"volume": advisor.FieldMonthlyVolume, "minutes": advisor.FieldMinutesPerTask, "min": advisor.FieldMinutesPerTask,
	"rate": advisor.FieldHourlyCost, "cost": advisor.FieldHourlyCost,
}

// parseROIText reads a quick estimate: comma-separated parts, each either
// key=value or a phrase the answer parser recognises as a volume ("20k a
// month"), a time per item ("6 min each") or a rate ("$45/h").
func parseROIText(text string) (advisor.UseCase, []string) {
	var u advisor.UseCase
	var problems []string
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if k, v, ok := strings.Cut(part, "="); ok {
			k = strings.ToLower(strings.TrimSpace(k))
			field := roiKeys[k]
			if field == "" {
				field = strings.ReplaceAll(k, "-", "_")
			}
			val, err := advisor.ParseAnswer(field, strings.TrimSpace(v))
			if err == nil {
				err = u.Set(val)
			}
			if err != nil {
				problems = append(problems, err.Error())
			}
			continue
		}
		if !setFirst(&u, part) {
			problems = append(problems, fmt.Sprintf("%q (is it a volume, minutes per item or an hourly cost?)", part))
		}
	}
	if len(problems) == 0 {
		for _, need := range [...][2]string{
			{advisor.FieldMonthlyVolume, "a volume such as \"20k a month\""},
			{advisor.FieldMinutesPerTask, "minutes per item such as \"6 min each\""},
			{advisor.FieldHourlyCost, "an hourly cost such as \"$45/h\""},
		} {
			if !u.Known(need[0]) {
				problems = append(problems, "missing "+need[1])
			}
		}
	}
	return u, problems
}

// setFirst tries a phrase as an hourly cost, minutes and a volume, in the
// order least likely to misread it, and sets the first that fits.
func setFirst(u *advisor.UseCase, phrase string) bool {
	p := strings.ToLower(phrase)
	order := []string{advisor.FieldMonthlyVolume, advisor.FieldMinutesPerTask, advisor.FieldHourlyCost}
	switch {
	case strings.ContainsAny(p, "$€£") || strings.Contains(p, "/h") || strings.Contains(p, "hour") && !strings.Contains(p, "min"):
		order = []string{advisor.FieldHourlyCost}
	case strings.Contains(p, "min") || strings.Contains(p, "sec"):
		order = []string{advisor.FieldMinutesPerTask}
	}
	for _, f := range order {
		if u.Known(f) {
			continue
		}
		if v, err := advisor.ParseAnswer(f, phrase); err == nil && u.Set(v) == nil {
			return true
		}
	}
	return false
}
