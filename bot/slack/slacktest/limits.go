package slacktest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"unicode/utf8"
)

// Block Kit limits the fake enforces, so a bot that Slack would refuse is
// refused here too. The numbers are Slack's, from its Block Kit reference
// (docs.slack.dev/reference/block-kit) and its published TypeScript types
// (@slack/types 3.2.0, block-kit/*.d.ts and views.d.ts), which say the
// same where both give one.
const (
	maxMessageBlocks   = 50
	maxViewBlocks      = 100 // modal or Home tab
	maxTextObject      = 3000
	maxSectionText     = 3000
	maxSectionFields   = 10
	maxFieldText       = 2000
	maxHeaderText      = 150
	maxButtonText      = 75
	maxButtonValue     = 2000
	maxURL             = 3000
	maxActionElements  = 25
	maxContextElements = 10
	maxID              = 255 // block_id, action_id, callback_id, external_id
	maxMarkdownBlocks  = 12000
	maxLabel           = 2000 // input label and hint
	maxPlaceholder     = 150
	maxOptions         = 100 // static selects, and option groups
	maxOverflowOptions = 5
	maxChoiceOptions   = 10 // radio buttons, checkboxes
	maxOptionText      = 75
	maxOptionValue     = 75 // @slack/types; the web reference says 150
	maxInputLength     = 3000
	maxViewTitle       = 24 // modal title, submit and close
	maxPrivateMetadata = 3000
	maxViewBytes       = 250 << 10 // views answer view_too_large beyond
	maxConfirmTitle    = 100
	maxConfirmText     = 300
	maxConfirmButton   = 30
)

// Surface is where blocks are shown; the number of blocks allowed and the
// kinds of block differ.
type Surface int

const (
	InMessage Surface = iota // chat.postMessage and the other chat methods, response_url
	InModal                  // views.open, views.push, views.update
	InHome                   // views.publish
)

func (s Surface) String() string {
	return [...]string{"message", "modal", "Home tab"}[s]
}

// Problem is one way a payload breaks a rule of Slack's.
type Problem struct {
	Path string // where in the payload: "blocks[3].elements[1].text.text"
	Rule string // the rule broken, as Slack documents it
	// Cosmetic marks what Slack accepts but shows badly, such as ":+1:"
	// written out on a button. The fake refuses only the others.
	Cosmetic bool
}

func (p Problem) String() string {
	if p.Cosmetic {
		return p.Path + ": " + p.Rule + " (cosmetic)"
	}
	return p.Path + ": " + p.Rule
}

// CheckBlocks returns the problems of a blocks array shown on surface s;
// none means Slack takes it.
func CheckBlocks(blocks json.RawMessage, s Surface) []Problem {
	var v any
	if err := json.Unmarshal(blocks, &v); err != nil {
		return []Problem{{Path: "blocks", Rule: "not JSON: " + err.Error()}}
	}
	var c checker
	c.blocks("blocks", v, s)
	return c.out
}

// CheckView returns the problems of a view object, as views.open,
// views.push, views.update and views.publish take it.
func CheckView(view json.RawMessage) []Problem {
	var c checker
	if len(view) > maxViewBytes {
		c.bad("view", "larger than %d bytes (view_too_large)", maxViewBytes)
	}
	var m map[string]any
	if err := json.Unmarshal(view, &m); err != nil {
		c.bad("view", "not a JSON object: %v", err)
		return c.out
	}
	c.maxRunes("callback_id", m["callback_id"], maxID)
	c.maxRunes("external_id", m["external_id"], maxID)
	c.maxRunes("private_metadata", m["private_metadata"], maxPrivateMetadata)
	var s Surface
	switch m["type"] {
	case "modal":
		s = InModal
		c.text("title", m["title"], plainOnly, maxViewTitle, true)
		c.text("submit", m["submit"], plainOnly, maxViewTitle, false)
		c.text("close", m["close"], plainOnly, maxViewTitle, false)
		if m["submit"] == nil && hasInput(m["blocks"]) {
			c.bad("submit", "required when the view has an input block")
		}
	case "home":
		s = InHome
	default:
		c.bad("type", "must be modal or home, not %v", m["type"])
		return c.out
	}
	c.blocks("blocks", m["blocks"], s)
	return c.out
}

// Refused keeps the problems Slack refuses a payload for.
func Refused(ps []Problem) []Problem {
	var out []Problem
	for _, p := range ps {
		if !p.Cosmetic {
			out = append(out, p)
		}
	}
	return out
}

func hasInput(v any) bool {
	list, _ := v.([]any)
	for _, b := range list {
		if m, ok := b.(map[string]any); ok && m["type"] == "input" {
			return true
		}
	}
	return false
}

type checker struct{ out []Problem }

func (c *checker) bad(path, format string, args ...any) {
	c.out = append(c.out, Problem{Path: path, Rule: fmt.Sprintf(format, args...)})
}

func (c *checker) cosmetic(path, format string, args ...any) {
	c.out = append(c.out, Problem{Path: path, Rule: fmt.Sprintf(format, args...), Cosmetic: true})
}

// maxRunes checks an optional string field's length.
func (c *checker) maxRunes(path string, v any, max int) {
	if v == nil {
		return
	}
	s, ok := v.(string)
	if !ok {
		c.bad(path, "must be a string")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		c.bad(path, "at most %d characters, not %d", max, n)
	}
}

// Kinds of text object a field takes.
const (
	anyText   = false
	plainOnly = true
)

