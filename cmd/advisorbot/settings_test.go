package main

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// notSettings are environment variables the code reads that belong to the
// system, not to advisorbot.
var notSettings = map[string]bool{"XDG_DATA_HOME": true, "HOME": true, "USER": true, "USERNAME": true}

var settingNameRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]+$`)

// settingsInCode finds every environment variable the program reads: string
// literals passed to getenv-like functions (getenv, Getenv, LookupEnv,
// env) or listed in a slice ranged over for them, in non-test Go files
// outside the test-helper packages.
func settingsInCode(t *testing.T, roots ...string) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && path != root && strings.HasSuffix(d.Name(), "test") {
				return filepath.SkipDir // helpers for tests (slacktest, bottest): what they read is the tests' switch, not a setting
			}
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || !readsEnv(call) {
					return true
				}
				if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if v, err := strconv.Unquote(lit.Value); err == nil && settingNameRE.MatchString(v) {
						seen[v] = true
					}
				}
				return true
			})
			// Lists of names tried in turn: []string{"ADVISORBOT_USER", "USER"}.
			ast.Inspect(f, func(n ast.Node) bool {
				rs, ok := n.(*ast.RangeStmt)
				if !ok || !callsEnv(rs.Body) {
					return true
				}
				if cl, ok := rs.X.(*ast.CompositeLit); ok {
					for _, e := range cl.Elts {
						if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							if v, err := strconv.Unquote(lit.Value); err == nil && settingNameRE.MatchString(v) {
								seen[v] = true
							}
						}
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var out []string
	for k := range seen {
		if !notSettings[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// readsEnv reports a call of one argument to a getenv-like function.
func readsEnv(call *ast.CallExpr) bool {
	if len(call.Args) != 1 {
		return false
	}
	var name string
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		name = fn.Name
	case *ast.SelectorExpr:
		name = fn.Sel.Name
	}
	return name == "getenv" || name == "Getenv" || name == "LookupEnv" || name == "env"
}

func callsEnv(body ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && readsEnv(call) {
			found = true
		}
		return !found
	})
	return found
}

// settingsInREADME reads the first column of the README's settings tables.
func settingsInREADME(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Z][A-Z0-9_]+)` \\|")
	var out []string
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func settingsInEnvExample(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, _, ok := strings.Cut(line, "=")
		if !ok {
			t.Errorf(".env.example: %q is not NAME=value", line)
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// TestSettingsDocumented keeps the settings the code reads, the README's
// tables and .env.example the same list.
func TestSettingsDocumented(t *testing.T) {
	code := settingsInCode(t, ".", "../../bot")
	if len(code) < 20 {
		t.Fatalf("found only %d settings in the code (%v); the scan is broken", len(code), code)
	}
	if diff := cmp.Diff(code, settingsInREADME(t)); diff != "" {
		t.Errorf("README settings tables vs code (-code +README):\n%s", diff)
	}
	if diff := cmp.Diff(code, settingsInEnvExample(t)); diff != "" {
		t.Errorf(".env.example vs code (-code +.env.example):\n%s", diff)
	}
	var listed []string
	for _, s := range settings {
		listed = append(listed, s.name)
	}
	slices.Sort(listed)
	if diff := cmp.Diff(code, listed); diff != "" {
		t.Errorf("`advisorbot config` list vs code (-code +list):\n%s", diff)
	}
}

func TestConfigCommand(t *testing.T) {
	for _, s := range settings {
		t.Setenv(s.name, "") // a clean slate: unset below
		os.Unsetenv(s.name)
	}
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-1234-secretpart")
	t.Setenv("OPENAI_API_KEY", "sk-proj-abcdef0123456789")
	t.Setenv("SUMMARY_CHANNEL", "ab12-secretish") // not a secret; shown
	t.Setenv("OPENAI_BASE_URL", "https://bob:hunter2@llm.internal/v1")
	file := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(file, []byte("# comment\nLOG_LEVEL=debug\nSLACK_BOT_TOKEN=xoxb-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, "", "config", "--env-file", file)
	if code != exitOK {
		t.Fatalf("config: exit %d %s", code, errs)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^SLACK_BOT_TOKEN +xoxb-\*\*\*\* +environment$`),
		regexp.MustCompile(`(?m)^OPENAI_API_KEY +sk-\*\*\*\* +environment$`),
		regexp.MustCompile(`(?m)^LOG_LEVEL +debug +file$`),
		regexp.MustCompile(`(?m)^RETENTION_DAYS +365 +default$`),
	} {
		if !want.MatchString(out) {
			t.Errorf("config output lacks %v:\n%s", want, out)
		}
	}
	if strings.Contains(out, "secretpart") || strings.Contains(out, "abcdef") || strings.Contains(out, "from-file") || strings.Contains(out, "hunter2") {
		t.Errorf("a secret is shown:\n%s", out)
	}

	for in, want := range map[string]string{"ab12-cdef": "****", "xoxb-1-2": "xoxb-****", "": ""} {
		if got := mask(in); got != want {
			t.Errorf("mask(%q) = %q, want %q", in, got, want)
		}
	}
	os.Unsetenv("SUMMARY_CHANNEL")
	os.Unsetenv("OPENAI_BASE_URL")
	t.Setenv("SLACK_APP_TOKEN", "xapp-1-abc")
	t.Setenv("RETENTION_DAYS", "forever")
	t.Setenv("LOG_FORMAT", "xml")
	t.Setenv("BACKUP_KEEP", "0")
	code, _, errs = runCmd(t, "", "config", "check")
	if code != exitBadInput {
		t.Errorf("config check with bad values: exit %d", code)
	}
	for _, want := range []string{"RETENTION_DAYS", "LOG_FORMAT", "BACKUP_KEEP"} {
		if !strings.Contains(errs, want) {
			t.Errorf("config check does not name %s:\n%s", want, errs)
		}
	}
	os.Unsetenv("RETENTION_DAYS")
	os.Unsetenv("LOG_FORMAT")
	os.Unsetenv("BACKUP_KEEP")
	if code, out, errs := runCmd(t, "", "config", "check"); code != exitOK || !strings.Contains(out, "valid") {
		t.Errorf("config check with good values: exit %d %s %s", code, out, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.env")
	os.WriteFile(bad, []byte("this is not a setting\n"), 0o600)
	if code, _, errs := runCmd(t, "", "config", "--env-file", bad); code != exitBadInput || !strings.Contains(errs, "NAME=value") {
		t.Errorf("bad env file: exit %d %q", code, errs)
	}
}
