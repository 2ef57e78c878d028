package parse

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/advisor"
)

func TestQuickROI(t *testing.T) {
	vol := func(n float64) advisor.Value { return advisor.Value{Field: advisor.FieldMonthlyVolume, Number: n} }
	mins := func(n float64) advisor.Value { return advisor.Value{Field: advisor.FieldMinutesPerTask, Number: n} }
	cost := func(n float64) advisor.Value { return advisor.Value{Field: advisor.FieldHourlyCost, Number: n} }
	for _, tt := range []struct {
		in       string
		want     []advisor.Value
		problems []string // each problem must contain its string
	}{
		{in: "20k a month, 6 min each, $45/h", want: []advisor.Value{vol(20000), mins(6), cost(45)}},
		{in: "20k a month\n6 min each\n$45/h", want: []advisor.Value{vol(20000), mins(6), cost(45)}},
		{in: "$45/h; 6 min each; 20k a month", want: []advisor.Value{vol(20000), mins(6), cost(45)}},
		{in: "100 a day, 90 seconds per ticket, £60k a year", want: []advisor.Value{vol(3042), mins(1.5), cost(28.85)}},
		{
			in:   "volume=20000, minutes=6, rate=45, task=classify",
			want: []advisor.Value{{Field: advisor.FieldTask, Text: "classify"}, vol(20000), mins(6), cost(45)},
		},
		{in: "Volume = 5k, min=3, cost=$60/h", want: []advisor.Value{vol(5000), mins(3), cost(60)}},
		// Thousands separators are not part breaks.
		{in: "20,000 a month, 6 min each, $1,200 a week", want: []advisor.Value{vol(20000), mins(6), cost(30)}},
		{in: "1,500,000 a year, 2 min, $45/h", want: []advisor.Value{vol(125000), mins(2), cost(45)}},
		// key=value pairs need no commas between them.
		{
			in:   "volume=20000 minutes=6 rate=45 task=classify",
			want: []advisor.Value{{Field: advisor.FieldTask, Text: "classify"}, vol(20000), mins(6), cost(45)},
		},
		{in: "volume = 20k minutes = 6 rate = 45", want: []advisor.Value{vol(20000), mins(6), cost(45)}},
		{
			in:       "20k a month, 6 min each",
			want:     []advisor.Value{vol(20000), mins(6)},
			problems: []string{`missing an hourly cost such as "$45/h"`},
		},
		{
			in:       "",
			problems: []string{"missing a volume", "missing minutes per item", "missing an hourly cost"},
		},
		{
			// A part that cannot be read is named, and then nothing is said
			// about what is missing.
			in:       "20k a month, banana",
			want:     []advisor.Value{vol(20000)},
			problems: []string{`"banana" (is it a volume, minutes per item or an hourly cost?)`},
		},
		{
			in:       "volume=lots, 6 min, $45/h",
			want:     []advisor.Value{mins(6), cost(45)},
			problems: []string{`monthly_volume: could not read "lots"`},
		},
		{
			in:       "colour=red, 20k a month, 6 min each, $45/h",
			want:     []advisor.Value{vol(20000), mins(6), cost(45)},
			problems: []string{`"colour" is not a profile field`},
		},
	} {
		u, problems := QuickROI(tt.in)
		if diff := cmp.Diff(tt.want, u.Values()); diff != "" {
			t.Errorf("QuickROI(%q) profile (-want +got):\n%s", tt.in, diff)
		}
		ok := len(problems) == len(tt.problems)
		for k := 0; ok && k < len(problems); k++ {
			ok = strings.Contains(problems[k], tt.problems[k])
		}
		if !ok {
			t.Errorf("QuickROI(%q) problems %q, want %q", tt.in, problems, tt.problems)
		}
	}
}
