package teams

import (
	"strings"
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/bot/render"
)

// Teams renders an Adaptive Card's TextBlocks and FactSet values, and a
// message's text in the "markdown" format, as Markdown; it reads <at>…</at>
// as a mention. What people and models wrote goes through escapeMarkdown
// (or inline, for a one-line value) before it joins those texts, so it is
// shown as written and cannot become a link, an image, a mention, a
// heading, a list or emphasis. The bot's own words around it (bold
// labels) keep their formatting. Button and choice titles are plain text
// and need only render.StripControls.

// escapeMarkdown escapes s for Teams' Markdown. Brackets go (no link or
// image can form without "[", so parentheses and "!" may stay), and so do
// angle brackets (no <at>, HTML tag or autolink), emphasis and code
// characters; at a line start, what would begin a heading, a quote or a
// list ("#", ">", "-", "+", "1." or "1)"). Backslash escapes are the one
// mechanism the card renderers and the message text share; a backslash in
// s is escaped first, so s cannot undo one.
func escapeMarkdown(s string) string {
	s = render.StripControls(s)
	if !strings.ContainsAny(s, mdSpecial+"-+0123456789") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = escapeLine(line)
	}
	return strings.Join(lines, "\n")
}

// mdSpecial are the characters escaped wherever they are.
const mdSpecial = "\\`*_~[]<>#|"

func escapeLine(line string) string {
	var b strings.Builder
	b.Grow(len(line) + 8)
	// A list marker is escaped only where it starts the line (after up
	// to three spaces, as Markdown allows); elsewhere "-" and "1." are
	// ordinary.
	rest := strings.TrimLeft(line, " ")
	indent := line[:len(line)-len(rest)]
	if len(indent) <= 3 {
		b.WriteString(indent)
		switch digits := len(rest) - len(strings.TrimLeft(rest, "0123456789")); {
		case strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+"):
			b.WriteString("\\" + rest[:1])
			rest = rest[1:]
		case digits > 0 && digits < len(rest) && (rest[digits] == '.' || rest[digits] == ')'):
			b.WriteString(rest[:digits] + "\\" + rest[digits:digits+1])
			rest = rest[digits+1:]
		}
	} else {
		b.WriteString(indent)
	}
	for _, r := range rest {
		if r < 0x80 && strings.ContainsRune(mdSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// inline is a person's one-line value (a title, an answer, an example) in
// Markdown: render.PlainText, which folds it onto one line and removes
// what would be markup in every surface, then escaped for what is left
// (a backslash, a list marker at its start).
func inline(s string) string { return escapeMarkdown(cut(render.PlainText(s), maxInline)) }

// Bounds on what one value may take of a card. Teams refuses a message
// over 100 KB of UTF-16 (413), and a title or a label thousands of
// characters long is a paste gone wrong, not something to show whole.
const (
	maxInline = 1000 // a title, an answer, an example, a reason
	maxLabel  = 200  // a button's or a list entry's title
)

// cut cuts s to n characters, marking the cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// label is a button's or a list entry's title: plain text, bounded.
func label(s string) string {
	l := cut(render.StripControls(s), maxLabel)
	if strings.TrimSpace(l) == "" {
		// A choice or button must have a title (the Adaptive Cards
		// validator refuses an empty one, and Teams shows a blank entry).
		return blankLabel
	}
	return l
}

// blankLabel stands for an option whose label has nothing to show.
const blankLabel = "(no label)"
