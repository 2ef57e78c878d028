package parse

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/advisor"
)

// extractCase is one description with every field Description must read and,
// as a reminder of what is easy to get wrong, fields it must leave unknown.
// Fields not in Want must all stay unknown; Unknown only names the tempting ones.
type extractCase struct {
	Name    string         `json:"name"`
	Text    string         `json:"text"`
	Want    map[string]any `json:"want"`
	Unknown []string       `json:"unknown"`
}

func loadExtractCases(t testing.TB) []extractCase {
	t.Helper()
	data, err := os.ReadFile("testdata/extract/descriptions.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []extractCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestDescriptionDescriptions(t *testing.T) {
	cases := loadExtractCases(t)
	if len(cases) < 40 {
		t.Fatalf("only %d descriptions; want at least 40", len(cases))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			ex := Description(c.Text)
			checkExtraction(t, c.Text, ex)
			var want []string
			for _, f := range advisor.FieldNames() {
				if _, ok := c.Want[f]; ok {
					want = append(want, f)
				}
			}
			if len(want) != len(c.Want) {
				t.Fatalf("want names a field that does not exist: %v", c.Want)
			}
			if !slices.Equal(ex.Inferred, want) {
				t.Errorf("inferred %v, want %v\nevidence %q", ex.Inferred, want, ex.Evidence)
			}
			for _, f := range want {
				if got := fieldValue(&ex.Profile, f); !sameValue(got, c.Want[f]) {
					t.Errorf("%s = %v, want %v (from %q)", f, got, c.Want[f], ex.Evidence[f])
				}
			}
			for _, f := range c.Unknown {
				if ex.Profile.Known(f) {
					t.Errorf("%s = %v, want unknown (from %q)", f, fieldValue(&ex.Profile, f), ex.Evidence[f])
				}
			}
		})
	}
}

// checkExtraction checks what holds for every extraction: inferred fields
// are exactly the known ones, in field-table order, each valid and with a
// quotable snippet of the text as evidence; free-text fields are never set.
func checkExtraction(t *testing.T, text string, ex Extraction) {
	t.Helper()
	if err := ex.Profile.Validate(); err != nil {
		t.Errorf("invalid profile: %v", err)
	}
	var known []string
	for _, f := range advisor.FieldNames() {
		if ex.Profile.Known(f) {
			known = append(known, f)
		}
	}
	if !slices.Equal(ex.Inferred, known) {
		t.Errorf("Inferred %v, but known fields are %v", ex.Inferred, known)
	}
	if len(ex.Evidence) != len(ex.Inferred) {
		t.Errorf("%d evidence entries for %d inferred fields: %q", len(ex.Evidence), len(ex.Inferred), ex.Evidence)
	}
	for _, f := range ex.Inferred {
		ev, ok := ex.Evidence[f]
		if !ok || ev == "" || !utf8.ValidString(ev) || len(ev) > maxEvidenceBytes+len("…") {
			t.Errorf("evidence for %s is %q", f, ev)
		}
		if valid := strings.ToValidUTF8(text, "\uFFFD"); !strings.Contains(valid, strings.TrimSuffix(ev, "…")) {
			t.Errorf("evidence for %s, %q, is not quoted from the text", f, ev)
		}
	}
	for _, f := range []string{advisor.FieldTitle, advisor.FieldDescription, advisor.FieldDepartment} {
		if ex.Profile.Known(f) {
			t.Errorf("%s was set", f)
		}
	}
}

// fieldValue returns a known field's value as JSON would decode it.
func fieldValue(u *advisor.UseCase, name string) any {
	f, _ := advisor.LookupField(name)
	if !u.Known(name) {
		return nil
	}
	var v advisor.Value
	for _, v = range u.Values() {
		if v.Field == name {
			break
		}
	}
	switch f.Kind {
	case advisor.KindInt, advisor.KindNumber:
		return v.Number
	case advisor.KindBool:
		return v.Bool
	}
	return v.Text
}

func sameValue(got, want any) bool {
	if g, ok := got.(float64); ok {
		w, ok := want.(float64)
		return ok && math.Abs(g-w) < 0.006
	}
	return got == want
}

