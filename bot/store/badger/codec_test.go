package badgerstore

import (
	"encoding/binary"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// everyField is a profile with every field the advisor knows set, to b
// for booleans and to the lowest valid value for numbers when low (0 is
// an answer, not an absence), else to the next.
func everyField(t testing.TB, b, low bool) advisor.UseCase {
	t.Helper()
	var u advisor.UseCase
	for _, f := range advisor.Fields() {
		v := advisor.Value{Field: f.Name}
		switch f.Kind {
		case advisor.KindText:
			v.Text = "Ünïcode / text of " + f.Name
		case advisor.KindEnum:
			v.Text = f.Options[len(f.Options)-1]
		case advisor.KindBool:
			v.Bool = b
		default:
			v.Number = f.Min
			if f.MinOpen || !low {
				v.Number = f.Min + 1.5
			}
			if f.Kind == advisor.KindInt {
				v.Number = float64(int(v.Number))
			}
		}
		if err := u.Set(v); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
	// Every field of the struct is set: none is missing from the table.
	rv := reflect.ValueOf(u)
	for i := range rv.NumField() {
		if rv.Field(i).IsZero() {
			t.Fatalf("UseCase.%s is not set from advisor.Fields()", rv.Type().Field(i).Name)
		}
	}
	return u
}

// TestRefCodecEveryField: a ref with every field and every profile field
// set comes back as it went in, zero numbers and false answers included.
// It fails when the advisor gains a profile field the decoder does not
// set, or store.AssessmentRef a field the codec leaves out.
func TestRefCodecEveryField(t *testing.T) {
	for _, tc := range []struct{ b, low bool }{{true, false}, {false, true}} {
		ref := store.AssessmentRef{
			ID: "rec/1 ✓", User: "U1", Conv: store.ConvKey{Platform: "teams", Team: "T", Channel: "a:1/b", Thread: "th"},
			Approach: advisor.FineTuning, Profile: everyField(t, tc.b, tc.low), TZ: "America/New_York",
			CreatedAt: time.Date(1969, 7, 20, 20, 17, 40, 123456789, time.UTC),
		}
		allSet(t, reflect.ValueOf(ref), "AssessmentRef")
		got, err := decodeRef(appendRef(nil, ref))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(ref, got); d != "" {
			t.Errorf("round trip (-want +got):\n%s", d)
		}
	}
	// The zero ref too, whose time is before any Unix second.
	got, err := decodeRef(appendRef(nil, store.AssessmentRef{}))
	if err != nil || !got.CreatedAt.IsZero() || !reflect.ValueOf(got.Profile).IsZero() {
		t.Errorf("zero ref came back as %+v, %v", got, err)
	}
}

// TestRefCodecRefuses: a ref from a newer schema is refused as records
// are; one cut short anywhere, or not a ref, is an error, not a panic or
// a half-read ref.
func TestRefCodecRefuses(t *testing.T) {
	ref := store.AssessmentRef{ID: "r1", User: "U1", Approach: advisor.RAG, Profile: everyField(t, true, false), CreatedAt: time.Unix(1764000000, 5)}
	b := appendRef(nil, ref)
	newer := append([]byte{binMagic, SchemaVersion + 1}, b[2:]...)
	if _, err := decodeRef(newer); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("a newer ref: %v, want ErrNewerSchema", err)
	}
	for i := range len(b) {
		if got, err := decodeRef(b[:i]); err == nil {
			t.Fatalf("cut to %d of %d bytes: decoded %+v", i, len(b), got)
		}
	}
	for _, v := range []string{`{"v":2,"id":"r1"}`, "\x00\x01", "\x00\x02\x00"} {
		if _, err := decodeRef([]byte(v)); err == nil {
			t.Errorf("decoded %q", v)
		}
	}
}

func FuzzDecodeRef(f *testing.F) {
	f.Add(appendRef(nil, store.AssessmentRef{ID: "r1", Profile: advisor.UseCase{Title: "x", MonthlyVolume: new(int)}}))
	f.Add([]byte{binMagic, SchemaVersion, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		ref, err := decodeRef(b)
		if err == nil {
			// What decodes encodes to a ref that decodes the same.
			again, err := decodeRef(appendRef(nil, ref))
			if err != nil || !cmp.Equal(ref, again, cmpopts.EquateNaNs()) {
				t.Errorf("re-encoded %+v: %v", ref, err)
			}
		}
	})
}

// allSet fails t for every field of v (a struct, looked into except for
// times and profiles, which everyField checks) left at its zero value.
func allSet(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	for i := range v.NumField() {
		f, name := v.Field(i), path+"."+v.Type().Field(i).Name
		switch {
		case f.Kind() == reflect.Struct && f.Type() != reflect.TypeFor[time.Time]() && f.Type() != reflect.TypeFor[advisor.UseCase]():
			allSet(t, f, name)
		case f.IsZero():
			t.Errorf("%s is not set: add it to the sample and to the codec", name)
		}
	}
}

// fullOutcome is an outcome with every field set.
func fullOutcome(t *testing.T) store.Outcome {
	o := store.Outcome{
		RecID: "rec/1 ✓", User: "U1", Conv: store.ConvKey{Platform: "teams", Team: "T", Channel: "a:1/b", Thread: "th"}, Round: 2,
		Status: store.OutcomeBuilt, Approach: advisor.Hybrid,
		OneOffCost: advisor.Some(12000), MonthlyRunCost: advisor.Some(340.5), HoursSavedMonthly: advisor.Some(61.25),
		Reason: "It \"worked\",\nmostly", Department: "Finance", Title: "Invoice triage", Profile: everyField(t, true, false), Recommended: advisor.RAG,
		Estimate: advisor.ROI{OneOffCost: 9000, MonthlyRunCost: 200, MonthlyLaborSaved: 2100, NetMonthly: 1900,
			PaybackMonths: advisor.Some(4.7), ROI12: advisor.Some(1.53), ROI36: advisor.Some(6.6)},
		EstimatedHoursSaved: 70, AssessedAt: time.Date(2026, 9, 1, 9, 0, 0, 1, time.UTC), At: time.Date(2026, 10, 1, 9, 0, 0, 999999999, time.UTC),
	}
	allSet(t, reflect.ValueOf(o), "Outcome")
	return o
}

// TestOutcomeCodecEveryField: an outcome with every field set comes back
// as it went in, and so does one whose figures are a reported 0 or not
// given. It fails when store.Outcome gains a field the codec leaves out.
func TestOutcomeCodecEveryField(t *testing.T) {
	full := fullOutcome(t)
	zeroes := store.Outcome{RecID: "r2", User: "U2", Status: store.OutcomeNotYet, OneOffCost: advisor.Some(0),
		Profile: everyField(t, false, true), Estimate: advisor.ROI{ROI36: advisor.Some(0)}}
	for _, o := range []store.Outcome{full, zeroes, {}} {
		got, err := decodeOutcome(appendOutcome(nil, o))
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(o, got); d != "" {
			t.Errorf("round trip (-want +got):\n%s", d)
		}
	}
	b := appendOutcome(nil, full)
	for i := range len(b) {
		if got, err := decodeOutcome(b[:i]); err == nil {
			t.Fatalf("cut to %d of %d bytes: decoded %+v", i, len(b), got)
		}
	}
	if _, err := decodeOutcome(append([]byte{binMagic, SchemaVersion + 1}, b[2:]...)); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("a newer outcome: %v, want ErrNewerSchema", err)
	}
	if _, err := decodeOutcome(appendRef(nil, store.AssessmentRef{ID: "r1"})); err == nil {
		t.Error("decoded a ref as an outcome")
	}
}

