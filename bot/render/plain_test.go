package render

import "testing"

func TestPlainText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Invoice triage", "Invoice triage"},
		{"[click](https://evil.example) *now*", "(click)(https://evil.example) now"},
		{"# Big\n- item", "Big - item"},
		{"snake_case `code` ~strike~ a|b", "snake case 'code' strike a/b"},
		{"<!channel> <at>Everyone</at>", "‹!channel› ‹at›Everyone‹/at›"},
		{"invoice\u202Etxt.exe \x1b[2Jok", "invoicetxt.exe ok"},
		{"", ""},
	} {
		if got := PlainText(c.in); got != c.want {
			t.Errorf("PlainText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
