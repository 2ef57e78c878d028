package teams

import (
	"fmt"
	"strings"
	"testing"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigFromEnv(t *testing.T) {
	good := map[string]string{"MICROSOFT_APP_ID": testAppID, "MICROSOFT_APP_PASSWORD": "secret-value", "MICROSOFT_APP_TENANT_ID": "contoso.onmicrosoft.com"}
	c, err := ConfigFromEnv(envOf(good))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != DefaultAddr || c.TokenURL != "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token" || c.MetadataURL != DefaultMetadataURL {
		t.Errorf("defaults: %+v", c)
	}
	// A bot registered as multi-tenant before Microsoft stopped creating
	// those gets its tokens from the botframework.com tenant (README).
	legacy := map[string]string{"MICROSOFT_APP_ID": testAppID, "MICROSOFT_APP_PASSWORD": "x", "MICROSOFT_APP_TENANT_ID": "botframework.com"}
	if lc, err := ConfigFromEnv(envOf(legacy)); err != nil || lc.TokenURL != "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token" {
		t.Errorf("a multi-tenant bot: %s, %v", lc.TokenURL, err)
	}
	if strings.Contains(c.String(), "secret-value") || strings.Contains(fmt.Sprint(c), "secret-value") {
		t.Errorf("String shows the secret: %s", c)
	}
	for name, c := range map[string]struct {
		env  map[string]string
		want []string
	}{
		"nothing": {map[string]string{}, []string{"MICROSOFT_APP_ID is not set", "MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID is not set", "botframework.com"}},
		"not a guid": {map[string]string{"MICROSOFT_APP_ID": "advisorbot", "MICROSOFT_APP_PASSWORD": "x", "MICROSOFT_APP_TENANT_ID": "t"},
			[]string{`MICROSOFT_APP_ID="advisorbot" is not a GUID`}},
		"both credentials": {map[string]string{"MICROSOFT_APP_ID": testAppID, "MICROSOFT_APP_PASSWORD": "x", "MICROSOFT_APP_CERTIFICATE": "/c.pem", "MICROSOFT_APP_TENANT_ID": "t"},
			[]string{"both set"}},
		"bad urls and addr": {map[string]string{"MICROSOFT_APP_ID": testAppID, "MICROSOFT_APP_PASSWORD": "x", "MICROSOFT_APP_TENANT_ID": "t",
			"TEAMS_ADDR": "3978", "TEAMS_TOKEN_URL": "login", "TEAMS_ALLOWED_USERS": "alice@contoso.com"},
			[]string{"TEAMS_ADDR=", "TEAMS_TOKEN_URL=", "TEAMS_ALLOWED_USERS"}},
		"missing certificate": {map[string]string{"MICROSOFT_APP_ID": testAppID, "MICROSOFT_APP_CERTIFICATE": "/nonexistent.pem", "MICROSOFT_APP_TENANT_ID": "t"},
			[]string{"MICROSOFT_APP_CERTIFICATE"}},
	} {
		_, err := ConfigFromEnv(envOf(c.env))
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %v\nwant it to mention %q", name, err, w)
			}
		}
	}
}
