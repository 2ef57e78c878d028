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

var settingName = regexp.MustCompile(`^[A-Z][A-Z0-9_]+$`)

// settingsInCode finds every environment variable the program reads: string
// literals passed to getenv-like functions (getenv, Getenv, LookupEnv,
// env) or listed in a slice ranged over for them, in non-test Go files.
func settingsInCode(t *testing.T, roots ...string) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
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
					if v, err := strconv.Unquote(lit.Value); err == nil && settingName.MatchString(v) {
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
							if v, err := strconv.Unquote(lit.Value); err == nil && settingName.MatchString(v) {
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
}
