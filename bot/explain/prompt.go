package explain

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/knowledge"
)

//go:embed prompts/*.tmpl
var promptFS embed.FS

var templates = template.Must(template.ParseFS(promptFS, "prompts/*.tmpl"))

// Prompt budget. A representative prompt must stay under 1,500 tokens
// (tested); these caps keep even a long description inside it.
const (
	maxDescriptionRunes = 1200 // about 300 tokens
	maxPassageRunes     = 420  // about 100 tokens each
	numPassages         = 4
	numReasons          = 6
	answerWords         = 180
)

// promptData is what the prompt templates read.
type promptData struct {
	Approach    advisor.Approach
	Label       string
	Words       int
	Title       string
	Department  string
	Description string
	Profile     string
	Confidence  string
	RunnerUp    string
	Reasons     []advisor.Reason
	Manual      string
	ROI         string
	Risk        string
	Step        string
	Passages    []knowledge.Passage
}

// prompt renders the chat messages for one explanation. The employee's own
// words are truncated, redacted and fenced; everything else comes from the
// rules.
func (e *Explainer) prompt(in Input) ([]llm.Message, error) {
	rec := in.Rec
	d := promptData{
		Approach:    rec.Approach,
		Label:       rec.Approach.Label(),
		Words:       answerWords,
		Title:       e.employeeText(in.Profile.Title, 120),
		Department:  e.employeeText(in.Profile.Department, 60),
		Description: e.employeeText(in.Profile.Description, maxDescriptionRunes),
		Profile:     profileLine(in.Profile),
		Confidence:  fmt.Sprintf("%.0f%%", rec.Confidence*100),
		RunnerUp:    runnerUp(rec),
		Reasons:     topReasons(rec, numReasons),
		Manual:      advisor.Money(rec.ManualMonthlyCost),
		ROI:         roiSentence(rec),
		Risk:        first(rec.Risks),
		Step:        first(rec.NextSteps),
		Passages:    e.passages(in),
	}
	if d.Description == "" {
		d.Description = "(none given)"
	}
	var sys, user strings.Builder
	if err := templates.ExecuteTemplate(&sys, "system.tmpl", d); err != nil {
		return nil, fmt.Errorf("explain: render system prompt: %w", err)
	}
	if err := templates.ExecuteTemplate(&user, "user.tmpl", d); err != nil {
		return nil, fmt.Errorf("explain: render user prompt: %w", err)
	}
	return []llm.Message{
		{Role: llm.RoleSystem, Content: sys.String()},
		{Role: llm.RoleUser, Content: user.String()},
	}, nil
}

// employeeText prepares the employee's own words for the prompt: cut to
// at most n runes, redacted with the model's redaction, then fenced.
//
// The model's Redacting decorator redacts the whole prompt again on the way
// out, but by then it would read fenced text, and fencing replaces '<' and
// '>', which the redactor takes as the end of a value or an address:
// redacting only then would redact different spans. Redacting here, before
// fencing, also keys the cache on the text the model is actually sent, so
// one stored explanation serves every prompt that redacts to it and no key
// is derived from a secret.
func (e *Explainer) employeeText(s string, n int) string {
	s = truncateRunes(s, n)
	if e.redact != nil {
		s = e.redact(s)
	}
	return fence(s)
}

// passages retrieves knowledge for the decision: the entries the main
// reasons cite first (they back the decision), then search hits for the
// approach and the use case, without repeats.
func (e *Explainer) passages(in Input) []knowledge.Passage {
	if e.cfg.KB == nil {
		return nil
	}
	var out []knowledge.Passage
	seen := map[string]bool{}
	add := func(ps []knowledge.Passage) {
		for _, p := range ps {
			if len(out) == numPassages {
				return
			}
			if seen[p.EntryID] {
				continue
			}
			seen[p.EntryID] = true
			p.Text = truncateRunes(p.Text, maxPassageRunes)
			out = append(out, p)
		}
	}
	for _, r := range topReasons(in.Rec, 3) {
		add(e.cfg.KB.Search(r.Text, 1))
	}
	add(e.cfg.KB.Search(in.Rec.Approach.Label()+" "+string(in.Profile.Task), numPassages))
	return out
}

// topReasons returns the strongest pushes for and against the chosen
// approach; Recommendation.Reasons already lists those first.
func topReasons(rec advisor.Recommendation, n int) []advisor.Reason {
	var out []advisor.Reason
	for _, r := range rec.Reasons {
		if len(out) == n {
			break
		}
		if r.Favors == rec.Approach || r.Disfavors == rec.Approach {
			out = append(out, r)
		}
	}
	return out
}

// profileLine lists the answered decision fields as key=value pairs; the
// free-text fields are rendered separately (employeeText).
func profileLine(u advisor.UseCase) string {
	var parts []string
	for _, v := range u.Values() {
		f, _ := advisor.LookupField(v.Field)
		switch f.Kind {
		case advisor.KindText:
			continue
		case advisor.KindBool:
			parts = append(parts, v.Field+"="+map[bool]string{true: "yes", false: "no"}[v.Bool])
		case advisor.KindInt, advisor.KindNumber:
			parts = append(parts, v.Field+"="+strconv.FormatFloat(v.Number, 'f', -1, 64))
		default:
			parts = append(parts, v.Field+"="+v.Text)
		}
	}
	if len(parts) == 0 {
		return "(nothing answered yet)"
	}
	return strings.Join(parts, ", ")
}

func runnerUp(rec advisor.Recommendation) string {
	if len(rec.Ranking) < 2 {
		return "none"
	}
	return string(rec.Ranking[1].Approach)
}

// roiSentence summarises the chosen approach's economics in one sentence.
func roiSentence(rec advisor.Recommendation) string {
	r, ok := rec.ROI[rec.Approach]
	if !ok || rec.Approach == advisor.KeepManual {
		return "Keeping it manual costs nothing extra and saves nothing."
	}
	return fmt.Sprintf("%s costs about %s to set up and %s a month to run, saves about %s a month of work, nets %s a month and pays back in %s.",
		rec.Approach.Label(), advisor.Money(r.OneOffCost), advisor.Money(r.MonthlyRunCost),
		advisor.Money(r.MonthlyLaborSaved), advisor.Money(r.NetMonthly), advisor.Months(r.PaybackMonths))
}

func first(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return xs[0]
}

// truncateRunes cuts s to at most n runes, at a word boundary when one is near.
func truncateRunes(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexAny(cut, " \n\t"); i > len(cut)*3/4 {
		cut = cut[:i]
	}
	return cut + " ..."
}

// fence keeps the employee's words inside the prompt's <description> block:
// angle brackets become look-alikes, so "</description>" in a description
// cannot close it.
var fence = strings.NewReplacer("<", "‹", ">", "›").Replace
