package knowledge

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"
	"time"
)

//go:embed kb/*.md
var kbFS embed.FS

// ParseError is one problem in one entry file. Parse and Load report every
// problem they find, joined with errors.Join, so that a writer fixes a broken
// entry in one pass rather than one error per run.
type ParseError struct {
	File    string // the path within the file system, e.g. "kb/latency.md"
	Line    int    // 1-based; 0 when the problem concerns the file as a whole
	Problem string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("knowledge: parse %s: line %d: %s", e.File, e.Line, e.Problem)
	}
	return fmt.Sprintf("knowledge: parse %s: %s", e.File, e.Problem)
}

// Load parses the knowledge base embedded in the binary and builds its
// search index. It fails only if an entry under kb/ is malformed, which the
// package's tests rule out for the entries shipped.
func Load() (*Base, error) {
	return parse(kbFS, "kb")
}

// Parse reads every *.md file at the root of fsys as an entry, validates it
// and builds the search index. Errors name the file and line.
func Parse(fsys fs.FS) (*Base, error) {
	return parse(fsys, ".")
}

func parse(fsys fs.FS, dir string) (*Base, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.md"))
	if err != nil {
		return nil, fmt.Errorf("knowledge: list entries: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("knowledge: no entries (*.md) in %s", dir)
	}
	var (
		entries  []Entry
		problems []error
		fileOf   = map[string]string{} // id -> the first file that claims it
	)
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			problems = append(problems, fmt.Errorf("knowledge: read %s: %w", name, err))
			continue
		}
		e, idLine, ps := parseEntry(name, string(data))
		problems = append(problems, ps...)
		if e.ID != "" {
			if other, dup := fileOf[e.ID]; dup {
				problems = append(problems, &ParseError{name, idLine, fmt.Sprintf("duplicate id %q, already used by %s", e.ID, other)})
				continue
			}
			fileOf[e.ID] = name
		}
		if len(ps) == 0 {
			entries = append(entries, e)
		}
	}
	if len(problems) > 0 {
		return nil, errors.Join(problems...)
	}
	return newBase(entries), nil
}

// parseEntry parses one file in the strict front-matter format:
//
//	---
//	id: some-id
//	title: Some title
//	as_of: 2026-11-01
//	sources:
//	  - https://example.com/a
//	tags: [a, b]
//	---
//	body
//
// Values are taken literally (no quoting, no escapes) because the format is
// ours and a YAML library would accept far more than we want to review. It
// returns the entry, the line of its id and every problem found.
func parseEntry(name, text string) (Entry, int, []error) {
	p := &entryParser{name: name, seen: map[string]int{}}
	text = strings.TrimPrefix(text, "\ufeff")
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	end, ok := p.frontMatterEnd(lines)
	if !ok {
		return p.e, 0, p.problems
	}
	for i := 1; i < end; i++ {
		p.line(i+1, lines[i])
	}
	for _, key := range []string{"id", "title", "as_of", "sources"} {
		if _, ok := p.seen[key]; !ok {
			p.bad(end+1, "front matter ends without %s", key)
		}
	}
	if n, ok := p.seen["sources"]; ok && len(p.e.Sources) == 0 {
		p.bad(n, "sources lists no valid URL; at least one http(s) source is required")
	}
	p.e.Body = strings.TrimSpace(strings.Join(lines[end+1:], "\n"))
	if p.e.Body == "" {
		p.bad(end+2, "empty body: nothing follows the front matter")
	}
	return p.e, p.seen["id"], p.problems
}

// entryParser reads one entry's front matter, collecting every problem.
type entryParser struct {
	name      string
	e         Entry
	problems  []error
	seen      map[string]int // key -> line
	inSources bool
}

func (p *entryParser) bad(line int, format string, args ...any) {
	p.problems = append(p.problems, &ParseError{p.name, line, fmt.Sprintf(format, args...)})
}

