package advisor

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money formats an amount for people: "$450", "$12.3k", "$1.25M", with a
// leading minus for losses. The currency symbol is the assumptions' (USD).
func Money(x float64) string {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return "n/a"
	}
	sign := ""
	if x < 0 {
		sign, x = "-", -x
	}
	switch {
	case x >= 1e9:
		return sign + "$" + trimZeros(fmt.Sprintf("%.2f", x/1e9)) + "B"
	case x >= 1e6:
		return sign + "$" + trimZeros(fmt.Sprintf("%.2f", x/1e6)) + "M"
	case x >= 1e4:
		return sign + "$" + trimZeros(fmt.Sprintf("%.1f", x/1e3)) + "k"
	case x >= 100:
		return sign + "$" + commas(math.Round(x))
	}
	if x == math.Trunc(x) {
		return sign + "$" + fmt.Sprintf("%.0f", x)
	}
	return sign + "$" + fmt.Sprintf("%.2f", x)
}

// Count formats a number a person gave, as they would write it back:
// thousands separators (20,000), and up to two decimals below 100 so that
// an answer of 4.5 minutes or 0.25 hours is not shown as 5 or 0. From 100
// up, decimals are noise and are rounded away (8,666.67 is 8,667).
func Count(x float64) string {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return "n/a"
	}
	sign := ""
	if x < 0 {
		sign, x = "-", -x
	}
	if x >= 100 || x == math.Trunc(x) {
		return sign + commas(math.Round(x))
	}
	s := trimZeros(fmt.Sprintf("%.2f", x))
	if s == "0" {
		// Smaller than a hundredth: two significant digits, never "0".
		p := math.Pow(10, 1-math.Floor(math.Log10(x)))
		s = strconv.FormatFloat(math.Round(x*p)/p, 'f', -1, 64)
	}
	return sign + s
}

// whole formats a number rounded to a whole one: 20,000.
func whole(x float64) string {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return "n/a"
	}
	if x < 0 {
		return "-" + commas(math.Round(-x))
	}
	return commas(math.Round(x))
}

// Months formats a payback period: "2.3 months", "never".
func Months(o Optional) string {
	if !o.Valid {
		return "never"
	}
	if o.Value < 0.1 {
		return "at once"
	}
	n := trimZeros(fmt.Sprintf("%.1f", o.Value))
	if n == "1" {
		return "1 month"
	}
	return n + " months"
}

// Percent formats a ratio as a percentage: 2.5 -> "250%"; absent -> "n/a".
func Percent(o Optional) string {
	if !o.Valid {
		return "n/a"
	}
	return whole(o.Value*100) + "%"
}

func commas(x float64) string {
	s := fmt.Sprintf("%.0f", x)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
