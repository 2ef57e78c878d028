// Package redact removes personal data and secrets from free text before it
// leaves advisorbot for a language model. Employees describe their use cases
// in their own words and paste whatever they have at hand: a customer's
// e-mail, a phone number, a card that was declined, a key from a config file.
// None of that may reach a model provider, so every outgoing message goes
// through a [Redactor] (package llm's Redacting decorator applies it);
// redaction is on by default and the zero value works.
//
// What is caught, each replaced by a typed placeholder:
//
//   - [EMAIL]: e-mail addresses, including plus-addressing, subdomains,
//     internationalised letters and display forms such as "Jane <jane@x.org>"
//     (the address goes, the name stays).
//   - [PHONE]: international numbers with + or 00 (+44 20 7946 0958,
//     +1-415-555-0132), North American numbers ((415) 555-0132, 415-555-0132,
//     415.555.0132), European national numbers with a leading trunk 0 written
//     in groups (020 7946 0958, 06 12 34 56 78, 030 12345678), and any
//     9-15 digit number right after a word such as "phone", "tel" or
//     "call me on". At least 9 digits, always.
//   - [CARD]: payment card numbers, 13-19 digits, plain or grouped by spaces,
//     dashes or dots as cards are printed (4111.1111.1111.1111), with a known
//     network prefix and length, passing the Luhn check.
//   - [IBAN]: IBANs with or without spaces, of exactly their country's
//     registered length, passing the ISO 13616 mod-97 check.
//   - [NATIONAL_ID]: US Social Security numbers (123-45-6789, 123 45 6789,
//     and unbroken or dotted only after the word SSN or "social security
//     number": "ssn 123456789"; without the never-issued 000/666/9xx areas,
//     00 groups and 0000 serials); UK National
//     Insurance numbers (AB123456C, with the prefix and suffix restrictions);
//     Spanish DNI and NIE (12345678Z, X1234567L, letter checked); French NIR
//     (1 84 12 76 451 089 46, key checked); Indian Aadhaar (2341 2341 2346,
//     Verhoeff checked; unspaced only after the word Aadhaar); Dutch BSN
//     (11-check, only after the word BSN, as nine digits alone are too
//     common).
//   - [SECRET]: Slack tokens (xoxb-, xoxp-, xapp-, ...) and webhook URLs,
//     OpenAI and Anthropic style keys (sk-..., sk-proj-...), Stripe secret
//     keys, AWS access key ids (AKIA/ASIA), GitHub (ghp_, gho_, ghu_, ghs_,
//     ghr_, github_pat_), GitLab and npm tokens, Google API keys, JWTs, PEM
//     private key blocks (also when a paste folded the newlines or lost the
//     END line), the token after "Bearer" or "Authorization: Basic" (the
//     scheme word stays), the key after "x-api-key" or "api key" written
//     without a colon, passwords in URLs (https://user:pw@host), and the
//     value of key-value assignments whose key names a secret (password=...,
//     api_key: ..., "client_secret": "...", DB_PASSWORD=..., SMTP_PASS=...,
//     X-API-Key: ..., Ocp-Apim-Subscription-Key: ...; the key stays). That
//     includes Azure connection strings (AccountKey=...;, SharedAccessKey=...;,
//     SharedAccessSignature=...;) and the sig= of SAS tokens. Alone, with no
//     prefix or label: AWS secret access keys (40 characters) and Azure's
//     base64 keys (44 ending in "=", 88 ending in "=="), when they look
//     random (see bare.go).
//   - [REDACTED]: whatever the extra patterns given to [New] match.
//
// Placeholders are typed so that the model can still reason about the text
// ("the customer's [EMAIL] bounced" still says an e-mail bounced) and so that
// counts per kind can be logged without logging anything redacted.
//
// Detectors match a folded copy of the text: NFKC normalised, so full-width
// "ｓｋ－ｐｒｏｊ－…" and "４１１１ １１１１ …" are read as "sk-proj-…" and
// "4111 1111 …", and with invisible format characters (zero-width space and
// joiners, word joiner, byte-order mark, soft hyphen, bidirectional marks)
// removed, so a token spread with them is read whole. The output is not the
// folded text: it is the original with the redacted spans replaced (see
// fold.go), so text around a secret reaches the model exactly as written.
//
// Deliberately not caught: names, postal addresses, IP addresses, dates of
// birth, obfuscated addresses ("jane at acme dot com"), passwords stated in
// prose ("the password is hunter2"), and, because they look like order
// numbers and amounts, unlabelled unbroken phone numbers (4155550132),
// national numbers without a trunk 0 (612 345 678), unspaced 12-digit and
// 9-digit numbers (Aadhaar, BSN) without their label, and digits glued to
// letters (ref4111111111111111). Lower-case NINOs and Corsican NIRs (2A/2B)
// are not handled; nor is a key wrapped onto a second line, or an API key
// whose key is generic ("value": "...") unless it is one of the bare shapes
// above. Precision matters as much as recall: a description full
// of [PHONE] where its volumes were would mislead the model, so shapes are
// tight and checksums are used wherever the data has one; ordinary numbers
// (20,000 tickets, $45/h, 2026-11-27, v1.43.0, 2026-W48, order 123456789,
// 10.11.12.13, a 40-character hex commit id, a hex request id) pass through
// unchanged. The one deliberate over-reach: after "password:"
// the next word goes even if it was prose.
//
// Redaction keeps every byte outside a redacted span, never panics (invalid
// UTF-8 included) and is idempotent: Redact(Redact(s)) == Redact(s).
package redact

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
)

