package advisor

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with a profile or an answer: the field it is
// about and a sentence saying what is allowed.
type Problem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Field == "" {
		return p.Message
	}
	return p.Field + ": " + p.Message
}

// Problems is every problem found in one profile. It is an error so that
// decoding and validation can return it whole; callers print one line each.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// ProblemsOf returns err's problems, or err as a single problem when it is
// some other error.
func ProblemsOf(err error) Problems {
	var ps Problems
	if errors.As(err, &ps) {
		return ps
	}
	return Problems{{Message: err.Error()}}
}

// Value is one typed field value, as the readers in advisor/parse produce it
// and [UseCase.Set] consumes it. Text holds text and enum values (an enum's
// canonical option), Number holds integers and numbers, Bool holds yes/no.
type Value struct {
	Field  string
	Text   string
	Number float64
	Bool   bool
}

// Set stores v in the profile after checking it against its field's rules.
func (u *UseCase) Set(v Value) error {
	i := fieldIndex(v.Field)
	if i < 0 {
		return Problems{{Field: v.Field, Message: "is not a profile field; known fields are " + strings.Join(FieldNames(), ", ")}}
	}
	f := &fieldTable[i]
	if p, ok := f.check(&v); !ok {
		return Problems{p}
	}
	switch f.Kind {
	case KindInt:
		n := int(v.Number)
		u.setInt(f.Name, &n)
	case KindNumber:
		x := v.Number
		u.setNumber(f.Name, &x)
	case KindBool:
		b := v.Bool
		u.setBool(f.Name, &b)
	default:
		u.setText(f.Name, v.Text)
	}
	return nil
}

// FieldNames lists the profile's JSON field names in order.
func FieldNames() []string {
	out := make([]string, len(fieldTable))
	for i := range fieldTable {
		out[i] = fieldTable[i].Name
	}
	return out
}

// check reports whether v is allowed for f.
func (f *Field) check(v *Value) (Problem, bool) {
	switch f.Kind {
	case KindText:
		// A text no longer in bytes than the limit is within it in
		// characters too, without counting them.
		if len(v.Text) > int(f.Max) {
			if n := utf8.RuneCountInString(v.Text); n > int(f.Max) {
				return Problem{f.Name, fmt.Sprintf("is %d characters long; at most %d are allowed", n, int(f.Max))}, false
			}
		}
		if !utf8.ValidString(v.Text) {
			return Problem{f.Name, "is not valid UTF-8 text"}, false
		}
	case KindEnum:
		if !slices.Contains(f.Options, v.Text) {
			return Problem{f.Name, fmt.Sprintf("%q is not allowed; use one of %s", v.Text, strings.Join(f.Options, ", "))}, false
		}
	case KindInt, KindNumber:
		x := v.Number
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0):
			return Problem{f.Name, "must be a finite number, for example " + f.Example}, false
		case f.Kind == KindInt && x != math.Trunc(x):
			return Problem{f.Name, fmt.Sprintf("must be a whole number, not %s", formatNumber(x))}, false
		case f.MinOpen && x <= f.Min:
			return Problem{f.Name, fmt.Sprintf("must be more than %s, for example %s", formatNumber(f.Min), f.Example)}, false
		case x < f.Min:
			return Problem{f.Name, fmt.Sprintf("must be %s or more, not %s", formatNumber(f.Min), formatNumber(x))}, false
		case x > f.Max:
			return Problem{f.Name, fmt.Sprintf("must be at most %s, not %s", formatNumber(f.Max), formatNumber(x))}, false
		}
	}
	return Problem{}, true
}

// Validate reports every problem in the profile, one per field, or nil.
// It never stops at the first problem, so a person fixes a file in one go.
func (u *UseCase) Validate() error {
	var ps Problems
	for i := range fieldTable {
		f := &fieldTable[i]
		var v Value
		if !u.load(f, &v) {
			continue
		}
		if p, ok := f.check(&v); !ok {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// value returns the current value of f, which must be known.
func (u *UseCase) value(f *Field) Value {
	var v Value
	u.load(f, &v)
	return v
}

// load puts the value of a field of the table into v and reports whether
// it is set: [UseCase.Known] and value in one look-up, since calibrate
// makes this call for every field of a million profiles.
func (u *UseCase) load(fd *Field, v *Value) bool {
	*v = Value{Field: fd.Name}
	switch fd.Kind {
	case KindInt:
		p := u.intField(fd.Name)
		if p == nil {
			return false
		}
		v.Number = float64(*p)
	case KindNumber:
		p := u.numberField(fd.Name)
		if p == nil {
			return false
		}
		v.Number = *p
	case KindBool:
		p := u.boolField(fd.Name)
		if p == nil {
			return false
		}
		v.Bool = *p
	default:
		v.Text = u.textField(fd.Name)
		return v.Text != ""
	}
	return true
}

// formatNumber prints a number without a trailing ".0" or exponent for
// the magnitudes people type.
func formatNumber(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%g", x)
}
