package bot

import (
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// Sentences of the follow-up conversation.
const (
	msgFollowupStatus = "%d days ago you asked me about %s, and I recommended %s. Did your team build it? " +
		"Tell me in your words (\"we built it with rag\", \"not yet\", \"we dropped it\"), or use a button. " +
		"Your answers help make my estimates your company's own."
	msgFollowupUnread   = "I couldn't tell whether you built it. Say \"we built it\" (and with what), \"not yet\", \"we dropped it\" or \"stop asking\"."
	msgFollowupWhich    = "Which approach did you build it with?"
	msgFollowupApproach = "I couldn't tell which approach that is. Say prompt engineering, rag, fine-tuning, hybrid, classic automation or manual, or skip."
	msgFollowupBuild    = "Roughly what did it cost to build, people's time included? Say skip if you don't know."
	msgFollowupRun      = "Roughly what does it cost a month to run (models, hosting, upkeep)? Say skip if you don't know."
	msgFollowupSaved    = "How much time does it save, per item or per month? Say skip if you don't know."
	msgFollowupReason   = "Sorry it didn't go ahead. Why was it dropped, in a few words? Say skip to leave it at that."
	msgFollowupThanks   = "Thank you, that's noted. Outcomes like yours are how my estimates become your company's own figures."
	msgFollowupNotYet   = "Thanks. I'll check in again later, unless you say \"stop asking\"."
	msgFollowupStopped  = "Understood: I won't ask about outcomes again. Your assessments stay as they were."
)

// Words that answer "did you build it?". Longer phrases are tried first.
var (
	statusStop    = []string{"stop asking", "stop", "don't ask", "do not ask", "unsubscribe", "no more", "leave me alone"}
	statusNotYet  = []string{"not yet", "no not yet", "not built yet", "still working", "in progress", "working on it", "later", "soon", "no", "nope", "not really"}
	statusDropped = []string{"dropped", "we dropped it", "dropped it", "abandoned", "cancelled", "canceled", "gave up", "we gave up", "scrapped", "shelved", "decided against", "decided not to", "killed it", "won't build"}
	statusBuilt   = []string{"built", "we built it", "yes", "yep", "yeah", "done", "it's live", "live", "shipped", "launched", "in production", "we did", "deployed", "we use it", "running"}
)

// readFollowupStatus reads a status ("built", "not yet", "dropped", "stop
// asking") and the approach built, if named. "" when it names none; an
// approach alone ("rag") means built with it.
func readFollowupStatus(text string) (string, advisor.Approach) {
	t := normalize(text)
	switch t {
	case followupBuilt, followupNotYet, followupDropped, followupStop:
		return t, ""
	}
	approach := approachIn(t)
	has := func(words []string) bool {
		for _, w := range words {
			if containsWords(t, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has(statusStop) && !has(statusBuilt):
		return followupStop, ""
	case has(statusDropped):
		return followupDropped, ""
	case strings.HasPrefix(t, "not yet") || has(statusNotYet) && !has(statusBuilt):
		return followupNotYet, ""
	case has(statusBuilt), approach != "":
		return followupBuilt, approach
	}
	return "", ""
}

// approachIn finds the one approach a sentence names ("we went with rag").
func approachIn(t string) advisor.Approach {
	if a, ok := chosenApproach(t); ok {
		return a
	}
	var found advisor.Approach
	for a, words := range approachWords {
		for _, w := range words {
			if len(w) > 3 && containsWords(t, w) || w == "rag" && containsWords(t, w) {
				if found != "" && found != a {
					return "" // two named: ask rather than guess
				}
				found = a
			}
		}
	}
	return found
}

// containsWords reports whether phrase occurs in t on word boundaries.
func containsWords(t, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(t[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		if (start == 0 || !isWordByte(t[start-1])) && (end == len(t) || !isWordByte(t[end])) {
			return true
		}
		i = start + 1
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_' || b >= 0x80
}
