package teams

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"image/png"
	"io"
	"strings"
	"testing"
)

var testManifest = Manifest{AppID: testAppID, Version: "1.2.3", Name: "advisorbot", Developer: "Contoso",
	WebsiteURL: "https://contoso.example/advisorbot", PrivacyURL: "https://contoso.example/privacy", TermsURL: "https://contoso.example/terms"}

func TestWritePackage(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePackage(&buf, testManifest); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range z.File {
		if strings.Contains(f.Name, "/") {
			t.Errorf("%s: Teams wants the files at the zip's root", f.Name)
		}
		r, _ := f.Open()
		files[f.Name], _ = io.ReadAll(r)
		r.Close()
	}
	var m struct {
		ManifestVersion string `json:"manifestVersion"`
		ID, Version     string
		Icons           struct{ Color, Outline string }
		Bots            []struct {
			BotID  string   `json:"botId"`
			Scopes []string `json:"scopes"`
		}
		Developer struct{ Name, WebsiteURL string }
	}
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if m.ID != testAppID || m.Version != "1.2.3" || len(m.Bots) != 1 || m.Bots[0].BotID != testAppID || len(m.Bots[0].Scopes) != 3 || m.Developer.Name != "Contoso" {
		t.Errorf("manifest: %+v", m)
	}
	// Teams requires a 192x192 color icon and a 32x32 outline icon that is
	// white on transparent.
	for name, size := range map[string]int{m.Icons.Color: 192, m.Icons.Outline: 32} {
		img, err := png.Decode(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("%s is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), size, size)
		}
		if size == 32 {
			for y := 0; y < size; y++ {
				for x := 0; x < size; x++ {
					r, g, b, a := img.At(x, y).RGBA()
					if a != 0 && (r != a || g != a || b != a) {
						t.Fatalf("outline pixel (%d,%d) is not white or transparent", x, y)
					}
				}
			}
		}
	}
	var again bytes.Buffer
	WritePackage(&again, testManifest)
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("two builds of the same package differ")
	}
}

func TestManifestValidate(t *testing.T) {
	bad := testManifest
	bad.AppID, bad.Version, bad.WebsiteURL, bad.Name = "bot", "1.0", "http://contoso.example", strings.Repeat("x", 31)
	err := WritePackage(io.Discard, bad)
	for _, want := range []string{"not a GUID", "three numbers", "https", "1 to 30"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err %v; want it to say %q", err, want)
		}
	}
}
