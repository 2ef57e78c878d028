// Package render holds the text layouts every surface shares: the ROI
// table that the command line, the terminal chat and Slack (in a code
// block) all show, a person's history of assessments (Slack and Teams),
// PlainText for employees' words inside rendered messages, and
// StripControls, which every surface applies to the text it inserts.
package render

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/advisorbot/advisorbot/advisor"
)

// ROITable lays out the ROI of every approach in ranking order, the chosen
// one marked with "*". With long set it adds the 36-month ROI column.
func ROITable(rec *advisor.Recommendation, long bool) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	head := "  approach\tone-off\trun/month\tsaved/month\tnet/month\tpayback\tROI 12 mo"
	if long {
		head += "\tROI 36 mo"
	}
	fmt.Fprintln(tw, head)
	for _, r := range rec.Ranking {
		x := rec.ROI[r.Approach]
		mark := " "
		if r.Approach == rec.Approach {
			mark = "*"
		}
		row := fmt.Sprintf("%s %s\t%s\t%s\t%s\t%s\t%s\t%s", mark, r.Approach.Short(), advisor.Money(x.OneOffCost),
			advisor.Money(x.MonthlyRunCost), advisor.Money(x.MonthlyLaborSaved), advisor.Money(x.NetMonthly),
			advisor.Months(x.PaybackMonths), advisor.Percent(x.ROI12))
		if long {
			row += "\t" + advisor.Percent(x.ROI36)
		}
		fmt.Fprintln(tw, row)
	}
	tw.Flush()
	return b.String()
}
