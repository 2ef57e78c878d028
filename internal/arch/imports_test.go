package arch

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/advisorbot/advisorbot"

// pkg is one package directory's imports, from its non-test files and
// from its test files.
type pkg struct {
	path          string // import path
	imports, test []string
}

// packages reads the imports of every package in the module from source,
// so the test needs neither the go command nor the network.
func packages(t *testing.T) map[string]*pkg {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	out := map[string]*pkg{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		ip := path.Join(module, filepath.ToSlash(rel))
		k := out[ip]
		if k == nil {
			k = &pkg{path: ip}
			out[ip] = k
		}
		for _, im := range f.Imports {
			v, _ := strconv.Unquote(im.Path.Value)
			if strings.HasSuffix(p, "_test.go") {
				k.test = append(k.test, v)
			} else {
				k.imports = append(k.imports, v)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func within(p, tree string) bool { return p == tree || strings.HasPrefix(p, tree+"/") }

func std(imp string) bool { return !strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") }

// TestSDKsHaveOneImporter: only bot/slack speaks slack-go, only
// bot/llm/openai speaks go-openai, only bot/store/badger speaks Badger.
// Tests elsewhere in an SDK's own tree may use it too (slacktest proves
// the fake against slack-go).
func TestSDKsHaveOneImporter(t *testing.T) {
	owners := map[string]string{
		"github.com/slack-go/slack":         module + "/bot/slack",
		"github.com/sashabaranov/go-openai": module + "/bot/llm/openai",
		"github.com/dgraph-io/badger/v4":    module + "/bot/store/badger",
	}
	for _, k := range packages(t) {
		for sdk, owner := range owners {
			for _, im := range k.imports {
				if within(im, sdk) && k.path != owner {
					t.Errorf("%s imports %s; only %s may", k.path, im, owner)
				}
			}
			for _, im := range k.test {
				if within(im, sdk) && !within(k.path, owner) {
					t.Errorf("tests of %s import %s; only %s's tree may", k.path, im, owner)
				}
			}
		}
	}
}

// TestLayers: advisor is pure and imports nothing of the project; parsing
// and the knowledge base build only on it; the engine knows no adapter;
// and no adapter imports another.
func TestLayers(t *testing.T) {
	pkgs := packages(t)
	adapters := []string{module + "/bot/slack", module + "/bot/teams", module + "/bot/terminal"}
	for _, k := range pkgs {
		for _, im := range k.imports {
			switch {
			case k.path == module+"/advisor" && !std(im):
				t.Errorf("advisor imports %s; it uses the standard library only", im)
			case within(k.path, module+"/advisor") || within(k.path, module+"/knowledge"):
				if !std(im) && !within(im, module+"/advisor") && !within(im, module+"/knowledge") {
					t.Errorf("%s imports %s; advisor and knowledge build only on each other and the standard library", k.path, im)
				}
			}
			if within(k.path, module+"/bot") && !slices.ContainsFunc(adapters, func(a string) bool { return within(k.path, a) }) {
				for _, a := range adapters {
					if within(im, a) {
						t.Errorf("%s imports the adapter %s; the engine and its parts know no platform", k.path, im)
					}
				}
			}
			for _, a := range adapters {
				for _, b := range adapters {
					if a != b && within(k.path, a) && within(im, b) {
						t.Errorf("adapter %s imports adapter %s", k.path, im)
					}
				}
			}
		}
	}
	if pkgs[module+"/advisor"] == nil || pkgs[module+"/bot/slack"] == nil {
		t.Fatal("the walk did not find the module's packages")
	}
}

// TestNoCycles: the project's import graph (non-test files) is acyclic.
// The compiler refuses a cycle too, but only in a package something
// builds; this says which packages form it.
func TestNoCycles(t *testing.T) {
	pkgs := packages(t)
	const (
		unseen = iota
		open
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(p string)
	visit = func(p string) {
		switch state[p] {
		case open:
			i := slices.Index(stack, p)
			t.Errorf("import cycle: %s -> %s", strings.Join(stack[i:], " -> "), p)
			return
		case done:
			return
		}
		state[p] = open
		stack = append(stack, p)
		for _, im := range pkgs[p].imports {
			if pkgs[im] != nil {
				visit(im)
			}
		}
		stack = stack[:len(stack)-1]
		state[p] = done
	}
	for p := range pkgs {
		visit(p)
	}
}
