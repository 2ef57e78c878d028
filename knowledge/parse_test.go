package knowledge

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLoadEmbedded(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	entries := b.Entries()
	if len(entries) < 34 {
		t.Fatalf("%d entries, want at least 34", len(entries))
	}
	for i, e := range entries {
		if i > 0 && entries[i-1].ID >= e.ID {
			t.Errorf("Entries not sorted by id: %q before %q", entries[i-1].ID, e.ID)
		}
		if len(e.Sources) == 0 || e.AsOf.IsZero() || e.Title == "" || e.Body == "" {
			t.Errorf("%s: sources %d, as_of %v, title %q, body %d bytes", e.ID, len(e.Sources), e.AsOf, e.Title, len(e.Body))
		}
		if !b.Has(e.ID) {
			t.Errorf("Has(%q) = false", e.ID)
		}
		got, ok := b.Entry(e.ID)
		if !ok {
			t.Errorf("Entry(%q) missing", e.ID)
		}
		if diff := cmp.Diff(e, got); diff != "" {
			t.Errorf("Entry(%q) differs from Entries (-Entries +Entry):\n%s", e.ID, diff)
		}
	}
	if b.Has("no-such-entry") {
		t.Error("Has(no-such-entry) = true")
	}
	if _, ok := b.Entry(""); ok {
		t.Error(`Entry("") found something`)
	}
}

// TestEntriesAreCopies guards the promise that a Base is immutable: what a
// caller gets back is its own to change.
func TestEntriesAreCopies(t *testing.T) {
	b := mustLoad(t)
	e, _ := b.Entry("rag-for-knowledge")
	e.Sources[0] = "changed"
	b.Entries()[0].Tags[0] = "changed"
	if e2, _ := b.Entry("rag-for-knowledge"); e2.Sources[0] == "changed" {
		t.Error("changing a returned entry's sources changed the base")
	}
	if b.Entries()[0].Tags[0] == "changed" {
		t.Error("changing a returned entry's tags changed the base")
	}
}

const goodEntry = `---
id: good
title: A good entry
as_of: 2026-11-01
sources:
  - https://example.com/a
  - http://example.org/b?x=1
tags: [alpha, beta-gamma, 2026]
---

First paragraph
on two lines.

Prices as of 2026:

| model | price |
|---|---|
| small | $1 |

- a list item
`

