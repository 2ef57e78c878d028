package summary

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary/chart"
)

// Report is one week's summary as a destination posts it: the title, the
// sections under their headings (in Markdown, as the template writes them),
// the whole Markdown, and the chart.
type Report struct {
	Week     string
	Title    string
	Sections []Section
	Markdown string
	Chart    []byte // PNG; nil when it could not be drawn
}

// Section is one part of a report under its heading.
type Section struct {
	Heading string
	Body    string // Markdown, starting with a blank line when the heading has one after it
}

// Destination is somewhere the weekly summary goes: a Slack channel, a
// Teams channel. The scheduler and `advisorbot summary --post` post to
// every configured destination the same way, each marked apart, so a week
// posted to one still goes to the other.
type Destination interface {
	Name() string     // for people and logs: "Slack channel C0123"
	MarkKey() string  // its marks' key ("" for the marks kept before there were two)
	Plot() chart.Plot // the chart's size there; zero: the default
	// Post posts r; st is there for destinations that keep state in the
	// store (Teams looks up the channel's conversation reference).
	Post(ctx context.Context, st store.Store, r Report) error
}

// NewReport builds week's report from the store: Build (with link for the
// top assessments), the Markdown split once into sections, and, unless
// plot is nil, the chart at its size.
func NewReport(ctx context.Context, st store.Store, week string, plot *chart.Plot, link Link) (Report, error) {
	s, err := Build(ctx, st, week, link)
	if err != nil {
		return Report{}, err
	}
	md, err := s.Markdown()
	if err != nil {
		return Report{}, err
	}
	r := ReportOf(week, md)
	if plot != nil {
		if r.Chart, err = plot.Render(ctx, s.ChartData()); err != nil {
			return Report{}, fmt.Errorf("summary: chart: %w", err)
		}
	}
	return r, nil
}

// ReportOf is the report of week's Markdown (as Summary.Markdown writes
// it), without a chart.
func ReportOf(week, md string) Report {
	r := Report{Week: week, Markdown: md}
	r.Title, r.Sections = sections(md)
	return r
}

// sections splits the summary's Markdown at its "## " headings, once for
// every destination, so none re-parses it.
func sections(md string) (string, []Section) {
	parts := strings.Split(strings.TrimSpace(md), "\n## ")
	title, lead, _ := strings.Cut(parts[0], "\n")
	out := []Section{{Body: strings.TrimSpace(lead)}}
	for _, p := range parts[1:] {
		h, body, _ := strings.Cut(p, "\n")
		// The body keeps its leading blank line (before a list), which
		// some renderings show.
		out = append(out, Section{Heading: strings.TrimSpace(h), Body: strings.TrimRight(body, " \n")})
	}
	return strings.TrimSpace(strings.TrimLeft(title, "# ")), out
}

// MarkerFor keeps a destination's summary marks apart from the others', so
// posting to Slack does not count as posting to Teams. The key "" uses the
// store's marks as they are (Slack's, from before there were two).
func MarkerFor(m Marker, key string) Marker {
	if key == "" {
		return m
	}
	return keyedMarker{m, key + ":"}
}

type keyedMarker struct {
	m      Marker
	prefix string
}

func (k keyedMarker) MarkSummary(ctx context.Context, week string) (bool, error) {
	return k.m.MarkSummary(ctx, k.prefix+week)
}

func (k keyedMarker) SummaryMarked(ctx context.Context, week string) (bool, error) {
	return k.m.SummaryMarked(ctx, k.prefix+week)
}

// Post builds week's report for d and posts it, without marking it: the
// Scheduler marks after a post succeeds.
func Post(ctx context.Context, st store.Store, d Destination, week string, link Link) error {
	plot := d.Plot()
	r, err := NewReport(ctx, st, week, &plot, link)
	if err != nil {
		return err
	}
	return d.Post(ctx, st, r)
}

// Publish posts week's report to d and marks the week posted there. A week
// posted but not marked is reported as such: a later run may post it again.
func Publish(ctx context.Context, st store.Store, d Destination, week string, link Link) error {
	if err := Post(ctx, st, d, week, link); err != nil {
		return err
	}
	if _, err := MarkerFor(st, d.MarkKey()).MarkSummary(ctx, week); err != nil {
		return fmt.Errorf("summary: posted to %s, but could not record it (a later run may post %s again): %w", d.Name(), week, err)
	}
	return nil
}

// NewScheduler is the weekly job that posts to d on sc, marked apart.
func NewScheduler(lg *slog.Logger, st store.Store, d Destination, sc Schedule, grace time.Duration, link Link) *Scheduler {
	return &Scheduler{Schedule: sc, Grace: grace, Marker: MarkerFor(st, d.MarkKey()), Log: lg,
		Post: func(ctx context.Context, week string) error { return Post(ctx, st, d, week, link) }}
}
