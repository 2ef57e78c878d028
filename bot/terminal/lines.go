package terminal

import (
	"bufio"
	"errors"
	"io"
	"unicode/utf8"
)

// MaxLine is the most of one typed or piped line that is read: far above
// the engine's own message limit (which cuts a long message and says so),
// and low enough that a runaway paste or a binary file on standard input
// cannot take the memory. The rest of a longer line is skipped, and the
// person is told.
const MaxLine = 1 << 20

// inputLine is one line read: its text (at most the limit, whole runes)
// and whether more of it was skipped.
type inputLine struct {
	text string
	long bool
}

// readLine reads one line of any length from r, keeping at most limit bytes
// of it, and returns it as bufio.ScanLines would (without the "\n" or a
// "\r" before it). At the end of input it returns the last line, if any,
// then io.EOF.
func readLine(r *bufio.Reader, limit int) (inputLine, error) {
	var kept []byte
	total := 0 // the line's length, "\n" included
	for {
		chunk, err := r.ReadSlice('\n')
		total += len(chunk)
		if room := limit + 1 - len(kept); room > 0 { // + 1: a "\r" or "\n" just past the limit
			kept = append(kept, chunk[:min(len(chunk), room)]...)
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && total == 0:
			return inputLine{}, io.EOF
		case err != nil && !errors.Is(err, io.EOF):
			return inputLine{}, err
		}
		n := total
		if err == nil {
			n-- // the "\n"
		}
		if n > 0 && n <= limit+1 && kept[n-1] == '\r' {
			n-- // the "\r" of "\r\n"
		}
		if n <= limit {
			return inputLine{text: string(kept[:n])}, nil
		}
		return inputLine{text: string(wholeRunes(kept[:limit])), long: true}, nil
	}
}

// wholeRunes drops a rune cut in two at the end of b.
func wholeRunes(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}
