// Package extract fills profile fields from an employee's own description of
// the work. With a language model it asks for structured JSON and validates
// every value with the advisor's own decoder; without one, or when the model
// fails, it uses the advisor's deterministic extractor. Either way the
// values are marked inferred, so the question planner confirms the ones that
// matter.
//
// The model should come wrapped in llm.Redacting, which redacts every
// request on its way out. The Extractor applies that same redaction to the
// description before cutting it to length, so that the cut cannot split a
// secret into a remainder no detector recognises.
package extract

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/advisorbot/advisorbot/bot/logctx"
	"log/slog"
	"strings"
	"text/template"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
	"github.com/advisorbot/advisorbot/bot/llm"
)

//go:embed prompts/extract.tmpl
var promptFS embed.FS

var promptTmpl = template.Must(template.New("extract.tmpl").Funcs(template.FuncMap{
	"join": strings.Join,
}).ParseFS(promptFS, "prompts/extract.tmpl"))

// maxInputRunes bounds the text sent to a model: a description is at most
// 4,000 characters, and anything longer is not a description.
const maxInputRunes = 6000

// Source says who read the fields.
type Source string

// Sources.
const (
	SourceModel Source = "model"
	SourceRules Source = "rules"
)

// Result is an extraction and where it came from.
type Result struct {
	parse.Extraction
	Source Source
	Usage  llm.Usage
}

// Extractor reads profile fields from text. It is safe for concurrent use.
type Extractor struct {
	model  llm.Completer       // nil: deterministic only
	redact func(string) string // applied before the cut; nil: none
	lg     *slog.Logger
}

// Timeout bounds one model call: a description is read in seconds, and a
// server that never answers must not hold a conversation.
const Timeout = 30 * time.Second

// New returns an Extractor. model may be nil. The description is redacted
// with model's own redaction ([llm.RedactionOf]; wrap the model in
// llm.Redacting to have one) before it is cut to length.
func New(lg *slog.Logger, model llm.Completer) *Extractor {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	return &Extractor{model: model, redact: llm.RedactionOf(model), lg: lg}
}

// Extract reads the fields it can from text. It fails only when ctx ends;
// a model that errs or answers nonsense is logged and replaced by the
// deterministic reading. Values the model gives that the advisor's
// validation rejects are dropped one by one; the rest are kept. Fields the
// model left empty but the deterministic reader found are added.
func (x *Extractor) Extract(ctx context.Context, text string) (Result, error) {
	rules := parse.Description(text)
	if x.model == nil || strings.TrimSpace(text) == "" {
		return Result{Extraction: rules, Source: SourceRules}, nil
	}
	actx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	prof, usage, err := x.ask(actx, text)
	if err != nil {
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		// The error class only: its text can quote the server.
		logctx.From(ctx, x.lg).Warn("extract: model failed; using the deterministic reading", "timeout", errors.Is(err, context.DeadlineExceeded),
			"unavailable", errors.Is(err, llm.ErrUnavailable), "rejected", errors.Is(err, llm.ErrRejected))
		return Result{Extraction: rules, Source: SourceRules}, nil
	}
	out := parse.Extraction{Profile: prof, Evidence: map[string]string{}}
	for _, v := range rules.Profile.Values() {
		if !out.Profile.Known(v.Field) {
			_ = out.Profile.Set(v) // valid: it came from a valid profile
			out.Evidence[v.Field] = rules.Evidence[v.Field]
		}
	}
	for _, f := range advisor.Fields() {
		if f.Kind != advisor.KindText && out.Profile.Known(f.Name) {
			out.Inferred = append(out.Inferred, f.Name)
		}
	}
	return Result{Extraction: out, Source: SourceModel, Usage: usage}, nil
}

// ask sends the text to the model with the profile's JSON schema and
// decodes what comes back with the advisor's strict decoder. The text is
// redacted before it is cut: cut first, half a card number or key at the
// end would fail its detector and go out as it is.
func (x *Extractor) ask(ctx context.Context, text string) (advisor.UseCase, llm.Usage, error) {
	var sys bytes.Buffer
	if err := promptTmpl.Execute(&sys, decisionFields()); err != nil {
		return advisor.UseCase{}, llm.Usage{}, fmt.Errorf("extract: render prompt: %w", err)
	}
	if x.redact != nil {
		text = x.redact(text)
	}
	if r := []rune(text); len(r) > maxInputRunes {
		text = string(r[:maxInputRunes])
	}
	comp, err := x.model.Complete(ctx, llm.Request{
		Messages: []llm.Message{
			{Role: llm.RoleSystem, Content: sys.String()},
			{Role: llm.RoleUser, Content: "<description>\n" + text + "\n</description>"},
		},
		MaxTokens:      400,
		JSONSchema:     schema,
		JSONSchemaName: "use_case_profile",
	})
	if err != nil {
		return advisor.UseCase{}, comp.Usage, fmt.Errorf("extract: complete: %w", err)
	}
	body := strings.TrimSpace(comp.Text)
	// Servers that ignore structured output often wrap JSON in a fence.
	body = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(body, "```json"), "```"), "```")
	var fields map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &fields); err != nil {
		return advisor.UseCase{}, comp.Usage, fmt.Errorf("extract: answer is not a JSON object: %w", err)
	}
	for k := range fields {
		if f, ok := advisor.LookupField(k); !ok || f.Kind == advisor.KindText {
			delete(fields, k) // the employee's words are never the model's to write
		}
	}
	clean, _ := json.Marshal(fields)
	u, err := advisor.DecodeUseCase(clean)
	if err != nil {
		// The decoder keeps the valid fields and reports the rest.
		logctx.From(ctx, x.lg).Info("extract: dropped invalid values from the model", "problems", len(advisor.ProblemsOf(err)))
	}
	return u, comp.Usage, nil
}

// decisionFields are the fields a model may fill: all but the free text.
func decisionFields() []advisor.Field {
	var out []advisor.Field
	for _, f := range advisor.Fields() {
		if f.Kind != advisor.KindText {
			out = append(out, f)
		}
	}
	return out
}
