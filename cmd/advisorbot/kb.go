package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/advisorbot/advisorbot/knowledge"
)

// loadKB is knowledge.Load; a test replaces it to see how a broken base is
// reported, which the embedded entries never allow otherwise.
var loadKB = knowledge.Load

const kbUsage = `Usage:
  advisorbot kb search [-k N] QUERY...  the N passages (default 5) that best match QUERY
  advisorbot kb show ID                 one entry in full
  advisorbot kb list                    every entry: id, as-of date, title`

// kbWidth is where prose is wrapped; tables are printed as they are.
const kbWidth = 80

// runKB implements `advisorbot kb search|show|list`.
func runKB(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, kbUsage)
		return exitBadInput
	}
	switch args[0] {
	case "search":
		return kbSearch(args[1:], stdout, stderr)
	case "show":
		return kbShow(args[1:], stdout, stderr)
	case "list":
		return kbList(args[1:], stdout, stderr)
	}
	if wantsKBHelp(args[0]) {
		fmt.Fprintln(stdout, kbUsage)
		return exitOK
	}
	fmt.Fprintf(stderr, "kb: unknown subcommand %q\n%s\n", args[0], kbUsage)
	return exitBadInput
}

func kbSearch(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kb search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	k := fs.Int("k", 5, "show the `N` best passages")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: advisorbot kb search [-k N] QUERY...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitBadInput
	}
	query := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(query) == "" {
		fmt.Fprintln(stderr, "kb search: missing QUERY")
		fs.Usage()
		return exitBadInput
	}
	if *k < 1 {
		fmt.Fprintf(stderr, "kb search: -k must be at least 1, got %d\n", *k)
		return exitBadInput
	}
	base, code := kbLoad(stderr)
	if base == nil {
		return code
	}
	w := bufio.NewWriter(stdout)
	passages := base.Search(query, *k)
	if len(passages) == 0 {
		fmt.Fprintf(w, "No passage matches %q; try other words, or 'advisorbot kb list'.\n", query)
	}
	for i, p := range passages {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "[kb:%s] %s (%.2f)\n", p.EntryID, p.Title, p.Score)
		kbWrap(w, p.Text, "  ")
		e, _ := base.Entry(p.EntryID)
		fmt.Fprintln(w, "  sources:")
		for _, s := range e.Sources {
			fmt.Fprintf(w, "    - %s\n", s)
		}
	}
	return kbFlush(w, "search", stderr)
}

func kbShow(args []string, stdout, stderr io.Writer) int {
	if len(args) == 1 && wantsKBHelp(args[0]) {
		fmt.Fprintln(stdout, "Usage: advisorbot kb show ID")
		return exitOK
	}
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(stderr, "Usage: advisorbot kb show ID   ('advisorbot kb list' shows the ids)")
		return exitBadInput
	}
	base, code := kbLoad(stderr)
	if base == nil {
		return code
	}
	// Accept what people copy: "[kb:ID]" from search output or a file name.
	id := strings.ToLower(strings.TrimSpace(args[0]))
	id = strings.TrimSuffix(strings.TrimPrefix(strings.Trim(id, "[]"), "kb:"), ".md")
	e, ok := base.Entry(id)
	if !ok {
		if near := base.Suggest(id); len(near) > 0 {
			fmt.Fprintf(stderr, "kb show: no entry %q; did you mean %s?\n", args[0], strings.Join(near, ", "))
		} else {
			fmt.Fprintf(stderr, "kb show: no entry %q; 'advisorbot kb list' shows the ids\n", args[0])
		}
		return exitBadInput
	}
	w := bufio.NewWriter(stdout)
	fmt.Fprintln(w, e.Title)
	fmt.Fprintf(w, "id:      %s\n", e.ID)
	fmt.Fprintf(w, "as of:   %s\n", e.AsOf.Format("2006-01-02"))
	if len(e.Tags) > 0 {
		fmt.Fprintf(w, "tags:    %s\n", strings.Join(e.Tags, ", "))
	}
	fmt.Fprintln(w, "sources:")
	for _, s := range e.Sources {
		fmt.Fprintf(w, "  - %s\n", s)
	}
	fmt.Fprintln(w)
	kbWrap(w, e.Body, "")
	return kbFlush(w, "show", stderr)
}

func kbList(args []string, stdout, stderr io.Writer) int {
	if len(args) != 0 {
		fmt.Fprintf(stderr, "kb list: takes no arguments, got %q\n", strings.Join(args, " "))
		return exitBadInput
	}
	base, code := kbLoad(stderr)
	if base == nil {
		return code
	}
	w := bufio.NewWriter(stdout)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range base.Entries() {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", e.ID, e.AsOf.Format("2006-01-02"), e.Title)
	}
	tw.Flush()
	return kbFlush(w, "list", stderr)
}

func wantsKBHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

// kbLoad loads the embedded base. A failure means the binary was built from
// broken entries, so it is ours (exit 1), not the user's.
func kbLoad(stderr io.Writer) (*knowledge.Base, int) {
	base, err := loadKB()
	if err != nil {
		fmt.Fprintf(stderr, "kb: internal error: the built-in knowledge base does not load:\n%v\n", err)
		return nil, exitInternal
	}
	return base, exitOK
}

func kbFlush(w *bufio.Writer, op string, stderr io.Writer) int {
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "kb %s: write result: %v\n", op, err)
		return exitInternal
	}
	return exitOK
}

// kbWrap prints markdown text with each line of prose wrapped to kbWidth
// under indent. Table rows are left whole, since wrapping breaks them, and
// list items wrap under their own text rather than under the marker.
func kbWrap(w io.Writer, text, indent string) {
	for line := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(line) == "" {
			fmt.Fprintln(w)
			continue
		}
		if strings.HasPrefix(line, "|") {
			fmt.Fprintln(w, indent+line)
			continue
		}
		hang := indent + strings.Repeat(" ", len(kbListMarker(line)))
		col, prefix := 0, indent
		for word := range strings.FieldsSeq(line) {
			if col > 0 && col+1+len(word) > kbWidth {
				fmt.Fprintln(w)
				col, prefix = 0, hang
			}
			if col == 0 {
				fmt.Fprint(w, prefix, word)
				col = len(prefix) + len(word)
				continue
			}
			fmt.Fprint(w, " ", word)
			col += 1 + len(word)
		}
		fmt.Fprintln(w)
	}
}

// kbListMarker returns the "- ", "* " or "12. " that starts a list item.
func kbListMarker(line string) string {
	if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") {
		return line[:2]
	}
	digits := len(line) - len(strings.TrimLeft(line, "0123456789"))
	if digits > 0 && strings.HasPrefix(line[digits:], ". ") {
		return line[:digits+2]
	}
	return ""
}
