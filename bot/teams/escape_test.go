package teams

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/render/rendertest"
	"github.com/advisorbot/advisorbot/bot/store/storetest"
	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// TestHostileTextStaysText renders every kind of message with each string
// of the hostile corpus in every field, and the weekly summary with it in
// every title and department, and walks the activity JSON Teams would
// receive: no text Teams reads as Markdown (activity text, TextBlocks,
// facts) may hold an unescaped bracket (links, images) or angle bracket
// (<at> mentions, HTML), nor, outside the summary's own lists, a list,
// quote or heading marker at a line start; no string anywhere may hold a
// control or bidi character.
func TestHostileTextStaysText(t *testing.T) {
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(storetest.SampleProfile())
	if err != nil {
		t.Fatal(err)
	}
	// Each is also sent to the fake connector: hostile text must not make
	// a card Teams refuses either.
	g := newGoldenSender(t)
	send := func(what string, a Activity) {
		t.Helper()
		if _, err := g.conn.SendActivity(context.Background(), g.bf.ServiceURL(), "a:1hostile", a); err != nil {
			t.Errorf("%s: the connector refused it: %v", what, err)
		}
	}
	for _, s := range rendertest.Corpus {
		sum := SummaryActivity(rendertest.Report(s))
		for _, p := range teamsProblems(t, sum, false) {
			t.Errorf("summary with %.40q: %s", s, p)
		}
		send(fmt.Sprintf("summary with %.40q", s), sum)
		for i, m := range rendertest.Outbounds(rec, s) {
			// The summary's lists are its template's own.
			a := activityFor(m)
			for _, p := range teamsProblems(t, a, m.Kind != bot.KindSummary) {
				t.Errorf("%s (%d) with %.40q: %s", m.Kind, i, s, p)
			}
			if !empty(a) { // Replier.Send sends nothing then
				send(fmt.Sprintf("%s (%d) with %.40q", m.Kind, i, s), a)
			}
		}
	}
}

// TestEscapeMarkdown pins what is escaped, and what is left alone.
func TestEscapeMarkdown(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"[Approve](https://x)", `\[Approve\](https://x)`},
		{"![x](https://x/p.png)", `!\[x\](https://x/p.png)`},
		{"<at>Everyone</at>", `\<at\>Everyone\</at\>`},
		{"- a\n  + b\n1. c\n2) d\n    - code", "\\- a\n  \\+ b\n1\\. c\n2\\) d\n    - code"},
		{"# h\n> q", "\\# h\n\\> q"},
		{`a\b *c* _d_ ~e~ ` + "`f`", `a\\b \*c\* \_d\_ \~e\~ \` + "`f\\`"},
		{"costs 1,000 - 2,000 (a month), 3.5 hours", "costs 1,000 - 2,000 (a month), 3.5 hours"},
		{"invoice\u202Etxt.exe\x1b[2J", "invoicetxt.exe"},
	} {
		if got := escapeMarkdown(c.in); got != c.want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestHostileStream streams each hostile string through a Replier against
// the fake Bot Framework: every edit is Markdown text with nothing live.
func TestHostileStream(t *testing.T) {
	f := teamstest.NewBotFramework(t)
	clock := time.Now()
	to := Activity{ID: "in-1", ServiceURL: f.ServiceURL(), From: &Account{ID: "29:user"}, Recipient: &Account{ID: "28:bot"},
		Conversation: &Conversation{ID: "a:personal", ConversationType: "personal"}}
	r := &Replier{Conn: &Connector{Tokens: tokens(f, teamstest.Secret)}, To: to, Now: func() time.Time { return clock }}
	ctx := context.Background()
	for _, s := range rendertest.Corpus {
		st, err := r.Stream(ctx)
		if err != nil {
			t.Fatal(err)
		}
		half := len(s) / 2
		for _, d := range []string{s[:half], s[half:]} {
			clock = clock.Add(2 * time.Second)
			if err := st.Write(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Close(ctx, s, true); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for _, a := range f.Activities() {
		text, _ := a.Activity["text"].(string)
		if p := markdownProblem(text, true); p != "" {
			t.Errorf("%s: %s", a.Method, p)
		}
		n++
	}
	if n < 3*len(rendertest.Corpus) {
		t.Errorf("%d activities for %d streams", n, len(rendertest.Corpus))
	}
}

// teamsProblems walks an activity's JSON for markup in the texts Teams
// renders as Markdown (lineStarts: check line starts too), and for control
// and bidi characters in every string.
func teamsProblems(t *testing.T, a Activity, lineStarts bool) []string {
	t.Helper()
	raw, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	// in is the key of the array an object sits in: a fact's title and
	// value are Markdown, a choice's title is plain text.
	var walk func(v any, in string, markdown bool)
	walk = func(v any, in string, markdown bool) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(x, k, k == "text" && (v["type"] == "TextBlock" || v["type"] == "message") || in == "facts" && (k == "title" || k == "value"))
			}
		case []any:
			for _, x := range v {
				walk(x, in, false)
			}
		case string:
			if markdown {
				if p := markdownProblem(ownMarkup(v), lineStarts); p != "" {
					out = append(out, p)
				}
			} else if r, bad := rendertest.Invisible(v); bad {
				out = append(out, fmt.Sprintf("a control or bidi character %U in %.200q", r, v))
			}
		}
	}
	walk(v, "", false)
	return out
}

// ownMarkup removes what the cards write around a reason: the list dash
// and the source "[kb:…]", which is the cards' own and not a link.
func ownMarkup(s string) string {
	if strings.HasPrefix(s, "- ") && strings.HasSuffix(s, "]") {
		if i := strings.LastIndex(s, " [kb:"); i > 0 {
			return s[2:i] + " " + s[i+len(" [kb:"):len(s)-1]
		}
	}
	return s
}

// markdownProblem says what in s Teams would read as markup.
func markdownProblem(s string, lineStarts bool) string {
	for _, line := range strings.Split(s, "\n") {
		l := strings.TrimLeft(line, " ")
		if lineStarts && len(line)-len(l) <= 3 && (strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "+ ") || strings.HasPrefix(l, "#") || strings.HasPrefix(l, ">")) {
			return fmt.Sprintf("a line starts with markup: %.200q", line)
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[', ']', '<', '>':
			return fmt.Sprintf("an unescaped %c in %.200q", s[i], s)
		}
	}
	if r, bad := rendertest.Invisible(s); bad {
		return fmt.Sprintf("a control or bidi character %U in %.200q", r, s)
	}
	return ""
}

func TestBlankLabel(t *testing.T) {
	for _, s := range []string{"", "   ", "\u202e", "\x1b"} {
		if got := label(s); got != blankLabel {
			t.Errorf("label(%q) = %q, want %q", s, got, blankLabel)
		}
	}
	if got := label("Our documents"); got != "Our documents" {
		t.Errorf("label kept %q", got)
	}
}

func TestCompleteRunes(t *testing.T) {
	for in, want := range map[string]string{
		"invoice":             "invoice",
		"invoice\xe2\x82":     "invoice",
		"invoice\xe2\x82\xac": "invoice\xe2\x82\xac",
		"invoice\xf0\x9f\x98": "invoice",
		"bad\xff":             "bad\xff",
		"":                    "",
		"\xe2":                "",
	} {
		if got := completeRunes(in); got != want {
			t.Errorf("completeRunes(%q) = %q, want %q", in, got, want)
		}
	}
}
