package slacktest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Every payload the fake takes goes through the limit checks, and what
// they find is kept per fake (Problems) and for the whole process
// (Tally), so a test suite can show it sent nothing Slack would refuse or
// show badly.

// tally is the process's count, over every fake.
var tally struct {
	sync.Mutex
	payloads int
	problems []string
}

// Tally reports, over every fake this process has run, how many payloads
// (message texts and blocks, stream texts, views) went through the limit
// checks and the problems found, refused or cosmetic, each as
// "method: path: rule".
func Tally() (payloads int, problems []string) {
	tally.Lock()
	defer tally.Unlock()
	return tally.payloads, slices.Clone(tally.problems)
}

// Problems returns the problems the limit checks found in what this fake
// was sent, refused or cosmetic, each as "method: path: rule".
func (f *Fake) Problems() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.problems)
}

// note counts one checked payload of r and keeps its problems; the ones
// Slack refuses become r's details. f.mu must be held.
func (f *Fake) note(r *apiRequest, ps []Problem) {
	var lines []string
	for _, p := range ps {
		lines = append(lines, r.method+": "+p.String())
		if !p.Cosmetic {
			// Slack's form: "[ERROR] must be ... [json-pointer:/blocks/0]".
			r.details = append(r.details, fmt.Sprintf("[ERROR] %s [%s]", p.Rule, p.Path))
		}
	}
	f.problems = append(f.problems, lines...)
	tally.Lock()
	tally.payloads++
	tally.problems = append(tally.problems, lines...)
	tally.Unlock()
	for _, l := range lines {
		f.logf("limit check: %s", l)
	}
}

// checkMessage checks a message's text, blocks, attachments and metadata
// (nil where the method takes none) as the chat methods and response_url
// take them, and answers Slack's error code, or "" when Slack would take
// them. f.mu must be held.
func (f *Fake) checkMessage(r *apiRequest, text string, blocks, attachments, metadata json.RawMessage) string {
	if text == "" && isEmptyArray(blocks) && isEmptyArray(attachments) {
		return "no_text"
	}
	var ps []Problem
	if n := utf8.RuneCountInString(text); n > f.cfg.MaxTextChars {
		ps = append(ps, Problem{Path: "text", Rule: fmt.Sprintf("at most %d characters, not %d", f.cfg.MaxTextChars, n)})
	}
	if blocks != nil {
		ps = append(ps, CheckBlocks(blocks, InMessage)...)
	}
	if metadata != nil {
		ps = append(ps, checkMetadata(metadata)...)
	}
	f.note(r, ps)
	switch refused := Refused(ps); {
	case len(refused) == 0:
		return ""
	case refused[0].Path == "text":
		return "msg_too_long"
	case strings.HasPrefix(refused[0].Path, "metadata"):
		return "invalid_metadata_format"
	}
	return "invalid_blocks"
}

// checkMetadata checks message metadata as Slack documents it
// (docs.slack.dev/messaging/message-metadata; @slack/types
// MessageMetadata): an object with a non-empty event_type and an
// event_payload object. chat.postMessage and chat.update answer
// invalid_metadata_format otherwise (their reference pages' errors).
func checkMetadata(raw json.RawMessage) []Problem {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil || m == nil {
		return []Problem{{Path: "metadata", Rule: "must be an object with event_type and event_payload"}}
	}
	var ps []Problem
	var typ string
	if json.Unmarshal(m["event_type"], &typ) != nil || typ == "" {
		ps = append(ps, Problem{Path: "metadata.event_type", Rule: "a non-empty string is required"})
	}
	var payload map[string]json.RawMessage
	if json.Unmarshal(m["event_payload"], &payload) != nil || payload == nil {
		ps = append(ps, Problem{Path: "metadata.event_payload", Rule: "must be an object"})
	}
	return ps
}

// checkStreamText checks what one streaming call adds.
func (f *Fake) checkStreamText(r *apiRequest, md string) string {
	var ps []Problem
	if n := utf8.RuneCountInString(md); n > maxStreamText {
		ps = append(ps, Problem{Path: "markdown_text", Rule: fmt.Sprintf("at most %d characters a call, not %d", maxStreamText, n)})
	}
	f.note(r, ps)
	if len(ps) > 0 {
		return "msg_too_long"
	}
	return ""
}

// checkView checks a view argument and answers Slack's error code, or "".
func (f *Fake) checkView(r *apiRequest, raw json.RawMessage) string {
	ps := CheckView(raw)
	f.note(r, ps)
	switch refused := Refused(ps); {
	case len(refused) == 0:
		return ""
	case len(raw) > maxViewBytes:
		return "view_too_large"
	}
	return "invalid_arguments"
}

func isEmptyArray(raw json.RawMessage) bool {
	if raw == nil {
		return true
	}
	var a []json.RawMessage
	return json.Unmarshal(raw, &a) == nil && len(a) == 0
}
