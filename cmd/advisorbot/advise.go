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

	"sigs.k8s.io/yaml"

	"github.com/advisorbot/advisorbot/advisor"
)

// maxProfileBytes bounds what advise reads: a profile is a few kilobytes,
// so anything near this is a mistake (a wrong file), not a profile.
const maxProfileBytes = 1 << 20

// runAdvise implements `advisorbot advise [--json] [--assumptions FILE] [FILE|-]`.
func runAdvise(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("advise", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the recommendation as JSON")
	assumptions := fs.String("assumptions", "", "JSON or YAML `file` overriding ROI defaults")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: advisorbot advise [--json] [--assumptions FILE] [FILE|-]")
		fmt.Fprintln(stderr, "Reads one use-case profile as JSON from FILE, or standard input when FILE is - or absent.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "advise: takes at most one profile file, got %d (%s)\n", fs.NArg(), strings.Join(fs.Args(), " "))
		return exitBadInput
	}
	adv, code := loadAdvisor(*assumptions, stderr)
	if adv == nil {
		return code
	}
	name := fs.Arg(0)
	data, err := readInput(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "advise: %v\n", err)
		return exitBadInput
	}
	u, err := advisor.DecodeUseCase(data)
	if err != nil {
		return reportProblems(stderr, "advise", err)
	}
	return recommend(adv, u, *asJSON, stdout, stderr)
}

// recommend prints the recommendation for u, as text or JSON.
func recommend(adv *advisor.Advisor, u advisor.UseCase, asJSON bool, stdout, stderr io.Writer) int {
	rec, err := adv.Recommend(u)
	if err != nil {
		return reportProblems(stderr, "advise", err)
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rec)
	} else {
		err = writeReport(stdout, u.Title, rec)
	}
	if err != nil {
		fmt.Fprintf(stderr, "advise: write result: %v\n", err)
		return exitInternal
	}
	return exitOK
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
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "assumptions: cannot read the file: %v\n", err)
		return nil, exitBadInput
	}
	if isYAML(path, data) {
		if data, err = yaml.YAMLToJSON(data); err != nil {
			fmt.Fprintf(stderr, "assumptions: %s is not valid YAML: %v\n", path, err)
			return nil, exitBadInput
		}
	}
	a, err := advisor.ParseAssumptions(data)
	if err != nil {
		return nil, reportProblems(stderr, "assumptions", err)
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

// usageExit maps a flag parsing error to an exit code; -h is not an error.
func usageExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitBadInput
}
