package explain

import (
	"fmt"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// fallbackData is what the rule-written explanation template reads.
type fallbackData struct {
	Label      string
	Title      string
	Confidence string
	For        []advisor.Reason
	Against    *advisor.Reason
	ROI        string
	Risk       string
	Step       string
}

// RuleText is the rule-written explanation: the recommendation, its three
// strongest reasons and the strongest one against it, each with its
// knowledge-base citation, the economics, the main risk and the first step.
// It needs no model and is always consistent with the rules.
func RuleText(in Input) string {
	rec := in.Rec
	d := fallbackData{
		Label:      rec.Approach.Label(),
		Title:      strings.TrimSpace(in.Profile.Title),
		Confidence: fmt.Sprintf("%.0f%%", rec.Confidence*100),
		ROI:        roiSentence(rec),
		Risk:       first(rec.Risks),
		Step:       first(rec.NextSteps),
	}
	for _, r := range rec.Reasons {
		switch {
		case r.Favors == rec.Approach && len(d.For) < 3:
			d.For = append(d.For, r)
		case r.Disfavors == rec.Approach && d.Against == nil:
			r := r
			d.Against = &r
		}
	}
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, "fallback.tmpl", d); err != nil {
		// unreachable: the template is embedded and tested.
		return "I recommend " + d.Label + "."
	}
	return strings.TrimSpace(b.String())
}