// Kinds of data. Each is the text of its placeholder without brackets
// ("EMAIL" becomes "[EMAIL]") and a key of the map RedactCount returns.
const (
	KindEmail      = "EMAIL"
	KindPhone      = "PHONE"
	KindCard       = "CARD"
	KindIBAN       = "IBAN"
	KindNationalID = "NATIONAL_ID"
	KindSecret     = "SECRET"
	KindRedacted   = "REDACTED" // matched by an extra pattern
)

// Redactor replaces personal data and secrets in text with typed
// placeholders such as [EMAIL], [PHONE], [CARD], [IBAN], [NATIONAL_ID],
// [SECRET], and [REDACTED] for text matched by extra patterns. It is
// immutable and safe for concurrent use. The zero value, and a nil
// *Redactor, redact with the built-in detectors only.
type Redactor struct {
	extra []extraPattern
}

// extraPattern is one configured regular expression; group is the submatch
// to replace (0: the whole match).
type extraPattern struct {
	re    *regexp.Regexp
	group int
}

// New returns a Redactor with the built-in detectors plus the given extra
// regular expressions (RE2 syntax, as in package regexp), whose matches
// become [REDACTED]. An extra pattern with a group named "redact" replaces
// only that group: `employee (?P<redact>E\d{6})` keeps the word "employee".
// Where an extra match overlaps a built-in detection the built-in one wins
// and the rest of the extra match is looked at again in the next pass. A
// pattern that does not compile, or that matches the empty string (a stray
// "|" or "*" in configuration), is an error naming the pattern by its
// 1-based position.
func New(extra ...string) (*Redactor, error) {
	r := &Redactor{}
	for i, p := range extra {
		re, err := regexp.Compile(p)
		if err != nil {
			msg := err.Error()
			var se *syntax.Error
			if errors.As(err, &se) {
				msg = se.Code.String()
			}
			return nil, fmt.Errorf("redact: extra pattern %d (counting from 1): %s", i+1, msg)
		}
		if re.MatchString("") {
			return nil, fmt.Errorf("redact: extra pattern %d (counting from 1): matches empty text", i+1)
		}
		r.extra = append(r.extra, extraPattern{re: re, group: max(re.SubexpIndex("redact"), 0)})
	}
	return r, nil
}

// MustNew is New for patterns fixed in code, as regexp.MustCompile is for
// expressions: it panics on a pattern New refuses. Patterns from
// configuration go through New, so a mistake is reported, not a crash.
func MustNew(extra ...string) *Redactor {
	r, err := New(extra...)
	if err != nil {
		panic(err)
	}
	return r
}

// Redact returns s with every detected item replaced by its placeholder and
// all other bytes unchanged.
func (r *Redactor) Redact(s string) string {
	return r.redact(s, nil)
}

// RedactCount is Redact that also returns how many items of each kind were
// replaced, keyed by the Kind constants, for logs and metrics. Log the
// counts, never the text. The map is empty when nothing was redacted.
func (r *Redactor) RedactCount(s string) (string, map[string]int) {
	counts := map[string]int{}
	return r.redact(s, counts), counts
}

// redact runs passes until one changes nothing. Usually the second pass only
// confirms the first; a further pass is needed when a replacement creates a
// new match (a detector that needs a non-word character before its match
// sees "]" where a letter was). Repeating to a fixed point is what makes
// Redact idempotent whatever the input. It terminates: every replacement
// removes at least one byte that was not part of a placeholder (matches
// lying wholly inside placeholders are ignored, and a span mapped back from
// the folded text is widened over any placeholder it cuts into), so the
// count of such bytes falls with every pass that changes anything.
func (r *Redactor) redact(s string, counts map[string]int) string {
	for {
		out, changed := r.pass(s, counts)
		if !changed {
			return out
		}
		s = out
	}
}
