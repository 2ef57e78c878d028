package slack

import (
	"encoding/json"
	"strings"
	"testing"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot/render/rendertest"
)

// TestHostileTextStaysText renders every kind of message with each string
// of the hostile corpus in every field, and walks the Block Kit JSON Slack
// would receive: no mrkdwn text and no top-level text may hold a "<" or
// ">" (every mention and link needs one; the layouts have none of their
// own), and no string anywhere a control or bidi character.
func TestHostileTextStaysText(t *testing.T) {
	rec := recommendation(t)
	for _, s := range rendertest.Corpus {
		for _, m := range rendertest.Outbounds(rec, s) {
			text, blocks := blocksFor(m)
			payload, err := json.Marshal(map[string]any{"text": text, "blocks": goslack.Blocks{BlockSet: blocks}})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range slackProblems(payload) {
				t.Errorf("%s with %.40q: %s", m.Kind, s, p)
			}
		}
	}
}

// TestHostileHomeAndSummary: the Home tab's list and the weekly summary
// posted to a channel, with hostile titles and departments.
func TestHostileHomeAndSummary(t *testing.T) {
	rec := recommendation(t)
	for _, s := range rendertest.Corpus {
		for name, blocks := range map[string][]goslack.Block{
			"home":    homeBlocks(rendertest.History(rec, s), nil, ""),
			"summary": SummaryBlocks(rendertest.Report(s)),
		} {
			payload, err := json.Marshal(map[string]any{"blocks": goslack.Blocks{BlockSet: blocks}})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range slackProblems(payload) {
				t.Errorf("%s with %.40q: %s", name, s, p)
			}
		}
	}
}

// TestStreamMarkdownEscaped: what nativeStream.Write appends is standard
// Markdown; no delta of the corpus, however it is cut, may open a link,
// an image, a mention or HTML there.
func TestStreamMarkdownEscaped(t *testing.T) {
	for _, s := range rendertest.Corpus {
		for _, d := range []string{s, s[:len(s)/2], s[len(s)/2:]} {
			got := escapeMarkdown(d)
			if p := markdownProblem(got); p != "" {
				t.Errorf("escapeMarkdown(%.40q) = %.80q: %s", d, got, p)
			}
		}
	}
	if got, want := escapeMarkdown(`[Approve](https://x) <!channel> a\b & **c**`), `\[Approve\](https://x) &lt;!channel&gt; a\\b &amp; \*\*c\*\*`; got != want {
		t.Errorf("escapeMarkdown = %q, want %q", got, want)
	}
}

// slackProblems walks a payload's JSON and describes what would be
// markup or act on the screen: "<" or ">" in a mrkdwn object's text, in a
// top-level text or a stream's markdown_text, and a control or bidi
// character anywhere.
func slackProblems(payload []byte) []string {
	var v any
	if err := json.Unmarshal(payload, &v); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var out []string
	var walk func(v any, top bool)
	walk = func(v any, top bool) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "text" && (top || v["type"] == "mrkdwn") && strings.ContainsAny(s, "<>") {
					out = append(out, "markup in "+k+": "+truncate(s, 120))
				}
				if s, ok := x.(string); ok && k == "markdown_text" {
					if p := markdownProblem(s); p != "" {
						out = append(out, p)
					}
				}
				walk(x, false)
			}
		case []any:
			for _, x := range v {
				walk(x, false)
			}
		case string:
			if r, bad := rendertest.Invisible(v); bad {
				out = append(out, "a control or bidi character "+string(r)+" in "+truncate(v, 120))
			}
		}
	}
	walk(v, true)
	return out
}

// markdownProblem says what in s would be live in standard Markdown: an
// angle bracket (HTML, autolinks, Slack's mentions) or a bracket without
// a backslash before it (links, images, references).
func markdownProblem(s string) string {
	if strings.ContainsAny(s, "<>") {
		return "an angle bracket in " + truncate(s, 120)
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++ // what it escapes
			continue
		}
		if s[i] == '[' || s[i] == ']' {
			return "an unescaped bracket in " + truncate(s, 120)
		}
	}
	if r, bad := rendertest.Invisible(s); bad {
		return "a control or bidi character " + string(r)
	}
	return ""
}

// PayloadProblems is slackProblems for the end-to-end tests in slack_test.
var PayloadProblems = slackProblems
