package advisor

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseOutcomesCitation(t *testing.T) {
	a, err := ParseAssumptions([]byte(`{
		"build_days_rag": {"value": 31, "as_of": "2026-12-01", "source": "advisorbot calibrate, 2026-12-01", "outcomes": 12},
		"automation_share": {"value": 0.55, "outcomes": 1},
		"upkeep_days_rag": {"value": 3, "source": "your company's figure from 6 outcomes (hand-edited)", "outcomes": 7},
		"upkeep_days_hybrid": {"value": 4, "source": "your company's figure from 9 outcomes", "outcomes": 9},
		"engineer_day_rate": 800
	}`))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Assumption{}
	for _, x := range a.List() {
		got[x.Name] = x
	}
	for name, want := range map[string]Assumption{
		"build_days_rag":     {Value: 31, AsOf: "2026-12-01", Outcomes: 12, Source: "your company's figure from 12 outcomes (advisorbot calibrate, 2026-12-01)"},
		"automation_share":   {Value: 0.55, Outcomes: 1, Source: "your company's figure from 1 outcome"},
		"upkeep_days_rag":    {Value: 3, Outcomes: 7, Source: "your company's figure from 7 outcomes (hand-edited)"},
		"upkeep_days_hybrid": {Value: 4, Outcomes: 9, Source: "your company's figure from 9 outcomes"},
		"engineer_day_rate":  {Value: 800, Source: "assumptions file"},
		"build_days_hybrid":  {Value: 45, AsOf: "2026-11-27", Source: srcEstimate + " (both of the above, sharing the eval set)"},
	} {
		g := got[name]
		if g.Value != want.Value || g.AsOf != want.AsOf || g.Outcomes != want.Outcomes || g.Source != want.Source {
			t.Errorf("%s = %+v, want %+v", name, g, want)
		}
	}
	// The count reaches JSON consumers next to the source, and only there.
	rec, err := New(a).Recommend(UseCase{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(rec.Assumptions)
	if !strings.Contains(string(b), `"source":"your company's figure from 12 outcomes (advisorbot calibrate, 2026-12-01)","outcomes":12}`) {
		t.Errorf("JSON: %s", b)
	}
	if strings.Count(string(b), `"outcomes"`) != 4 {
		t.Errorf("only calibrated figures carry outcomes: %s", b)
	}

	for _, bad := range []string{`{"build_days_rag": {"value": 31, "outcomes": 0}}`, `{"build_days_rag": {"value": 31, "outcomes": 2.5}}`, `{"build_days_rag": {"value": 31, "outcomes": "many"}}`} {
		if _, err := ParseAssumptions([]byte(bad)); err == nil || !strings.Contains(err.Error(), "build_days_rag") {
			t.Errorf("%s: %v", bad, err)
		}
	}
	// Set afterwards makes it an ordinary override again.
	if err := a.Set("build_days_rag", 20, "", ""); err != nil || a.list[aBuildRAG].Outcomes != 0 {
		t.Errorf("Set kept the outcomes: %+v, %v", a.list[aBuildRAG], err)
	}
}

func TestWithSuggestions(t *testing.T) {
	sugs := []Suggestion{
		{Name: "build_days_rag", Suggested: 31, Outcomes: 12, Enough: true},
		{Name: "upkeep_days_rag", Suggested: 9, Outcomes: 2},
	}
	a, err := DefaultAssumptions().WithSuggestions(sugs, "2026-12-01", "advisorbot calibrate, 2026-12-01")
	if err != nil {
		t.Fatal(err)
	}
	if x := a.list[aBuildRAG]; x.Value != 31 || x.Outcomes != 12 || x.AsOf != "2026-12-01" || !strings.HasPrefix(x.Source, "your company's figure from 12 outcomes") {
		t.Errorf("build_days_rag = %+v", x)
	}
	if x := a.list[aMaintRAG]; x != DefaultAssumptions().list[aMaintRAG] {
		t.Errorf("a suggestion without enough outcomes was applied: %+v", x)
	}
	if _, err := DefaultAssumptions().WithSuggestions([]Suggestion{{Name: "automation_share", Suggested: 2, Outcomes: 5, Enough: true}}, "", ""); err == nil {
		t.Error("a share of 2 was accepted")
	}
}

func TestCompanySource(t *testing.T) {
	for _, c := range []struct {
		n          int
		note, want string
	}{
		{12, "", "your company's figure from 12 outcomes"},
		{1, "", "your company's figure from 1 outcome"},
		{12, "advisorbot calibrate, 2026-12-01", "your company's figure from 12 outcomes (advisorbot calibrate, 2026-12-01)"},
		// A file written by calibrate, read back: cited once.
		{12, "your company's figure from 12 outcomes (advisorbot calibrate, 2026-12-01)", "your company's figure from 12 outcomes (advisorbot calibrate, 2026-12-01)"},
		// Its count edited by hand: the count given wins.
		{15, "your company's figure from 12 outcomes (advisorbot calibrate, 2026-12-01)", "your company's figure from 15 outcomes (advisorbot calibrate, 2026-12-01)"},
		{2, "your company's figure from 1 outcome", "your company's figure from 2 outcomes"},
		// Anything else is a note.
		{3, "your company's figures, roughly", "your company's figure from 3 outcomes (your company's figures, roughly)"},
	} {
		if got := CompanySource(c.n, c.note); got != c.want {
			t.Errorf("CompanySource(%d, %q) = %q, want %q", c.n, c.note, got, c.want)
		}
	}
}
