package advisor

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// TestExpertCases runs 40 use cases written by a reviewer who had not seen
// the rules, each judged from the public guidance and, for a third of them,
// from an organisation's publicly reported decision. Experts disagree at the
// margins, so each case lists the approaches a reasonable expert would also
// accept. The rules must land on an accepted approach for at least 90% of
// the cases; every miss is logged so a rule change that loses ground shows.
func TestExpertCases(t *testing.T) {
	data, err := os.ReadFile("testdata/expert_cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name       string          `json:"name"`
		Source     string          `json:"source"`
		Profile    json.RawMessage `json:"profile"`
		Want       Approach        `json:"want"`
		Acceptable []Approach      `json:"acceptable"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	adv := New(DefaultAssumptions())
	exact, accepted := 0, 0
	for _, c := range cases {
		u, err := DecodeUseCase(c.Profile)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		rec, err := adv.Recommend(u)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		switch {
		case rec.Approach == c.Want:
			exact++
		case slices.Contains(c.Acceptable, rec.Approach):
			accepted++
			t.Logf("accepted: %s (%s): got %s, expert preferred %s", c.Name, c.Source, rec.Approach, c.Want)
		default:
			t.Logf("MISS: %s (%s): got %s, want %s; ranking %v", c.Name, c.Source, rec.Approach, c.Want, rec.Ranking[:3])
		}
	}
	t.Logf("exact %d, accepted %d, of %d", exact, accepted, len(cases))
	if ok := exact + accepted; ok*10 < len(cases)*9 {
		t.Errorf("only %d of %d expert cases land on an accepted approach; want at least 90%%", ok, len(cases))
	}
}
