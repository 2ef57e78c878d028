package slacktest

import (
	"encoding/json"
	"unicode/utf8"
)

// Block Kit limits the fake enforces, so a bot that would be refused by
// Slack is refused here too. Slack's own numbers, from its Block Kit
// reference (docs.slack.dev/reference/block-kit/blocks) and
// chat.postMessage (docs.slack.dev/reference/methods/chat.postMessage).
const (
	maxMessageBlocks  = 50
	maxViewBlocks     = 100
	maxSectionText    = 3000
	maxSectionFields  = 10
	maxFieldText      = 2000
	maxHeaderText     = 150
	maxButtonText     = 75
	maxButtonValue    = 2000
	maxActionElements = 25
	maxContextItems   = 10
	maxBlockID        = 255
	maxMarkdownBlocks = 12000 // cumulative over a message's markdown blocks
)

// checkContent validates a message's text, blocks and attachments, and
// answers the Slack error code, or "" when Slack would accept them.
func (f *Fake) checkContent(text string, blocks, attachments json.RawMessage, maxBlocks int) string {
	if text == "" && isEmptyArray(blocks) && isEmptyArray(attachments) {
		return "no_text"
	}
	if utf8.RuneCountInString(text) > f.cfg.MaxTextChars {
		return "msg_too_long"
	}
	if blocks != nil {
		return validateBlocks(blocks, maxBlocks)
	}
	return ""
}

func isEmptyArray(raw json.RawMessage) bool {
	if raw == nil {
		return true
	}
	var a []json.RawMessage
	return json.Unmarshal(raw, &a) == nil && len(a) == 0
}

// textObj is a Block Kit text object.
type textObj struct {
	Text string `json:"text"`
}

type blockShape struct {
	Type     string            `json:"type"`
	BlockID  string            `json:"block_id"`
	Text     json.RawMessage   `json:"text"` // object, or a string in markdown blocks
	Fields   []textObj         `json:"fields"`
	Elements []json.RawMessage `json:"elements"`
}

type elementShape struct {
	Type     string   `json:"type"`
	ActionID string   `json:"action_id"`
	Text     *textObj `json:"text"`
	Value    string   `json:"value"`
}

// validateBlocks answers invalid_blocks_format for JSON that is not a list
// of blocks and invalid_blocks for one that breaks a limit.
func validateBlocks(raw json.RawMessage, maxBlocks int) string {
	var blocks []blockShape
	if json.Unmarshal(raw, &blocks) != nil {
		return "invalid_blocks_format"
	}
	if len(blocks) > maxBlocks {
		return "invalid_blocks"
	}
	markdown := 0
	for _, b := range blocks {
		if b.Type == "" || len(b.BlockID) > maxBlockID {
			return "invalid_blocks"
		}
		ok := true
		switch b.Type {
		case "section":
			ok = validSection(b)
		case "header":
			var t textObj
			ok = json.Unmarshal(b.Text, &t) == nil && utf8.RuneCountInString(t.Text) <= maxHeaderText
		case "markdown":
			var s string
			ok = json.Unmarshal(b.Text, &s) == nil
			markdown += utf8.RuneCountInString(s)
		case "actions":
			ok = validActions(b)
		case "context":
			ok = len(b.Elements) <= maxContextItems
		}
		if !ok {
			return "invalid_blocks"
		}
	}
	if markdown > maxMarkdownBlocks {
		return "invalid_blocks"
	}
	return ""
}

// validSection: a section has text or fields, each within its limit.
func validSection(b blockShape) bool {
	var t textObj
	if b.Text != nil && json.Unmarshal(b.Text, &t) != nil {
		return false
	}
	if n := utf8.RuneCountInString(t.Text); n > maxSectionText || (n == 0 && len(b.Fields) == 0) {
		return false
	}
	if len(b.Fields) > maxSectionFields {
		return false
	}
	for _, fl := range b.Fields {
		if utf8.RuneCountInString(fl.Text) > maxFieldText {
			return false
		}
	}
	return true
}

// validActions: an actions block holds few elements, and a button's
// text and value are within their limits.
func validActions(b blockShape) bool {
	if len(b.Elements) > maxActionElements {
		return false
	}
	for _, raw := range b.Elements {
		var e elementShape
		if json.Unmarshal(raw, &e) != nil || len(e.ActionID) > maxBlockID {
			return false
		}
		if e.Type == "button" && (e.Text == nil || utf8.RuneCountInString(e.Text.Text) > maxButtonText ||
			utf8.RuneCountInString(e.Value) > maxButtonValue) {
			return false
		}
	}
	return true
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
			var el elementShape
			if e != nil && json.Unmarshal(e, &el) == nil && el.ActionID == actionID && actionID != "" {
				return b.BlockID
			}
		}
	}
	return ""
}
