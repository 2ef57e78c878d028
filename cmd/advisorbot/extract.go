package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/render"
)

// runExtract implements `advisorbot extract [--json] [TEXT...|-]`: the
// profile fields read from a description, with where each came from.
func runExtract(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	asJSON := false
	var words []string
	for _, a := range args {
		switch a {
		case "--json", "-json":
			asJSON = true
		case "-h", "-help", "--help":
			fmt.Fprintln(stdout, "Usage: advisorbot extract [--json] [TEXT...|-]\nReads a description (the words, or standard input) and prints the profile fields it states.")
			return exitOK
		default:
			words = append(words, a)
		}
	}
	text := strings.Join(words, " ")
	if text == "" || text == "-" {
		data, err := readInput("-", stdin)
		if err != nil {
			fmt.Fprintf(stderr, "extract: %v\n", err)
			return exitBadInput
		}
		text = string(data)
	}
	if strings.TrimSpace(text) == "" {
		fmt.Fprintln(stderr, `extract: give a description, for example: advisorbot extract "We route about 2,000 tickets a week; each takes 6 minutes."`)
		return exitBadInput
	}
	lang, err := newLanguage(cliLogger(stderr), os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "extract: %v\n", err)
		return exitBadInput
	}
	res, err := lang.extractor.Extract(ctx, text)
	if err != nil {
		fmt.Fprintf(stderr, "extract: %v\n", err)
		return exitInternal
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(struct {
			Profile  advisor.UseCase   `json:"profile"`
			Inferred []string          `json:"inferred"`
			Evidence map[string]string `json:"evidence"`
			Source   extract.Source    `json:"source"`
		}{res.Profile, nonNil(res.Inferred), res.Evidence, res.Source})
	} else {
		err = writeExtraction(stdout, res)
	}
	if err != nil {
		fmt.Fprintf(stderr, "extract: write result: %v\n", err)
		return exitInternal
	}
	return exitOK
}

func writeExtraction(w io.Writer, res extract.Result) error {
	if len(res.Inferred) == 0 {
		_, err := fmt.Fprintln(w, "Nothing in the description could be read with confidence; advisorbot would ask.")
		return err
	}
	fmt.Fprintf(w, "Read by %s:\n", res.Source)
	for _, v := range res.Profile.Values() {
		val := v.Text
		f, _ := advisor.LookupField(v.Field)
		switch f.Kind {
		case advisor.KindBool:
			val = map[bool]string{true: "yes", false: "no"}[v.Bool]
		case advisor.KindInt, advisor.KindNumber:
			val = advisor.Count(v.Number)
			if v.Number != float64(int64(v.Number)) {
				val = fmt.Sprintf("%.2f", v.Number)
			}
		}
		// val can be the description's words; the evidence is quoted (%q).
		line := fmt.Sprintf("  %-18s %s", v.Field, render.StripControls(val))
		if ev := res.Evidence[v.Field]; ev != "" {
			line += fmt.Sprintf("   (from %q)", ev)
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
