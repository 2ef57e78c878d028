// Package chart draws the weekly summary's charts as PNG behind a small
// interface, so the renderer can be swapped.
//
// The only implementation is [Plot], built on gonum.org/v1/plot. It draws
// one image with two panels stacked vertically: assessments per ISO week by
// approach (grouped bars) on top, and the estimated net monthly benefit by
// department (horizontal bars, largest first) below. Output is deterministic
// for a given input.
package chart

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// WeekCounts is one ISO week's number of assessments per approach.
type WeekCounts struct {
	Week   string         // "2026-W48"
	Counts map[string]int // approach JSON name -> count
}

// Data is what the weekly charts show.
type Data struct {
	Weeks         []WeekCounts       // oldest first, up to 8
	Approaches    []string           // the six approach names in a fixed order (legend order)
	BenefitByDept map[string]float64 // department -> estimated net monthly benefit (USD)
}

// Renderer draws the summary chart as a PNG.
type Renderer interface {
	Render(ctx context.Context, d Data) ([]byte, error)
}

// Plot is the gonum/plot Renderer.
type Plot struct{ Width, Height int } // pixels; zero = 1200x800

var _ Renderer = Plot{}

const (
	// DefaultWidth and DefaultHeight are the image size used when
	// Plot.Width or Plot.Height is zero.
	DefaultWidth  = 1200
	DefaultHeight = 800

	// MaxWeeks is the number of most recent weeks drawn; older ones are dropped.
	MaxWeeks = 8
	// MaxDepartments is the number of departments drawn individually; the
	// rest are summed into "other".
	MaxDepartments = 10

	maxPixels   = 8000 // per side; guards against accidental huge allocations
	dpi         = vgimg.DefaultDPI
	maxNameRune = 28
	otherDept   = "other"

	weeksTitle   = "Assessments per week by approach"
	benefitTitle = "Estimated net monthly benefit by department (USD)"
	noWeeksNote  = "No assessments yet"
	noDeptsNote  = "No benefit estimates yet"
)

// palette is the Okabe-Ito colour-blind-safe palette; approaches beyond
// its length reuse colours in order.
var palette = []color.Color{
	color.RGBA{0x00, 0x72, 0xB2, 0xFF}, // blue
	color.RGBA{0xE6, 0x9F, 0x00, 0xFF}, // orange
	color.RGBA{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	color.RGBA{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	color.RGBA{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	color.RGBA{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	color.RGBA{0xF0, 0xE4, 0x42, 0xFF}, // yellow
	color.RGBA{0x00, 0x00, 0x00, 0xFF}, // black
}

var (
	positiveBar = color.RGBA{0x00, 0x72, 0xB2, 0xFF}
	negativeBar = color.RGBA{0xD5, 0x5E, 0x00, 0xFF}
	sans        = font.Font{Typeface: "Liberation", Variant: "Sans"}
)

// Render draws d as a PNG of p.Width x p.Height pixels. Empty data yields a
// valid image with a note instead of bars. It returns ctx.Err() if ctx is
// done before drawing or encoding starts.
func (p Plot) Render(ctx context.Context, d Data) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w, h := p.Width, p.Height
	if w == 0 {
		w = DefaultWidth
	}
	if h == 0 {
		h = DefaultHeight
	}
	if w < 0 || h < 0 || w > maxPixels || h > maxPixels {
		return nil, fmt.Errorf("chart: size %dx%d out of range (1..%d per side)", w, h, maxPixels)
	}

	img := image.NewRGBA(image.Rect(0, 0, w, h))
	cv := vgimg.NewWith(vgimg.UseImage(img), vgimg.UseDPI(dpi))
	dc := draw.New(cv)

	st := newStyle(w, h)
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadTop: st.pad, PadBottom: st.pad, PadLeft: st.pad, PadRight: st.pad, PadY: 2 * st.pad}
	top, bottom := tiles.At(dc, 0, 0), tiles.At(dc, 0, 1)

	weeks, legend, err := weeksPlot(d, st, top)
	if err != nil {
		return nil, err
	}
	benefit, err := benefitPlot(d.BenefitByDept, st, bottom)
	if err != nil {
		return nil, err
	}

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if legend != nil {
		r := legend.Rectangle(top)
		lw := r.Max.X - r.Min.X + st.pad
		weeks.Draw(draw.Crop(top, 0, -lw, 0, 0))
		legend.Draw(draw.Crop(top, top.Max.X-top.Min.X-lw+st.pad, 0, 0, -st.titleSize*2))
	} else {
		weeks.Draw(top)
	}
	benefit.Draw(bottom)

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(64 << 10)
	if _, err := (vgimg.PngCanvas{Canvas: cv}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return buf.Bytes(), nil
}

// style holds sizes scaled to the image so small renders (e.g. for Teams)
// stay legible and large ones are not sparse.
type style struct {
	titleSize, labelSize, tickSize vg.Length
	pad                            vg.Length
}

func newStyle(w, h int) style {
	s := math.Min(float64(w)/DefaultWidth, float64(h)/DefaultHeight)
	s = math.Max(0.5, math.Min(2.5, s))
	return style{
		titleSize: vg.Length(15 * s),
		labelSize: vg.Length(11 * s),
		tickSize:  vg.Length(10 * s),
		pad:       vg.Length(8 * s),
	}
}

func (st style) newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, st.titleSize)
	p.Title.Padding = st.pad
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, st.labelSize)
		a.Tick.Label.Font = font.From(sans, st.tickSize)
	}
	return p
}

