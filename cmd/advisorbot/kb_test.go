package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/knowledge"
)

func TestKBList(t *testing.T) {
	code, out, errs := runCmd(t, "", "kb", "list")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 34 {
		t.Errorf("%d lines, want one per entry (34+):\n%s", len(lines), out)
	}
	want := "rag-for-knowledge            2026-11-01  Missing or changing facts call for retrieval, not fine-tuning"
	if !strings.Contains(out, want) {
		t.Errorf("list lacks %q:\n%s", want, out)
	}
}

func TestKBShow(t *testing.T) {
	// The id as typed, as copied from search output, and as a file name.
	for _, id := range []string{"rag-for-knowledge", "[kb:rag-for-knowledge]", "rag-for-knowledge.md"} {
		code, out, errs := runCmd(t, "", "kb", "show", id)
		if code != exitOK {
			t.Fatalf("show %s: exit %d: %s", id, code, errs)
		}
		for _, want := range []string{
			"Missing or changing facts call for retrieval, not fine-tuning\n",
			"id:      rag-for-knowledge\n",
			"as of:   2026-11-01\n",
			"  - https://platform.openai.com/docs/guides/fine-tuning\n",
			"If a task fails because the model does not know something",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("show %s lacks %q:\n%s", id, want, out)
			}
		}
		for _, line := range strings.Split(out, "\n") {
			if len(line) > kbWidth && !strings.HasPrefix(strings.TrimSpace(line), "|") && !strings.Contains(line, "://") {
				t.Errorf("line longer than %d: %q", kbWidth, line)
			}
		}
	}
}

func TestKBSearch(t *testing.T) {
	code, out, errs := runCmd(t, "", "kb", "search", "-k", "2", "OpenAI", "fine-tuning", "wind-down")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "[kb:vendor-ft-winddown-2026] OpenAI's 2026 fine-tuning wind-down and other vendor retreats (") {
		t.Errorf("first result is not the wind-down entry:\n%s", out)
	}
	if n := strings.Count(out, "[kb:"); n != 2 {
		t.Errorf("-k 2 printed %d passages", n)
	}
	if !strings.Contains(out, "  sources:\n    - https://developers.openai.com/api/docs/deprecations\n") {
		t.Errorf("sources missing:\n%s", out)
	}

	code, out, _ = runCmd(t, "", "kb", "search", "how many examples do I need")
	if code != exitOK || strings.Count(out, "[kb:") != 5 || !strings.HasPrefix(out, "[kb:ft-data-requirements]") {
		t.Errorf("default search: exit %d, want 5 passages from ft-data-requirements first:\n%s", code, out)
	}

	code, out, _ = runCmd(t, "", "kb", "search", "the", "of")
	if code != exitOK || !strings.HasPrefix(out, "No passage matches") {
		t.Errorf("stopword query: exit %d: %q", code, out)
	}
}

func TestKBBadInput(t *testing.T) {
	tests := []struct {
		args []string
		want string // in stderr
	}{
		{[]string{"kb"}, "Usage:"},
		{[]string{"kb", "frobnicate"}, `kb: unknown subcommand "frobnicate"`},
		{[]string{"kb", "search"}, "kb search: missing QUERY"},
		{[]string{"kb", "search", "-k", "3"}, "kb search: missing QUERY"},
		{[]string{"kb", "search", "-k", "0", "rag"}, "-k must be at least 1, got 0"},
		{[]string{"kb", "search", "-k", "many", "rag"}, `invalid value "many" for flag -k`},
		{[]string{"kb", "show"}, "Usage: advisorbot kb show ID"},
		{[]string{"kb", "show", "a", "b"}, "Usage: advisorbot kb show ID"},
		{[]string{"kb", "show", "rag"}, `kb show: no entry "rag"; did you mean rag-citations, rag-for-knowledge, hybrid-ft-rag?`},
		{[]string{"kb", "show", "prices"}, "did you mean prices-2026?"},
		{[]string{"kb", "show", "zzz"}, "'advisorbot kb list' shows the ids"},
		{[]string{"kb", "list", "all"}, `kb list: takes no arguments, got "all"`},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(t, "", tt.args...)
		if code != exitBadInput || !strings.Contains(errs, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and %q", tt.args, code, errs, exitBadInput, tt.want)
		}
		if out != "" {
			t.Errorf("%q: wrote to stdout on bad input: %q", tt.args, out)
		}
	}
}

func TestKBHelp(t *testing.T) {
	for _, args := range [][]string{{"kb", "-h"}, {"kb", "help"}, {"kb", "search", "-h"}, {"kb", "show", "--help"}} {
		if code, out, errs := runCmd(t, "", args...); code != exitOK || !strings.Contains(out+errs, "Usage") {
			t.Errorf("%q: exit %d, output %q", args, code, out+errs)
		}
	}
	if code, out, _ := runCmd(t, "", "help"); code != exitOK || !strings.Contains(out, "kb ") {
		t.Errorf("help does not list kb: %q", out)
	}
}

type kbFailWriter struct{}

func (kbFailWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestKBInternalErrors(t *testing.T) {
	var errb bytes.Buffer
	if code := run(context.Background(), []string{"kb", "list"}, nil, kbFailWriter{}, &errb); code != exitInternal {
		t.Errorf("write failure: exit %d, want %d (%s)", code, exitInternal, errb.String())
	}

	saved := loadKB
	t.Cleanup(func() { loadKB = saved })
	loadKB = func() (*knowledge.Base, error) {
		return nil, errors.New("knowledge: parse kb/x.md: line 4: bad date")
	}
	for _, args := range [][]string{{"kb", "list"}, {"kb", "show", "x"}, {"kb", "search", "rag"}} {
		code, _, errs := runCmd(t, "", args...)
		if code != exitInternal || !strings.Contains(errs, "kb/x.md: line 4: bad date") {
			t.Errorf("%q with a broken base: exit %d, stderr %q", args, code, errs)
		}
	}
}

func TestKBWrap(t *testing.T) {
	var b strings.Builder
	kbWrap(&b, strings.Repeat("word ", 30)+"\n\n| a | "+strings.Repeat("long cell ", 10)+"|\n- item "+strings.Repeat("more ", 20), "  ")
	want := "  " + strings.TrimSpace(strings.Repeat("word ", 15)) + "\n" +
		"  " + strings.TrimSpace(strings.Repeat("word ", 15)) + "\n" +
		"\n" +
		"  | a | " + strings.Repeat("long cell ", 10) + "|\n" +
		"  - item " + strings.TrimSpace(strings.Repeat("more ", 14)) + "\n" +
		"    " + strings.TrimSpace(strings.Repeat("more ", 6)) + "\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("kbWrap (-want +got):\n%s", diff)
	}
}
