package teamstest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// WriteCertificate writes a self-signed certificate and its key into one
// PEM file in dir, as an app's certificate credential, and returns the
// file's path and the certificate (for TrustCertificate).
func WriteCertificate(t testing.TB, dir string) (string, *x509.Certificate) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "advisorbot test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
	data := append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})...)
	path := filepath.Join(dir, "advisorbot.pem")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, cert
}

// TrustCertificate makes the token endpoint accept client assertions
// signed with cert's key, as uploading it to the app registration does.
func (f *BotFramework) TrustCertificate(cert *x509.Certificate) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.certs = append(f.certs, cert)
}

// assertionValid checks a client assertion as Entra ID does: the x5t names
// a trusted certificate, its key signed the token, the audience is this
// token endpoint, the issuer and subject the client, and it has not expired.
func (f *BotFramework) assertionValid(assertion, clientID string) bool {
	parts := strings.Split(assertion, ".")
	if len(parts) != 3 {
		return false
	}
	var head struct {
		Alg, X5t string
	}
	var claims struct {
		Aud, Iss, Sub string
		Exp           int64
	}
	hb, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	cb, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	sig, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || json.Unmarshal(hb, &head) != nil || json.Unmarshal(cb, &claims) != nil {
		return false
	}
	f.mu.Lock()
	certs := f.certs
	f.mu.Unlock()
	for _, c := range certs {
		thumb := sha1.Sum(c.Raw)
		if head.Alg != "RS256" || head.X5t != base64.RawURLEncoding.EncodeToString(thumb[:]) {
			continue
		}
		d := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
		if rsa.VerifyPKCS1v15(c.PublicKey.(*rsa.PublicKey), crypto.SHA256, d[:], sig) != nil {
			return false
		}
		return claims.Aud == f.TokenURL() && claims.Iss == clientID && claims.Sub == clientID && time.Now().Unix() < claims.Exp
	}
	return false
}
