package render_test

import (
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/render"
	"github.com/advisorbot/advisorbot/bot/render/rendertest"
)

func TestStripControls(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "Invoice triage, 2,000 a week", "Invoice triage, 2,000 a week"},
		{"line breaks and tabs stay", "a\n\tb", "a\n\tb"},
		{"clear screen", "\x1b[2J\x1b[Hhi", "hi"},
		{"colour", "\x1b[31mred\x1b[0m", "red"},
		{"OSC 8 link, ST", "\x1b]8;;https://evil.example\x1b\\Approve\x1b]8;;\x1b\\", "Approve"},
		{"OSC 8 link, BEL", "\x1b]8;;https://evil.example\aApprove\x1b]8;;\a", "Approve"},
		{"unterminated OSC", "ok\x1b]0;title", "ok"},
		{"charset and reset", "\x1b(Ba\x1bcb", "ab"},
		{"lone ESC at the end", "a\x1b", "a"},
		{"stray CSI keeps the text", "\x1b[\u00e9t\u00e9", "\u00e9t\u00e9"},
		{"C1 CSI and OSC", "\u009b2Ja\u009d0;t\u009cb", "ab"},
		{"carriage return and bell", "safe\rEVIL\a", "safeEVIL"},
		{"NUL, backspace, DEL", "a\x00b\bc\x7f", "abc"},
		{"right-to-left override", "invoice\u202Etxt.exe", "invoicetxt.exe"},
		{"isolates and marks", "\u2066a\u2069\u200Eb\u200F\u061Cc", "abc"},
		{"zero-width", "a\u200Bb\uFEFFc\u2060d", "abcd"},
		{"joiners stay", "\U0001F469\u200D\U0001F4BB \u200C", "\U0001F469\u200D\U0001F4BB \u200C"},
		{"separators become line breaks", "a\u2028b\u2029c", "a\nb\nc"},
		{"invalid UTF-8", "a\xffb\x9b2J", "a\uFFFDb\uFFFD2J"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := render.StripControls(c.in); got != c.want {
				t.Errorf("StripControls(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// TestCorpusStripped: nothing of the hostile corpus that acts on a screen
// survives StripControls or PlainText, and PlainText leaves nothing that
// is markup in Slack, Teams or Markdown.
func TestCorpusStripped(t *testing.T) {
	if len(rendertest.Corpus) < 40 {
		t.Fatalf("the corpus has %d strings; keep at least 40", len(rendertest.Corpus))
	}
	for _, s := range rendertest.Corpus {
		for name, got := range map[string]string{"StripControls": render.StripControls(s), "PlainText": render.PlainText(s)} {
			if r, bad := rendertest.Invisible(got); bad {
				t.Errorf("%s(%q) keeps %U: %q", name, s, r, got)
			}
		}
		if p := render.PlainText(s); strings.ContainsAny(p, "<>[]*_`#\n") {
			t.Errorf("PlainText(%q) = %q keeps markup", s, p)
		}
	}
}

func FuzzStripControls(f *testing.F) {
	for _, s := range rendertest.Corpus {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := render.StripControls(s)
		if r, bad := rendertest.Invisible(got); bad {
			t.Errorf("StripControls(%q) keeps %U", s, r)
		}
		if render.StripControls(got) != got {
			t.Errorf("StripControls is not idempotent on %q", s)
		}
	})
}
