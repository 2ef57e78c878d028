package extract

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
	"github.com/advisorbot/advisorbot/bot/llm/openai"
	"github.com/advisorbot/advisorbot/bot/llm/redact"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// client is the real go-openai client against the fake server, so the
// request goes over the real wire format, wrapped in redaction as wiring
// does (built-in detectors when r is nil).
func client(t *testing.T, srv *llmtest.Server, r *redact.Redactor) llm.Model {
	t.Helper()
	c, err := openai.New(quiet(), openai.Config{APIKey: "sk-test", BaseURL: srv.URL(), Model: "gpt-test", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return llm.NewRedacting(c, r)
}

const description = "We get about 2,000 support tickets a week; each takes an agent 6 minutes. Answers depend on our wiki, and policies change monthly."

func TestExtractWithModel(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Reply(`{"task":"answer","monthly_volume":8700,"knowledge":"private_changing","accuracy":"sort of","human_review":null,"description":"overwritten?","labeled_examples":-5}`))
	x := New(quiet(), client(t, srv, nil))
	got, err := x.Extract(context.Background(), description)
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != SourceModel {
		t.Fatalf("source = %s", got.Source)
	}
	p := got.Profile
	if p.Task != advisor.TaskAnswer || *p.MonthlyVolume != 8700 || p.Knowledge != advisor.KnowledgePrivateChanging {
		t.Errorf("model values not kept: %+v", p)
	}
	if p.Known(advisor.FieldAccuracy) || p.Known(advisor.FieldLabeledExamples) || p.Description != "" {
		t.Errorf("invalid or free-text values kept: %+v", p)
	}
	// The deterministic reader fills what the model left out.
	if p.MinutesPerTask == nil || *p.MinutesPerTask != 6 {
		t.Errorf("minutes_per_task not filled from the text: %+v", p.MinutesPerTask)
	}
	for _, f := range []string{advisor.FieldTask, advisor.FieldMonthlyVolume, advisor.FieldMinutesPerTask, advisor.FieldKnowledge} {
		if !slices.Contains(got.Inferred, f) {
			t.Errorf("%s not marked inferred: %v", f, got.Inferred)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	var rf struct {
		Type       string `json:"type"`
		JSONSchema struct {
			Name   string          `json:"name"`
			Schema json.RawMessage `json:"schema"`
		} `json:"json_schema"`
	}
	if err := json.Unmarshal(reqs[0].Chat.ResponseFormat, &rf); err != nil || rf.Type != "json_schema" || !strings.Contains(string(rf.JSONSchema.Schema), `"private_changing"`) {
		t.Errorf("structured output not requested: %s (%v)", reqs[0].Chat.ResponseFormat, err)
	}
	if !strings.Contains(reqs[0].Chat.Messages[1].Content, "<description>") {
		t.Error("description not fenced as data")
	}
}

func TestExtractFallsBack(t *testing.T) {
	for name, resp := range map[string]llmtest.Response{
		"not JSON":    llmtest.Reply("Sure! The task is answering questions."),
		"server down": llmtest.Status(503),
		"rejected":    llmtest.Status(401),
	} {
		t.Run(name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Enqueue(resp)
			got, err := New(quiet(), client(t, srv, nil)).Extract(context.Background(), description)
			if err != nil {
				t.Fatal(err)
			}
			want := parse.Description(description)
			if got.Source != SourceRules || !slices.Equal(got.Inferred, want.Inferred) {
				t.Errorf("got %s %v, want the deterministic reading %v", got.Source, got.Inferred, want.Inferred)
			}
		})
	}
}

func TestExtractWithoutModel(t *testing.T) {
	got, err := New(quiet(), nil).Extract(context.Background(), description)
	if err != nil || got.Source != SourceRules || len(got.Inferred) == 0 {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestExtractFencedJSON(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Reply("```json\n{\"task\":\"classify\"}\n```"))
	got, err := New(quiet(), client(t, srv, nil)).Extract(context.Background(), "Route tickets.")
	if err != nil || got.Source != SourceModel || got.Profile.Task != advisor.TaskClassify {
		t.Fatalf("got %+v, %v", got, err)
	}
}

// TestExtractRedactsBeforeCutting: a secret that straddles the length limit
// is redacted whole before the text is cut, so no part of it reaches the
// model; text within the limit goes out as it was, redacted.
func TestExtractRedactsBeforeCutting(t *testing.T) {
	const card = "4111 1111 1111 1111"
	filler := strings.Repeat("We route tickets by hand. ", maxInputRunes/26+1)
	tests := []struct {
		name   string
		text   string
		r      *redact.Redactor
		want   string   // in the description sent
		absent []string // nowhere in the request
	}{
		{name: "card across the limit", text: filler[:maxInputRunes-16] + " card " + card + " declined.",
			want: " card [CARD]", absent: []string{"4111", "1111 1111"}},
		{name: "e-mail across the limit", text: filler[:maxInputRunes-16] + " mail jane.doe@example.com please",
			want: " mail [EMAIL]", absent: []string{"jane.doe", "example.com"}},
		{name: "extra pattern", text: "Ask EMP-123456 about " + card + ".", r: redact.MustNew(`EMP-\d{6}`),
			want: "<description>\nAsk [REDACTED] about [CARD].\n</description>", absent: []string{"EMP-123456", "4111"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Enqueue(llmtest.Reply(`{"task":"route"}`))
			if _, err := New(quiet(), client(t, srv, tt.r)).Extract(t.Context(), tt.text); err != nil {
				t.Fatal(err)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests", len(reqs))
			}
			if sent := reqs[0].Chat.Messages[1].Content; !strings.Contains(sent, tt.want) {
				t.Errorf("description sent lacks %q: ...%s", tt.want, sent[max(0, len(sent)-200):])
			}
			for _, a := range tt.absent {
				if strings.Contains(string(reqs[0].Body), a) {
					t.Errorf("%q reached the model", a)
				}
			}
		})
	}
}

func TestSchemaCoversDecisionFields(t *testing.T) {
	var s struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Required   []string                   `json:"required"`
	}
	if err := json.Unmarshal(schema, &s); err != nil {
		t.Fatal(err)
	}
	for _, f := range advisor.Fields() {
		_, ok := s.Properties[f.Name]
		if ok == (f.Kind == advisor.KindText) {
			t.Errorf("%s: in schema %v, but text fields must be left out and all others in", f.Name, ok)
		}
	}
	if len(s.Required) != len(s.Properties) {
		t.Errorf("strict mode needs every property required: %d of %d", len(s.Required), len(s.Properties))
	}
}
