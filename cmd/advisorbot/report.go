package main

import (
	"embed"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"text/template"

	"github.com/advisorbot/advisorbot/advisor"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

var reportTmpl = template.Must(template.New("report.tmpl").Funcs(template.FuncMap{
	"money": advisor.Money,
	"pct":   func(x float64) string { return fmt.Sprintf("%.0f%%", x*100) },
	"inc":   func(i int) int { return i + 1 },
	"join":  strings.Join,
}).ParseFS(templateFS, "templates/report.tmpl"))

// reportView is what the report template reads: the recommendation plus the
// few selections that are easier to make in Go than in a template.
type reportView struct {
	Rec        advisor.Recommendation
	Title      string
	Label      string
	For        []advisor.Reason // pushes for the chosen approach, strongest first
	Against    []advisor.Reason // pushes against it
	RunnerUp   string
	Table      string
	PricesAsOf string
}

// How many reasons the report shows; --json has them all.
const (
	maxFor     = 6
	maxAgainst = 3
)

func writeReport(w io.Writer, title string, rec advisor.Recommendation) error {
	v := reportView{Rec: rec, Title: title, Label: rec.Approach.Label(), Table: roiTable(rec)}
	for _, r := range rec.Reasons {
		switch {
		case r.Favors == rec.Approach && len(v.For) < maxFor:
			v.For = append(v.For, r)
		case r.Disfavors == rec.Approach && len(v.Against) < maxAgainst:
			v.Against = append(v.Against, r)
		}
	}
	if len(rec.Ranking) > 1 {
		r := rec.Ranking[1]
		v.RunnerUp = fmt.Sprintf("%s (%.0f%% of the evidence, against %.0f%%)", r.Approach.Label(), r.Score*100, rec.Ranking[0].Score*100)
	}
	for _, a := range rec.Assumptions {
		if strings.HasPrefix(a.Name, "price_") && a.AsOf > v.PricesAsOf {
			v.PricesAsOf = a.AsOf
		}
	}
	return reportTmpl.Execute(w, v)
}

// roiTable lays out the ROI of every approach in ranking order.
func roiTable(rec advisor.Recommendation) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  approach\tone-off\trun/month\tsaved/month\tnet/month\tpayback\tROI 12 mo\tROI 36 mo")
	for _, r := range rec.Ranking {
		x := rec.ROI[r.Approach]
		mark := " "
		if r.Approach == rec.Approach {
			mark = "*"
		}
		fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", mark, r.Approach,
			advisor.Money(x.OneOffCost), advisor.Money(x.MonthlyRunCost), advisor.Money(x.MonthlyLaborSaved),
			advisor.Money(x.NetMonthly), advisor.Months(x.PaybackMonths), advisor.Percent(x.ROI12), advisor.Percent(x.ROI36))
	}
	tw.Flush()
	return b.String()
}