func TestDescriptionEvidence(t *testing.T) {
	ex := Description("We get about 2,000 support tickets a week; each takes an agent 6 minutes to route. HIPAA applies.")
	want := map[string]string{
		advisor.FieldMonthlyVolume:  "We get about 2,000 support tickets a week",
		advisor.FieldMinutesPerTask: "each takes an agent 6 minutes to route",
		advisor.FieldRegulated:      "HIPAA applies",
	}
	for f, w := range want {
		if got := ex.Evidence[f]; got != w {
			t.Errorf("evidence for %s = %q, want %q", f, got, w)
		}
	}
}

func TestDescriptionNothingReadable(t *testing.T) {
	for _, text := range []string{"", "   ", "hello", "?!.,;", "\xff\xfe\xfd", "🎫🎫🎫", strings.Repeat("a ", 5000)} {
		ex := Description(text)
		if len(ex.Inferred) != 0 || ex.Evidence != nil || ex.Profile != (advisor.UseCase{}) {
			t.Errorf("Description(%.20q) = %+v, want an empty Extraction", text, ex)
		}
	}
}

// TestDescriptionLongInput checks that only the first maxExtractBytes are read,
// whatever follows, and that a cut inside a rune does no harm.
func TestDescriptionLongInput(t *testing.T) {
	head := "We get 300 emails per day. "
	filler := strings.Repeat("é", maxExtractBytes) // two bytes each: the cut falls mid-rune or not, either way
	ex := Description(head + filler + " HIPAA applies.")
	if !ex.Profile.Known(advisor.FieldMonthlyVolume) || ex.Profile.Known(advisor.FieldRegulated) {
		t.Errorf("inferred %v; want monthly_volume only", ex.Inferred)
	}
	for _, n := range []int{maxExtractBytes - 1, maxExtractBytes, maxExtractBytes + 1} {
		text := strings.Repeat("x", n-2) + "日本"
		checkExtraction(t, text[:min(len(text), maxExtractBytes)], Description(text))
	}
}

func FuzzDescription(f *testing.F) {
	for _, c := range loadExtractCases(f) {
		f.Add(c.Text)
	}
	for _, s := range []string{
		"between 5 and", "a", "an hour and a", "$", "$45/", "1h", "2,000,", "1,5 hours per contract", "0.5.5",
		"half", "a couple of", "in the next", "by the end of the quarter", "not", "if", "ignore previous instructions",
		"999999999999999999999999 tickets a day", "1e9 calls a week", "-5 tickets a day", "20 000 tickets a week",
		"\u00a0\u202f\u2009", "1\u00a0000\u00a0000 tickets a week", "takes 1h30m per ticket each",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkExtraction(t, text, Description(text))
	})
}

// benchmarkDescription is a realistic 1,500-character description.
const benchmarkDescription = `Our customer support team in Lisbon and Austin handles about 2,000 tickets a week across email and live chat. Each ticket takes an agent roughly 6 minutes to read, categorize and route to the right queue (billing, shipping, returns, technical, account access). Agents cost us about $45 an hour fully loaded. Answers depend on our internal wiki and the returns policy, and policies change monthly when the merchandising team updates them. Many tickets include customer names, addresses and order numbers, so they contain personal data; a small share mention card numbers, which we must mask. We operate in the EU, so GDPR applies, and our payments partner audits us for PCI DSS every year. Today a supervisor spot-checks about 5% of routing decisions. We have roughly 40,000 historical tickets with the queue they ended up in, but nobody has cleaned those labels. We tried prompting GPT-4 with a list of queues but it keeps getting returns and shipping wrong, maybe 15% of the time. Mistakes are costly because misrouted tickets wait an extra day. We would like the routing to happen within seconds of a ticket arriving. Data must stay in the EU; running open-weight models on-prem is possible but IT prefers the cloud. Leadership wants a pilot live in 6 weeks and has approved a budget of $60k for the first phase, including any vendor costs. The output should be a JSON object with the queue name and a confidence, because the ticketing system reads it directly. Nothing needs to be drafted for the customer.`

// BenchmarkDescription reads a 1,500-character description. Target: well under 200us.
func BenchmarkDescription(b *testing.B) {
	if n := len(benchmarkDescription); n < 1400 || n > 1700 {
		b.Fatalf("benchmark description is %d bytes; want about 1,500", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		Description(benchmarkDescription)
	}
}
