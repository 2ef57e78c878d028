package advisor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// DecodeUseCase reads one profile from JSON. Unlike encoding/json, it reports
// every problem at once, one per field: unknown fields (with the closest known
// name), wrong types, and values out of range. JSON null means unknown.
func DecodeUseCase(data []byte) (UseCase, error) {
	var u UseCase
	data = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))) // editors on Windows add a BOM
	if len(data) == 0 {
		return u, Problems{{Message: "the profile is empty; give a JSON object such as {\"task\": \"classify\", \"monthly_volume\": 5000}"}}
	}
	if data[0] != '{' {
		return u, Problems{{Message: "the profile must be a JSON object such as {\"task\": \"classify\", \"monthly_volume\": 5000}"}}
	}
	raw, dups, err := objectFields(data)
	if err != nil {
		return u, Problems{{Message: "the profile is not valid JSON: " + jsonErrorText(err)}}
	}
	var ps Problems
	for _, k := range dups {
		ps = append(ps, Problem{k, "appears more than once; give each field once"})
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	// Report in the profile's field order, unknown names last, so the output
	// is stable and reads like the documentation.
	slices.SortFunc(keys, func(a, b string) int {
		ia, ib := fieldIndex(a), fieldIndex(b)
		if ia < 0 {
			ia = len(fieldTable)
		}
		if ib < 0 {
			ib = len(fieldTable)
		}
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(a, b)
	})
	for _, k := range keys {
		i := fieldIndex(k)
		if i < 0 {
			msg := "is not a profile field"
			if near := nearestField(k); near != "" {
				msg += fmt.Sprintf("; did you mean %q?", near)
			} else {
				msg += "; known fields are " + strings.Join(FieldNames(), ", ")
			}
			ps = append(ps, Problem{k, msg})
			continue
		}
		f := &fieldTable[i]
		v, p, ok := decodeValue(f, raw[k])
		if !ok {
			ps = append(ps, p)
			continue
		}
		if v == nil { // null: unknown
			continue
		}
		if err := u.Set(*v); err != nil {
			ps = append(ps, ProblemsOf(err)...)
		}
	}
	if len(ps) > 0 {
		return u, ps
	}
	return u, nil
}

// objectFields reads one JSON object into its raw fields, noting keys that
// appear twice (encoding/json would silently keep the last) and refusing
// anything after the object.
func objectFields(data []byte) (map[string]json.RawMessage, []string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // the opening brace, checked by the caller
		return nil, nil, err
	}
	raw := map[string]json.RawMessage{}
	var dups []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, err
		}
		key, _ := tok.(string) // object keys are always strings
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, err
		}
		if _, ok := raw[key]; ok && !slices.Contains(dups, key) {
			dups = append(dups, key)
		}
		raw[key] = v
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, errors.New("unexpected data after the closing brace")
	}
	return raw, dups, nil
}

// decodeValue converts one JSON value to a field value, or says what type
// was expected. A nil value with ok means null.
func decodeValue(f *Field, msg json.RawMessage) (*Value, Problem, bool) {
	msg = bytes.TrimSpace(msg)
	if string(msg) == "null" {
		return nil, Problem{}, true
	}
	v := Value{Field: f.Name}
	var err error
	switch f.Kind {
	case KindText, KindEnum:
		err = json.Unmarshal(msg, &v.Text)
	case KindInt, KindNumber:
		err = json.Unmarshal(msg, &v.Number)
	case KindBool:
		err = json.Unmarshal(msg, &v.Bool)
	}
	if err != nil {
		if (f.Kind == KindInt || f.Kind == KindNumber) && jsonType(msg) != "" && isJSONNumber(msg) {
			// A number encoding/json cannot hold, such as 1e400.
			return nil, Problem{f.Name, fmt.Sprintf("must be at most %s, not %s", formatNumber(f.Max), truncate(string(msg), 40))}, false
		}
		return nil, Problem{f.Name, fmt.Sprintf("must be %s, not %s", kindPhrase(f), jsonType(msg))}, false
	}
	return &v, Problem{}, true
}

func isJSONNumber(msg json.RawMessage) bool {
	return len(msg) > 0 && (msg[0] == '-' || msg[0] >= '0' && msg[0] <= '9')
}

// kindPhrase describes a field's JSON type with an example.
func kindPhrase(f *Field) string {
	switch f.Kind {
	case KindEnum:
		return "one of the strings " + strings.Join(f.Options, ", ")
	case KindInt:
		return "a whole number such as 5000"
	case KindNumber:
		return "a number such as 12.5"
	case KindBool:
		return "true or false"
	}
	return "a string"
}

// jsonType names the JSON type of a raw value for error messages.
func jsonType(msg json.RawMessage) string {
	if len(msg) == 0 {
		return "nothing"
	}
	switch msg[0] {
	case '"':
		return "a string (" + truncate(string(msg), 40) + ")"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "true/false"
	}
	return "the number " + truncate(string(msg), 40)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "..."
}

// jsonErrorText turns encoding/json errors into a sentence that points at
// the place in the input where reading stopped.
func jsonErrorText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%s (at byte %d)", se.Error(), se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("expected %s but found %s (at byte %d)", te.Type, te.Value, te.Offset)
	}
	return err.Error()
}

// nearestField suggests the known field closest to a misspelt name, or "".
func nearestField(name string) string {
	name = strings.ToLower(strings.ReplaceAll(name, "-", "_"))
	best, bestD := "", 4
	for i := range fieldTable {
		if d := EditDistance(name, fieldTable[i].Name); d < bestD {
			best, bestD = fieldTable[i].Name, d
		}
	}
	return best
}

// EditDistance is the Levenshtein distance in bytes between two short
// identifiers (field names, knowledge ids), for "did you mean" hints.
// Strings over 64 bytes are treated as far apart.
func EditDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
