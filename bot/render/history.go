package render

import (
	"fmt"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// History lists a person's recent assessments, newest first, one line each;
// bold wraps the approach in the platform's emphasis ("*" in Slack's
// mrkdwn, "**" in Markdown). recs come oldest first, as the store lists
// them. Titles are the employee's words: pass them through the platform's
// escaping if it has one.
func History(recs []store.Assessment, bold, empty string) string {
	if len(recs) == 0 {
		return empty
	}
	var b strings.Builder
	b.WriteString("Your recent assessments:\n")
	for i := len(recs) - 1; i >= 0; i-- {
		r := recs[i]
		roi := r.Result.ROI[r.Result.Approach]
		fmt.Fprintf(&b, "• %s  %s%s%s, net %s a month: %s\n", r.CreatedAt.Format("2006-01-02"),
			bold, r.Result.Approach.Label(), bold, advisor.Money(roi.NetMonthly), PlainText(r.Title))
	}
	return b.String()
}