func FuzzDecodeOutcome(f *testing.F) {
	f.Add(appendOutcome(nil, store.Outcome{RecID: "r1", Status: store.OutcomeBuilt, OneOffCost: advisor.Some(0), Profile: advisor.UseCase{Budget: new(float64)}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := decodeOutcome(b)
		if err == nil {
			again, err := decodeOutcome(appendOutcome(nil, o))
			if err != nil || !cmp.Equal(o, again, cmpopts.EquateNaNs()) {
				t.Errorf("re-encoded %+v: %v", o, err)
			}
		}
	})
}

// TestRefCodecSchema2: refs written by schema 2, which named every
// profile field and held every number as 8 bytes, still decode.
func TestRefCodecSchema2(t *testing.T) {
	for _, low := range []bool{true, false} {
		ref := store.AssessmentRef{ID: "r1", User: "U1", Conv: store.ConvKey{Platform: "slack", Team: "T1", Channel: "D1"},
			Approach: advisor.RAG, Profile: everyField(t, low, low), CreatedAt: time.Unix(1764000000, 5).UTC()}
		// As schema 2's appendRef wrote it.
		b := binary.AppendUvarint([]byte{binMagic}, 2)
		for _, s := range [...]string{ref.ID, ref.User, ref.Conv.Platform, ref.Conv.Team, ref.Conv.Channel, ref.Conv.Thread, string(ref.Approach), ref.TZ} {
			b = appendString(b, s)
		}
		b = appendTime(b, ref.CreatedAt)
		vs := ref.Profile.Values()
		b = binary.AppendUvarint(b, uint64(len(vs)))
		for _, v := range vs {
			f, _ := advisor.LookupField(v.Field)
			switch f.Kind {
			case advisor.KindInt, advisor.KindNumber:
				b = appendNumber(appendString(append(b, 'n'), v.Field), v.Number)
			case advisor.KindBool:
				b = append(appendString(append(b, 'b'), v.Field), map[bool]byte{true: 1}[v.Bool])
			default:
				b = appendString(appendString(append(b, 't'), v.Field), v.Text)
			}
		}
		got, err := decodeRef(b)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(ref, got); d != "" {
			t.Errorf("schema-2 ref (-want +got):\n%s", d)
		}
		if now := appendRef(nil, ref); len(now) >= len(b) {
			t.Errorf("a ref takes %d bytes, no fewer than schema 2's %d", len(now), len(b))
		}
	}
}

// TestRefCodecUnknownField: a field a newer advisorbot added, by name or
// by a code past the list, is skipped and the rest decodes.
func TestRefCodecUnknownField(t *testing.T) {
	ref := store.AssessmentRef{ID: "r1", Approach: advisor.RAG, Profile: advisor.UseCase{Title: "Invoices"}, CreatedAt: time.Unix(1764000000, 0).UTC()}
	b := appendRef(nil, ref)
	// The profile is last: its count is the byte before the title's field.
	title := appendProfile(nil, ref.Profile)
	head := b[:len(b)-len(title)]
	for name, extra := range map[string][]byte{
		"by name":      appendNumber(appendString([]byte{'n'}, "next_field"), 3),
		"by code":      binary.AppendVarint(binary.AppendUvarint([]byte{'I'}, 200), -7),
		"text by code": appendString(binary.AppendUvarint([]byte{'T'}, uint64(len(profileCodes))), "x"),
	} {
		v := append(append(append([]byte{}, head...), 2), title[1:]...)
		got, err := decodeRef(append(v, extra...))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if d := cmp.Diff(ref, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", name, d)
		}
	}
}

// TestProfileCodes: the codes stored values use never change meaning, and
// every profile field has one (one without would be written by name and
// lost on reading).
func TestProfileCodes(t *testing.T) {
	frozen := []string{"title", "description", "department", "task", "monthly_volume", "minutes_per_task", "hourly_cost",
		"accuracy", "human_review", "domain", "output_consistency", "knowledge", "citations_required", "labeled_examples",
		"prompt_baseline", "latency", "data_sensitivity", "regulated", "ml_skill", "budget", "timeline_weeks",
		"rules_expressible", "self_hosting_ok"}
	if d := cmp.Diff(frozen, profileCodes[:len(frozen)]); d != "" {
		t.Errorf("a stored code changed meaning; append new codes instead (-was +now):\n%s", d)
	}
	for _, f := range advisor.Fields() {
		if _, ok := profileCode[f.Name]; !ok {
			t.Errorf("profile field %q has no code; append one to profileCodes", f.Name)
		}
	}
}
