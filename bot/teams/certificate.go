package teams

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"time"
)

// Certificate is the certificate credential of the bot's Entra app: it
// signs the client assertion that replaces a client secret in the token
// request (Microsoft identity platform, "certificate credentials").
type Certificate struct {
	key      *rsa.PrivateKey
	sha1     []byte // thumbprints of the DER certificate, for the x5t headers
	sha256   []byte
	NotAfter time.Time
}

// LoadCertificate reads a PEM file holding the certificate and its RSA
// private key (PKCS#1 or PKCS#8), as `openssl req -x509 ... -nodes` or an
// export from Azure Key Vault writes it.
func LoadCertificate(path string) (*Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("MICROSOFT_APP_CERTIFICATE: %w", err)
	}
	var cert *x509.Certificate
	var key any
	for rest := data; ; {
		var b *pem.Block
		if b, rest = pem.Decode(rest); b == nil {
			break
		}
		switch b.Type {
		case "CERTIFICATE":
			if cert == nil {
				if cert, err = x509.ParseCertificate(b.Bytes); err != nil {
					return nil, fmt.Errorf("MICROSOFT_APP_CERTIFICATE %s: the certificate does not parse: %w", path, err)
				}
			}
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(b.Bytes)
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
		case "ENCRYPTED PRIVATE KEY":
			return nil, fmt.Errorf("MICROSOFT_APP_CERTIFICATE %s: the private key is encrypted; export it without a passphrase (openssl pkcs8 -nocrypt) and protect the file instead", path)
		}
		if err != nil {
			return nil, fmt.Errorf("MICROSOFT_APP_CERTIFICATE %s: the private key does not parse: %w", path, err)
		}
	}
	if cert == nil || key == nil {
		return nil, fmt.Errorf("MICROSOFT_APP_CERTIFICATE %s: give one PEM file with both the CERTIFICATE and its PRIVATE KEY", path)
	}
	rk, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("MICROSOFT_APP_CERTIFICATE %s: the key is not RSA; Entra ID certificate credentials need an RSA key", path)
	}
	if pub, ok := cert.PublicKey.(*rsa.PublicKey); !ok || !pub.Equal(&rk.PublicKey) {
		return nil, fmt.Errorf("MICROSOFT_APP_CERTIFICATE %s: the private key does not belong to the certificate", path)
	}
	s1, s256 := sha1.Sum(cert.Raw), sha256.Sum256(cert.Raw)
	return &Certificate{key: rk, sha1: s1[:], sha256: s256[:], NotAfter: cert.NotAfter}, nil
}

// Thumbprint is the certificate's SHA-1 thumbprint as the Azure portal
// shows it, to check the right certificate was uploaded.
func (c *Certificate) Thumbprint() string { return fmt.Sprintf("%X", c.sha1) }

// assertion is a signed JWT proving the app holds the certificate, for one
// token request to aud (the token endpoint).
func (c *Certificate) assertion(appID, aud string, now time.Time) (string, error) {
	jti := make([]byte, 16)
	rand.Read(jti)
	head, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT",
		"x5t": base64.RawURLEncoding.EncodeToString(c.sha1), "x5t#S256": base64.RawURLEncoding.EncodeToString(c.sha256)})
	claims, _ := json.Marshal(map[string]any{"aud": aud, "iss": appID, "sub": appID, "jti": hex.EncodeToString(jti),
		"nbf": now.Unix(), "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()})
	signing := base64.RawURLEncoding.EncodeToString(head) + "." + base64.RawURLEncoding.EncodeToString(claims)
	d := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, c.key, crypto.SHA256, d[:])
	if err != nil {
		return "", errors.New("teams: sign the client assertion: " + err.Error())
	}
	return signing + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}
