package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/advisorbot/advisorbot/advisor"
)

// loadAssumptions reads an assumptions file (JSON, or YAML by extension or
// content) over the defaults. Its errors are advisor.Problems when the
// file's content is at fault, so callers can print one line per problem.
func loadAssumptions(path string) (advisor.Assumptions, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return advisor.Assumptions{}, fmt.Errorf("cannot read the file: %w", err)
	}
	if isYAML(path, data) {
		if data, err = yaml.YAMLToJSON(data); err != nil {
			return advisor.Assumptions{}, advisor.Problems{{Message: fmt.Sprintf("%s is not valid YAML: %v", path, err)}}
		}
	}
	return advisor.ParseAssumptions(data)
}

// assumptionsFromEnv reads ASSUMPTIONS_FILE, the figures the bot advises
// with (empty: the defaults). A file that cannot be read or has a problem
// stops start-up with every problem named: advising on figures the
// operator did not mean is worse than not starting.
func assumptionsFromEnv(getenv func(string) string) (advisor.Assumptions, error) {
	path := strings.TrimSpace(getenv("ASSUMPTIONS_FILE"))
	if path == "" {
		return advisor.DefaultAssumptions(), nil
	}
	a, err := loadAssumptions(path)
	if err == nil {
		return a, nil
	}
	var ps advisor.Problems
	if !errors.As(err, &ps) {
		return a, fmt.Errorf("ASSUMPTIONS_FILE=%s: %w", path, err)
	}
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = fmt.Sprintf("ASSUMPTIONS_FILE=%s: %s", path, p)
	}
	return a, errors.New(strings.Join(lines, "\n"))
}

// calibratedNote is the note calibrated figures are cited with: the
// citation reads "your company's figure from N outcomes (advisorbot
// calibrate, 2026-12-01)".
func calibratedNote(day string) string { return "advisorbot calibrate, " + day }

// writeAssumptionsYAML writes every figure of a that is not the default,
// in the object form `--assumptions` and ASSUMPTIONS_FILE read, so that
// applying the file reproduces a exactly: the calibrated figures, and any
// override of the file calibrate started from (which would otherwise be
// lost when this file replaces it). Comments say where each calibrated
// figure came from.
func writeAssumptionsYAML(w io.Writer, c *calibration) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# advisorbot assumptions, written by advisorbot calibrate on %s from %s.\n", c.day(), c.outcomesPhrase())
	b.WriteString("# Nothing changes until an operator applies it: advisorbot advise --assumptions FILE,\n")
	b.WriteString("# or ASSUMPTIONS_FILE=FILE for the bot. Names not listed keep advisorbot's defaults.\n")
	defs := advisor.DefaultAssumptions()
	def := defs.List()
	sugs := map[string]advisor.Suggestion{}
	for _, s := range c.Suggestions {
		sugs[s.Name] = s
	}
	written := 0
	for i, a := range c.Applied.List() {
		if a == def[i] {
			continue
		}
		b.WriteString("\n")
		if s, ok := sugs[a.Name]; ok && s.Enough {
			fmt.Fprintf(&b, "# %s: median %s %s implied by %d outcomes; default %s.\n",
				a.Name, number(s.Observed), a.Unit, s.Outcomes, number(def[i].Value))
		} else {
			fmt.Fprintf(&b, "# %s: kept from the assumptions in use; default %s.\n", a.Name, number(def[i].Value))
		}
		fmt.Fprintf(&b, "%s:\n  value: %s\n", a.Name, strconv.FormatFloat(a.Value, 'f', -1, 64))
		if a.AsOf != "" {
			fmt.Fprintf(&b, "  as_of: %s\n", yamlString(a.AsOf))
		}
		// The source is written as cited; the loader cites a figure with
		// outcomes from its count again, so an edited count cannot leave
		// a stale citation.
		fmt.Fprintf(&b, "  source: %s\n", yamlString(a.Source))
		if a.Outcomes > 0 {
			fmt.Fprintf(&b, "  outcomes: %d\n", a.Outcomes)
		}
		written++
	}
	if written == 0 {
		b.WriteString("\n{}\n") // an empty mapping, which the loader reads as "all defaults"
	}
	_, err := w.Write(b.Bytes())
	return err
}

// yamlString quotes s as a YAML double-quoted scalar, whose escapes are a
// superset of JSON's.
func yamlString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// number prints a figure as people write it: up to three decimals, no
// trailing zeros.
func number(x float64) string {
	return strconv.FormatFloat(math.Round(x*1000)/1000, 'f', -1, 64)
}

// outTarget checks calibrate's --out before any work: it must not exist
// (unless force), must not be a directory or inside the data directory
// (where it could replace one of the store's files), and its directory
// must exist.
func outTarget(out, dataDir string, force bool) error {
	if inside(out, dataDir) {
		return fmt.Errorf("--out %s is inside the data directory %s; write the assumptions file elsewhere", out, dataDir)
	}
	fi, err := os.Stat(out)
	switch {
	case err == nil && fi.IsDir():
		return fmt.Errorf("--out %s is a directory; give a file name such as assumptions.yaml", out)
	case err == nil && !force:
		return fmt.Errorf("%s already exists; add --force to replace it, or choose another --out", out)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("--out %s: %w", out, err)
	}
	if _, err := os.Stat(filepath.Dir(out)); err != nil {
		return fmt.Errorf("--out %s: its directory %s does not exist", out, filepath.Dir(out))
	}
	return nil
}
