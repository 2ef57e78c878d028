package parse

import (
	"errors"
	"testing"
)

func TestReadFigure(t *testing.T) {
	tests := []struct {
		kind, text string
		want       Figure
	}{
		{FigureBuildCost, "$15k", Figure{Value: 15000}},
		{FigureBuildCost, "about 20,000 dollars", Figure{Value: 20000}},
		{FigureBuildCost, "it cost us $12k to build", Figure{Value: 12000}},
		{FigureBuildCost, "1.2 million", Figure{Value: 1.2e6}},
		{FigureBuildCost, "10k to 20k", Figure{Value: 15000}},
		{FigureRunCost, "$400 a month", Figure{Value: 400}},
		{FigureRunCost, "400", Figure{Value: 400}},
		{FigureRunCost, "$100 a week", Figure{Value: 433.33}},
		{FigureRunCost, "12k a year to run", Figure{Value: 1000}},
		{FigureRunCost, "about $30 per day", Figure{Value: 912.5}},
		{FigureTimeSaved, "3 minutes an item", Figure{Value: 3, PerItem: true}},
		{FigureTimeSaved, "saves us 3 minutes a ticket", Figure{Value: 3, PerItem: true}},
		{FigureTimeSaved, "half an hour each", Figure{Value: 30, PerItem: true}},
		{FigureTimeSaved, "5", Figure{Value: 5, PerItem: true}},
		{FigureTimeSaved, "40 hours a month", Figure{Value: 40}},
		{FigureTimeSaved, "2 days a week", Figure{Value: 69.33}},
		{FigureTimeSaved, "it saves 10 hours a week", Figure{Value: 43.33}},
	}
	for _, tt := range tests {
		got, err := ReadFigure(tt.kind, tt.text)
		if err != nil {
			t.Errorf("ReadFigure(%s, %q): %v", tt.kind, tt.text, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ReadFigure(%s, %q) = %+v, want %+v", tt.kind, tt.text, got, tt.want)
		}
	}
}

func TestReadFigureRejects(t *testing.T) {
	tests := []struct{ kind, text string }{
		{FigureBuildCost, ""},
		{FigureBuildCost, "$400 a month"},
		{FigureBuildCost, "a lot"},
		{FigureBuildCost, "-5"},
		{FigureRunCost, "cheap"},
		{FigureTimeSaved, "lots"},
		{FigureTimeSaved, "$40"},
		{"color", "red"},
		{FigureBuildCost, string(make([]byte, 5000))},
	}
	for _, tt := range tests {
		_, err := ReadFigure(tt.kind, tt.text)
		var ae *AnswerError
		if !errors.As(err, &ae) {
			t.Errorf("ReadFigure(%s, %.20q) = %v, want an *AnswerError", tt.kind, tt.text, err)
			continue
		}
		if ae.Example == "" || ae.Reason == "" {
			t.Errorf("ReadFigure(%s, %.20q): error %q lacks a reason or an example", tt.kind, tt.text, ae)
		}
	}
}

func FuzzReadFigure(f *testing.F) {
	for _, s := range []string{"$15k", "3 minutes an item", "40 hours a month", "12k a year"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range []string{FigureBuildCost, FigureRunCost, FigureTimeSaved} {
			if fig, err := ReadFigure(k, s); err == nil && (fig.Value < 0 || fig.Value > maxFigure) {
				t.Fatalf("ReadFigure(%s, %q) = %v", k, s, fig)
			}
		}
	})
}
