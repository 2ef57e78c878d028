package slack

import (
	"errors"
	"fmt"
	"github.com/advisorbot/advisorbot/bot"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// slackID is the shape of channel, DM, group and user ids.
var slackID = regexp.MustCompile(`^[CGDUW][A-Z0-9]{2,}$`)

// DefaultAPIURL is Slack's Web API; tests and proxies point SLACK_API_URL
// elsewhere.
const DefaultAPIURL = "https://slack.com/api/"

// Config is the Slack adapter's settings.
type Config struct {
	AppToken string // SLACK_APP_TOKEN, xapp-: opens Socket Mode connections
	BotToken string // SLACK_BOT_TOKEN, xoxb-: every Web API call
	APIURL   string // SLACK_API_URL, ending in "/"
	// Access. Empty lists allow everyone; otherwise only the listed
	// channels and users are served and others get a polite refusal.
	AllowedChannels map[string]bool // ALLOWED_CHANNELS
	AllowedUsers    map[string]bool // ALLOWED_USERS
	AdminUsers      map[string]bool // ADMIN_USERS: may run /advisor summary

	// Observer, when set, hears events, acknowledgements and Web API calls
	// (for metrics). Not a setting: the wiring sets it.
	// Now is the adapter's clock; nil is time.Now.
	Now      func() time.Time
	Observer Observer
}

// ConfigFromEnv reads and checks the Slack settings. Every problem is
// reported, each on its own line, saying which setting and how to fix it.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		AppToken:        strings.TrimSpace(getenv("SLACK_APP_TOKEN")),
		BotToken:        strings.TrimSpace(getenv("SLACK_BOT_TOKEN")),
		APIURL:          strings.TrimSpace(getenv("SLACK_API_URL")),
		AllowedChannels: idSet(getenv("ALLOWED_CHANNELS")),
		AllowedUsers:    idSet(getenv("ALLOWED_USERS")),
		AdminUsers:      idSet(getenv("ADMIN_USERS")),
	}
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	return c, c.Validate()
}

// Validate checks the token prefixes and the API URL.
func (c *Config) Validate() error {
	var errs []error
	switch {
	case c.AppToken == "":
		errs = append(errs, errors.New("SLACK_APP_TOKEN is not set: create an app-level token with the connections:write scope (Basic Information > App-Level Tokens) and set it; it starts with xapp-"))
	case !strings.HasPrefix(c.AppToken, "xapp-"):
		errs = append(errs, errors.New("SLACK_APP_TOKEN does not start with xapp-: it must be the app-level token (Basic Information > App-Level Tokens), not the bot token"))
	}
	switch {
	case c.BotToken == "":
		errs = append(errs, errors.New("SLACK_BOT_TOKEN is not set: install the app to the workspace and copy the Bot User OAuth Token (OAuth & Permissions); it starts with xoxb-"))
	case !strings.HasPrefix(c.BotToken, "xoxb-"):
		errs = append(errs, errors.New("SLACK_BOT_TOKEN does not start with xoxb-: it must be the Bot User OAuth Token (OAuth & Permissions)"))
	}
	for name, set := range map[string]map[string]bool{"ALLOWED_CHANNELS": c.AllowedChannels, "ALLOWED_USERS": c.AllowedUsers, "ADMIN_USERS": c.AdminUsers} {
		for id := range set {
			if !slackID.MatchString(id) {
				errs = append(errs, fmt.Errorf("%s: %q is not a Slack id; use ids such as C0123ABCD or U0123ABCD (channel names and @handles never match)", name, id))
			}
		}
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		errs = append(errs, fmt.Errorf("SLACK_API_URL=%q is not an http(s) URL; leave it unset for %s", c.APIURL, DefaultAPIURL))
	} else if !strings.HasSuffix(c.APIURL, "/") {
		// slack-go appends the method name directly.
		c.APIURL += "/"
	}
	return errors.Join(errs...)
}

// String hides the tokens, so a Config printed by mistake leaks nothing.
func (c Config) String() string {
	return fmt.Sprintf("slack.Config{AppToken:%s BotToken:%s APIURL:%s}", mask(c.AppToken), mask(c.BotToken), c.APIURL)
}

func mask(tok string) string {
	if len(tok) < 9 {
		return "***"
	}
	return tok[:5] + "***"
}

// idSet parses a comma- or space-separated list of Slack ids.
func idSet(v string) map[string]bool {
	out := map[string]bool{}
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		out[strings.TrimSpace(f)] = true
	}
	return out
}

// Access is the engine's access lists for Slack: ALLOWED_USERS and
// ALLOWED_CHANNELS.
func (c Config) Access() bot.Access {
	return bot.Access{Users: c.AllowedUsers, Channels: c.AllowedChannels, Admins: c.AdminUsers}
}
