package terminal

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestReadLine: lines of any length are read, as bufio.ScanLines splits
// them, with at most the limit kept, in whole runes.
func TestReadLine(t *testing.T) {
	huge := strings.Repeat("x", 2<<20)
	euro := strings.Repeat("€", 10) // three bytes each
	for name, c := range map[string]struct {
		in   string
		max  int
		want []inputLine
	}{
		"lines":             {"a\nbb\r\n\nccc", 10, []inputLine{{text: "a"}, {text: "bb"}, {}, {text: "ccc"}}},
		"final newline":     {"a\n", 10, []inputLine{{text: "a"}}},
		"empty":             {"", 10, nil},
		"at the limit":      {"0123456789\nx", 10, []inputLine{{text: "0123456789"}, {text: "x"}}},
		"limit with CRLF":   {"0123456789\r\n", 10, []inputLine{{text: "0123456789"}}},
		"over the limit":    {"0123456789ab\nnext", 10, []inputLine{{text: "0123456789", long: true}, {text: "next"}}},
		"2 MiB at 1 MiB":    {huge + "\nhello\n", 1 << 20, []inputLine{{text: huge[:1<<20], long: true}, {text: "hello"}}},
		"2 MiB, no newline": {huge, 1 << 20, []inputLine{{text: huge[:1<<20], long: true}}},
		"a rune cut in two": {euro + "\n", 10, []inputLine{{text: "€€€", long: true}}},
	} {
		r := bufio.NewReader(strings.NewReader(c.in))
		var got []inputLine
		for {
			l, err := readLine(r, c.max)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got = append(got, l)
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %d lines, want %d", name, len(got), len(c.want))
			continue
		}
		for i := range got {
			if got[i] != c.want[i] || !utf8.ValidString(got[i].text) {
				t.Errorf("%s: line %d = %.40q (%d bytes, long %v), want %.40q (%d bytes, long %v)", name, i,
					got[i].text, len(got[i].text), got[i].long, c.want[i].text, len(c.want[i].text), c.want[i].long)
			}
		}
	}
}
