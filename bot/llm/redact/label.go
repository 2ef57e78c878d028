package redact

import "slices"

// Some numbers are too plain to redact on shape alone (nine digits pass the
// BSN 11-check one time in eleven; 0612345678 could be anything) and count
// only when their label is right before them: "BSN: 123456782", "Aadhaar
// number 234123412346", "call me on 07700900123". Labels are read as words,
// backwards from the number, so that checking one costs a few comparisons
// rather than a regular expression per digit run.

// labelWords returns up to len(buf) words just before pos in the lowered
// text, nearest first. It reads back at most 40 bytes over ASCII letters,
// spaces and the punctuation a label ends with (: # . = - and the quotes
// of a JSON or YAML key) and stops at anything else, so a label must be
// next to its number.
func labelWords(lower string, pos int, buf *[6]string) []string {
	out := buf[:0]
	limit := max(0, pos-40)
	for i := pos; i > limit && len(out) < len(buf); {
		switch c := lower[i-1]; {
		case c >= 'a' && c <= 'z':
			e := i
			for i > limit && lower[i-1] >= 'a' && lower[i-1] <= 'z' {
				i--
			}
			if i > 0 && isWord(lower[i-1]) {
				return out // cut off by the limit, or glued to digits
			}
			out = append(out, lower[i:e])
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == '#' || c == '.' || c == '=' || c == '-' || c == '"' || c == '\'':
			i--
		default:
			return out
		}
	}
	return out
}

// skipWords steps over one word of ws[k] that is in set.
func skipWords(ws []string, k int, set ...string) int {
	if k < len(ws) && slices.Contains(set, ws[k]) {
		return k + 1
	}
	return k
}

func wordIs(ws []string, k int, set ...string) bool {
	return k < len(ws) && slices.Contains(set, ws[k])
}

// phoneLabel: "phone", "tel.", "mobile no.", "fax:", "WhatsApp", "phone
// number is", "call me on", "reach us at", "call".
func (sc *scan) phoneLabel(pos int) bool {
	var buf [6]string
	ws := labelWords(sc.lower, pos, &buf)
	k := skipWords(ws, 0, "is", "was")
	k = skipWords(ws, k, "number", "no", "nr")
	if wordIs(ws, k, "phone", "telephone", "tel", "mobile", "mob", "cell", "cellphone", "fax", "whatsapp", "sms", "call") {
		return true
	}
	k = skipWords(ws, k, "on", "at")
	return wordIs(ws, k, "me", "us", "him", "her", "them") && wordIs(ws, k+1, "call", "text", "ring", "reach", "contact") ||
		k > 0 && wordIs(ws, k, "call")
}

// bsnLabel: "BSN", "BSN-nummer:", "burgerservicenummer", "sofinummer",
// "citizen service number is".
func (sc *scan) bsnLabel(pos int) bool {
	var buf [6]string
	ws := labelWords(sc.lower, pos, &buf)
	k := skipWords(ws, 0, "is", "was")
	k = skipWords(ws, k, "number", "nummer", "no", "nr")
	return wordIs(ws, k, "bsn", "burgerservicenummer", "sofinummer", "sofinr", "sofi") ||
		wordIs(ws, k, "service") && wordIs(ws, k+1, "citizen")
}

// aadhaarLabel: "Aadhaar", "Aadhaar card no.", "UID number", "UIDAI".
func (sc *scan) aadhaarLabel(pos int) bool {
	var buf [6]string
	ws := labelWords(sc.lower, pos, &buf)
	k := skipWords(ws, 0, "is", "was")
	k = skipWords(ws, k, "number", "no", "nr")
	k = skipWords(ws, k, "card")
	return wordIs(ws, k, "aadhaar", "aadhar", "uidai", "uid")
}

// ssnLabel: "SSN", "SSN#", "ssn:", "social security number", "Social
// Security no.", "soc. sec. #".
func (sc *scan) ssnLabel(pos int) bool {
	var buf [6]string
	ws := labelWords(sc.lower, pos, &buf)
	k := skipWords(ws, 0, "is", "was")
	if wordIs(ws, k, "ssn") {
		return true
	}
	k = skipWords(ws, k, "number", "no", "nr", "num")
	return wordIs(ws, k, "security") && wordIs(ws, k+1, "social") ||
		wordIs(ws, k, "sec") && wordIs(ws, k+1, "soc")
}
