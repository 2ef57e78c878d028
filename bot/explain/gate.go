package explain

import (
	"fmt"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// maxHeaderBytes is how long the gate waits for the approach line before
// deciding the model ignored the format.
const maxHeaderBytes = 300

// gate sits between the model's stream and the caller. It holds text back
// until a whole sentence has arrived, checks it, and only then passes it on,
// so a sentence that contradicts the rules is never shown, not even briefly.
type gate struct {
	chosen advisor.Approach
	check  *checker
	out    func(string) error

	pending    strings.Builder // received, not yet checked
	passed     strings.Builder // checked and sent
	headerDone bool
	emitted    bool
	callerErr  error // the caller's own error from out, returned as is
}

// newGate returns a gate for the rules' approach; known says which
// knowledge entries exist and allowed which links may be shown.
func newGate(chosen advisor.Approach, known func(string) bool, allowed sources, out func(string) error) *gate {
	return &gate{chosen: chosen, check: newChecker(chosen, known, allowed), out: out}
}

// write receives one delta from the model. A non-nil error stops the stream.
func (g *gate) write(delta string) error {
	g.pending.WriteString(delta)
	if !g.headerDone {
		s := strings.TrimLeft(g.pending.String(), " \t\r\n")
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			if len(s) > maxHeaderBytes {
				// The model ignored the format: no line of its own.
				return &violation{ReasonNoHeader, "no approach line in the first " + fmt.Sprint(maxHeaderBytes) + " bytes"}
			}
			return nil
		}
		if v := checkHeader(s[:i], g.chosen); v != nil {
			return v
		}
		g.headerDone = true
		g.pending.Reset()
		g.pending.WriteString(strings.TrimLeft(s[i+1:], " \t\r\n"))
	}
	return g.drain(false)
}

// close checks whatever is left when the stream ends, then the text as a
// whole: what only the whole shows fails here, after the sentences were
// shown, and the caller replaces them (Explanation.Replaced).
func (g *gate) close() error {
	if !g.headerDone {
		// One line in all: at best an approach line and no explanation.
		return checkHeader(strings.TrimSpace(g.pending.String()), g.chosen)
	}
	if err := g.drain(true); err != nil {
		return err
	}
	if v := g.check.verdict(); v != nil {
		return v
	}
	return nil
}

// drain passes on every complete sentence; at the end, the remainder too.
func (g *gate) drain(final bool) error {
	s := g.pending.String()
	for {
		end := sentenceEnd(s)
		if end < 0 {
			break
		}
		if err := g.emit(s[:end]); err != nil {
			return err
		}
		s = s[end:]
	}
	if final && strings.TrimSpace(s) != "" {
		if err := g.emit(s); err != nil {
			return err
		}
		s = ""
	}
	g.pending.Reset()
	g.pending.WriteString(s)
	return nil
}

func (g *gate) emit(sentence string) error {
	if !g.emitted {
		// Blank lines between the approach line and the text are not text.
		if sentence = strings.TrimLeft(sentence, " \t\r\n"); sentence == "" {
			return nil
		}
	}
	// What is shown is the sentence without the links it may not keep.
	sentence, v := g.check.check(sentence)
	if v != nil {
		return v
	}
	g.passed.WriteString(sentence)
	g.emitted = true
	if err := g.out(sentence); err != nil {
		g.callerErr = err
		return err
	}
	return nil
}

// text is everything passed on, trimmed.
func (g *gate) text() string { return strings.TrimSpace(g.passed.String()) }

// sentenceEnd returns the index just past the first sentence in s and the
// white space after it, or -1 when s holds no complete sentence yet. A
// sentence ends at ., ! or ? followed by white space, or at a line break.
func sentenceEnd(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		end := -1
		switch {
		case c == '\n':
			end = i + 1
		case (c == '.' || c == '!' || c == '?') && i+1 < len(s) && isSpace(s[i+1]):
			end = i + 1
		}
		if end < 0 {
			continue
		}
		for end < len(s) && isSpace(s[end]) {
			end++
		}
		return end
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