func (st style) newLegend() plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Font = font.From(sans, st.labelSize)
	l.Left, l.Top = true, true
	l.ThumbnailWidth = st.labelSize * 1.5
	l.Padding = st.labelSize * 0.4
	return l
}

// note draws a centred message in an otherwise empty panel.
type note struct {
	text  string
	style text.Style
}

func (n note) Plot(c draw.Canvas, _ *plot.Plot) {
	c.FillText(n.style, c.Center(), n.text)
}

func (st style) emptyPlot(title, msg string) *plot.Plot {
	p := st.newPlot(title)
	p.HideAxes()
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	ts := p.Title.TextStyle
	ts.Font = font.From(sans, st.titleSize)
	ts.Color = color.Gray{Y: 0x60}
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YCenter
	p.Add(note{text: msg, style: ts})
	return p
}

// weeksPlot builds the grouped bar chart and its legend (nil when empty).
func weeksPlot(d Data, st style, c draw.Canvas) (*plot.Plot, *plot.Legend, error) {
	weeks := d.Weeks
	if len(weeks) > MaxWeeks {
		weeks = weeks[len(weeks)-MaxWeeks:]
	}
	approaches := approachOrder(d.Approaches, weeks)
	total, maxCount := 0, 0
	for _, wk := range weeks {
		for _, a := range approaches {
			n := max(wk.Counts[a], 0)
			total += n
			maxCount = max(maxCount, n)
		}
	}
	if total == 0 {
		return st.emptyPlot(weeksTitle, noWeeksNote), nil, nil
	}

	p := st.newPlot(weeksTitle)
	p.Y.Label.Text = "Assessments"
	p.X.Label.Text = "ISO week"
	// Approximate the data area to size the bars: the panel minus the
	// legend column and the y axis.
	measure := st.newLegend()
	for _, a := range approaches {
		measure.Add(a)
	}
	lr := measure.Rectangle(c)
	dataW := (c.Max.X - c.Min.X) - (lr.Max.X - lr.Min.X) - 6*st.tickSize
	legend := st.newLegend()

	p.Add(grid(false, true))
	n := len(approaches)
	group := dataW / vg.Length(len(weeks)) * 0.8
	bw := max(group/vg.Length(n), 1)
	for i, a := range approaches {
		vals := make(plotter.Values, len(weeks))
		for j, wk := range weeks {
			vals[j] = float64(max(wk.Counts[a], 0))
		}
		b, err := plotter.NewBarChart(vals, bw)
		if err != nil {
			return nil, nil, fmt.Errorf("chart: approach %q: %w", a, err)
		}
		b.Color = palette[i%len(palette)]
		b.LineStyle.Width = 0
		b.Offset = (vg.Length(i) - vg.Length(n-1)/2) * bw
		p.Add(b)
		legend.Add(a, b)
	}

	names := make([]string, len(weeks))
	for i, wk := range weeks {
		names[i] = weekLabel(wk.Week)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(weeks))-0.5
	step, top := intScale(maxCount)
	if top == maxCount { // headroom so the tallest bar does not touch the title
		top += step
	}
	p.Y.Min, p.Y.Max = 0, float64(top)
	p.Y.Tick.Marker = intTicks(step)
	p.X.Padding, p.Y.Padding = 0, 0
	return p, &legend, nil
}

// grid returns light grid lines in the chosen directions; add it before the
// bars so they are drawn over it.
func grid(vertical, horizontal bool) *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{Y: 0xD0}
	g.Horizontal.Color = color.Gray{Y: 0xD0}
	if !vertical {
		g.Vertical.Color = nil
	}
	if !horizontal {
		g.Horizontal.Color = nil
	}
	return g
}

// approachOrder returns the legend order: d.Approaches first, then any other
// approach found in the counts, sorted, so nothing is silently dropped.
func approachOrder(fixed []string, weeks []WeekCounts) []string {
	out := slices.Clone(fixed)
	seen := make(map[string]bool, len(fixed))
	for _, a := range fixed {
		seen[a] = true
	}
	var extra []string
	for _, wk := range weeks {
		for a, n := range wk.Counts {
			if !seen[a] && n > 0 {
				seen[a] = true
				extra = append(extra, a)
			}
		}
	}
	slices.Sort(extra)
	return append(out, extra...)
}

// weekLabel turns "2026-W48" into "W48"; anything else is shown as is.
func weekLabel(w string) string {
	if i := strings.LastIndex(w, "-W"); i >= 0 {
		return w[i+1:]
	}
	return w
}

