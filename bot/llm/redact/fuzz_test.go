package redact

import (
	"os"
	"strings"
	"testing"
)

// FuzzRedact checks, for any input: no panic; idempotence, which also means
// the output holds nothing a detector would still match; RedactCount agrees
// with Redact; and every byte outside the placeholders survives, in order.
func FuzzRedact(f *testing.F) {
	c := loadCorpus(f)
	for _, p := range c.Positive {
		f.Add(p.Text)
	}
	for _, n := range c.Negative {
		f.Add(n)
	}
	if data, err := os.ReadFile("testdata/description.txt"); err == nil {
		f.Add(string(data))
	}
	for _, s := range []string{
		"password=[SECRET]x", "[EMA[EMAIL]IL]", "a@b.co4111111111111111", "+44 (0)20 7946 0958 1234 5678 9012",
		"\xff@\xfe.de", "-----BEGIN PRIVATE KEY-----", "Bearer " + strings.Repeat("a1", 20),
		// Folding: full-width, invisible characters, placeholders that
		// fold into being, characters that decompose into several.
		"ｓｋ－ｐｒｏｊ－Ｔ３ｂＬｂｋＦＪ９ｘＱ２ｍＺ７ｐＲ５ｖＹ１ｗ", "4111\u200b1111\u00ad1111\u20601111",
		"［EMAIL］\u200b[EM\u200bAIL]", "x\u0301\u0301ﬁ\u3300\ufeff", "sk-proj-T3bLbkFJ9xQ2mZ7pR5vY1ﬁ\u0301",
	} {
		f.Add(s)
	}
	r, err := New(`EMP-\d{6}`, `(?i)project\s+(?P<redact>[a-z]+)`)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, counts := r.RedactCount(in)
		if again := r.Redact(out); again != out {
			t.Fatalf("not idempotent:\n  in:     %q\n  once:   %q\n  twice:  %q", in, out, again)
		}
		if plain := r.Redact(in); plain != out {
			t.Fatalf("Redact and RedactCount differ: %q vs %q", plain, out)
		}
		total := 0
		for _, n := range counts {
			total += n
		}
		if total == 0 && out != in {
			t.Fatalf("output changed with nothing counted: %q -> %q", in, out)
		}
		if !preserved(in, out) {
			t.Fatalf("text outside placeholders not preserved:\n  in:  %q\n  out: %q", in, out)
		}
	})
}

// preserved reports whether the text of out between placeholders appears in
// in, in order, starting at its start and ending at its end: redaction only
// ever replaces spans.
func preserved(in, out string) bool {
	pos, last := 0, 0
	for i, h := range placeholders(out) {
		piece := out[last:h.start]
		if i == 0 {
			if !strings.HasPrefix(in, piece) {
				return false
			}
			pos = len(piece)
		} else {
			k := strings.Index(in[pos:], piece)
			if k < 0 {
				return false
			}
			pos += k + len(piece)
		}
		last = h.end
	}
	tail := out[last:]
	if last == 0 {
		return in == out
	}
	return len(in)-pos >= len(tail) && strings.HasSuffix(in, tail)
}

func BenchmarkRedact(b *testing.B) {
	data, err := os.ReadFile("testdata/description.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	var r Redactor
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		r.Redact(s)
	}
}

func BenchmarkRedactClean(b *testing.B) {
	c := loadCorpus(b)
	s := strings.Join(c.Negative, " ")
	var r Redactor
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		r.Redact(s)
	}
}
