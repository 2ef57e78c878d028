package teams

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/advisorbot/advisorbot/bot"
)

// DefaultAddr is where the messaging endpoint listens by default (the Bot
// Framework samples' port); put it behind HTTPS, as Azure Bot requires.
const DefaultAddr = ":3978"

// guid is the shape of Entra ids (app, tenant, object).
var guid = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Config is the Teams adapter's settings.
type Config struct {
	Addr            string // TEAMS_ADDR
	AppID           string // MICROSOFT_APP_ID
	Password        string // MICROSOFT_APP_PASSWORD (client secret), or
	CertificateFile string // MICROSOFT_APP_CERTIFICATE: PEM with certificate and key
	TenantID        string // MICROSOFT_APP_TENANT_ID
	// Microsoft's addresses, overridable for tests and proxies.
	MetadataURL  string // TEAMS_OPENID_METADATA_URL
	TokenURL     string // TEAMS_TOKEN_URL; default from the tenant
	ConnectorURL string // TEAMS_CONNECTOR_URL; "" = each activity's serviceUrl
	// AllowedUsers, when not empty, are the Entra object ids served
	// (TEAMS_ALLOWED_USERS); others get a polite refusal.
	AllowedUsers map[string]bool
	// AllowedChannels, when not empty, are the team, channel and group
	// chat ids where the bot answers (TEAMS_ALLOWED_CHANNELS).
	AllowedChannels map[string]bool
	// AdminUsers are the Entra object ids that may preview the weekly
	// summary with "weekly summary" (TEAMS_ADMIN_USERS).
	AdminUsers map[string]bool
	// SummaryChannel is where the weekly summary goes (TEAMS_SUMMARY_CHANNEL).
	SummaryChannel string
	// MaxConcurrent bounds the activities handled at once
	// (TEAMS_MAX_CONCURRENT); beyond it requests get 503. 0:
	// DefaultMaxConcurrent.
	MaxConcurrent int

	Certificate *Certificate // loaded from CertificateFile by ConfigFromEnv
	// Observer, when set, hears requests, connector calls and
	// recommendations (metrics).
	Observer Observer
}

// Configured reports whether Teams is set up at all, so `advisorbot serve`
// can run it next to Slack only when asked.
func Configured(getenv func(string) string) bool {
	return strings.TrimSpace(getenv("MICROSOFT_APP_ID")) != ""
}

// ConfigFromEnv reads and checks the Teams settings. Every problem is
// reported, each on its own line, saying which setting and how to fix it.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Addr: strings.TrimSpace(getenv("TEAMS_ADDR")), AppID: strings.TrimSpace(getenv("MICROSOFT_APP_ID")), Password: getenv("MICROSOFT_APP_PASSWORD"),
		CertificateFile: strings.TrimSpace(getenv("MICROSOFT_APP_CERTIFICATE")), TenantID: strings.TrimSpace(getenv("MICROSOFT_APP_TENANT_ID")),
		MetadataURL: strings.TrimSpace(getenv("TEAMS_OPENID_METADATA_URL")), TokenURL: strings.TrimSpace(getenv("TEAMS_TOKEN_URL")), ConnectorURL: strings.TrimSpace(getenv("TEAMS_CONNECTOR_URL")),
		AllowedUsers: idList(getenv("TEAMS_ALLOWED_USERS")), AllowedChannels: idList(getenv("TEAMS_ALLOWED_CHANNELS")), AdminUsers: idList(getenv("TEAMS_ADMIN_USERS")), SummaryChannel: strings.TrimSpace(getenv("TEAMS_SUMMARY_CHANNEL")),
	}
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	var maxErr error
	c.MaxConcurrent, maxErr = maxConcurrent(getenv("TEAMS_MAX_CONCURRENT"))
	if c.MetadataURL == "" {
		c.MetadataURL = DefaultMetadataURL
	}
	if c.TokenURL == "" && c.TenantID != "" {
		c.TokenURL = TokenURLFor(c.TenantID)
	}
	err := errors.Join(maxErr, c.Validate())
	if err == nil && c.CertificateFile != "" {
		c.Certificate, err = LoadCertificate(c.CertificateFile)
	}
	return c, err
}

// maxMaxConcurrent is the largest TEAMS_MAX_CONCURRENT taken: beyond it the
// bound no longer protects memory.
const maxMaxConcurrent = 4096

// maxConcurrent reads TEAMS_MAX_CONCURRENT; "" is DefaultMaxConcurrent.
func maxConcurrent(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return DefaultMaxConcurrent, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxMaxConcurrent {
		return 0, fmt.Errorf("TEAMS_MAX_CONCURRENT=%q: give a whole number of activities handled at once, from 1 to %d (default %d)", v, maxMaxConcurrent, DefaultMaxConcurrent)
	}
	return n, nil
}

