package redact

import (
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// corpus is testdata/corpus.json: sentences that hold one item each, and
// sentences that must come back unchanged.
type corpus struct {
	Positive []struct {
		Kind   string `json:"kind"`
		Secret string `json:"secret"`
		Text   string `json:"text"`
	} `json:"positive"`
	Negative []string `json:"negative"`
}

func loadCorpus(tb testing.TB) corpus {
	tb.Helper()
	data, err := os.ReadFile("testdata/corpus.json")
	if err != nil {
		tb.Fatal(err)
	}
	var c corpus
	if err := json.Unmarshal(data, &c); err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestCorpusPositive(t *testing.T) {
	c := loadCorpus(t)
	if len(c.Positive) < 60 {
		t.Fatalf("corpus has %d positive examples, want at least 60", len(c.Positive))
	}
	kinds := map[string]int{}
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Positive {
		kinds[p.Kind]++
		placeholder := "[" + p.Kind + "]"
		got, counts := r.RedactCount(p.Text)
		if strings.Contains(got, p.Secret) {
			t.Errorf("%s survived redaction:\n  in:  %q\n  out: %q", p.Secret, p.Text, got)
			continue
		}
		// Exactly the item is replaced; every other byte stays.
		want := strings.Replace(p.Text, p.Secret, placeholder, 1)
		if got != want {
			t.Errorf("Redact(%q) mismatch (-want +got):\n%s", p.Text, cmp.Diff(want, got))
		}
		if counts[p.Kind] != 1 || len(counts) != 1 {
			t.Errorf("RedactCount(%q) counts = %v, want %s:1", p.Text, counts, p.Kind)
		}
	}
	for _, k := range []string{KindEmail, KindPhone, KindCard, KindIBAN, KindNationalID, KindSecret} {
		if kinds[k] < 5 {
			t.Errorf("corpus has %d examples of %s, want at least 5", kinds[k], k)
		}
	}
}

func TestCorpusNegative(t *testing.T) {
	c := loadCorpus(t)
	if len(c.Negative) < 40 {
		t.Fatalf("corpus has %d negative examples, want at least 40", len(c.Negative))
	}
	var r Redactor
	for _, n := range c.Negative {
		if got := r.Redact(n); got != n {
			t.Errorf("Redact changed a sentence with nothing to redact (-want +got):\n%s", cmp.Diff(n, got))
		}
	}
}

func TestRedactMixed(t *testing.T) {
	in := "Jane (jane@acme.com, +44 20 7946 0958) paid with 4111-1111-1111-1111 from " +
		"DE89370400440532013000; SSN 123-45-6789; key AKIAIOSFODNN7EXAMPLE; password=\"p@ss w0rd\"."
	want := "Jane ([EMAIL], [PHONE]) paid with [CARD] from [IBAN]; SSN [NATIONAL_ID]; key [SECRET]; password=\"[SECRET]\"."
	got, counts := new(Redactor).RedactCount(in)
	if got != want {
		t.Errorf("Redact mismatch (-want +got):\n%s", cmp.Diff(want, got))
	}
	wantCounts := map[string]int{KindEmail: 1, KindPhone: 1, KindCard: 1, KindIBAN: 1, KindNationalID: 1, KindSecret: 2}
	if diff := cmp.Diff(wantCounts, counts); diff != "" {
		t.Errorf("counts mismatch (-want +got):\n%s", diff)
	}
}

func TestRedactEdges(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"whole text", "jane@acme.com", "[EMAIL]"},
		{"placeholders stay", "[EMAIL] [PHONE] [SECRET] [REDACTED]", "[EMAIL] [PHONE] [SECRET] [REDACTED]"},
		{"key already redacted", "password=[SECRET] and token: [SECRET].", "password=[SECRET] and token: [SECRET]."},
		{"value after a placeholder", "password=[SECRET]hunter2", "password=[SECRET]"},
		{"invalid UTF-8 kept", "\xff\xfe jane@acme.com \xc3", "\xff\xfe [EMAIL] \xc3"},
		{"no-break spaces", "+33\u00a01\u00a023\u00a045\u00a067\u00a089 ok", "[PHONE] ok"},
		{"sentence end after IBAN", "IBAN GB82 WEST 1234 5698 7654 32.", "IBAN [IBAN]."},
		{"URL user stays", "https://bob:pw1234@example.com/x", "https://bob:[SECRET]@example.com/x"},
		{"JSON value", `{"password":"hunter2","user":"bob"}`, `{"password":"[SECRET]","user":"bob"}`},
		{"bracketed assignment", "(secret=abc123def)", "(secret=[SECRET])"},
		{"bearer keeps scheme", "bearer abcdefghijklmnop1234", "bearer [SECRET]"},
		{"PEM EC key", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\n-----END EC PRIVATE KEY-----", "[SECRET]"},
		{"card glued to a word", "ref4111111111111111", "ref4111111111111111"},
		{"phone needs 9 digits", "+44 20 7946", "+44 20 7946"},
		{"NA area code cannot be 1xx", "123-555-0132", "123-555-0132"},
		{"SSN serial 0000", "123-45-0000", "123-45-0000"},
		{"NINO banned prefix", "GB123456A", "GB123456A"},
		{"NINO suffix", "AB123456E", "AB123456E"},
		{"BSN label", "BSN-nummer: 123.456.782", "BSN-nummer: [NATIONAL_ID]"},
		{"BSN without label", "ref 123.456.782", "ref 123.456.782"},
		{"sk- without digits", "sk-this-is-just-a-long-hyphenated-phrase", "sk-this-is-just-a-long-hyphenated-phrase"},
		{"AKIA too short", "AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPL"},
		{"AKIA too long", "AKIAIOSFODNN7EXAMPLEX", "AKIAIOSFODNN7EXAMPLEX"},
		{"e-mail without TLD", "root@localhost", "root@localhost"},
		{"two items touching", "jane@acme.com,bob@acme.com", "[EMAIL],[EMAIL]"},
		{"glued phones", "+44 20 7946 0958+1 415 555 0132", "[PHONE][PHONE]"},
		{"single-digit country code", "+5 10 20 30 40", "+5 10 20 30 40"},
		{"card inside a longer run", "card 4111 1111 1111 1111 2026", "card [CARD] 2026"},
		{"phone inside a longer run", "call +44 20 7946 0958 2026", "call [PHONE] 2026"},
		{"list marker before a phone", "(1) 415-555-0132", "(1) [PHONE]"},
		{"dashed 4-4-4 is no Aadhaar", "account 2341-2341-2346", "account 2341-2341-2346"},
		{"config value of any shape", "OPENAI_API_KEY=sk-abc", "OPENAI_API_KEY=[SECRET]"},
		{"JSON number value", `"token": 12345678`, `"token": [SECRET]`},
		{"prose key, word value", "Token: sauce", "Token: sauce"},
		{"prose key, generated value", "Token: abc123xyz", "Token: [SECRET]"},
		{"URL query token", "/cb?token=abc123&page=2", "/cb?token=[SECRET]&page=2"},
		{"PEM folded into one line", "-----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASC abcd== -----END PRIVATE KEY----- thanks", "[SECRET] thanks"},
		{"unclosed PEM keeps the sentence", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nthanks for checking", "[SECRET]\nthanks for checking"},
		{"JWT without signature part", "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.", "[SECRET]"},
		{"JWT header alone", "eyJhbGciOiJub25lIn0 only", "eyJhbGciOiJub25lIn0 only"},
		{"sig needs a generated value", "?sig=1&x=2, sig=ok", "?sig=1&x=2, sig=ok"},
		{"pass after a separator", "SMTP_PASS=hunter2 bypass=true", "SMTP_PASS=[SECRET] bypass=true"},
		{"key opening an object", `"credentials": {"user": "bob"}`, `"credentials": {"user": "bob"}`},
		{"unlabelled 9 digits", "order 536228726", "order 536228726"},
		{"labelled 9 digits", "SSN 536228726", "SSN [NATIONAL_ID]"},
		{"bare key glued to a path", "~/wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "~/wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
	}
	var r *Redactor // nil works
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNewExtra(t *testing.T) {
	r, err := New(`\bEMP-\d{6}\b`, `(?i)project\s+(?P<redact>[a-z]+)`)
	if err != nil {
		t.Fatal(err)
	}
	in := "EMP-004521 works on Project Falcon with jane@acme.com; EMP-12 is not an id."
	want := "[REDACTED] works on Project [REDACTED] with [EMAIL]; EMP-12 is not an id."
	got, counts := r.RedactCount(in)
	if got != want {
		t.Errorf("Redact mismatch (-want +got):\n%s", cmp.Diff(want, got))
	}
	if counts[KindRedacted] != 2 || counts[KindEmail] != 1 {
		t.Errorf("counts = %v", counts)
	}
	if again := r.Redact(got); again != got {
		t.Errorf("not idempotent: %q -> %q", got, again)
	}
}

func TestNewExtraErrors(t *testing.T) {
	tests := []struct {
		extra []string
		want  string
	}{
		// The pattern itself is not repeated: it may spell out what it hides.
		{[]string{`ok`, `(abc`}, `redact: extra pattern 2 (counting from 1): missing closing )`},
		{[]string{`[z-a]`}, `redact: extra pattern 1 (counting from 1): invalid character class range`},
		{[]string{`a**`}, `redact: extra pattern 1 (counting from 1): invalid nested repetition operator`},
		{[]string{`x`, `y`, `\d*`}, `redact: extra pattern 3 (counting from 1): matches empty text`},
	}
	for _, tt := range tests {
		r, err := New(tt.extra...)
		if err == nil || err.Error() != tt.want {
			t.Errorf("New(%q) error = %v, want %s", tt.extra, err, tt.want)
		}
		if r != nil {
			t.Errorf("New(%q) returned a Redactor with its error", tt.extra)
		}
	}
}

// An extra pattern that matches inside placeholders ("[EMAIL]" holds
// "EMAIL") must neither loop nor eat the placeholders.
func TestExtraMatchingPlaceholders(t *testing.T) {
	r, err := New(`\b[A-Z]{3,}\b`, `\w+@`)
	if err != nil {
		t.Fatal(err)
	}
	in := "Mail ADMIN at admin@acme.com"
	got := r.Redact(in)
	if want := "Mail [REDACTED] at [EMAIL]"; got != want {
		t.Errorf("Redact(%q) = %q, want %q", in, got, want)
	}
}

func TestConcurrent(t *testing.T) {
	c := loadCorpus(t)
	r, err := New(`EMP-\d{6}`)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, len(c.Positive))
	for i, p := range c.Positive {
		want[i] = r.Redact(p.Text)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, p := range c.Positive {
				if got := r.Redact(p.Text); got != want[i] {
					t.Errorf("concurrent Redact(%q) = %q, want %q", p.Text, got, want[i])
				}
			}
		})
	}
	wg.Wait()
}

func TestChecksums(t *testing.T) {
	digits := func(s string) []byte { return []byte(strings.NewReplacer(" ", "", "-", "").Replace(s)) }
	for _, tt := range []struct {
		name string
		ok   bool
		got  bool
	}{
		{"luhn visa", true, luhn(digits("4111 1111 1111 1111"))},
		{"luhn typo", false, luhn(digits("4111 1111 1111 1112"))},
		{"luhn empty", false, luhn(nil)},
		{"iban DE", true, ibanValid(digits("DE89 3704 0044 0532 0130 00"))},
		{"iban GB", true, ibanValid(digits("GB82 WEST 1234 5698 7654 32"))},
		{"iban typo", false, ibanValid(digits("DE89 3704 0044 0532 0130 01"))},
		{"iban lower", false, ibanValid([]byte("gb82west12345698765432"))},
		{"verhoeff 2363", true, verhoeff([]byte("2363"))},
		{"verhoeff 2364", false, verhoeff([]byte("2364"))},
		{"bsn", true, elevenProof([]byte("123456782"))},
		{"bsn zeros", false, elevenProof([]byte("000000000"))},
		{"bsn typo", false, elevenProof([]byte("123456789"))},
		{"dni", true, dniValid([]byte("12345678"), 'Z')},
		{"dni letter", false, dniValid([]byte("12345678"), 'A')},
		{"nir", true, nirValid([]byte("184127645108946"))},
		{"nir key", false, nirValid([]byte("184127645108947"))},
		{"nir month", false, nirValid([]byte("184137645108946"))},
	} {
		if tt.got != tt.ok {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.ok)
		}
	}
}

