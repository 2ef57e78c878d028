package bot

import (
	"slices"
	"strings"
)

// The command words: what people type, or a button sends, to give the
// engine a command rather than an answer. The engine reads them here and
// nowhere else; adapters pass words through and render what comes back,
// so a new command is a row here, a case in the engine and, if it shows
// something new, a rendering in each adapter. internal/arch fails if an
// adapter matches one of these words itself.

// verb is a command the engine knows.
type verb int

const (
	verbNone    verb = iota
	verbHelp         // what the bot does and what people can say
	verbRestart      // a new assessment in this conversation
	verbShowROI      // the ROI table of the latest recommendation
	verbWhy          // the reasons, or why the pending question matters
	verbSkip         // skip the pending question
	verbHistory      // the person's recent assessments (private places)
	verbForget       // delete everything about the person (asks first)
	verbSummary      // an admin's preview of this week's summary
)

// verbs are the whole-message command words, as normalize leaves them.
var verbs = map[string]verb{
	"help": verbHelp, "?": verbHelp,
	ChoiceRestart: verbRestart, "start over": verbRestart, "new": verbRestart,
	ChoiceShowROI: verbShowROI, "roi": verbShowROI,
	ChoiceWhy: verbWhy, "why?": verbWhy,
	ChoiceSkip: verbSkip,
	"history":  verbHistory, "my history": verbHistory, "my assessments": verbHistory,
	"forget me": verbForget, "forget-me": verbForget, "forget my data": verbForget, "delete my data": verbForget,
	"weekly summary": verbSummary, "summary preview": verbSummary,
}

// commandOnly are words that are commands only when given as one (a
// slash command), because in a conversation they are ordinary answers:
// "summary" is a task as often as a report.
var commandOnly = map[string]verb{
	"summary": verbSummary,
}

// The commands that take words after them.
const (
	prefixNew      = "new "    // "new <description>": replaces a finished assessment
	prefixWhatIf   = "what if" // "what if the volume is 50k?"
	prefixQuickROI = "roi "    // "roi 20k a month, 6 min each, $45/h", as a command
)

// verbOf is the command that the whole of s gives, if any; asCommand
// adds the words that are commands only when given as one.
func verbOf(s string, asCommand bool) verb {
	s = normalize(s)
	if v, ok := verbs[s]; ok {
		return v
	}
	if asCommand {
		return commandOnly[s]
	}
	return verbNone
}

// hasPrefixWord reports whether s, as normalize leaves it, starts with the
// command prefix p.
func hasPrefixWord(s, p string) bool {
	return strings.HasPrefix(normalize(s)+" ", p)
}

// CommandWords lists every word and prefix the engine reads as a command,
// sorted, for the check that adapters leave them to it.
func CommandWords() []string {
	var out []string
	for w := range verbs {
		out = append(out, w)
	}
	for w := range commandOnly {
		out = append(out, w)
	}
	out = append(out, strings.TrimSpace(prefixNew), prefixWhatIf, strings.TrimSpace(prefixQuickROI))
	slices.Sort(out)
	return slices.Compact(out)
}

// NewAssessment reports whether in is the command "new <description>",
// which starts an assessment in a place of the adapter's choosing (in
// Slack, a thread under a starting message), and returns the description,
// "" when none was given.
func NewAssessment(in Inbound) (string, bool) {
	if !in.Command || !hasPrefixWord(in.Text, prefixNew) {
		return "", false
	}
	text := strings.TrimSpace(in.Text)
	return strings.TrimSpace(text[min(len(prefixNew)-1, len(text)):]), true
}