// intScale picks a tick step of 1, 2 or 5 times a power of ten giving at
// most 8 intervals, and the axis top as a multiple of it.
func intScale(maxV int) (step, top int) {
	maxV = max(maxV, 1)
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			step = m * p
			if (maxV+step-1)/step <= 8 {
				return step, (maxV + step - 1) / step * step
			}
		}
	}
}

func intTicks(step int) plot.Ticker {
	return plot.TickerFunc(func(lo, hi float64) []plot.Tick {
		var ts []plot.Tick
		for v := 0; float64(v) <= hi+1e-9; v += step {
			if float64(v) >= lo-1e-9 {
				ts = append(ts, plot.Tick{Value: float64(v), Label: strconv.Itoa(v)})
			}
		}
		return ts
	})
}

type deptValue struct {
	name  string
	value float64
}

// topDepartments sorts departments by benefit (descending, then by name),
// keeps the first MaxDepartments and sums the rest into "other".
// Non-finite values count as zero.
func topDepartments(m map[string]float64) []deptValue {
	ds := make([]deptValue, 0, len(m))
	for name, v := range m {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			v = 0
		}
		if strings.TrimSpace(name) == "" {
			name = "(none)"
		}
		ds = append(ds, deptValue{name, v})
	}
	slices.SortFunc(ds, func(a, b deptValue) int {
		if c := cmp.Compare(b.value, a.value); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	if len(ds) <= MaxDepartments {
		return ds
	}
	var rest float64
	for _, d := range ds[MaxDepartments:] {
		rest += d.value
	}
	return append(ds[:MaxDepartments:MaxDepartments], deptValue{otherDept, rest})
}

func benefitPlot(m map[string]float64, st style, c draw.Canvas) (*plot.Plot, error) {
	ds := topDepartments(m)
	if len(ds) == 0 {
		return st.emptyPlot(benefitTitle, noDeptsNote), nil
	}
	p := st.newPlot(benefitTitle)
	p.X.Label.Text = "USD per month"

	// Bars are drawn bottom-up, so reverse: the largest ends on top and
	// "other" at the bottom.
	n := len(ds)
	names := make([]string, n)
	pos := make(plotter.Values, n)
	neg := make(plotter.Values, n)
	labels := plotter.XYLabels{XYs: make(plotter.XYs, n), Labels: make([]string, n)}
	lo, hi := 0.0, 0.0
	for i, d := range ds {
		j := n - 1 - i
		names[j] = shorten(d.name)
		if d.value >= 0 {
			pos[j] = d.value
		} else {
			neg[j] = d.value
		}
		lo, hi = math.Min(lo, d.value), math.Max(hi, d.value)
		labels.XYs[j] = plotter.XY{X: math.Max(d.value, 0), Y: float64(j)}
		labels.Labels[j] = usd(d.value)
	}
	if lo == 0 && hi == 0 {
		hi = 1
	}
	dataH := (c.Max.Y - c.Min.Y) - 3*st.titleSize - 3*st.tickSize
	bw := max(dataH/vg.Length(n)*0.7, 1)
	p.Add(grid(true, false))
	for _, vals := range []struct {
		v   plotter.Values
		clr color.Color
	}{{pos, positiveBar}, {neg, negativeBar}} {
		b, err := plotter.NewBarChart(vals.v, bw)
		if err != nil {
			return nil, fmt.Errorf("chart: benefit bars: %w", err)
		}
		b.Horizontal = true
		b.Color = vals.clr
		b.LineStyle.Width = 0
		p.Add(b)
	}
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, fmt.Errorf("chart: benefit labels: %w", err)
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].Font = font.From(sans, st.tickSize)
		lb.TextStyle[i].YAlign = draw.YCenter
	}
	lb.Offset = vg.Point{X: st.tickSize / 2}
	p.Add(lb)

	p.NominalY(names...)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	span := hi - lo
	p.X.Min = lo
	if lo < 0 {
		p.X.Min = lo - 0.05*span
	}
	p.X.Max = hi + 0.15*span // room for the value labels
	p.X.Tick.Marker = usdTicks{}
	p.X.Padding, p.Y.Padding = 0, 0
	return p, nil
}

// usdTicks places gonum's default ticks and labels them as dollars.
type usdTicks struct{}

func (usdTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = usd(ts[i].Value)
		}
	}
	return ts
}

// usd formats an amount for people: "$950", "$12k", "$1.5k", "-$3.2M".
func usd(v float64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	var s string
	switch r := math.Round(v); {
	case r < 1000:
		s = strconv.FormatFloat(r, 'f', 0, 64)
	case r < 999_950:
		s = trimZero(strconv.FormatFloat(v/1e3, 'f', 1, 64)) + "k"
	case r < 999_950_000:
		s = trimZero(strconv.FormatFloat(v/1e6, 'f', 1, 64)) + "M"
	default:
		s = trimZero(strconv.FormatFloat(v/1e9, 'f', 1, 64)) + "B"
	}
	if s == "0" {
		sign = ""
	}
	return sign + "$" + s
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// shorten caps a department name so long names do not squeeze the bars.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxNameRune {
		return s
	}
	r := []rune(s)
	return string(r[:maxNameRune-3]) + "..."
}
