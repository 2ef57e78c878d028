package advisor

import (
	"testing"
	"unicode/utf8"
)

// Every choice and yes/no field has plain words for every value, short
// enough for a button, and nothing else.
func TestOptionsTable(t *testing.T) {
	for _, f := range Fields() {
		opts := OptionsOf(f.Name)
		if len(f.Options) == 0 {
			if opts != nil || optionWordsTable[f.Name] != nil {
				t.Errorf("%s has no options but OptionsOf gives %v", f.Name, opts)
			}
			continue
		}
		if len(optionWordsTable[f.Name]) != len(f.Options) {
			t.Errorf("%s: the table has %d options, the field %d", f.Name, len(optionWordsTable[f.Name]), len(f.Options))
		}
		labels := map[string]bool{}
		for i, o := range opts {
			if o.Value != f.Options[i] {
				t.Errorf("%s option %d is %q, want %q in the field's order", f.Name, i, o.Value, f.Options[i])
			}
			if o.Label == "" || o.Label == o.Value {
				t.Errorf("%s %s has no plain label: %q", f.Name, o.Value, o.Label)
			}
			if n := utf8.RuneCountInString(o.Label); n > maxLabelRunes {
				t.Errorf("%s %s label %q is %d characters; keep it under %d and move the rest to Example", f.Name, o.Value, o.Label, n, maxLabelRunes)
			}
			if n := utf8.RuneCountInString(o.Example); n > 75 {
				t.Errorf("%s %s example %q is %d characters; keep it short", f.Name, o.Value, o.Example, n)
			}
			if labels[o.Label] {
				t.Errorf("%s: two options are labelled %q", f.Name, o.Label)
			}
			labels[o.Label] = true
			if got := Label(f.Name, o.Value); got != o.Label {
				t.Errorf("Label(%s, %s) = %q, want %q", f.Name, o.Value, got, o.Label)
			}
		}
	}
	for name := range optionWordsTable {
		if f, ok := LookupField(name); !ok || len(f.Options) == 0 {
			t.Errorf("the option table has %q, which is not a choice or yes/no field", name)
		}
	}
}

func TestLabelUnknown(t *testing.T) {
	for _, tt := range [][3]string{
		{FieldKnowledge, "private_changing", "Our own documents, which change"},
		{FieldKnowledge, "somewhere", "somewhere"},
		{FieldMonthlyVolume, "8,667", "8,667"},
		{"colour", "red", "red"},
		{FieldHumanReview, "yes", "Yes, a person checks each one"},
	} {
		if got := Label(tt[0], tt[1]); got != tt[2] {
			t.Errorf("Label(%q, %q) = %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
	if OptionsOf(FieldMonthlyVolume) != nil || OptionsOf("colour") != nil {
		t.Error("options for a number or an unknown field")
	}
	a := OptionsOf(FieldTask)
	a[0].Label = "changed"
	if OptionsOf(FieldTask)[0].Label == "changed" {
		t.Error("OptionsOf shares its table")
	}
}
