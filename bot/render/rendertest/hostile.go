// Package rendertest holds what the renderers' tests share: a corpus of
// hostile text (what a prompt-injected model or a mischievous employee
// might write) and every kind of outbound message with such text in every
// field a person or a model can fill, so each surface's test can render
// them all and assert that none of it became markup.
package rendertest

import (
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
)

// Corpus is hostile text for every surface: Slack mentions, links and
// specials; Markdown links, images, headings, lists and emphasis; Teams
// <at> mentions; HTML; terminal escape sequences (clear screen, OSC 8
// hyperlinks, carriage returns); bidirectional overrides and isolates;
// zero-width characters; invalid UTF-8; and text long enough to be split.
var Corpus = []string{
	// Slack
	"<!channel>",
	"<!here> please approve",
	"<!everyone>",
	"what if <!channel> is 5",
	"<@U0123ABCD> approve this",
	"<@W0123ABCD|ceo>",
	"<!subteam^S0123ABCD|@leadership>",
	"<#C0123ABCD|general>",
	"<https://evil.example/login|Approve budget>",
	"<https://evil.example>",
	"<mailto:ceo@example.com|CEO>",
	"&lt;!channel&gt; already escaped",
	"a < b && c > d",
	"<!date^1392734382^{date_num}|fallback>",
	"@channel @here",
	// Markdown, Slack's and standard
	"[Approve budget](https://evil.example/login)",
	"![tracking](https://evil.example/pixel.png)",
	"[ref]: https://evil.example\n[Approve][ref]",
	"**bold** *italic* _under_ ~strike~ `code`",
	"```\ncode block\n```",
	"# Heading\n## Another",
	"> quoted\n>> nested",
	"- item one\n+ item two\n* item three",
	"1. first\n2) second",
	"| a | b |\n|---|---|\n| 1 | 2 |",
	"\\[not\\](a link) \\<!channel\\>",
	"https://evil.example/autolinked",
	"<https://evil.example/autolink>",
	// Teams
	"<at>Everyone</at>",
	"<at id=\"0\">CEO</at> approve",
	"<at>General</at> <at>Leadership</at>",
	// HTML
	"<b>bold</b> <i>it</i>",
	"<a href=\"https://evil.example\">Approve</a>",
	"<img src=x onerror=alert(1)>",
	"<script>alert(1)</script>",
	"&amp; &#60;b&#62; &#x3C;",
	// Terminal
	"\x1b[2J\x1b[Hscreen cleared",
	"\x1b]8;;https://evil.example\x1b\\Approve\x1b]8;;\x1b\\",
	"\x1b]8;;https://evil.example\aApprove\x1b]8;;\a",
	"\x1b]0;new window title\a",
	"\x1b[31mred\x1b[0m \x1b(B\x1bc",
	"safe\rEVIL overwrote the line",
	"bell\a backspace\b\b\b null\x00 del\x7f",
	"\u009b2J C1 CSI and \u009d0;title\u009c C1 OSC",
	"invalid \xff\xfe utf-8 \x9b2J",
	// Bidi and invisible
	"invoice\u202Etxt.exe",
	"\u202Dforced LTR\u202C and \u202Bembedded\u202C",
	"\u2066isolate\u2069 \u2067rtl\u2069 \u2068first\u2069",
	"mark\u200E mark\u200F arabic\u061C",
	"zero\u200Bwidth\uFEFFbom\u2060joiner",
	"line\u2028separator\u2029paragraph",
	// Long
	strings.Repeat("<!channel> [x](https://evil.example) \x1b[2J \u202E", 200),
	strings.Repeat("A", 5000),
}

