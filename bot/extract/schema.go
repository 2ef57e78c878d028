package extract

import (
	"encoding/json"

	"github.com/advisorbot/advisorbot/advisor"
)

// schema is the JSON Schema of the answer, derived from the advisor's field
// table so the two cannot drift: every decision field, each nullable
// (strict structured output requires every property to be listed as
// required, so "unknown" is null rather than absent).
var schema = buildSchema()

func buildSchema() []byte {
	props := map[string]any{}
	var required []string
	for _, f := range decisionFields() {
		var p map[string]any
		switch f.Kind {
		case advisor.KindEnum:
			enum := make([]any, 0, len(f.Options)+1)
			for _, o := range f.Options {
				enum = append(enum, o)
			}
			p = map[string]any{"type": []string{"string", "null"}, "enum": append(enum, nil)}
		case advisor.KindBool:
			p = map[string]any{"type": []string{"boolean", "null"}}
		case advisor.KindInt:
			p = map[string]any{"type": []string{"integer", "null"}}
		default:
			p = map[string]any{"type": []string{"number", "null"}}
		}
		p["description"] = f.Question
		props[f.Name] = p
		required = append(required, f.Name)
	}
	b, err := json.Marshal(map[string]any{
		"type":                 "object",
		"properties":           props,
		"required":             required,
		"additionalProperties": false,
	})
	if err != nil {
		panic("extract: schema: " + err.Error()) // unreachable: plain maps and slices
	}
	return b
}
