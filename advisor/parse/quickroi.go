package parse

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// roiKeys map the short keys of a quick estimate to profile fields.
var roiKeys = map[string]string{
	"volume": advisor.FieldMonthlyVolume, "minutes": advisor.FieldMinutesPerTask, "min": advisor.FieldMinutesPerTask,
	"rate": advisor.FieldHourlyCost, "cost": advisor.FieldHourlyCost,
}

// QuickROI reads a quick estimate, "20k a month, 6 min each, $45/h": parts
// separated by commas, semicolons, line breaks or, between key=value
// pairs, spaces ("volume=20000 minutes=6"), each either key=value or
// a phrase that [Answer] reads as a volume ("20k a month"), a time per item
// ("6 min each") or an hourly cost ("$45/h"). Keys are volume, minutes (or
// min), rate (or cost) and any profile field name ("task=classify").
//
// It returns the profile read and one problem per part it could not use,
// in plain words. When every part was read, a missing volume, time or cost
// is a problem too, since the ROI needs all three.
func QuickROI(text string) (advisor.UseCase, []string) {
	var u advisor.UseCase
	var problems []string
	for _, part := range roiParts(text) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if k, v, ok := strings.Cut(part, "="); ok {
			k = strings.ToLower(strings.TrimSpace(k))
			field := roiKeys[k]
			if field == "" {
				field = strings.ReplaceAll(k, "-", "_")
			}
			val, err := Answer(field, strings.TrimSpace(v))
			if err == nil {
				err = u.Set(val)
			}
			if err != nil {
				problems = append(problems, err.Error())
			}
			continue
		}
		if !setFirst(&u, part) {
			problems = append(problems, fmt.Sprintf("%q (is it a volume, minutes per item or an hourly cost?)", part))
		}
	}
	if len(problems) == 0 {
		for _, need := range [...][2]string{
			{advisor.FieldMonthlyVolume, "a volume such as \"20k a month\""},
			{advisor.FieldMinutesPerTask, "minutes per item such as \"6 min each\""},
			{advisor.FieldHourlyCost, "an hourly cost such as \"$45/h\""},
		} {
			if !u.Known(need[0]) {
				problems = append(problems, "missing "+need[1])
			}
		}
	}
	return u, problems
}

// setFirst tries a phrase as an hourly cost, minutes and a volume, in the
// order least likely to misread it, and sets the first that fits.
func setFirst(u *advisor.UseCase, phrase string) bool {
	p := strings.ToLower(phrase)
	order := []string{advisor.FieldMonthlyVolume, advisor.FieldMinutesPerTask, advisor.FieldHourlyCost}
	switch {
	case strings.ContainsAny(p, "$€£") || strings.Contains(p, "/h") || strings.Contains(p, "hour") && !strings.Contains(p, "min"):
		order = []string{advisor.FieldHourlyCost}
	case strings.Contains(p, "min") || strings.Contains(p, "sec"):
		order = []string{advisor.FieldMinutesPerTask}
	}
	for _, f := range order {
		if u.Known(f) {
			continue
		}
		if v, err := Answer(f, phrase); err == nil && u.Set(v) == nil {
			return true
		}
	}
	return false
}

// roiParts splits a quick estimate into its parts. A comma between a digit
// and three more digits groups thousands ("20,000 a month") rather than
// separating parts, and key=value pairs may follow each other with only
// spaces between them ("volume=20000 minutes=6 task=classify invoices").
func roiParts(text string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == ',' && thousands(text, i):
		case c == ',' || c == ';' || c == '\n':
			parts = append(parts, text[start:i])
			start = i + 1
		}
	}
	parts = append(parts, text[start:])
	var out []string
	for _, p := range parts {
		out = append(out, splitPairs(p)...)
	}
	return out
}

// thousands reports whether the comma at text[i] groups a number's
// thousands: a digit before it, exactly three after.
func thousands(text string, i int) bool {
	if i == 0 || i+4 > len(text) || !isDigitByte(text[i-1]) {
		return false
	}
	for _, c := range []byte(text[i+1 : i+4]) {
		if !isDigitByte(c) {
			return false
		}
	}
	return i+4 == len(text) || !isDigitByte(text[i+4])
}

// roiKey finds the "key=" (or "key =") that starts a key=value pair.
var roiKey = regexp.MustCompile(`[A-Za-z_][A-Za-z_-]*\s*=`)

// splitPairs splits "volume=20000 minutes=6" before each key, so a value
// may still be several words ("task=classify invoices").
func splitPairs(part string) []string {
	keys := roiKey.FindAllStringIndex(part, -1)
	if len(keys) < 2 {
		return []string{part}
	}
	var out []string
	if lead := strings.TrimSpace(part[:keys[0][0]]); lead != "" {
		out = append(out, lead)
	}
	for i, k := range keys {
		end := len(part)
		if i+1 < len(keys) {
			end = keys[i+1][0]
		}
		out = append(out, part[k[0]:end])
	}
	return out
}
