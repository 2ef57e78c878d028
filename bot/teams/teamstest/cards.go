package teamstest

import (
	"bytes"
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The card checks: Microsoft's Adaptive Cards 1.5 schema and the host
// config Teams renders cards with (spec/README.md names their source).
// Teams itself is more lenient than a validator: it renders what it can
// and drops what its host config does not allow (a seventh button is
// simply not shown). The fake refuses such cards instead, with 400
// BadArgument, as the Adaptive Cards designer's validator would, so that a
// card a person would see cut short fails a test rather than a chat. A
// card the schema refuses is a problem too, failing the test that sent
// it; the connector, like Teams, takes it, and validates it after
// answering, since the schema takes a millisecond or two a card.

//go:embed spec/adaptive-card-1.5.schema.json spec/teams-hostconfig-light.json
var specFiles embed.FS

// CardContentType is an Adaptive Card attachment's content type.
const CardContentType = "application/vnd.microsoft.card.adaptive"

// maxCardVersion is the newest Adaptive Cards schema Teams renders.
const maxCardVersion = "1.5"

// maxImageBytes is the most an inline picture may hold: Teams takes
// pictures of up to 1024x1024 pixels and 1 MB (learn.microsoft.com, "Format
// your bot messages", picture limits).
const maxImageBytes = 1 << 20

// Problem is one way a payload breaks a rule of Teams'.
type Problem struct {
	Path string // where in the activity: "attachments[0].content.actions[6]"
	Rule string // the rule broken, as Microsoft documents it
}

func (p Problem) String() string { return p.Path + ": " + p.Rule }

type hostConfig struct {
	Actions struct {
		MaxActions int `json:"maxActions"`
	} `json:"actions"`
	SupportsInteractivity bool `json:"supportsInteractivity"`
}

var cardSpec = sync.OnceValues(func() (*jsonschema.Schema, hostConfig) {
	raw, err := specFiles.ReadFile("spec/adaptive-card-1.5.schema.json")
	if err != nil {
		panic(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		panic(fmt.Sprintf("teamstest: the Adaptive Cards schema: %v", err))
	}
	c := jsonschema.NewCompiler()
	const url = "http://adaptivecards.io/schemas/adaptive-card.json"
	if err := c.AddResource(url, doc); err != nil {
		panic(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		panic(fmt.Sprintf("teamstest: the Adaptive Cards schema: %v", err))
	}
	var host hostConfig
	raw, err = specFiles.ReadFile("spec/teams-hostconfig-light.json")
	if err == nil {
		err = json.Unmarshal(raw, &host)
	}
	if err != nil || host.Actions.MaxActions == 0 {
		panic(fmt.Sprintf("teamstest: Teams' host config has no actions.maxActions (%v)", err))
	}
	return sch, host
})

// MaxActions is how many actions Teams shows on a card (its host config's
// actions.maxActions).
func MaxActions() int {
	_, host := cardSpec()
	return host.Actions.MaxActions
}

// CheckCard returns the ways an Adaptive Card (its content, as JSON or as
// decoded JSON) breaks the 1.5 schema or Teams' host config; none means
// Teams shows it whole. path prefixes each problem's path.
func CheckCard(path string, card any) []Problem {
	inst, ps := decodeCard(path, card)
	if ps != nil {
		return ps
	}
	return append(cardSchema(path, inst), cardRules(path, inst)...)
}

// decodeCard is card as the schema validator takes it.
func decodeCard(path string, card any) (any, []Problem) {
	raw, ok := card.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(card); err != nil {
			return nil, []Problem{{path, "not JSON: " + err.Error()}}
		}
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, []Problem{{path, "not JSON: " + err.Error()}}
	}
	return inst, nil
}

// cardSchema validates a decoded card against the Adaptive Cards 1.5
// schema. It takes a millisecond or two, where the rules take microseconds.
func cardSchema(path string, inst any) []Problem {
	sch, _ := cardSpec()
	if err := sch.Validate(inst); err != nil {
		return []Problem{{path, "not an Adaptive Card 1.5 (adaptive-card.json): " + oneLine(err.Error())}}
	}
	return nil
}

// cardRules checks a decoded card against what Teams renders: the schema
// version, its host config's limit on actions, inputs' labels and ids,
// inline pictures.
func cardRules(path string, inst any) []Problem {
	_, host := cardSpec()
	var ps []Problem
	root, _ := inst.(map[string]any)
	if v, _ := root["version"].(string); v == "" || versionAfter(v, maxCardVersion) {
		ps = append(ps, Problem{path + ".version", fmt.Sprintf("Teams renders Adaptive Cards up to %s; the card needs %q", maxCardVersion, v)})
	}
	var actions []string
	ids := map[string]bool{}
	inputs, hasObjectData := 0, true
	walk(inst, path, func(p string, o map[string]any) {
		typ, _ := o["type"].(string)
		switch {
		case strings.HasPrefix(typ, "Action."):
			actions = append(actions, p)
			if typ == "Action.Submit" {
				if _, isString := o["data"].(string); isString {
					hasObjectData = false
				}
			}
		case strings.HasPrefix(typ, "Input.") && typ != "Input.Choice":
			inputs++
			id, _ := o["id"].(string)
			if ids[id] {
				ps = append(ps, Problem{p + ".id", fmt.Sprintf("input id %q is used twice; the submitted values would collide", id)})
			}
			ids[id] = true
			if req, _ := o["isRequired"].(bool); req {
				if label, _ := o["label"].(string); strings.TrimSpace(label) == "" {
					ps = append(ps, Problem{p + ".label", "a required input needs a label (Adaptive Cards input validation; Teams shows the required mark on the label)"})
				}
			}
		case typ == "Image":
			ps = append(ps, checkImage(p+".url", o["url"])...)
		}
		if typ == "Input.ChoiceSet" {
			// The Adaptive Cards validator: "All choices in an
			// Input.ChoiceSet must have their title and value properties
			// set"; Teams shows a blank entry otherwise.
			choices, _ := o["choices"].([]any)
			for i, c := range choices {
				ch, _ := c.(map[string]any)
				title, _ := ch["title"].(string)
				value, _ := ch["value"].(string)
				if strings.TrimSpace(title) == "" || value == "" {
					ps = append(ps, Problem{fmt.Sprintf("%s.choices[%d]", p, i), "a choice needs a title and a value"})
				}
			}
		}
		if typ == "Action.Submit" {
			if title, _ := o["title"].(string); strings.TrimSpace(title) == "" {
				ps = append(ps, Problem{p + ".title", "a button needs a title; Teams shows an empty button otherwise"})
			}
		}
	})
	// Counted over the whole card, nested action sets and show-cards
	// included: stricter than a renderer, which applies the limit to each
	// action bar, but a card with more buttons than Teams shows in one row
	// is one a person cannot take in.
	if len(actions) > host.Actions.MaxActions {
		ps = append(ps, Problem{actions[host.Actions.MaxActions], fmt.Sprintf("%d actions; Teams shows at most %d (host config actions.maxActions) and drops the rest", len(actions), host.Actions.MaxActions)})
	}
	if inputs > 0 && !hasObjectData {
		ps = append(ps, Problem{path, "an Action.Submit with string data on a card with inputs: Teams cannot merge the inputs into it"})
	}
	return ps
}

// checkImage checks an inline picture: a data URI of a PNG, JPEG or GIF of
// at most maxImageBytes.
func checkImage(path string, v any) []Problem {
	u, _ := v.(string)
	head, data, ok := strings.Cut(u, ";base64,")
	if !ok || !strings.HasPrefix(head, "data:") {
		return nil
	}
	if mt := strings.TrimPrefix(head, "data:"); !slices.Contains([]string{"image/png", "image/jpeg", "image/gif"}, mt) {
		return []Problem{{path, fmt.Sprintf("an inline picture of type %q; Teams takes PNG, JPEG or GIF", mt)}}
	}
	n := base64.StdEncoding.DecodedLen(len(data))
	if _, err := base64.StdEncoding.DecodeString(data); err != nil {
		return []Problem{{path, "the picture is not valid base64"}}
	}
	if n > maxImageBytes {
		return []Problem{{path, fmt.Sprintf("a picture of %d bytes; Teams takes at most 1 MB", n)}}
	}
	return nil
}

// walk calls f for every object in v, with its path.
func walk(v any, path string, f func(path string, o map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		f(path, v)
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys) // problems in a stable order
		for _, k := range keys {
			walk(v[k], path+"."+k, f)
		}
	case []any:
		for i, x := range v {
			walk(x, fmt.Sprintf("%s[%d]", path, i), f)
		}
	}
}

// versionAfter reports whether Adaptive Cards version a is newer than b.
func versionAfter(a, b string) bool {
	var amaj, amin, bmaj, bmin int
	if _, err := fmt.Sscanf(a, "%d.%d", &amaj, &amin); err != nil {
		return true // not a version Teams knows
	}
	fmt.Sscanf(b, "%d.%d", &bmaj, &bmin)
	return amaj > bmaj || amaj == bmaj && amin > bmin
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
