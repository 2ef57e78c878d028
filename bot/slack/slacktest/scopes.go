package slacktest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"sigs.k8s.io/yaml"
)

// The scopes each Web API method needs with a bot token, as Slack's
// method reference lists them (docs.slack.dev/reference/methods), and the
// scope each event subscription needs (docs.slack.dev/reference/events).
// The fake answers missing_scope when the app's manifest does not grant
// the scope; tests use the same table to check the manifest grants no
// more than the code uses.
//
// A value starting with "*:" depends on the kind of conversation named by
// the call: "*:history" is channels:history in a public channel,
// groups:history in a private one and im:history in a DM.
var methodScopes = map[string]string{
	"auth.test":                             "",
	"apps.connections.open":                 "", // the app-level token's connections:write, not a bot scope
	"chat.postMessage":                      "chat:write",
	"chat.postEphemeral":                    "chat:write",
	"chat.update":                           "chat:write",
	"chat.delete":                           "chat:write",
	"chat.startStream":                      "chat:write",
	"chat.appendStream":                     "chat:write",
	"chat.stopStream":                       "chat:write",
	"chat.getPermalink":                     "", // "No scope required"
	"assistant.threads.setStatus":           "assistant:write",
	"assistant.threads.setSuggestedPrompts": "assistant:write",
	"assistant.threads.setTitle":            "assistant:write",
	"views.open":                            "", // views.* need no scope
	"views.push":                            "",
	"views.update":                          "",
	"views.publish":                         "",
	"users.info":                            "users:read",
	"conversations.info":                    "*:read",
	"conversations.open":                    "im:write",
	"conversations.replies":                 "*:history",
	"conversations.history":                 "*:history",
	"files.getUploadURLExternal":            "files:write",
	"files.completeUploadExternal":          "files:write",
}

// eventScopes maps a bot event subscription to the scope it needs.
var eventScopes = map[string]string{
	"app_home_opened":          "",
	"app_mention":              "app_mentions:read",
	"assistant_thread_started": "assistant:write",
	"message.im":               "im:history",
	"message.channels":         "channels:history",
	"message.groups":           "groups:history",
	"message.mpim":             "mpim:history",
}

// CommandsScope is the scope an app with slash commands needs.
const CommandsScope = "commands"

// MethodScope is the bot scope method needs on channel ("" for none), and
// whether the fake knows the method.
func MethodScope(method, channel string) (string, bool) {
	s, ok := methodScopes[method]
	if kind, dep := strings.CutPrefix(s, "*:"); dep {
		s = conversationKind(channel) + ":" + kind
	}
	return s, ok
}

// EventScope is the scope an event subscription needs ("" for none), and
// whether the fake knows the event.
func EventScope(event string) (string, bool) {
	s, ok := eventScopes[event]
	return s, ok
}

// conversationKind names a conversation's kind as scopes do.
func conversationKind(channel string) string {
	switch {
	case strings.HasPrefix(channel, "D"):
		return "im"
	case strings.HasPrefix(channel, "G"):
		return "groups"
	}
	return "channels"
}

// Manifest is what the fake reads from a Slack app manifest.
type Manifest struct {
	Scopes   []string // oauth_config.scopes.bot
	Events   []string // settings.event_subscriptions.bot_events
	Commands []string // features.slash_commands[].command
}

// ReadManifest reads a Slack app manifest (YAML or JSON).
func ReadManifest(path string) (Manifest, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Manifest{}, fmt.Errorf("slacktest: read manifest: %w", err)
	}
	var m struct {
		Features struct {
			SlashCommands []struct {
				Command string `json:"command"`
			} `json:"slash_commands"`
		} `json:"features"`
		OAuth struct {
			Scopes struct {
				Bot []string `json:"bot"`
			} `json:"scopes"`
		} `json:"oauth_config"`
		Settings struct {
			Events struct {
				Bot []string `json:"bot_events"`
			} `json:"event_subscriptions"`
		} `json:"settings"`
	}
	if err := yaml.Unmarshal(b, &m); err != nil {
		return Manifest{}, fmt.Errorf("slacktest: manifest %s: %w", path, err)
	}
	out := Manifest{Scopes: m.OAuth.Scopes.Bot, Events: m.Settings.Events.Bot}
	for _, c := range m.Features.SlashCommands {
		out.Commands = append(out.Commands, c.Command)
	}
	return out, nil
}

// ManifestFile is the name of the app manifest at the repository's root.
const ManifestFile = "slack-app-manifest.yaml"

// FindManifest looks for ManifestFile in the working directory and its
// parents, as far as the module's root, which is where tests run from.
func FindManifest() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, ManifestFile)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "", errors.New("slacktest: no " + ManifestFile + " in the working directory or its parents up to go.mod; set Config.Manifest")
}

// manifest is the configured manifest, or the repository's.
func (c Config) manifest() Manifest {
	if c.Manifest != nil {
		return *c.Manifest
	}
	path, err := FindManifest()
	if err == nil {
		var m Manifest
		if m, err = ReadManifest(path); err == nil {
			return m
		}
	}
	panic(err)
}

// missingScope answers missing_scope, naming the scope, when the token
// lacks what method needs on channel; f.mu must be held.
func (f *Fake) missingScope(r *apiRequest) (obj, bool) {
	ch := r.get("channel")
	if ch == "" {
		ch = r.get("channel_id")
	}
	need, _ := MethodScope(r.method, ch)
	if need == "" || slices.Contains(f.manifest.Scopes, need) {
		return nil, false
	}
	return obj{"needed": need, "provided": strings.Join(f.manifest.Scopes, ",")}, true
}

// subscribed reports whether the manifest delivers an event to the app:
// subscribed, with its scope granted.
func (f *Fake) subscribed(event string) error {
	if !slices.Contains(f.manifest.Events, event) {
		return fmt.Errorf("slacktest: the manifest does not subscribe to %s, so Slack would not send it", event)
	}
	if s, _ := EventScope(event); s != "" && !slices.Contains(f.manifest.Scopes, s) {
		return fmt.Errorf("slacktest: %s needs the %s scope, which the manifest does not grant", event, s)
	}
	return nil
}
