package arch

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/advisorbot/advisorbot/bot"
)

// TestAdaptersLeaveCommandsToTheEngine: no string in the adapters'
// code is one of the engine's command words, or starts with one as a
// command does ("what if ..."). An adapter that matched "history" or sent
// "forget me" itself would be implementing a command the engine owns; it
// passes people's words through and uses bot.Choice* for its buttons'
// values.
func TestAdaptersLeaveCommandsToTheEngine(t *testing.T) {
	words := bot.CommandWords()
	if len(words) < 10 {
		t.Fatalf("bot.CommandWords() = %q; the engine's table looks empty", words)
	}
	for _, dir := range []string{"bot/slack", "bot/teams", "bot/terminal"} {
		for _, lit := range literals(t, filepath.Join("..", "..", dir)) {
			// Case matters: code that matches a command compares against
			// the lower-case word, while labels and headings ("Skip",
			// "Show ROI", "ROI per approach") are capitalised display text.
			s := strings.TrimSpace(lit.value)
			for _, w := range words {
				if !strings.ContainsFunc(w, unicode.IsLetter) {
					continue // "?" is too common a string to be a command here
				}
				if s == w || strings.HasPrefix(s, w+" ") && !strings.Contains(s, "\n") && len(s) < 40 {
					t.Errorf("%s: %q is the engine's command word %q; commands live in package bot (bot/words.go)", lit.pos, lit.value, w)
				}
			}
		}
	}
}

type literal struct {
	pos   string
	value string
}

// literals are the string literals of a directory's non-test Go files.
func literals(t *testing.T, dir string) []literal {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []literal
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if b, ok := n.(*ast.BasicLit); ok && b.Kind == token.STRING {
				if v, err := strconv.Unquote(b.Value); err == nil {
					out = append(out, literal{fset.Position(b.Pos()).String(), v})
				}
			}
			return true
		})
	}
	return out
}
