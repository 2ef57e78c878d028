package slack

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"sigs.k8s.io/yaml"

	"github.com/advisorbot/advisorbot/bot"
)

// eventTypes maps a manifest event subscription to the slackevents type
// that handleEvent must dispatch for it.
var eventTypes = map[string]string{
	"app_home_opened":          "AppHomeOpenedEvent",
	"app_mention":              "AppMentionEvent",
	"assistant_thread_started": "AssistantThreadStartedEvent",
	"message.im":               "MessageEvent",
	"message.channels":         "MessageEvent",
	"message.groups":           "MessageEvent",
}

// TestManifestMatchesCode reads the manifest and the dispatching source and
// checks they agree both ways: every command and event the manifest
// subscribes to is handled, and every command and event type the code
// handles is subscribed to.
func TestManifestMatchesCode(t *testing.T) {
	m := read(t, "../../slack-app-manifest.yaml")
	if !strings.Contains(m, "socket_mode_enabled: true") {
		t.Error("Socket Mode is not enabled in the manifest")
	}
	var commands, events []string
	for _, c := range regexp.MustCompile(`(?m)^\s*- command: (\S+)`).FindAllStringSubmatch(m, -1) {
		commands = append(commands, c[1])
	}
	i := strings.Index(m, "bot_events:")
	if i < 0 {
		t.Fatal("manifest has no bot_events")
	}
	for _, line := range strings.Split(m[i:], "\n")[1:] {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "- ") {
			break
		}
		events = append(events, strings.TrimPrefix(line, "- "))
	}

	// Commands: handleSlash gives /advisor's text to the engine as a
	// command, and any other command as its name followed by its text, so
	// the name must be one of the engine's command words.
	words := bot.CommandWords()
	for _, c := range commands {
		if c != slashAdvisor && !slices.Contains(words, strings.TrimPrefix(c, "/")) {
			t.Errorf("manifest command %s is neither %s nor one of the engine's command words %q", c, slashAdvisor, words)
		}
	}

	// Events: the slackevents types in handleEvent's switch.
	ev := read(t, "events.go")
	body := ev[strings.Index(ev, "func (a *Server) handleEvent("):]
	body = body[:strings.Index(body, "\n}\n")]
	handled := map[string]bool{}
	for _, c := range regexp.MustCompile(`case \*slackevents\.(\w+):`).FindAllStringSubmatch(body, -1) {
		handled[c[1]] = true
	}
	subscribed := map[string]bool{}
	for _, e := range events {
		typ, ok := eventTypes[e]
		if !ok {
			t.Errorf("manifest subscribes to %s, which no code handles", e)
			continue
		}
		subscribed[typ] = true
		if !handled[typ] {
			t.Errorf("manifest subscribes to %s but handleEvent has no case for %s", e, typ)
		}
	}
	for typ := range handled {
		if !subscribed[typ] {
			t.Errorf("handleEvent handles %s but the manifest subscribes to no event that delivers it", typ)
		}
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// manifestSchema is Slack's app manifest schema (testdata/spec, from
// slackapi/manifest-schema), its URLs served from the local copies.
func manifestSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const base = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/"
	c := jsonschema.NewCompiler()
	// The schema's patterns are ECMAScript's (JSON Schema says so), with
	// lookaheads Go's regexp lacks.
	c.UseRegexpEngine(ecmaRegexp)
	c.UseLoader(specLoader{
		"https://github.com/slackapi/manifest-schema/blob/main/manifest.schema.json": "slack-app-manifest.schema.json",
		base + "manifest.schema.1.0.0.json":                                          "slack-app-manifest-1.0.0.schema.json",
		base + "manifest.schema.2.0.0.json":                                          "slack-app-manifest-2.0.0.schema.json",
	})
	sch, err := c.Compile("https://github.com/slackapi/manifest-schema/blob/main/manifest.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// ecmaRegexp compiles a schema's pattern as ECMAScript.
func ecmaRegexp(s string) (jsonschema.Regexp, error) {
	re, err := regexp2.Compile(s, regexp2.ECMAScript)
	if err != nil {
		return nil, err
	}
	return (*ecmaPattern)(re), nil
}

type ecmaPattern regexp2.Regexp

func (re *ecmaPattern) MatchString(s string) bool {
	ok, err := (*regexp2.Regexp)(re).MatchString(s)
	return err == nil && ok
}

func (re *ecmaPattern) String() string { return (*regexp2.Regexp)(re).String() }

// specLoader maps a schema's URL to its copy under testdata/spec; any
// other URL is an error, so the test never reaches for the network.
type specLoader map[string]string

func (l specLoader) Load(url string) (any, error) {
	name, ok := l[url]
	if !ok {
		return nil, fmt.Errorf("no local copy of %s under testdata/spec", url)
	}
	f, err := os.Open(filepath.Join("testdata", "spec", name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// manifestJSON reads a YAML manifest as the JSON the schema describes.
func manifestJSON(t *testing.T, yamlText string) any {
	t.Helper()
	js, err := yaml.YAMLToJSON([]byte(yamlText))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestManifestSchema validates slack-app-manifest.yaml against Slack's
// manifest schema, and checks the schema refuses a manifest Slack would.
func TestManifestSchema(t *testing.T) {
	sch := manifestSchema(t)
	m := read(t, "../../slack-app-manifest.yaml")
	if err := sch.Validate(manifestJSON(t, m)); err != nil {
		t.Errorf("slack-app-manifest.yaml does not match Slack's manifest schema: %v", err)
	}
	for name, bad := range map[string]string{
		"an unknown setting":          strings.Replace(m, "socket_mode_enabled: true", "socket_mode_enabled: true\n  sockets: 2", 1),
		"a command without /":         strings.Replace(m, "- command: /roi", "- command: roi", 1),
		"a setting of the wrong type": strings.Replace(m, "interactivity:\n    is_enabled: true", "interactivity:\n    is_enabled: yes please", 1),
	} {
		if sch.Validate(manifestJSON(t, bad)) == nil {
			t.Errorf("the schema takes a manifest with %s", name)
		}
	}
}
