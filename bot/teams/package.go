package teams

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"text/template"
	"time"
)

// The Teams app package: manifest.json and the two icons, zipped, as the
// Teams admin center or "Upload a custom app" takes it.

//go:embed apppackage/manifest.json.tmpl apppackage/color.png apppackage/outline.png
var appFiles embed.FS

var manifestTmpl = template.Must(template.New("manifest.json.tmpl").Funcs(template.FuncMap{
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
}).ParseFS(appFiles, "apppackage/manifest.json.tmpl"))

// Manifest is what varies between installations of the app.
type Manifest struct {
	AppID      string // MICROSOFT_APP_ID: the app's and the bot's id
	Version    string // the package's version, such as 1.0.0; raise it to update an uploaded app
	Name       string // short name, at most 30 characters
	Developer  string
	WebsiteURL string
	PrivacyURL string
	TermsURL   string
}

var semver = regexp.MustCompile(`^\d{1,5}\.\d{1,5}\.\d{1,5}$`)

// Validate reports every field Teams would refuse.
func (m Manifest) Validate() error {
	var errs []error
	if !guid.MatchString(m.AppID) {
		errs = append(errs, fmt.Errorf("app id %q is not a GUID: give the bot's Microsoft App ID (--app-id or MICROSOFT_APP_ID)", m.AppID))
	}
	if !semver.MatchString(m.Version) {
		errs = append(errs, fmt.Errorf("version %q: Teams wants three numbers, such as 1.0.0", m.Version))
	}
	if n := len([]rune(m.Name)); n == 0 || n > 30 {
		errs = append(errs, fmt.Errorf("name %q: give 1 to 30 characters", m.Name))
	}
	if m.Developer == "" || len([]rune(m.Developer)) > 32 {
		errs = append(errs, fmt.Errorf("developer %q: give 1 to 32 characters, such as your company's name", m.Developer))
	}
	for name, u := range map[string]string{"website": m.WebsiteURL, "privacy": m.PrivacyURL, "terms": m.TermsURL} {
		if p, err := url.Parse(u); err != nil || p.Scheme != "https" || p.Host == "" {
			errs = append(errs, fmt.Errorf("%s URL %q: Teams requires an https URL", name, u))
		}
	}
	return errors.Join(errs...)
}

// WritePackage writes the app package as a zip to w.
func WritePackage(w io.Writer, m Manifest) error {
	if err := m.Validate(); err != nil {
		return err
	}
	var manifest bytes.Buffer
	if err := manifestTmpl.Execute(&manifest, m); err != nil {
		return fmt.Errorf("teams: manifest: %w", err)
	}
	if !json.Valid(manifest.Bytes()) {
		return errors.New("teams: manifest: the template made invalid JSON")
	}
	z := zip.NewWriter(w)
	add := func(name string, data []byte) error {
		// A fixed time keeps the package byte-identical across builds.
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	if err := add("manifest.json", manifest.Bytes()); err != nil {
		return fmt.Errorf("teams: package: %w", err)
	}
	for _, icon := range []string{"color.png", "outline.png"} {
		data, err := appFiles.ReadFile("apppackage/" + icon)
		if err != nil {
			return fmt.Errorf("teams: package: %w", err)
		}
		if err := add(icon, data); err != nil {
			return fmt.Errorf("teams: package: %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("teams: package: %w", err)
	}
	return nil
}