// Outbounds are one message of every kind with s in every field a person
// or a model can fill: texts, titles, a question's text, options,
// examples and readings, a recommendation's reasons, risks and next steps,
// a what-if's values, history titles, and a summary built from the real
// template with s as titles and departments.
func Outbounds(rec advisor.Recommendation, s string) []bot.Outbound {
	hostile := Recommendation(rec, s)
	opts := []advisor.Option{{Value: "a", Label: s, Example: s}, {Value: "b", Label: "b " + s, Example: s}}
	many := append(opts, advisor.Option{Value: "c", Label: s}, advisor.Option{Value: "d", Label: s},
		advisor.Option{Value: "e", Label: s}, advisor.Option{Value: "f", Label: s})
	q := func(o []advisor.Option, confirm []bot.Reading) *bot.Question {
		return &bot.Question{Field: advisor.FieldMonthlyVolume, Text: s, Options: o, Example: s, Number: 1, AtMost: 5, Confirm: confirm}
	}
	report := Report(s)
	return []bot.Outbound{
		{Kind: bot.KindText, Text: s},
		{Kind: bot.KindText, Text: "I could not read " + s + " as a number.\nTry again."},
		{Kind: bot.KindError, Text: s},
		{Kind: bot.KindQuestion, Text: s, Question: q(opts, nil)},
		{Kind: bot.KindQuestion, Text: s, Question: q(many, nil)},
		{Kind: bot.KindQuestion, Text: s, Question: q(nil, nil)},
		{Kind: bot.KindQuestion, Text: s, Question: q(nil, []bot.Reading{{Field: advisor.FieldMonthlyVolume, Name: s, Value: s}})},
		{Kind: bot.KindRecommendation, Rec: &hostile, RecID: "r1", Title: s, Text: s},
		{Kind: bot.KindROI, Rec: &hostile, Title: s, Text: s},
		{Kind: bot.KindWhatIf, Text: s, WhatIf: &bot.WhatIf{Field: advisor.FieldMonthlyVolume, From: s, To: s, Before: hostile, After: hostile}},
		{Kind: bot.KindWhatIf, WhatIf: &bot.WhatIf{Field: advisor.FieldKnowledge, From: s, To: "private_changing", Before: hostile, After: rec}},
		{Kind: bot.KindFeedback, Text: s, RecID: "r1"},
		{Kind: bot.KindHistory, Text: s},
		{Kind: bot.KindHistory, Text: s, History: History(rec, s)},
		{Kind: bot.KindConfirmForget, Text: s},
		{Kind: bot.KindSummary, Text: s, Summary: &report},
	}
}

// Recommendation is rec with s in every reason, risk and next step.
func Recommendation(rec advisor.Recommendation, s string) advisor.Recommendation {
	out := rec
	out.Reasons = nil
	for _, r := range rec.Reasons {
		r.Text, r.Ref = s, s
		out.Reasons = append(out.Reasons, r)
	}
	out.Risks = []string{s, s}
	out.NextSteps = []string{s, s}
	return out
}

// History is two assessments whose user, department and title are s.
func History(rec advisor.Recommendation, s string) []store.Assessment {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	a := store.Assessment{ID: "a1", User: s, Department: s, Title: s, Result: rec, CreatedAt: at}
	b := a
	b.ID, b.CreatedAt = "a2", at.Add(time.Hour)
	return []store.Assessment{a, b}
}

// Report is a week's summary, rendered by the summary's own template, with
// s as every title and department.
func Report(s string) summary.Report {
	sum := Summary(s)
	md, err := sum.Markdown()
	if err != nil {
		panic(err) // the template is embedded and tested
	}
	return summary.ReportOf(sum.Week, md)
}

// Summary is a week's summary with s as every title and department, and
// as the "chosen" side of what teams chose.
func Summary(s string) summary.Summary {
	return summary.Summary{
		Week: "2026-W48", PrevWeek: "2026-W47", Assessments: 3, PrevAssessments: 1,
		ByApproach:      []summary.Count{{Name: string(advisor.RAG), N: 2}},
		ByDepartment:    []summary.Count{{Name: s, N: 2}, {Name: "Ops " + s, N: 1}},
		BenefitByDept:   map[string]float64{s: 1200},
		NetMonthly:      1200,
		NetAnnual:       14400,
		Top:             []summary.TopItem{{Title: s, Department: s, Approach: advisor.RAG, NetMonthly: 1200}, {Title: s, Approach: advisor.RAG}},
		Rated:           2,
		Helpful:         1,
		ChosenVsAdvised: []summary.Count{{Name: "rag->" + s, N: 1}},
	}
}

// Invisible reports the first character in s that must not reach a
// screen: a control character other than a line break or a tab, a bidi
// control, or a zero-width character render.StripControls removes.
func Invisible(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			return r, true
		case r == '\u061c' || r == '\u200b' || r == '\u200e' || r == '\u200f' || r == '\ufeff' || r == '\u2028' || r == '\u2029':
			return r, true
		case r >= '\u202a' && r <= '\u202e' || r >= '\u2060' && r <= '\u2069':
			return r, true
		}
	}
	return 0, false
}