// frontMatterEnd finds the "---" that closes the front matter opened on
// the first line.
func (p *entryParser) frontMatterEnd(lines []string) (int, bool) {
	if lines[0] != "---" {
		p.bad(1, `missing front matter: the file must start with a line "---"`)
		return 0, false
	}
	for i := 1; i < len(lines); i++ {
		if lines[i] == "---" {
			return i, true
		}
	}
	p.bad(1, `front matter is not closed: no second line "---"`)
	return 0, false
}

// line reads front-matter line n: a source URL under "sources:", or
// "key: value".
func (p *entryParser) line(n int, line string) {
	if strings.TrimSpace(line) == "" {
		return
	}
	if item, ok := strings.CutPrefix(strings.TrimLeft(line, " "), "- "); ok {
		switch err := checkURL(strings.TrimSpace(item)); {
		case !p.inSources:
			p.bad(n, "list item outside sources")
		case err != nil:
			p.bad(n, "%v", err)
		default:
			p.e.Sources = append(p.e.Sources, strings.TrimSpace(item))
		}
		return
	}
	p.inSources = false
	key, value, ok := strings.Cut(line, ":")
	if !ok || strings.ContainsAny(key, " \t") {
		p.bad(n, `want "key: value", got %q`, line)
		return
	}
	if first, dup := p.seen[key]; dup {
		p.bad(n, "duplicate key %q (first on line %d)", key, first)
		return
	}
	p.seen[key] = n
	p.field(n, key, strings.TrimSpace(value))
}

// field sets one front-matter key.
func (p *entryParser) field(n int, key, value string) {
	switch key {
	case "id":
		p.e.ID = value
		if !isSlug(value) {
			p.bad(n, "id %q must be lowercase letters and digits joined by single hyphens", value)
		}
		if want := strings.TrimSuffix(path.Base(p.name), ".md"); value != want {
			p.bad(n, "id %q does not match the file name (want %q)", value, want)
		}
	case "title":
		p.e.Title = value
		if value == "" {
			p.bad(n, "empty title")
		}
	case "as_of":
		t, err := time.Parse(time.DateOnly, value)
		if err != nil {
			p.bad(n, "as_of %q is not a valid date in the form YYYY-MM-DD", value)
		}
		p.e.AsOf = t
	case "sources":
		if value != "" {
			p.bad(n, `sources takes its URLs on the following lines ("  - https://..."), not %q`, value)
		}
		p.inSources = true
	case "tags":
		tags, err := parseTags(value)
		if err != nil {
			p.bad(n, "%v", err)
		}
		p.e.Tags = tags
	default:
		p.bad(n, "unknown key %q; want id, title, as_of, sources or tags", key)
	}
}

// checkURL accepts absolute http and https URLs: a source must be something
// a reviewer can open.
func checkURL(s string) error {
	if s == "" {
		return errors.New("empty source URL")
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("source %q is not a URL: %v", s, errors.Unwrap(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("source %q is not an http(s) URL", s)
	}
	if u.Host == "" {
		return fmt.Errorf("source %q has no host", s)
	}
	return nil
}

// parseTags reads "[a, b-c, d]". Tags follow the id rules so that they can
// be searched and linked the same way.
func parseTags(s string) ([]string, error) {
	inner, open := strings.CutPrefix(s, "[")
	inner, closed := strings.CutSuffix(inner, "]")
	if !open || !closed {
		return nil, fmt.Errorf("tags %q must be a list in brackets: [a, b]", s)
	}
	if strings.TrimSpace(inner) == "" {
		return nil, nil
	}
	var tags []string
	for t := range strings.SplitSeq(inner, ",") {
		t = strings.TrimSpace(t)
		if !isSlug(t) {
			return nil, fmt.Errorf("tag %q must be lowercase letters and digits joined by single hyphens", t)
		}
		tags = append(tags, t)
	}
	return tags, nil
}

// isSlug reports whether s is lowercase ASCII letters and digits joined by
// single hyphens, the shape of ids and tags.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