// TestLargeInputs feeds long, hostile inputs: repeated prefixes, unclosed
// blocks, huge digit runs. Every detector is meant to be linear; one that
// goes quadratic takes minutes here instead of milliseconds.
func TestLargeInputs(t *testing.T) {
	const n = 1 << 18
	inputs := map[string]string{
		"sk prefixes":         strings.Repeat("sk-", n/3),
		"slack prefixes":      strings.Repeat("xoxz-", n/5),
		"jwt prefixes":        strings.Repeat("eyJ-", n/4),
		"jwt headers":         strings.Repeat("eyJabcdefgh.", n/12),
		"bearer words":        strings.Repeat("bearer ", n/7),
		"bearer dots":         "bearer " + strings.Repeat(".", n),
		"unclosed PEM":        strings.Repeat("-----BEGIN RSA PRIVATE KEY-----\n", n/32),
		"PEM one END":         strings.Repeat("-----BEGIN RSA PRIVATE KEY-----\n", n/64) + "-----END RSA PRIVATE KEY-----",
		"trunk digits":        strings.Repeat("01 ", n/3),
		"single digits":       strings.Repeat("4 ", n/2),
		"one long plus run":   "+" + strings.Repeat("1 ", n/2),
		"at signs":            strings.Repeat("a@", n/2),
		"long address":        strings.Repeat("a.", n/2) + "@" + strings.Repeat("b.", n/2) + "com",
		"assignments":         strings.Repeat("password=", n/9),
		"colons after a word": strings.Repeat("a", n) + strings.Repeat(":", n),
		"quotes":              strings.Repeat(`password:"`, n/10),
		"closing parens":      "password=" + strings.Repeat(")", n),
		"url schemes":         strings.Repeat("a://b:c", n/7),
		"IBAN prefixes":       strings.Repeat("DE89 ", n/5),
		"placeholders":        strings.Repeat("[EMAIL]", n/7),
		"brackets":            strings.Repeat("[", n),
		"addresses":           strings.Repeat("a@b.co +44 20 7946 0958 ", n/24),
		"phone labels":        strings.Repeat("phone ", n/6) + "0612345678",
		"dashed digits":       strings.Repeat("1-", n/2),
		"parenthesised":       strings.Repeat("(1)", n/3),
		"glued phones":        strings.Repeat("+44 20 7946 0958", n/16),
		"zero-width spaces":   strings.Repeat("4\u200b", n/4),
		"full-width prefixes": strings.Repeat("ｓｋ－", n/9),
		"combining marks":     "a" + strings.Repeat("\u0301", n/2),
		"bare keys":           strings.Repeat("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ", n/41),
		"long base64 run":     strings.Repeat("aB3+", n/4),
		"api key labels":      strings.Repeat("x-api-key ", n/10),
	}
	var r Redactor
	for name, in := range inputs {
		start := time.Now()
		out := r.Redact(in)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: %d bytes took %v", name, len(in), d)
		}
		if !preserved(in, out) || r.Redact(out) != out {
			t.Errorf("%s: output not preserved or not idempotent", name)
		}
	}
}

func TestMustNew(t *testing.T) {
	if got := MustNew(`EMP-\d{6}`).Redact("ask EMP-123456"); got != "ask [REDACTED]" {
		t.Errorf("MustNew pattern: %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustNew accepted a pattern that matches empty text")
		}
	}()
	MustNew(`a|`)
}
