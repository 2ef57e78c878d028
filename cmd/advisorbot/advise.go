package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/render"
)

// maxProfileBytes bounds what advise reads: a profile is a few kilobytes,
// so anything near this is a mistake (a wrong file), not a profile.
const maxProfileBytes = 1 << 20

// runAdvise implements `advisorbot advise [--json] [--assumptions FILE] [FILE|-]`.
func runAdvise(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("advise", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the recommendation as JSON")
	assumptions := fs.String("assumptions", "", "JSON or YAML `file` overriding ROI defaults")
	withExplain := fs.Bool("explain", false, "add an explanation in plain words (a language model's when OPENAI_* is set, else rule-written)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: advisorbot advise [--json] [--explain] [--assumptions FILE] [FILE|-]")
		fmt.Fprintln(stderr, "Reads one use-case profile as JSON from FILE, or standard input when FILE is - or absent.")
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return usageExit(err)
	}
	if len(files) > 1 {
		fmt.Fprintf(stderr, "advise: takes at most one profile file, got %d (%s)\n", len(files), strings.Join(files, " "))
		return exitBadInput
	}
	adv, code := loadAdvisor(*assumptions, stderr)
	if adv == nil {
		return code
	}
	name := ""
	if len(files) == 1 {
		name = files[0]
	}
	data, err := readInput(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "advise: %v\n", err)
		return exitBadInput
	}
	u, err := advisor.DecodeUseCase(data)
	if err != nil {
		return reportProblems(stderr, "advise", err)
	}
	return recommend(ctx, adv, u, output{json: *asJSON, explain: *withExplain}, stdout, stderr)
}

// output says how recommend prints.
type output struct {
	json    bool
	explain bool
}

// adviceJSON is the --json output: the recommendation, and with --explain
// its explanation.
type adviceJSON struct {
	advisor.Recommendation
	Explanation *explanationJSON `json:"explanation,omitempty"`
}

type explanationJSON struct {
	Text   string         `json:"text"`
	Source explain.Source `json:"source"` // model, cache or rules
}

// recommend prints the recommendation for u, as text or JSON, and its
// explanation when asked.
func recommend(ctx context.Context, adv *advisor.Advisor, u advisor.UseCase, out output, stdout, stderr io.Writer) int {
	rec, err := adv.RecommendInferred(u, nil) // with the questions still worth answering
	if err != nil {
		return reportProblems(stderr, "advise", err)
	}
	var lang *language
	if out.explain {
		if lang, err = newLanguage(cliLogger(stderr), os.Getenv); err != nil {
			fmt.Fprintf(stderr, "advise: %v\n", err)
			return exitBadInput
		}
	}
	if out.json {
		v := adviceJSON{Recommendation: rec}
		if lang != nil {
			x, err := lang.explainer.Explain(ctx, explain.Input{Profile: u, Rec: rec}, nil)
			if err != nil {
				fmt.Fprintf(stderr, "advise: explain: %v\n", err)
				return exitInternal
			}
			v.Explanation = &explanationJSON{Text: x.Text, Source: x.Source}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(v)
	} else {
		err = writeReport(stdout, u.Title, rec)
		if err == nil && lang != nil {
			err = streamExplanation(ctx, lang, u, rec, stdout)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "advise: write result: %v\n", err)
		return exitInternal
	}
	return exitOK
}

// streamExplanation prints the explanation as it arrives; if the model's
// text is rejected midway, it says so and prints the rule-written one.
func streamExplanation(ctx context.Context, lang *language, u advisor.UseCase, rec advisor.Recommendation, w io.Writer) error {
	if _, err := fmt.Fprintln(w, "\nIn plain words:"); err != nil {
		return err
	}
	x, err := lang.explainer.Explain(ctx, explain.Input{Profile: u, Rec: rec}, func(d string) error {
		_, err := io.WriteString(w, render.StripControls(d)) // a model's words must not drive the terminal
		return err
	})
	if err != nil {
		return err
	}
	if x.Replaced {
		_, err = fmt.Fprintf(w, "\n\n(The model's explanation did not hold to the rules' decision, so here is the rule-written one.)\n%s", render.StripControls(x.Text))
	}
	if err == nil {
		_, err = fmt.Fprintln(w)
	}
	return err
}

// readInput reads the named file, or stdin for "" and "-".
func readInput(name string, stdin io.Reader) ([]byte, error) {
	r := stdin
	what := "standard input"
	if name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("cannot open the profile: %w", err)
		}
		defer f.Close()
		r, what = f, name
	}
	data, err := io.ReadAll(io.LimitReader(r, maxProfileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", what, err)
	}
	if len(data) > maxProfileBytes {
		return nil, fmt.Errorf("%s is larger than %d bytes; a profile is one small JSON object", what, maxProfileBytes)
	}
	return data, nil
}

// loadAdvisor builds the advisor from the defaults and an optional
// assumptions file. On failure it has printed why and returns the exit code.
func loadAdvisor(path string, stderr io.Writer) (*advisor.Advisor, int) {
	if path == "" {
		return advisor.New(advisor.DefaultAssumptions()), exitOK
	}
	a, err := loadAssumptions(path)
	var ps advisor.Problems
	switch {
	case errors.As(err, &ps):
		return nil, reportProblems(stderr, "assumptions", err)
	case err != nil:
		fmt.Fprintf(stderr, "assumptions: %v\n", err)
		return nil, exitBadInput
	}
	return advisor.New(a), exitOK
}

// isYAML decides by extension, and for other names by whether the content
// starts like a JSON object.
func isYAML(path string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return true
	case ".json":
		return false
	}
	s := strings.TrimSpace(string(data))
	return !strings.HasPrefix(s, "{")
}

// reportProblems prints one line per problem and returns exit 2 for the
// user's mistakes, exit 1 for anything else.
func reportProblems(stderr io.Writer, op string, err error) int {
	var ps advisor.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Fprintf(stderr, "%s: %s\n", op, p)
		}
		return exitBadInput
	}
	fmt.Fprintf(stderr, "%s: internal error: %v\n", op, err)
	return exitInternal
}

// parseInterspersed parses flags wherever they stand, so "advise
// profile.json --json" works as people type it; the rest are returned.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// usageExit maps a flag parsing error to an exit code; -h is not an error.
func usageExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitBadInput
}
