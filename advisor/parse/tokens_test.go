package parse

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// showTokens writes tokens compactly: words as read, numbers as "#" and
// their value, symbols quoted; "+" marks a token glued to the one before it,
// "|" a clause break and "/" a sentence break.
func showTokens(toks []token) string {
	var b strings.Builder
	for k, t := range toks {
		if k > 0 {
			switch {
			case t.sent != toks[k-1].sent:
				b.WriteString(" / ")
			case t.clause != toks[k-1].clause:
				b.WriteString(" | ")
			default:
				b.WriteByte(' ')
			}
		}
		if t.glued {
			b.WriteByte('+')
		}
		switch t.kind {
		case tokNum:
			b.WriteString("#" + strconv.FormatFloat(t.num, 'g', -1, 64))
		case tokSym:
			b.WriteString("'" + t.text + "'")
		default:
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// tokenizeCase is a text, how to tokenize it, and the tokens as showTokens
// writes them.
type tokenizeCase struct {
	in        string
	spaced    bool // as an answer: a plain space may separate thousands
	want      string
	ambiguous string
}

func checkTokenize(t *testing.T, cases []tokenizeCase) {
	t.Helper()
	for _, tt := range cases {
		got := tokenize(tt.in, tt.spaced)
		if s := showTokens(got.toks); s != tt.want || got.ambiguous != tt.ambiguous {
			t.Errorf("tokenize(%q, %v) = %s, %q\n want %s, %q", tt.in, tt.spaced, s, got.ambiguous, tt.want, tt.ambiguous)
		}
	}
}

// Dashes: a range or a sign before a number, whatever the dash and the
// spacing; a hyphen inside a word joins it; anything else is a clause break.
func TestTokenizeDashes(t *testing.T) {
	checkTokenize(t, []tokenizeCase{
		{in: "2-3k", want: "#2 +'-' +#3 +k"},
		{in: "2–3k", want: "#2 +'-' +#3 +k"},
		{in: "2 - 3k", want: "#2 '-' #3 +k"},
		{in: "2 — 3k", want: "#2 '-' #3 +k"},
		{in: "-5", want: "'-' +#5"},
		{in: "−5", want: "'-' +#5"},
		{in: "-$45", want: "'-' +'$' +#45"},
		{in: "$-45", want: "'$' +'-' +#45"},
		{in: "-.5", want: "'-' +#0.5"},
		{in: "auto-reject", want: "auto reject"},
		{in: "e-mail", want: "e mail"},
		{in: "twenty-five", want: "twenty five"},
		{in: "real‑time", want: "real time"}, // a non-breaking hyphen
		{in: "x—y", want: "x | y"},
		{in: "x–y", want: "x | y"},
		{in: "x - y", want: "x | y"},
		{in: "300-ish", want: "#300 | ish"},
		{in: "- we get 5", want: "we get #5"}, // a bullet
		{in: "-five", want: "five"},           // Answer itself treats an opening dash as a sign
	})
}

func TestTokenize(t *testing.T) {
	checkTokenize(t, []tokenizeCase{
		// Numbers: thousands groups of exactly three, one separator kind
		// per number; a plain space only in an answer.
		{in: "20,000", want: "#20000"},
		{in: "12,345.50", want: "#12345.5"},
		{in: "1,234.5", want: "#1234.5"},
		{in: "20_000", want: "#20000"},
		{in: "20 000", spaced: true, want: "#20000"},
		{in: "20 000", want: "#20 #0"},
		{in: "5 100-page contracts", want: "#5 #100 | page contracts"},
		{in: "1\u00a0000\u00a0000", want: "#1e+06"},
		{in: "1,000 000", spaced: true, want: "#1000 #0"},
		{in: "2.5", want: "#2.5"},
		{in: ".5 hours", want: "#0.5 hours"},
		{in: "approx.300", want: "approx / #300"},
		{in: "v1.2.3", want: "v +#1.2 / #3", ambiguous: detailDottedGroups},
		{in: "1,5", want: "#1 | #5", ambiguous: detailDecimalComma},
		{in: "20.000", want: "#20", ambiguous: detailDottedGroups},
		{in: "1.000.000", want: "#1 / #0", ambiguous: detailDottedGroups},
		{in: "0.500", want: "#0.5"},
		{in: "1" + strings.Repeat("0", 400), want: "#+Inf"},

		// Currency and glued units.
		{in: "$45/h", want: "'$' +#45 +'/' +h"},
		{in: "45/h", want: "#45 +'/' +h"},
		{in: "€2.5M", want: "'€' +#2.5 +m"},
		{in: "£40k p.a.", want: "'£' +#40 +k p / a"},
		{in: "3k", want: "#3 +k"},
		{in: "1h30", want: "#1 +h +#30"},
		{in: "90s", want: "#90 +s"},
		{in: "24/7", want: "#24 +'/' +#7"},
		{in: "~2k", want: "'~' +#2 +k"},
		{in: "<=5", want: "'<' +'=' +#5"},
		{in: "10%", want: "#10 +'%'"},

		// Words: lower case, apostrophes dropped, "&" and "w/" spelt out.
		{in: "Don't know", want: "dont know"},
		{in: "Q&A", want: "q +and +a"},
		{in: "w/o review", want: "without review"},
		{in: "w/ sources", want: "with sources"},
		{in: "2w/", want: "#2 +w +'/'"},

		// Clauses and sentences. Quotation marks wrap words and end nothing.
		{in: `not "strict"`, want: "not strict"},
		{in: "no PII, HIPAA", want: "no pii | hipaa"},
		{in: "live: 6 weeks", want: "live | #6 weeks"},
		{in: "done. Next? Yes!", want: "done / next / yes"},
		{in: "a\nb", want: "a / b"},
		{in: "日本語 🎫 ok", want: "日本語 '🎫' ok"},
	})
}

// Token offsets map back to the text as written, which evidence quotes.
func TestTokenOffsets(t *testing.T) {
	in := "We get ~2,000 e-mails/week; HIPAA—yes."
	toks := tokenize(in, false).toks
	var spans []string
	for _, tk := range toks {
		spans = append(spans, in[tk.start:tk.end])
	}
	want := []string{"We", "get", "~", "2,000", "e", "mails", "/", "week", "HIPAA", "yes"}
	if !slices.Equal(spans, want) {
		t.Errorf("spans %q, want %q", spans, want)
	}
	if !toks[8].caps || toks[0].caps {
		t.Errorf("caps: HIPAA %v, We %v", toks[8].caps, toks[0].caps)
	}
}

func TestTokenizeQuestions(t *testing.T) {
	got := tokenize("Is it regulated? HIPAA applies. Maybe GDPR?", false).questions
	if want := []bool{true, false, true}; !slices.Equal(got, want) {
		t.Errorf("questions %v, want %v", got, want)
	}
}

// The word form choice answers are matched on comes from the same tokens.
func TestAnswerWords(t *testing.T) {
	for _, tt := range []struct{ in, words, clauses string }{
		{"Don't know", "dont know", "dont know"},
		{"Q&A", "q and a", "q and a"},
		{"real-time", "real time", "real time"},
		{"no—it's public", "no its public", "no , its public"},
		{"No, it's public.", "no its public", "no , its public"},
		{`not "strict"`, "not strict", "not strict"},
		{"tried it, but it plateaued", "tried it but it plateaued", "tried it , but it plateaued"},
		{"5k", "5k", "5k"},
		{"Q1", "q1", "q1"},
		{"2,000 a week", "2 000 a week", "2 000 a week"},
		{"50/50", "50 50", "50 50"},
		{"w/o sources", "without sources", "without sources"},
		{"  ", "", ""},
	} {
		if got := answerWords(tt.in); got != tt.words {
			t.Errorf("answerWords(%q) = %q, want %q", tt.in, got, tt.words)
		}
		if got := answerClauses(tt.in); got != tt.clauses {
			t.Errorf("answerClauses(%q) = %q, want %q", tt.in, got, tt.clauses)
		}
	}
}