// Validate checks the settings without touching the network.
func (c *Config) Validate() error {
	var errs []error
	switch {
	case c.AppID == "":
		errs = append(errs, errors.New("MICROSOFT_APP_ID is not set: create an Azure Bot resource (single tenant) and copy its Microsoft App ID"))
	case !guid.MatchString(c.AppID):
		errs = append(errs, fmt.Errorf("MICROSOFT_APP_ID=%q is not a GUID: copy the Microsoft App ID from the Azure Bot's Configuration page", c.AppID))
	}
	switch {
	case c.Password == "" && c.CertificateFile == "":
		errs = append(errs, errors.New("set MICROSOFT_APP_PASSWORD (a client secret of the bot's app registration) or MICROSOFT_APP_CERTIFICATE (a PEM file with its certificate and key)"))
	case c.Password != "" && c.CertificateFile != "":
		errs = append(errs, errors.New("MICROSOFT_APP_PASSWORD and MICROSOFT_APP_CERTIFICATE are both set: keep one"))
	}
	switch {
	case c.TenantID == "":
		errs = append(errs, errors.New("MICROSOFT_APP_TENANT_ID is not set: give the Directory (tenant) ID of the bot's app registration (new Azure Bots are single-tenant), or botframework.com for a bot registered as multi-tenant before Microsoft stopped creating those"))
	case strings.ContainsAny(c.TenantID, "/?# "):
		errs = append(errs, fmt.Errorf("MICROSOFT_APP_TENANT_ID=%q: give the tenant's GUID or domain, such as contoso.onmicrosoft.com", c.TenantID))
	}
	if c.MaxConcurrent < 0 || c.MaxConcurrent > maxMaxConcurrent {
		errs = append(errs, fmt.Errorf("TEAMS_MAX_CONCURRENT=%d: give a whole number of activities handled at once, from 1 to %d (default %d)", c.MaxConcurrent, maxMaxConcurrent, DefaultMaxConcurrent))
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("TEAMS_ADDR=%q: write it as host:port or :port, e.g. %s", c.Addr, DefaultAddr))
	}
	for name, u := range map[string]string{"TEAMS_OPENID_METADATA_URL": c.MetadataURL, "TEAMS_TOKEN_URL": c.TokenURL, "TEAMS_CONNECTOR_URL": c.ConnectorURL} {
		if u == "" {
			continue
		}
		if p, err := url.Parse(u); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			errs = append(errs, fmt.Errorf("%s=%q is not an http(s) URL; leave it unset to use Microsoft's", name, u))
		}
	}
	for name, set := range map[string]map[string]bool{"TEAMS_ALLOWED_USERS": c.AllowedUsers, "TEAMS_ADMIN_USERS": c.AdminUsers} {
		for id := range set {
			if !guid.MatchString(id) {
				errs = append(errs, fmt.Errorf("%s: %q is not an Entra object id; use GUIDs (Entra admin center > Users > Object ID)", name, id))
			}
		}
	}
	for id := range c.AllowedChannels {
		if !strings.HasPrefix(id, "19:") {
			errs = append(errs, fmt.Errorf("TEAMS_ALLOWED_CHANNELS: %q is not a Teams team, channel or chat id; use ids such as 19:abc…@thread.tacv2 (in Teams: … > Get link to channel, the part after /channel/, URL-decoded)", id))
		}
	}
	return errors.Join(errs...)
}

// idList parses a comma-, space- or semicolon-separated list.
func idList(v string) map[string]bool {
	out := map[string]bool{}
	for _, id := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		out[id] = true
	}
	return out
}

// String hides the secret, so a Config printed by mistake leaks nothing.
func (c Config) String() string {
	secret := ""
	if c.Password != "" {
		secret = "****"
	}
	return fmt.Sprintf("teams.Config{Addr:%s AppID:%s Password:%s Certificate:%s TenantID:%s}", c.Addr, c.AppID, secret, c.CertificateFile, c.TenantID)
}

// Tokens is the token source the settings describe.
func (c Config) Tokens() *TokenSource {
	return &TokenSource{AppID: c.AppID, Password: c.Password, Certificate: c.Certificate, TokenURL: c.TokenURL}
}

// Access is the engine's access lists for Teams: TEAMS_ALLOWED_USERS and
// TEAMS_ALLOWED_CHANNELS.
func (c Config) Access() bot.Access {
	return bot.Access{Users: c.AllowedUsers, Channels: c.AllowedChannels, Admins: c.AdminUsers}
}
