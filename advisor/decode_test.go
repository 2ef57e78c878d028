package advisor

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDecodeUseCase(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []string // one substring per expected problem line, in order
		check func(t *testing.T, u UseCase)
	}{
		{name: "empty object", in: `{}`},
		{name: "full profile", in: `{"title":"Ticket triage","description":"Route tickets","department":"Support","task":"classify",
			"monthly_volume":8700,"minutes_per_task":2.5,"hourly_cost":45,"accuracy":"high","human_review":true,"domain":"general",
			"output_consistency":"strict","knowledge":"private_changing","citations_required":false,"labeled_examples":0,
			"prompt_baseline":"untried","latency":"interactive","data_sensitivity":"internal","regulated":false,"ml_skill":"some",
			"budget":50000,"timeline_weeks":6,"rules_expressible":false,"self_hosting_ok":true}`,
			check: func(t *testing.T, u UseCase) {
				if *u.MonthlyVolume != 8700 || *u.MinutesPerTask != 2.5 || u.Knowledge != KnowledgePrivateChanging || *u.HumanReview != true || *u.LabeledExamples != 0 {
					t.Errorf("decoded %+v", u)
				}
				for _, name := range FieldNames() {
					if !u.Known(name) {
						t.Errorf("%s not known after decoding a full profile", name)
					}
				}
			}},
		{name: "null means unknown", in: `{"monthly_volume":null,"task":null}`, check: func(t *testing.T, u UseCase) {
			if u.Known(FieldMonthlyVolume) || u.Known(FieldTask) {
				t.Errorf("null decoded as known: %+v", u)
			}
		}},
		{name: "integral float for an int", in: `{"monthly_volume":5e3}`, check: func(t *testing.T, u UseCase) {
			if *u.MonthlyVolume != 5000 {
				t.Errorf("monthly_volume = %d", *u.MonthlyVolume)
			}
		}},
		{name: "not JSON", in: `task: classify`, want: []string{"must be a JSON object"}},
		{name: "empty input", in: ``, want: []string{"the profile is empty"}},
		{name: "broken JSON", in: `{"task": "classify",}`, want: []string{"not valid JSON"}},
		{name: "array", in: `[1]`, want: []string{"must be a JSON object"}},
		{name: "unknown field with suggestion", in: `{"monthly_volum": 5}`, want: []string{`monthly_volum: is not a profile field; did you mean "monthly_volume"?`}},
		{name: "unknown field far from any", in: `{"colour": "red"}`, want: []string{"colour: is not a profile field; known fields are title"}},
		{name: "wrong types", in: `{"monthly_volume":"5k","human_review":"yes","task":3}`, want: []string{
			`task: must be one of the strings classify`,
			`monthly_volume: must be a whole number such as 5000, not a string ("5k")`,
			`human_review: must be true or false, not a string ("yes")`,
		}},
		{name: "out of range and bad enum", in: `{"monthly_volume":-1,"minutes_per_task":1e9,"timeline_weeks":0,"accuracy":"very high","labeled_examples":2.5}`, want: []string{
			`monthly_volume: must be 0 or more, not -1`,
			`minutes_per_task: must be at most 43200`,
			`accuracy: "very high" is not allowed; use one of low, medium, high, critical`,
			`labeled_examples: must be a whole number, not 2.5`,
			`timeline_weeks: must be more than 0`,
		}},
		{name: "description too long", in: `{"description":"` + strings.Repeat("x", MaxDescriptionLen+1) + `"}`, want: []string{"description: is 4001 characters long; at most 4000"}},
		{name: "huge number", in: `{"budget":1e999}`, want: []string{"budget: must be at most 1000000000000, not 1e999"}},
		{name: "negative huge number", in: `{"monthly_volume":-1e999}`, want: []string{"monthly_volume: must be at most"}},
		{name: "duplicate field", in: `{"task":"classify","task":"bogus"}`, want: []string{
			"task: appears more than once",
			`task: "bogus" is not allowed`,
		}},
		{name: "trailing data", in: `{"task":"classify"} {"task":"draft"}`, want: []string{"not valid JSON: unexpected data after the closing brace"}},
		{name: "byte order mark", in: "\ufeff{\"task\":\"classify\"}", check: func(t *testing.T, u UseCase) {
			if u.Task != TaskClassify {
				t.Errorf("task = %q", u.Task)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := DecodeUseCase([]byte(tt.in))
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if tt.check != nil {
					tt.check(t, u)
				}
				return
			}
			ps, ok := err.(Problems)
			if !ok {
				t.Fatalf("error = %v (%T), want Problems", err, err)
			}
			if len(ps) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(ps), len(tt.want), err)
			}
			for i, w := range tt.want {
				if !strings.Contains(ps[i].String(), w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, ps[i].String(), w)
				}
			}
		})
	}
}

