package teams

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// TestCertificateCredential: with a certificate instead of a secret, the
// token request carries a client assertion the token endpoint accepts;
// an untrusted certificate is refused.
func TestCertificateCredential(t *testing.T) {
	f := teamstest.NewBotFramework(t)
	path, cert := teamstest.WriteCertificate(t, t.TempDir())
	c, err := LoadCertificate(path)
	if err != nil {
		t.Fatal(err)
	}
	ts := &TokenSource{AppID: testAppID, Certificate: c, TokenURL: f.TokenURL()}
	if _, err := ts.Token(t.Context()); err == nil {
		t.Fatal("an untrusted certificate got a token")
	}
	f.TrustCertificate(cert)
	tok, err := ts.Token(t.Context())
	if err != nil || tok != "bot-token" {
		t.Fatalf("token %q, %v", tok, err)
	}
	if len(c.Thumbprint()) != 40 {
		t.Errorf("thumbprint %q", c.Thumbprint())
	}
}

func TestLoadCertificateProblems(t *testing.T) {
	dir := t.TempDir()
	good, _ := teamstest.WriteCertificate(t, dir)
	data, _ := os.ReadFile(good)
	certOnly := string(data[:strings.Index(string(data), "-----BEGIN PRIVATE KEY")])
	other, _ := teamstest.WriteCertificate(t, t.TempDir())
	otherData, _ := os.ReadFile(other)
	mismatched := certOnly + string(otherData[strings.Index(string(otherData), "-----BEGIN PRIVATE KEY"):])
	for name, c := range map[string]struct{ content, want string }{
		"missing":       {"", "no such file"},
		"no key":        {certOnly, "both the CERTIFICATE and its PRIVATE KEY"},
		"not pem":       {"hello", "both the CERTIFICATE and its PRIVATE KEY"},
		"other's key":   {mismatched, "does not belong to the certificate"},
		"encrypted key": {certOnly + "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n", "encrypted"},
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".pem")
		if c.content != "" {
			os.WriteFile(p, []byte(c.content), 0o600)
		}
		_, err := LoadCertificate(p)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "MICROSOFT_APP_CERTIFICATE") {
			t.Errorf("%s: %v; want a message naming the setting and %q", name, err, c.want)
		}
	}
}
