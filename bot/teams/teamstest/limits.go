package teamstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf16"
)

// MaxMessageBytes is Teams' cap on a bot's message: 100 KB of the whole
// activity encoded as UTF-16, base64 pictures not counted; over it the
// connector answers 413 MessageSizeTooBig (learn.microsoft.com, "Format
// your bot messages", message size limits).
const MaxMessageBytes = 100 << 10

// MessageSize is an activity's size as Teams counts it: its JSON in UTF-16
// bytes, with the base64 data of inline pictures left out.
func MessageSize(activity any) int {
	v := activity
	if raw, ok := activity.(json.RawMessage); ok {
		if json.Unmarshal(raw, &v) != nil {
			return utf16Bytes(string(raw))
		}
	} else if _, decoded := activity.(map[string]any); !decoded {
		raw, err := json.Marshal(activity)
		if err != nil || json.Unmarshal(raw, &v) != nil {
			return 0
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // as sent, not as Go would escape it
	enc.Encode(withoutPictures(v))
	return utf16Bytes(strings.TrimSuffix(b.String(), "\n"))
}

func utf16Bytes(s string) int {
	n := 0
	for _, r := range s {
		n += 2 * utf16.RuneLen(r)
	}
	return n
}

// withoutPictures is v with every base64 data URI emptied.
func withoutPictures(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = withoutPictures(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = withoutPictures(x)
		}
		return out
	case string:
		if head, _, ok := strings.Cut(v, ";base64,"); ok && strings.HasPrefix(head, "data:") {
			return head + ";base64,"
		}
	}
	return v
}

// refusal is how the connector answers a payload it will not take.
type refusal struct {
	status int
	code   string
	msg    string
}

// checkMessage checks what a message or typing activity carries: its size,
// its cards, and that a message has something to show. It returns the
// problems and, when Teams would refuse the activity, how; its cards,
// whose schema check does not change the answer, are added to later.
func checkMessage(a map[string]any, later *[]pendingCard) ([]Problem, *refusal) {
	var ps []Problem
	if n := MessageSize(a); n > MaxMessageBytes {
		ps = append(ps, Problem{"", fmt.Sprintf("a message of %d bytes in UTF-16 (pictures excepted); Teams takes at most %d", n, MaxMessageBytes)})
		return ps, &refusal{413, "MessageSizeTooBig", "Message size too large"}
	}
	typ, _ := a["type"].(string)
	switch typ {
	case "message", "typing":
	default:
		ps = append(ps, Problem{"type", fmt.Sprintf("a bot sends message or typing activities, not %q", typ)})
		return ps, &refusal{400, "BadArgument", "Unknown activity type"}
	}
	atts, _ := a["attachments"].([]any)
	text, _ := a["text"].(string)
	if typ == "message" && strings.TrimSpace(text) == "" && len(atts) == 0 {
		ps = append(ps, Problem{"", "a message with neither text nor attachments"})
		return ps, &refusal{400, "BadArgument", "Activity text or attachments required"}
	}
	var cards []Problem
	for i, att := range atts {
		att, _ := att.(map[string]any)
		path := fmt.Sprintf("attachments[%d]", i)
		switch ct, _ := att["contentType"].(string); {
		case ct == CardContentType:
			cards = append(cards, cardRules(path+".content", att["content"])...)
			*later = append(*later, pendingCard{path: path + ".content", card: att["content"]})
		case strings.HasPrefix(ct, "image/"):
			cards = append(cards, checkImage(path+".contentUrl", att["contentUrl"])...)
		}
	}
	if len(cards) > 0 {
		return append(ps, cards...), &refusal{400, "BadArgument", "The card is not valid for Teams"}
	}
	return ps, nil
}