func TestValidate(t *testing.T) {
	neg := -3
	u := UseCase{Task: "dance", MonthlyVolume: &neg, Accuracy: AccuracyHigh}
	err := u.Validate()
	ps, ok := err.(Problems)
	if !ok || len(ps) != 2 || ps[0].Field != FieldTask || ps[1].Field != FieldMonthlyVolume {
		t.Fatalf("Validate = %v, want task and monthly_volume problems", err)
	}
	if err := (&UseCase{}).Validate(); err != nil {
		t.Errorf("empty profile: %v", err)
	}
	if _, err := New(DefaultAssumptions()).Recommend(u); err == nil {
		t.Error("Recommend accepted an invalid profile")
	}
}

func TestSetAndClear(t *testing.T) {
	var u UseCase
	for _, f := range Fields() {
		var v Value
		switch f.Kind {
		case KindEnum:
			v = Value{Field: f.Name, Text: f.Options[0]}
		case KindBool:
			v = Value{Field: f.Name, Bool: true}
		case KindInt, KindNumber:
			v = Value{Field: f.Name, Number: 7}
		default:
			v = Value{Field: f.Name, Text: "x"}
		}
		if err := u.Set(v); err != nil {
			t.Fatalf("Set(%+v): %v", v, err)
		}
		if !u.Known(f.Name) {
			t.Errorf("%s unknown after Set", f.Name)
		}
		u.Clear(f.Name)
		if u.Known(f.Name) {
			t.Errorf("%s known after Clear", f.Name)
		}
	}
	if err := u.Set(Value{Field: "nope"}); err == nil {
		t.Error("Set accepted an unknown field")
	}
}

// FuzzDecodeUseCase: no input panics, and whatever decodes is valid and
// survives a JSON round trip unchanged.
func FuzzDecodeUseCase(f *testing.F) {
	for _, sc := range scenarios {
		f.Add([]byte(sc.profile))
	}
	f.Add([]byte(`{"monthly_volume":1e400}`))
	f.Add([]byte(`{"task":"classify","task":"draft"}`))
	f.Add([]byte(`{"description":"\ud800"}`))
	f.Add([]byte(`null`))
	adv := New(DefaultAssumptions())
	f.Fuzz(func(t *testing.T, data []byte) {
		u, err := DecodeUseCase(data)
		if err != nil {
			if _, ok := err.(Problems); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if err := u.Validate(); err != nil {
			t.Fatalf("decoded profile is invalid: %v", err)
		}
		b, err := json.Marshal(u)
		if err != nil {
			t.Fatal(err)
		}
		u2, err := DecodeUseCase(b)
		if err != nil {
			t.Fatalf("re-decode %s: %v", b, err)
		}
		b2, _ := json.Marshal(u2)
		if string(b) != string(b2) {
			t.Fatalf("round trip changed %s to %s", b, b2)
		}
		if _, err := adv.Recommend(u); err != nil {
			t.Fatalf("Recommend: %v", err)
		}
	})
}
