// Package golden compares what a test produced with a file under the
// package's testdata directory, and rewrites the file instead when the
// test runs with -update: rendered prompts, Block Kit, Adaptive Cards,
// transcripts and reports are reviewed as files in a diff, not as string
// literals in tests.
package golden

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata with what the tests produce")

// Check compares got with the file at path, relative to the test's
// package directory; with -update it writes got there instead, creating
// the directory.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run '%s' -update in this package to write it)", err, t.Name())
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from what the test produced (-want +got):\n%s\nIf the change is intended, run go test -run '%s' -update and review the diff.", path, diff, t.Name())
	}
}

// JSON compares v, as indented JSON ending in a newline, with the file
// at path.
func JSON(t testing.TB, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	Check(t, path, append(got, '\n'))
}
