package advisor

import (
	"encoding/json"
	"testing"
)

// TestFieldTableComplete: every field in the table is a UseCase field
// under the same JSON name, so a profile that sets it survives a JSON
// round trip; and every field has a question in plain words.
func TestFieldTableComplete(t *testing.T) {
	for _, f := range Fields() {
		var u UseCase
		if err := u.Set(sample(f)); err != nil {
			t.Fatalf("%s: Set: %v", f.Name, err)
		}
		raw, err := json.Marshal(u)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		if _, ok := m[f.Name]; !ok || len(m) != 1 {
			t.Errorf("%s: set alone, the profile's JSON is %s; want exactly that key (usecase.go's JSON tag)", f.Name, raw)
		}
		back, err := DecodeUseCase(raw)
		if err != nil || !back.Known(f.Name) {
			t.Errorf("%s: does not survive a JSON round trip: %v", f.Name, err)
		}
		if f.Question == "" {
			t.Errorf("%s: no question in the field table", f.Name)
		}
	}
}

// sample is a valid value of f.
func sample(f Field) Value {
	switch f.Kind {
	case KindEnum:
		return Value{Field: f.Name, Text: f.Options[0]}
	case KindBool:
		return Value{Field: f.Name, Bool: true}
	case KindInt, KindNumber:
		return Value{Field: f.Name, Number: 7}
	}
	return Value{Field: f.Name, Text: "x"}
}
