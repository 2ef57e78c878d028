package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
)

// roiAliases are the short flags of `advisorbot roi` for the three figures
// every estimate needs.
var roiAliases = map[string]string{
	"volume":  advisor.FieldMonthlyVolume,
	"minutes": advisor.FieldMinutesPerTask,
	"rate":    advisor.FieldHourlyCost,
}

// runROI implements `advisorbot roi --volume N --minutes M --rate R [--FIELD VALUE ...]`.
// Values are read as people type them ("5k", "20,000 a month", "$45/h"), so
// the flags accept what the chat accepts.
func runROI(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("roi", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the recommendation as JSON")
	assumptions := fs.String("assumptions", "", "JSON or YAML `file` overriding ROI defaults")
	withExplain := fs.Bool("explain", false, "add an explanation in plain words")

	var u advisor.UseCase
	var problems advisor.Problems
	given := map[string]bool{}
	set := func(field string) func(string) error {
		return func(text string) error {
			if given[field] {
				problems = append(problems, advisor.Problem{Field: field, Message: "is given more than once; give it once"})
				return nil
			}
			given[field] = true
			v, err := parse.Answer(field, text)
			if err == nil {
				err = u.Set(v)
			}
			if err != nil {
				problems = append(problems, advisor.Problem{Field: field, Message: problemText(field, err)})
			}
			return nil // collected, so every bad flag is reported at once
		}
	}
	for alias, field := range roiAliases {
		fs.Func(alias, "", set(field))
	}
	for _, f := range advisor.Fields() {
		fs.Func(f.Name, "", set(f.Name))
		if dashed := strings.ReplaceAll(f.Name, "_", "-"); dashed != f.Name {
			fs.Func(dashed, "", set(f.Name))
		}
	}
	// The flag package's own listing would print every field twice (with
	// underscores and dashes); a parse error gets a one-line hint instead.
	fs.Usage = func() { fmt.Fprintln(stderr, "run 'advisorbot roi -h' for the flags") }
	if wantsHelp(args) {
		roiUsage(stdout)
		return exitOK
	}
	if err := fs.Parse(args); err != nil {
		return exitBadInput
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "roi: unexpected argument %q; every value goes with a flag, such as --volume 5000\n", fs.Arg(0))
		return exitBadInput
	}
	for _, alias := range []string{"volume", "minutes", "rate"} {
		if field := roiAliases[alias]; !u.Known(field) && !hasProblem(problems, field) {
			f, _ := advisor.LookupField(field)
			problems = append(problems, advisor.Problem{Field: field, Message: fmt.Sprintf("is required: add --%s, for example --%s %q", alias, alias, f.Example)})
		}
	}
	if len(problems) > 0 {
		return reportProblems(stderr, "roi", problems)
	}
	adv, code := loadAdvisor(*assumptions, stderr)
	if adv == nil {
		return code
	}
	return recommend(ctx, adv, u, output{json: *asJSON, explain: *withExplain}, stdout, stderr)
}

// problemText is the part of an answer error after the field name.
func problemText(field string, err error) string {
	var ps advisor.Problems
	if errors.As(err, &ps) && len(ps) == 1 {
		return ps[0].Message
	}
	return strings.TrimPrefix(err.Error(), field+": ")
}

func hasProblem(ps advisor.Problems, field string) bool {
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}

func roiUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: advisorbot roi --volume N --minutes M --rate R [--FIELD VALUE ...] [--json] [--assumptions FILE]")
	fmt.Fprintln(w, "Example: advisorbot roi --volume '2k a week' --minutes 6 --rate '$45/h' --task classify")
	fmt.Fprintln(w, "\nValues are read as people type them. Flags (dashes or underscores):")
	fmt.Fprintln(w, "  --volume, --minutes, --rate  short for --monthly_volume, --minutes_per_task, --hourly_cost")
	for _, f := range advisor.Fields() {
		hint := "e.g. " + f.Example
		if len(f.Options) > 0 {
			hint = strings.Join(f.Options, " | ")
		}
		fmt.Fprintf(w, "  --%-19s %s (%s)\n", f.Name, f.Question, hint)
	}
	fmt.Fprintln(w, "  --json                print the recommendation as JSON")
	fmt.Fprintln(w, "  --explain             add an explanation in plain words")
	fmt.Fprintln(w, "  --assumptions FILE    JSON or YAML file overriding ROI defaults")
}

// wantsHelp reports whether the arguments ask for help.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help", "--h":
			return true
		}
	}
	return false
}
