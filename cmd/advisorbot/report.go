package main

import (
	"embed"
	"fmt"
	"io"
	"strings"
	"text/template"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/render"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

var reportTmpl = template.Must(template.New("report.tmpl").Funcs(template.FuncMap{
	"money": advisor.Money,
	"pct":   func(x float64) string { return fmt.Sprintf("%.0f%%", x*100) },
	"inc":   func(i int) int { return i + 1 },
	"join":  strings.Join,
	"num":   number,
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
	// Company are the figures learnt from the company's own outcomes
	// (advisorbot calibrate), cited as such rather than as estimates.
	Company []advisor.Assumption
}

// How many reasons the report shows; --json has them all.
const (
	maxFor     = 6
	maxAgainst = 3
)

func writeReport(w io.Writer, title string, rec advisor.Recommendation) error {
	// The title is the profile's words: they must not drive the terminal.
	v := reportView{Rec: rec, Title: render.StripControls(title), Label: rec.Approach.Label(), Table: render.ROITable(&rec, true)}
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
		if a.Outcomes > 0 {
			a.Source = render.StripControls(a.Source) // an operator's file: words, not terminal codes
			v.Company = append(v.Company, a)
		}
	}
	return reportTmpl.Execute(w, v)
}
