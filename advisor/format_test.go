package advisor

import (
	"math"
	"testing"
)

// Count shows what a person gave as they would write it: 4.5 minutes is
// 4.5, not 5.
func TestCount(t *testing.T) {
	for _, tt := range []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{6, "6"},
		{4.5, "4.5"},
		{0.25, "0.25"},
		{1.67, "1.67"},
		{43.27, "43.27"},
		{2.5, "2.5"},
		{99.5, "99.5"},
		{99.999, "100"},
		{100.4, "100"},
		{8666.67, "8,667"},
		{20000, "20,000"},
		{1_234_567, "1,234,567"},
		{0.001234, "0.0012"},
		{-4.5, "-4.5"},
		{-2000, "-2,000"},
		{math.Inf(1), "n/a"},
		{math.NaN(), "n/a"},
	} {
		if got := Count(tt.in); got != tt.want {
			t.Errorf("Count(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Percentages stay whole: an ROI of 45.3% reads as 45%.
func TestPercentWhole(t *testing.T) {
	for _, tt := range []struct {
		in   Optional
		want string
	}{
		{Optional{Value: 0.453, Valid: true}, "45%"},
		{Optional{Value: -1.52, Valid: true}, "-152%"},
		{Optional{Value: 0.045, Valid: true}, "5%"},
		{Optional{}, "n/a"},
	} {
		if got := Percent(tt.in); got != tt.want {
			t.Errorf("Percent(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