func TestParseGood(t *testing.T) {
	b, err := Parse(fstest.MapFS{
		"good.md":   {Data: []byte(goodEntry)},
		"notes.txt": {Data: []byte("not an entry")},
		"sub/x.md":  {Data: []byte("not read: only the root is")},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{{
		ID:      "good",
		Title:   "A good entry",
		AsOf:    time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Sources: []string{"https://example.com/a", "http://example.org/b?x=1"},
		Tags:    []string{"alpha", "beta-gamma", "2026"},
		Body:    "First paragraph\non two lines.\n\nPrices as of 2026:\n\n| model | price |\n|---|---|\n| small | $1 |\n\n- a list item",
	}}
	if diff := cmp.Diff(want, b.Entries()); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	wantTexts := []string{
		"First paragraph\non two lines.",
		"Prices as of 2026:\n\n| model | price |\n|---|---|\n| small | $1 |",
		"- a list item",
	}
	var texts []string
	for _, p := range b.passages {
		texts = append(texts, p.Text)
	}
	if diff := cmp.Diff(wantTexts, texts); diff != "" {
		t.Errorf("passages (-want +got):\n%s", diff)
	}
}

// entry builds an entry file from goodEntry with the front matter line that
// starts with key replaced (or removed, when line is empty).
func entry(key, line string) string {
	var out []string
	for l := range strings.SplitSeq(goodEntry, "\n") {
		if strings.HasPrefix(l, key) {
			if line == "" {
				continue
			}
			l = line
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func TestParseBad(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // each must appear in the error, which has one line per problem
	}{
		{"missing front matter", map[string]string{"good.md": "id: good\ntitle: x\n"},
			[]string{"knowledge: parse good.md: line 1: missing front matter"}},
		{"unclosed front matter", map[string]string{"good.md": "---\nid: good\ntitle: x\n"},
			[]string{"parse good.md: line 1: front matter is not closed"}},
		{"id does not match file", map[string]string{"other.md": goodEntry},
			[]string{`parse other.md: line 2: id "good" does not match the file name (want "other")`}},
		{"duplicate id", map[string]string{"good.md": goodEntry, "copy.md": goodEntry},
			[]string{`parse copy.md: line 2: id "good" does not match`, `parse good.md: line 2: duplicate id "good", already used by copy.md`}},
		{"id not lowercase-hyphenated", map[string]string{"Bad_Id.md": entry("id:", "id: Bad_Id")},
			[]string{`parse Bad_Id.md: line 2: id "Bad_Id" must be lowercase`}},
		{"bad date", map[string]string{"good.md": entry("as_of:", "as_of: 2026-02-30")},
			[]string{`parse good.md: line 4: as_of "2026-02-30" is not a valid date`}},
		{"date in another format", map[string]string{"good.md": entry("as_of:", "as_of: 1 Nov 2026")},
			[]string{`line 4: as_of "1 Nov 2026" is not a valid date in the form YYYY-MM-DD`}},
		{"no sources", map[string]string{"good.md": strings.Replace(goodEntry, "  - https://example.com/a\n  - http://example.org/b?x=1\n", "", 1)},
			[]string{"parse good.md: line 5: sources lists no valid URL"}},
		{"sources key missing", map[string]string{"good.md": strings.Replace(goodEntry, "sources:\n  - https://example.com/a\n  - http://example.org/b?x=1\n", "", 1)},
			[]string{"parse good.md: line 6: front matter ends without sources"}},
		{"bad URL", map[string]string{"good.md": strings.Replace(goodEntry, "http://example.org/b?x=1", "ftp://example.org/b", 1)},
			[]string{`parse good.md: line 7: source "ftp://example.org/b" is not an http(s) URL`}},
		{"URL without host", map[string]string{"good.md": strings.Replace(goodEntry, "https://example.com/a", "https:///a", 1)},
			[]string{`line 6: source "https:///a" has no host`}},
		{"unparsable URL", map[string]string{"good.md": strings.Replace(goodEntry, "https://example.com/a", "https://exa mple.com/", 1)},
			[]string{`line 6: source "https://exa mple.com/" is not a URL`}},
		{"empty body", map[string]string{"good.md": goodEntry[:strings.Index(goodEntry, "\n---\n")+5] + "\n  \n"},
			[]string{"parse good.md: line 10: empty body"}},
		{"empty title", map[string]string{"good.md": entry("title:", "title:")},
			[]string{"parse good.md: line 3: empty title"}},
		{"unknown key", map[string]string{"good.md": entry("tags:", "tag: [a]")},
			[]string{`line 8: unknown key "tag"`}},
		{"duplicate key", map[string]string{"good.md": entry("tags:", "title: again")},
			[]string{`line 8: duplicate key "title" (first on line 3)`}},
		{"tags not a list", map[string]string{"good.md": entry("tags:", "tags: a, b")},
			[]string{`line 8: tags "a, b" must be a list in brackets`}},
		{"not key value", map[string]string{"good.md": entry("tags:", "just words")},
			[]string{`line 8: want "key: value", got "just words"`}},
		{"every problem at once", map[string]string{"good.md": strings.NewReplacer("title: A good entry", "title:", "as_of: 2026-11-01", "as_of: soon", "https://example.com/a", "mailto:a@example.com").Replace(goodEntry)},
			[]string{"line 3: empty title", `line 4: as_of "soon"`, `line 6: source "mailto:a@example.com" is not an http(s) URL`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			b, err := Parse(fsys)
			if err == nil {
				t.Fatalf("Parse succeeded with %d entries; want an error", len(b.Entries()))
			}
			if b != nil {
				t.Error("Parse returned a Base along with an error")
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error lacks %q; got:\n%s", w, msg)
				}
			}
			if got := len(strings.Split(msg, "\n")); got != len(tt.want) {
				t.Errorf("%d problems reported, want %d:\n%s", got, len(tt.want), msg)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File == "" {
				t.Errorf("error is not a *ParseError naming the file: %#v", err)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	if _, err := Parse(fstest.MapFS{}); err == nil || !strings.Contains(err.Error(), "no entries") {
		t.Errorf("Parse(empty) = %v, want a no-entries error", err)
	}
}

func mustLoad(t testing.TB) *Base {
	t.Helper()
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
