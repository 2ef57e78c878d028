package advisor

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// evalCase is one case of the conversation evaluation
// (testdata/eval/cases.json): a description as an employee would type it,
// the full profile behind it (hidden from the conversation), and the
// approaches the public guidance or the case report supports. The cases
// were written from the guidance by a reviewer who had not seen the rules.
type evalCase struct {
	Name        string          `json:"name"`
	Source      string          `json:"source"`
	Description string          `json:"description"`
	Profile     json.RawMessage `json:"profile"`
	Want        Approach        `json:"want"`
	Acceptable  []Approach      `json:"acceptable"`
	Why         string          `json:"why"`
}

func loadEvalCases(t testing.TB) []evalCase {
	t.Helper()
	data, err := os.ReadFile("testdata/eval/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []evalCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestEvalProfiles: given the full hidden profile, the rules must agree
// with the guidance on at least 95% of the conversation cases.
func TestEvalProfiles(t *testing.T) {
	adv := New(DefaultAssumptions())
	cases := loadEvalCases(t)
	ok := 0
	per := map[Approach][2]int{}
	for _, c := range cases {
		u, err := DecodeUseCase(c.Profile)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		rec, err := adv.Recommend(u)
		if err != nil {
			t.Fatal(err)
		}
		n := per[c.Want]
		n[1]++
		if rec.Approach == c.Want || slices.Contains(c.Acceptable, rec.Approach) {
			ok++
			n[0]++
		} else {
			t.Logf("MISS %s: got %s, want %s %v; ranking %v", c.Name, rec.Approach, c.Want, c.Acceptable, rec.Ranking[:3])
		}
		per[c.Want] = n
	}
	t.Logf("full profiles: %d of %d agree; by approach %v", ok, len(cases), per)
	if ok*100 < len(cases)*95 {
		t.Errorf("only %d of %d full profiles agree with the guidance; want at least 95%%", ok, len(cases))
	}
}
