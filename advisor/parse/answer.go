package parse

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/advisor"
)

// Answers to choice, yes/no and number questions are a few words. Longer
// ones are almost always a paste into the wrong question, and bounding them
// keeps the parser's work small whatever a chat message holds.
const maxShortAnswerRunes = 200

// maxShownRunes bounds how much of an answer an error repeats back.
const maxShownRunes = 80

// AnswerError says why an answer could not be read, and shows an accepted example.
type AnswerError struct {
	Field   string // profile field name
	Input   string // what was typed (trimmed, truncated to 80 runes for display)
	Reason  string // what was wrong, plain words
	Example string // an answer that would be accepted (the field's Example)
}

// Error reads as one line: the field, what was wrong and an accepted example.
func (e *AnswerError) Error() string {
	return e.Field + ": " + e.Reason + `; try something like "` + e.Example + `"`
}

// Answer reads what a person typed as the answer for the named profile field.
//
// The returned [advisor.Value] always passes the field's own rules, so it can
// go straight to [advisor.UseCase.Set]. Every failure is an [*AnswerError]
// that says what was wrong and repeats the field's Example, so a person can
// retype it at once.
//
// Case, surrounding spaces and trailing punctuation do not matter, except in
// text, which is kept as typed. Per kind:
//
//   - Text (title, description, department): the trimmed text.
//   - Yes/no: yes, y, yeah, yep, sure, true, correct, of course, ok, … and
//     no, n, nope, nah, false, not really, never, none, …; a sentence that
//     starts with one of them ("yes we do") counts unless it also says the
//     opposite ("yes but not always"). Unsure answers ("maybe", "not sure",
//     "sometimes") are rejected: the person should answer "skip" instead.
//   - Choices: the option, with spaces or hyphens for underscores
//     ("good enough"), its label as shown on a button ("Public knowledge"),
//     a prefix that fits only one option ("crit"), or a curated synonym
//     ("mission critical", "triage", "json"). Where a word could mean two
//     sensitivity levels the stricter one is taken ("pii" is restricted),
//     because under-classifying data can send it somewhere it must not go
//     while over-classifying only costs money. A longer answer counts when
//     it names one option, best at its start ("none, everything is in the
//     ticket", "private, it changes a lot", "we tried prompting and it
//     plateaued"); one that names two options, or only says what it is not
//     ("not public"), is rejected.
//   - Numbers: digits with comma, space or underscore thousands separators
//     ("20,000", "20 000"), k/m/bn suffixes and words ("2.5k", "1.2 million",
//     "a dozen", "twenty five"), ranges ("5-10", "5 to 10", "5 or 6",
//     "between 5 and 10": the midpoint), and hedges such as "about", "~",
//     "up to", "at least", "or so", which are ignored. A comma or dot that
//     could be either a decimal point or a thousands separator ("1,5",
//     "20.000") is rejected rather than guessed. Vague amounts take deliberately modest values: a couple
//     = 2, a few = several = 3, a handful = 5, dozens = 24, hundreds = 200,
//     thousands = 2,000, tens of thousands = 20,000.
//
// Number fields convert units with one working calendar: 365 days, 52 weeks,
// 260 working days and 2,080 working hours a year, 8 hours a working day.
//
//   - monthly_volume: a rate is turned into items per month (a day × 365/12,
//     a working day × 260/12, a week × 52/12, an hour × 2080/12 working hours,
//     a quarter ÷ 3, a year ÷ 12) and rounded to a whole number; no rate means
//     per month. Nouns may sit between the number and the rate
//     ("2,000 tickets a week").
//   - minutes_per_task: seconds, minutes, hours and compounds ("1h30", "an
//     hour and a half"); a day of work is 480 minutes and a week 2,400. A bare
//     number is minutes.
//   - hourly_cost: an hour, day (÷ 8), week (÷ 40), month (÷ 2080/12) or
//     year (÷ 2,080) rate, so "$90k a year" is 43.27 an hour; no loading factor
//     is applied. A bare number is per hour. Currency signs and codes are
//     ignored without conversion: amounts are taken in the ROI currency.
//   - budget: a one-off amount; "none" or "no budget" is 0. Rates are rejected.
//   - labeled_examples: a count; "none" or "not yet" is 0.
//   - timeline_weeks: days (÷ 7), working days (÷ 5), weeks, months (× 52/12),
//     quarters (13), years (52); a bare number is weeks. Vague dates such as
//     "asap" or "next quarter" are rejected.
//
// Converted amounts are rounded for display: volumes to whole items, costs to
// cents, minutes and weeks to two decimals. Negative, non-finite and
// out-of-range numbers, empty answers and unknown field names are rejected.
func Answer(field, text string) (advisor.Value, error) {
	fv, ok := advisor.LookupField(field)
	if !ok {
		return advisor.Value{}, unknownFieldError(field, text)
	}
	f := &fv
	text = strings.TrimSpace(text)
	if text == "" {
		return advisor.Value{}, newAnswerError(f, text, "the answer is empty")
	}
	if f.Kind != advisor.KindText && utf8.RuneCountInString(text) > maxShortAnswerRunes {
		reason := fmt.Sprintf("the answer is %d characters long; a few words are enough", utf8.RuneCountInString(text))
		return advisor.Value{}, newAnswerError(f, text, reason)
	}

	v := advisor.Value{Field: f.Name}
	var reason string
	switch f.Kind {
	case advisor.KindText:
		v.Text = text
	case advisor.KindEnum:
		v.Text, reason = parseEnumAnswer(f, text)
	case advisor.KindBool:
		v.Bool, reason = parseBoolAnswer(f, text)
	default:
		v.Number, reason = parseNumberAnswer(f, text)
	}
	if reason != "" {
		return advisor.Value{}, newAnswerError(f, text, reason)
	}
	// The field's own check, which UseCase.Set applies, has the last word.
	var u advisor.UseCase
	if err := u.Set(v); err != nil {
		return advisor.Value{}, newAnswerError(f, text, checkReason(f, text, advisor.ProblemsOf(err)[0]))
	}
	return v, nil
}