// shortcode is an emoji shortcode such as :+1: or :white_check_mark:;
// a name needs a letter, so the ":30:" of "10:30:00" is none.
var shortcode = regexp.MustCompile(`:(?:[+-]1|[a-z0-9_+'-]*[a-z][a-z0-9_+'-]*):`)

// text checks a text object of at most max characters.
func (c *checker) text(path string, v any, plain bool, max int, required bool) {
	if v == nil {
		if required {
			c.bad(path, "required")
		}
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		c.bad(path, "must be a text object")
		return
	}
	typ := m["type"]
	switch {
	case typ != "plain_text" && typ != "mrkdwn":
		c.bad(path+".type", "must be plain_text or mrkdwn, not %v", typ)
	case plain && typ != "plain_text":
		c.bad(path+".type", "must be plain_text")
	}
	s, ok := m["text"].(string)
	n := utf8.RuneCountInString(s)
	switch {
	case !ok || n == 0:
		c.bad(path+".text", "at least 1 character")
	case n > min(max, maxTextObject):
		c.bad(path+".text", "at most %d characters, not %d", min(max, maxTextObject), n)
	}
	emoji, set := m["emoji"]
	if set && typ == "mrkdwn" {
		c.bad(path+".emoji", "only plain_text takes emoji")
	}
	if typ == "plain_text" && emoji == false && shortcode.MatchString(s) {
		c.cosmetic(path, "emoji is false, so %q is shown as typed", shortcode.FindString(s))
	}
}

// blocks checks a blocks array on surface s.
func (c *checker) blocks(path string, v any, s Surface) {
	if v == nil && s != InMessage {
		return // a view without blocks
	}
	list, ok := v.([]any)
	if !ok {
		c.bad(path, "must be an array of blocks")
		return
	}
	max := maxViewBlocks
	if s == InMessage {
		max = maxMessageBlocks
	}
	if len(list) > max {
		c.bad(path, "at most %d blocks in a %s, not %d", max, s, len(list))
	}
	ids := map[string]bool{}
	markdown := 0
	for i, b := range list {
		p := fmt.Sprintf("%s[%d]", path, i)
		m, ok := b.(map[string]any)
		if !ok {
			c.bad(p, "must be a block object")
			continue
		}
		if id, ok := m["block_id"].(string); ok {
			c.maxRunes(p+".block_id", id, maxID)
			if ids[id] {
				c.bad(p+".block_id", "%q is used twice; block ids are unique in a message or view", id)
			}
			ids[id] = true
		}
		markdown += c.block(p, m, s)
	}
	if markdown > maxMarkdownBlocks {
		c.bad(path, "markdown blocks hold at most %d characters together, not %d", maxMarkdownBlocks, markdown)
	}
}

// block checks one block and returns the characters of a markdown block.
func (c *checker) block(p string, m map[string]any, s Surface) (markdown int) {
	switch m["type"] {
	case "section":
		c.text(p+".text", m["text"], anyText, maxSectionText, m["fields"] == nil)
		if f, ok := m["fields"]; ok {
			list, _ := f.([]any)
			if len(list) == 0 || len(list) > maxSectionFields {
				c.bad(p+".fields", "1 to %d fields, not %d", maxSectionFields, len(list))
			}
			for i, x := range list {
				c.text(fmt.Sprintf("%s.fields[%d]", p, i), x, anyText, maxFieldText, true)
			}
		}
		if a, ok := m["accessory"]; ok {
			c.element(p+".accessory", a)
		}
	case "header":
		c.text(p+".text", m["text"], plainOnly, maxHeaderText, true)
	case "divider", "image", "rich_text", "video", "file", "table":
	case "context":
		els := c.list(p+".elements", m["elements"], maxContextElements)
		for i, e := range els {
			ep := fmt.Sprintf("%s.elements[%d]", p, i)
			if em, ok := e.(map[string]any); ok && em["type"] == "image" {
				continue
			}
			c.text(ep, e, anyText, maxTextObject, true)
		}
	case "actions":
		els := c.list(p+".elements", m["elements"], maxActionElements)
		c.elements(p+".elements", els)
	case "input":
		c.text(p+".label", m["label"], plainOnly, maxLabel, true)
		c.text(p+".hint", m["hint"], plainOnly, maxLabel, false)
		if m["element"] == nil {
			c.bad(p+".element", "required")
		} else {
			c.element(p+".element", m["element"])
		}
	case "markdown":
		text, ok := m["text"].(string)
		if !ok || text == "" {
			c.bad(p+".text", "a markdown block needs its text")
		}
		if s != InMessage {
			c.bad(p, "markdown blocks are for messages only")
		}
		return utf8.RuneCountInString(text)
	default:
		c.bad(p+".type", "unknown block type %v", m["type"])
	}
	return 0
}

// findActionBlock returns the block_id of the block holding an element
// with actionID, searching a list of blocks; "" if none.
func findActionBlock(raw json.RawMessage, actionID string) string {
	var blocks []struct {
		BlockID   string            `json:"block_id"`
		Elements  []json.RawMessage `json:"elements"`
		Accessory json.RawMessage   `json:"accessory"`
		Element   json.RawMessage   `json:"element"`
	}
	if json.Unmarshal(raw, &blocks) != nil {
		return ""
	}
	for _, b := range blocks {
		for _, e := range append(b.Elements, b.Accessory, b.Element) {
			var el struct {
				ActionID string `json:"action_id"`
			}
			if e != nil && json.Unmarshal(e, &el) == nil && el.ActionID == actionID && actionID != "" {
				return b.BlockID
			}
		}
	}
	return ""
}
