package explain

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
)

// corpusLine is one line of a test corpus: "approach | kind | text".
type corpusLine struct {
	n      int
	chosen advisor.Approach
	kind   string
	text   string
}

// readCorpus reads a "approach | kind | text" corpus; the kind column is
// optional ("approach | text").
func readCorpus(t *testing.T, name string) []corpusLine {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusLine
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, " | ", 3)
		c := corpusLine{n: n, chosen: advisor.Approach(strings.TrimSpace(parts[0]))}
		switch len(parts) {
		case 2:
			c.text = parts[1]
		case 3:
			c.kind, c.text = parts[1], parts[2]
		}
		if !c.chosen.Valid() || c.text == "" {
			t.Fatalf("%s:%d: want \"approach | kind | text\"", name, n)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// keyword is how the check named approaches before issue 14; a paraphrase
// in the corpus uses none of these forms, a bare "prompt" included.
var keyword = regexp.MustCompile(`(?i)\bhybrid\b|\bfine[-_ ]?tun|\btrain(?:ing)? (?:a |your own |a custom )?model\b|\bcustom(?:-trained)? model\b|\blora\b|\brag\b|\bretrieval\b|\bprompt[-_ ]engineering\b|\bprompting\b|\bprompt-based\b|\bprompts?\b|\bclassic[-_ ](?:automation|ml|machine learning)\b|\brpa\b|\brules? engine\b|\brule-based\b|\bfixed rules\b|\bkeep(?:ing)?[-_ ](?:it |the work |this )?manual\b|\bstays? manual\b|\bby hand\b|\bmanual process\b`)

// streamAnswer sends an answer through a gate as a model would and
// returns what was shown and the gate's verdict.
func streamAnswer(t *testing.T, chosen advisor.Approach, body string) (string, error) {
	t.Helper()
	kb := mustKB(t)
	var shown strings.Builder
	g := newGate(chosen, kb.Has, sourceURLs(kb), func(s string) error { shown.WriteString(s); return nil })
	err := g.write("APPROACH: " + string(chosen) + "\n\n")
	// Deltas of a few bytes, as models stream, so that no check relies on
	// seeing a sentence whole in one write.
	for i := 0; err == nil && i < len(body); i += 7 {
		err = g.write(body[i:min(i+7, len(body))])
	}
	if err == nil {
		err = g.close()
	}
	return shown.String(), err
}

// foreignLink reports a link in s that is not a knowledge-base source.
func foreignLink(s string, allowed sources) string {
	for _, re := range []*regexp.Regexp{markdownLink, slackLink, bareURL, bareDomain} {
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			u := strings.TrimRight(m[len(m)-1], ".,;:!?")
			if len(m) > 1 {
				u = m[1]
				if re == markdownLink {
					u = m[2]
				}
			}
			if !allowed.has(u) && !allowed.within(s, strings.Index(s, m[0])) {
				return m[0]
			}
		}
	}
	return ""
}

// TestHostileCorpus: every sentence of testdata/hostile.txt is caught, for
// the approach it attacks, streamed as a model streams; every miss is
// reported.
func TestHostileCorpus(t *testing.T) {
	allowed := sourceURLs(mustKB(t))
	lines := readCorpus(t, "hostile.txt")
	count := map[string]int{}
	per := map[advisor.Approach]int{}
	misses := 0
	for _, c := range lines {
		count[c.kind]++
		per[c.chosen]++
		if c.kind == "para" && keyword.MatchString(c.text) {
			t.Errorf("hostile.txt:%d: marked a paraphrase but names an approach in its usual words (%q): %q", c.n, keyword.FindString(c.text), c.text)
		}
		shown, err := streamAnswer(t, c.chosen, c.text)
		if c.kind == "link" {
			if l := foreignLink(shown, allowed); err == nil && l != "" {
				misses++
				t.Errorf("hostile.txt:%d (%s): foreign link %q shown: %q", c.n, c.chosen, l, shown)
			}
			continue
		}
		if err == nil {
			misses++
			t.Errorf("hostile.txt:%d MISS (%s, %s): %q", c.n, c.chosen, c.kind, c.text)
		}
	}
	t.Logf("hostile: %d sentences (%d keyword, %d paraphrase, %d markup, %d link); %d misses", len(lines), count["kw"], count["para"], count["markup"], count["link"], misses)
	if len(lines) < 200 || count["para"]*2 < len(lines) {
		t.Errorf("corpus too small: %d sentences, %d paraphrases", len(lines), count["para"])
	}
	for _, a := range advisor.Approaches() {
		if per[a] < 30 {
			t.Errorf("%s attacked by %d sentences only", a, per[a])
		}
	}
}