// newAnswerError fills in the parts every rejection shares.
func newAnswerError(f *advisor.Field, text, reason string) *AnswerError {
	return &AnswerError{Field: f.Name, Input: shownInput(text), Reason: reason, Example: f.Example}
}

// checkReason words a failed field check about what the person typed.
func checkReason(f *advisor.Field, text string, p advisor.Problem) string {
	if f.Kind == advisor.KindText {
		return "the answer " + p.Message
	}
	return fmt.Sprintf("%q %s", shownInput(text), p.Message)
}

// unknownFieldError is a programming error in the caller, but it still reads
// as a sentence with a real field name as the example, so it is never a dead end.
func unknownFieldError(field, text string) *AnswerError {
	return &AnswerError{
		Field:   shownInput(field),
		Input:   shownInput(strings.TrimSpace(text)),
		Reason:  fmt.Sprintf("%q is not a profile field; known fields are %s", shownInput(field), strings.Join(advisor.FieldNames(), ", ")),
		Example: suggestField(field),
	}
}

// suggestField returns the field the caller most likely meant: the same name
// spelt with other case or separators, or a unique prefix; else the first field.
func suggestField(name string) string {
	key := strings.ToLower(strings.TrimSpace(name))
	key = strings.NewReplacer(" ", "_", "-", "_").Replace(key)
	match, n := "", 0
	for _, fn := range fieldNames {
		if fn == key {
			return fn
		}
		if key != "" && strings.HasPrefix(fn, key) {
			match, n = fn, n+1
		}
	}
	if n == 1 {
		return match
	}
	return fieldNames[0]
}

// shownInput makes an answer safe and short enough to repeat in a message.
func shownInput(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= maxShownRunes {
		return s
	}
	n := 0
	for i := range s {
		if n == maxShownRunes-1 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// parseNumberAnswer reads a number field and rounds converted amounts so that
// they print well; the unit conversions themselves live with each reader.
func parseNumberAnswer(f *advisor.Field, text string) (float64, string) {
	var (
		r   numberRead
		err string
	)
	switch f.Name {
	case advisor.FieldMonthlyVolume:
		r, err = readCount(text, true)
		r.v = math.Round(r.v)
	case advisor.FieldLabeledExamples:
		if answerWordsIn(text, zeroExamples) {
			return 0, ""
		}
		r, err = readCount(text, false)
	case advisor.FieldMinutesPerTask:
		r, err = readMinutes(text)
	case advisor.FieldTimelineWeeks:
		r, err = readWeeks(text)
	case advisor.FieldHourlyCost:
		r, err = readMoney(text, true)
	case advisor.FieldBudget:
		if answerWordsIn(text, zeroBudget) {
			return 0, ""
		}
		r, err = readMoney(text, false)
	default:
		r, err = readPlainNumber(text)
	}
	if err == "" && (math.IsInf(r.v, 0) || math.IsNaN(r.v)) {
		r.ok, err = false, "the number is too large"
	}
	if !r.ok {
		return 0, numberFailure(f, text, err)
	}
	if f.Name == advisor.FieldHourlyCost && !r.rate && r.v > f.Max {
		return 0, fmt.Sprintf("%q is more than %s an hour; if it is a yearly salary, add \"a year\"", shownInput(text), strconv.FormatFloat(f.Max, 'f', -1, 64))
	}
	if r.converted && f.Kind == advisor.KindNumber {
		places := 100.0 // two decimals: cents, or hundredths of a minute or week
		r.v = math.Round(r.v*places) / places
	}
	return r.v, ""
}

// numberFailure says what a number answer should have been, and why it was not.
func numberFailure(f *advisor.Field, text, detail string) string {
	what := "a number"
	switch f.Name {
	case advisor.FieldMonthlyVolume:
		what = "a number of items per month"
	case advisor.FieldLabeledExamples:
		what = "a number of examples"
	case advisor.FieldMinutesPerTask:
		what = "a time per item"
	case advisor.FieldTimelineWeeks:
		what = "a number of weeks"
	case advisor.FieldHourlyCost:
		what = "a cost per hour"
	case advisor.FieldBudget:
		what = "an amount of money"
	}
	if detail == "" && answerMentions(text, dontKnowPhrases) {
		detail = "if you do not know, answer skip"
	}
	msg := fmt.Sprintf("could not read %q as %s", shownInput(text), what)
	if detail != "" {
		msg += ": " + detail
	}
	return msg
}
