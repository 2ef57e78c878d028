package chart

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var approaches = []string{"no_ai", "prompt_engineering", "rag", "agent", "fine_tuning", "custom_model"}

func sampleData() Data {
	d := Data{Approaches: approaches, BenefitByDept: map[string]float64{
		"Finance":          12400,
		"Customer Support": 38250,
		"HR":               4100,
		"Legal":            900,
		"Engineering":      21000,
		"Sales":            15500,
	}}
	for i := range 8 {
		c := map[string]int{}
		for j, a := range approaches {
			c[a] = (i*3 + j*5) % 9
		}
		d.Weeks = append(d.Weeks, WeekCounts{Week: fmt.Sprintf("2026-W%02d", 41+i), Counts: c})
	}
	return d
}

// render renders d and checks the PNG decodes to exactly w x h and has a
// plausible size.
func render(t testing.TB, p Plot, d Data) []byte {
	t.Helper()
	b, err := p.Render(context.Background(), d)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode png: %v", err)
	}
	w, h := p.Width, p.Height
	if w == 0 {
		w, h = DefaultWidth, DefaultHeight
	}
	if got := img.Bounds(); got.Dx() != w || got.Dy() != h {
		t.Fatalf("image is %dx%d, want %dx%d", got.Dx(), got.Dy(), w, h)
	}
	if len(b) < 5<<10 || len(b) > 500<<10 {
		t.Fatalf("png is %d bytes, want between 5 KB and 500 KB", len(b))
	}
	return b
}

func TestRender(t *testing.T) {
	many := map[string]float64{}
	for i := range 15 {
		many[fmt.Sprintf("Department %02d", i)] = float64(1000 * (i + 1))
	}
	withNeg := sampleData()
	withNeg.BenefitByDept = map[string]float64{"Finance": 8000, "Legal": -2500, "HR": 300}
	allNeg := sampleData()
	allNeg.BenefitByDept = map[string]float64{"Legal": -2500, "HR": -40}
	odd := sampleData()
	odd.BenefitByDept = map[string]float64{"": 10, "NaN": math.NaN(), "Inf": math.Inf(1),
		"A department with a really very long name indeed": 5000, "zero": 0}
	odd.Weeks = append(odd.Weeks, WeekCounts{Week: "not-a-week", Counts: map[string]int{"unknown_approach": 3, "rag": -4}})
	oneWeek := Data{Approaches: approaches, Weeks: []WeekCounts{{Week: "2026-W48", Counts: map[string]int{"rag": 1}}}}

	tests := []struct {
		name string
		p    Plot
		d    Data
	}{
		{"eight weeks", Plot{}, sampleData()},
		{"empty", Plot{}, Data{}},
		{"empty with approaches and zero weeks", Plot{}, Data{Approaches: approaches, Weeks: []WeekCounts{{Week: "2026-W48"}}}},
		{"single department", Plot{}, Data{Approaches: approaches, BenefitByDept: map[string]float64{"Finance": 1234}}},
		{"fifteen departments", Plot{}, Data{Approaches: approaches, BenefitByDept: many}},
		{"negative benefit", Plot{}, withNeg},
		{"all negative", Plot{}, allNeg},
		{"odd input", Plot{}, odd},
		{"one week", Plot{}, oneWeek},
		{"more than eight weeks", Plot{}, func() Data {
			d := sampleData()
			d.Weeks = append(sampleData().Weeks, d.Weeks...)
			return d
		}()},
		{"small for teams", Plot{Width: 600, Height: 300}, sampleData()},
		{"non-default size", Plot{Width: 1000, Height: 1000}, sampleData()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := render(t, tt.p, tt.d)
			if dir := os.Getenv("CHART_RENDER_DIR"); dir != "" { // for a person to look at
				if err := os.WriteFile(filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".png"), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestRenderDeterministic(t *testing.T) {
	d := sampleData()
	d.Approaches = approaches[:3] // the rest come from the map, sorted
	for i := range 15 {
		d.BenefitByDept[fmt.Sprintf("D%02d", i)] = 1000 // ties sorted by name
	}
	a := render(t, Plot{}, d)
	b := render(t, Plot{}, d)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same data differ")
	}
}

func TestRenderCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Plot{}).Render(ctx, sampleData()); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestRenderBadSize(t *testing.T) {
	for _, p := range []Plot{{Width: -1, Height: 10}, {Width: 100000, Height: 100}} {
		if _, err := p.Render(context.Background(), sampleData()); err == nil {
			t.Errorf("%+v: want error", p)
		}
	}
}

func TestTopDepartments(t *testing.T) {
	m := map[string]float64{}
	for i := range 15 {
		m[fmt.Sprintf("D%02d", i)] = float64(i)
	}
	got := topDepartments(m)
	if len(got) != MaxDepartments+1 {
		t.Fatalf("got %d entries, want %d", len(got), MaxDepartments+1)
	}
	if got[0] != (deptValue{"D14", 14}) || got[9] != (deptValue{"D05", 5}) {
		t.Errorf("order: %v", got)
	}
	if want := (deptValue{otherDept, 0 + 1 + 2 + 3 + 4}); got[10] != want {
		t.Errorf("other = %v, want %v", got[10], want)
	}
}

func TestUSD(t *testing.T) {
	for v, want := range map[float64]string{
		0: "$0", 950: "$950", 999.4: "$999", 1000: "$1k", 1500: "$1.5k", 12000: "$12k",
		12345: "$12.3k", 999_960: "$1M", 2_500_000: "$2.5M", -3200: "-$3.2k", -0.2: "$0",
		3e9: "$3B",
	} {
		if got := usd(v); got != want {
			t.Errorf("usd(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestIntScale(t *testing.T) {
	for _, c := range []struct{ max, step, top int }{
		{0, 1, 1}, {1, 1, 1}, {8, 1, 8}, {9, 2, 10}, {17, 5, 20}, {40, 5, 40}, {41, 10, 50}, {1234, 200, 1400},
	} {
		if step, top := intScale(c.max); step != c.step || top != c.top {
			t.Errorf("intScale(%d) = %d, %d; want %d, %d", c.max, step, top, c.step, c.top)
		}
	}
}

func TestWeekLabel(t *testing.T) {
	for in, want := range map[string]string{"2026-W48": "W48", "W03": "W03", "x": "x"} {
		if got := weekLabel(in); got != want {
			t.Errorf("weekLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWriteSample writes the sample chart for a person to look at:
// CHART_SAMPLE=/tmp/chart-sample.png go test -run WriteSample ./bot/summary/chart/
func TestWriteSample(t *testing.T) {
	out := os.Getenv("CHART_SAMPLE")
	if out == "" {
		t.Skip("set CHART_SAMPLE to a file path to write the sample chart")
	}
	d := sampleData()
	d.BenefitByDept["Procurement"] = -1800
	b := render(t, Plot{}, d)
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", out, len(b))
}

func BenchmarkRender(b *testing.B) {
	d := sampleData()
	ctx := context.Background()
	var n int
	for b.Loop() {
		out, err := (Plot{}).Render(ctx, d)
		if err != nil {
			b.Fatal(err)
		}
		n = len(out)
	}
	b.ReportMetric(float64(n), "png-bytes")
}
