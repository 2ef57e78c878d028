package slacktest

import (
	"fmt"
	"unicode/utf8"
)

// The checks of interactive elements (buttons, menus, text inputs) and
// their parts, for CheckBlocks and CheckView.

// list checks that v is an array of 1 to max items and returns them.
func (c *checker) list(path string, v any, max int) []any {
	list, ok := v.([]any)
	if !ok || len(list) == 0 || len(list) > max {
		c.bad(path, "1 to %d items, not %d", max, len(list))
	}
	return list
}

// elements checks an actions block's elements, whose action ids must
// differ.
func (c *checker) elements(path string, els []any) {
	ids := map[string]bool{}
	for i, e := range els {
		p := fmt.Sprintf("%s[%d]", path, i)
		c.element(p, e)
		if m, ok := e.(map[string]any); ok {
			if id, ok := m["action_id"].(string); ok && id != "" {
				if ids[id] {
					c.bad(p+".action_id", "%q is used twice in the block", id)
				}
				ids[id] = true
			}
		}
	}
}

// element checks an interactive element.
func (c *checker) element(p string, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		c.bad(p, "must be an element object")
		return
	}
	c.maxRunes(p+".action_id", m["action_id"], maxID)
	c.confirm(p+".confirm", m["confirm"])
	switch m["type"] {
	case "button":
		c.text(p+".text", m["text"], plainOnly, maxButtonText, true)
		c.maxRunes(p+".value", m["value"], maxButtonValue)
		c.maxRunes(p+".url", m["url"], maxURL)
		c.maxRunes(p+".accessibility_label", m["accessibility_label"], maxOptionText)
		if st, ok := m["style"]; ok && st != "primary" && st != "danger" {
			c.bad(p+".style", "primary or danger, not %v", st)
		}
	case "static_select", "multi_static_select":
		c.text(p+".placeholder", m["placeholder"], plainOnly, maxPlaceholder, false)
		opts, groups := m["options"], m["option_groups"]
		switch {
		case (opts == nil) == (groups == nil):
			c.bad(p, "options or option_groups, one of them")
		case opts != nil:
			c.options(p+".options", opts, maxOptions, plainOnly)
		default:
			for i, g := range c.list(p+".option_groups", groups, maxOptions) {
				gm, _ := g.(map[string]any)
				gp := fmt.Sprintf("%s.option_groups[%d]", p, i)
				c.text(gp+".label", gm["label"], plainOnly, maxOptionText, true)
				c.options(gp+".options", gm["options"], maxOptions, plainOnly)
			}
		}
	case "overflow":
		c.options(p+".options", m["options"], maxOverflowOptions, plainOnly)
	case "radio_buttons", "checkboxes":
		c.options(p+".options", m["options"], maxChoiceOptions, anyText)
	case "plain_text_input":
		c.textInput(p, m)
	case "":
		c.bad(p+".type", "required")
	}
}

// options checks a list of option objects.
func (c *checker) options(path string, v any, max int, plain bool) {
	for i, o := range c.list(path, v, max) {
		op := fmt.Sprintf("%s[%d]", path, i)
		om, ok := o.(map[string]any)
		if !ok {
			c.bad(op, "must be an option object")
			continue
		}
		c.text(op+".text", om["text"], plain, maxOptionText, true)
		c.text(op+".description", om["description"], plainOnly, maxOptionText, false)
		c.maxRunes(op+".value", om["value"], maxOptionValue)
	}
}

// textInput checks a plain_text_input's lengths.
func (c *checker) textInput(p string, m map[string]any) {
	c.text(p+".placeholder", m["placeholder"], plainOnly, maxPlaceholder, false)
	maxLen := float64(maxInputLength)
	if v, ok := m["max_length"]; ok {
		n, _ := v.(float64)
		if n < 1 || n > maxInputLength {
			c.bad(p+".max_length", "1 to %d, not %v", maxInputLength, v)
		}
		maxLen = n
	}
	if v, ok := m["min_length"]; ok {
		n, _ := v.(float64)
		if n < 0 || n > maxInputLength || n > maxLen {
			c.bad(p+".min_length", "0 to %d and at most max_length, not %v", maxInputLength, v)
		}
	}
	if s, ok := m["initial_value"].(string); ok && float64(utf8.RuneCountInString(s)) > maxLen {
		c.bad(p+".initial_value", "longer than max_length")
	}
}

// confirm checks an optional confirmation dialog.
func (c *checker) confirm(p string, v any) {
	if v == nil {
		return
	}
	m, ok := v.(map[string]any)
	if !ok {
		c.bad(p, "must be a confirmation object")
		return
	}
	c.text(p+".title", m["title"], plainOnly, maxConfirmTitle, true)
	c.text(p+".text", m["text"], anyText, maxConfirmText, true)
	c.text(p+".confirm", m["confirm"], plainOnly, maxConfirmButton, true)
	c.text(p+".deny", m["deny"], plainOnly, maxConfirmButton, true)
}
