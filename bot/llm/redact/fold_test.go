package redact

import (
	"os"
	"strings"
	"testing"
)

func TestFoldText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ASCII unchanged", "sk-proj-abc 4111", "sk-proj-abc 4111"},
		{"normal non-ASCII unchanged", "€41/h in Lisbon, josé", "€41/h in Lisbon, josé"},
		{"full-width", "ｓｋ－ｐｒｏｊ ４１１１", "sk-proj 4111"},
		{"ideographic space", "４１１１\u3000１１１１", "4111 1111"},
		{"zero-width removed", "AKIA\u200bIOSF\u200c\u200dODNN\u2060\ufeff7", "AKIAIOSFODNN7"},
		{"soft hyphen removed", "4242\u00ad4242", "42424242"},
		{"bidi marks removed", "+1\u200e 415", "+1 415"},
		{"no-break spaces", "+33\u00a01\u202f23", "+33 1 23"},
		{"ligature", "ﬁle", "file"},
		{"combining marks compose", "e\u0301", "é"},
		{"invalid UTF-8 kept", "\xff4111\u200b1111\xc3", "\xff41111111\xc3"},
		{"multi-segment decomposition", "\u3300x", "アパートx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := foldText(tt.in).text; got != tt.want {
				t.Errorf("foldText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// The mapping back to the original must cover exactly the original bytes
// behind a folded span: every character of it, invisible ones inside
// included, and nothing on either side.
func TestFoldMapping(t *testing.T) {
	tests := []struct {
		name, in, folded, orig string // folded: a substring of the fold; orig: what it maps to
	}{
		{"identity", "key sk-abc1 end", "sk-abc1", "sk-abc1"},
		{"full-width", "key ｓｋ－ａｂｃ１ end", "sk-abc1", "ｓｋ－ａｂｃ１"},
		{"invisible inside covered", "key sk-\u200babc1 end", "sk-abc1", "sk-\u200babc1"},
		{"invisible at the edges stays out", "key \u200bsk-abc1\u200b end", "sk-abc1", "sk-abc1"},
		{"partial ligature widened", "x ﬁle", "ile", "ﬁle"},
		{"after a composed character", "é 4111", "4111", "4111"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := foldText(tt.in)
			n := strings.Index(f.text, tt.folded)
			if n < 0 {
				t.Fatalf("fold %q lacks %q", f.text, tt.folded)
			}
			start, end := f.origStart(n), f.origEnd(n+len(tt.folded))
			if got := tt.in[start:end]; got != tt.orig {
				t.Errorf("maps to %q, want %q", got, tt.orig)
			}
		})
	}
}

func TestRedactFolded(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"text around kept as written", "ﬁle ｓｋ－ｐｒｏｊ－Ｔ３ｂＬｂｋＦＪ９ｘＱ２ｍＺ７ｐＲ５ｖＹ１ｗ 、ok", "ﬁle [SECRET] 、ok"},
		{"invisible characters outside stay", "\u200b4111\u200b1111\u200b1111\u200b1111\u200b", "\u200b[CARD]\u200b"},
		{"composed letter after a token", "sk-proj-T3bLbkFJ9xQ2mZ7pR5vY1w\u0301 x", "[SECRET]w\u0301 x"},
		{"full-width brackets are no placeholder", "［EMAIL］ jane@acme.com", "［EMAIL］ [EMAIL]"},
		{"placeholder spread with a zero-width space", "[EM\u200bAIL]jane@acme.com", "[EM\u200bAIL][EMAIL]"},
		{"emoji joiners untouched", "\U0001F469\u200d\U0001F4BB jane@acme.com", "\U0001F469\u200d\U0001F4BB [EMAIL]"},
		{"full-width digits in an order number stay", "注文 １２３４５６７８９", "注文 １２３４５６７８９"},
		{"invalid UTF-8 around", "\xff\xfe\u200b4111\u200b1111\u200b1111\u200b1111\xff", "\xff\xfe\u200b[CARD]\xff"},
	}
	var r Redactor
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Redact(tt.in)
			if got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := r.Redact(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

// BenchmarkRedactFolded is BenchmarkRedact on a text that does not fold to
// itself (one full-width word and one zero-width space), so the normaliser
// runs over all of it.
func BenchmarkRedactFolded(b *testing.B) {
	data, err := os.ReadFile("testdata/description.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := "ｎｏｔｅ\u200b " + string(data)
	var r Redactor
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		r.Redact(s)
	}
}
