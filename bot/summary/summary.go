// Package summary builds the weekly leadership summary: what employees
// brought to advisorbot in an ISO week, what it recommended, what that is
// worth, and what deserves attention, from the store's weekly aggregates
// (so it costs the same however many records exist). It renders the summary
// as Markdown; the Slack adapter renders Block Kit and the chart package
// draws the PNG. Scheduler posts it once a week.
package summary

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/render"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary/chart"
)

// Count is a named number, for ordered tables.
type Count struct {
	Name string
	N    int
}

// TopItem is one of the week's best assessments.
type TopItem struct {
	Title      string
	Department string
	Approach   advisor.Approach
	ROI12      advisor.Optional
	NetMonthly float64
	Link       string // to the conversation, when the platform has one
}

// WeekCounts is one week's assessments per approach, for the chart.
type WeekCounts struct {
	Week   string
	Counts map[advisor.Approach]int
}

// Summary is one week's summary.
type Summary struct {
	Week, PrevWeek               string
	Assessments, PrevAssessments int
	ByApproach                   []Count
	ByDepartment                 []Count
	NetMonthly, NetAnnual        float64
	Top                          []TopItem
	Rated, Helpful               int
	ChosenVsAdvised              []Count
	Warnings                     []string
	History                      []WeekCounts // the last 8 weeks, oldest first
	BenefitByDept                map[string]float64
	Outcomes                     Outcomes // what teams reported after their assessments
}

// Link turns a conversation into a link a reader can follow, or "".
type Link func(store.ConvKey) string

// Build assembles the summary of week ("2026-W48") from the store's
// aggregates: the week, the week before, the last eight weeks for the
// chart, and the few best assessments, loaded by id. It depends on the
// store alone, never on the clock: the warnings are dated from the week's
// end, so a week's report reads the same whenever it is built.
func Build(ctx context.Context, st store.Store, week string, link Link) (Summary, error) {
	start, err := WeekStart(week)
	if err != nil {
		return Summary{}, err
	}
	s := Summary{Week: week, PrevWeek: store.ISOWeek(start.AddDate(0, 0, -7))}
	w, err := st.Week(ctx, week)
	if err != nil {
		return s, fmt.Errorf("summary: week %s: %w", week, err)
	}
	prev, err := st.Week(ctx, s.PrevWeek)
	if err != nil {
		return s, fmt.Errorf("summary: week %s: %w", s.PrevWeek, err)
	}
	s.Assessments, s.PrevAssessments = w.Assessments, prev.Assessments
	for _, a := range advisor.Approaches() {
		if n := w.ByApproach[a]; n > 0 {
			s.ByApproach = append(s.ByApproach, Count{string(a), n})
		}
	}
	for d, n := range w.ByDepartment {
		s.ByDepartment = append(s.ByDepartment, Count{d, n})
	}
	sortCounts(s.ByDepartment)
	s.NetMonthly, s.NetAnnual = w.NetMonthly, 12*w.NetMonthly
	s.BenefitByDept = w.NetByDept
	s.Rated, s.Helpful = w.Helpful+w.NotHelpful, w.Helpful
	for k, n := range w.ChosenVsAdvised {
		s.ChosenVsAdvised = append(s.ChosenVsAdvised, Count{k, n})
	}
	sortCounts(s.ChosenVsAdvised)
	for _, t := range w.Top {
		if len(s.Top) == 5 {
			break
		}
		r, err := st.GetAssessment(ctx, t.ID)
		if errors.Is(err, store.ErrNotFound) {
			continue // forgotten or expired since
		}
		if err != nil {
			return s, fmt.Errorf("summary: top assessment %s: %w", t.ID, err)
		}
		roi := r.Result.ROI[r.Result.Approach]
		item := TopItem{Title: r.Title, Department: r.Department, Approach: r.Result.Approach, ROI12: roi.ROI12, NetMonthly: roi.NetMonthly}
		if link != nil {
			item.Link = link(r.Conv)
		}
		s.Top = append(s.Top, item)
	}
	for i := 7; i >= 0; i-- {
		wk := store.ISOWeek(start.AddDate(0, 0, -7*i))
		h, err := st.Week(ctx, wk)
		if err != nil {
			return s, fmt.Errorf("summary: week %s: %w", wk, err)
		}
		s.History = append(s.History, WeekCounts{Week: wk, Counts: h.ByApproach})
	}
	if s.Outcomes, err = buildOutcomes(ctx, st, start, start.AddDate(0, 0, 7)); err != nil {
		return s, err
	}
	s.Warnings = warnings(w, start.AddDate(0, 0, 7))
	return s, nil
}

func sortCounts(cs []Count) {
	slices.SortFunc(cs, func(a, b Count) int {
		if a.N != b.N {
			return b.N - a.N
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// WeekStart is the Monday 00:00 UTC that begins an ISO week "2026-W48".
func WeekStart(week string) (time.Time, error) {
	var y, w int
	if _, err := fmt.Sscanf(week, "%d-W%d", &y, &w); err != nil || w < 1 || w > 53 {
		return time.Time{}, fmt.Errorf("summary: %q is not an ISO week; write it like 2026-W48", week)
	}
	// January 4th is always in week 1.
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	start := monday.AddDate(0, 0, 7*(w-1))
	if store.ISOWeek(start) != week {
		return time.Time{}, fmt.Errorf("summary: %s has no week %d", fmt.Sprint(y), w)
	}
	return start, nil
}

//go:embed templates/*.tmpl
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"inc":     func(i int) int { return i + 1 },
	"money":   advisor.Money,
	"percent": advisor.Percent,
	"label":   func(a advisor.Approach) string { return a.Label() },
	"approachLabel": func(name string) string {
		return advisor.Approach(name).Label()
	},
	"change": func(now, before int) string {
		switch {
		case before == 0 && now == 0:
			return "no change"
		case before == 0:
			return "none the week before"
		}
		d := float64(now-before) / float64(before) * 100
		return fmt.Sprintf("%+.0f%% on the week before (%d)", d, before)
	},
	"share": func(n, of int) string {
		if of == 0 {
			return "none rated"
		}
		return fmt.Sprintf("%.0f%% of %d rated", float64(n)/float64(of)*100, of)
	},
	// What teams chose is stored as "advised->chose"; plain like any
	// other stored words once the arrow is drawn.
	"arrow": func(s string) string { return render.PlainText(strings.ReplaceAll(s, "->", " → ")) },
	// Employees' words (titles, departments): no markup in any surface the
	// Markdown is rendered into, and no control or bidi characters.
	"text": render.PlainText,
	// A ratio of actual to estimate: "1.4×".
	"times": func(r float64) string { return fmt.Sprintf("%.1f×", r) },
}).ParseFS(templateFS, "templates/*.tmpl"))

// Markdown renders the summary for people: numbers formatted with k, M and
// currency.
func (s Summary) Markdown() (string, error) {
	var b strings.Builder
	if err := templates.ExecuteTemplate(&b, "summary.md.tmpl", s); err != nil {
		return "", fmt.Errorf("summary: render: %w", err)
	}
	return b.String(), nil
}

// ChartData is what the chart renderer draws for this summary.
func (s Summary) ChartData() chart.Data {
	d := chart.Data{BenefitByDept: s.BenefitByDept}
	for _, a := range advisor.Approaches() {
		d.Approaches = append(d.Approaches, string(a))
	}
	for _, h := range s.History {
		counts := map[string]int{}
		for a, n := range h.Counts {
			counts[string(a)] = n
		}
		d.Weeks = append(d.Weeks, chart.WeekCounts{Week: h.Week, Counts: counts})
	}
	return d
}
