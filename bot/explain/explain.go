// Package explain turns a recommendation into plain words. With a language
// model it streams an explanation grounded in the knowledge base and checks
// it as it goes: an answer that names another approach than the rules, or
// cites a knowledge entry that does not exist, is replaced by the
// rule-written explanation. Without a model the rule-written explanation is
// the answer. Either way the rules' approach is the one the employee sees.
package explain

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/advisorbot/advisorbot/bot/logctx"
	"log/slog"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/knowledge"
)

// Input is what an explanation explains.
type Input struct {
	Profile advisor.UseCase
	Rec     advisor.Recommendation
}

// Source says where an explanation's text came from.
type Source string

// Sources.
const (
	SourceModel Source = "model"
	SourceCache Source = "cache"
	SourceRules Source = "rules"
)

// Explanation is a finished explanation.
type Explanation struct {
	Text   string
	Source Source
	// Replaced is set when text already streamed through onDelta was
	// rejected: the caller must discard it and show Text instead.
	Replaced bool
	// Fallback says why the rule-written text was used (Reason* constants);
	// empty when the model's answer was used.
	Fallback string
	Usage    llm.Usage
}

// Cache stores explanations by a key derived from the model and the prompt.
type Cache interface {
	Get(ctx context.Context, key string) (string, bool, error)
	Put(ctx context.Context, key, text string) error
}

// Config configures an Explainer. Model and Cache are optional.
type Config struct {
	// Model writes the explanation; nil means rule-written explanations
	// only. It should be wrapped in [llm.Redacting], which redacts every
	// prompt on its way out; the Explainer also applies that redaction to
	// the employee's own words before it fences them (see prompt).
	Model     llm.Streamer
	ModelName string // keys the cache; required with Model
	KB        *knowledge.Base
	Cache     Cache
	MaxTokens int           // 0: 700
	Timeout   time.Duration // whole explanation; 0: 60s
}

// Explainer writes explanations. It is safe for concurrent use.
type Explainer struct {
	cfg    Config
	lg     *slog.Logger
	redact func(string) string // the Model's redaction; nil without one
	// links are the knowledge base's source URLs, the only links a model's
	// text may keep (see links.go).
	links sources
}

// New returns an Explainer.
func New(lg *slog.Logger, cfg Config) *Explainer {
	if cfg.MaxTokens == 0 {
		cfg.MaxTokens = 700
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 60 * time.Second
	}
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	return &Explainer{cfg: cfg, lg: lg, redact: llm.RedactionOf(cfg.Model), links: sourceURLs(cfg.KB)}
}

// sourceURLs collects the knowledge base's source URLs.
func sourceURLs(kb *knowledge.Base) sources {
	out := sources{}
	if kb == nil {
		return out
	}
	for _, e := range kb.Entries() {
		for _, u := range e.Sources {
			out[u] = true
		}
	}
	return out
}

func (e *Explainer) known(id string) bool { return e.cfg.KB != nil && e.cfg.KB.Has(id) }

// Explain writes the explanation of in, streaming checked text to onDelta
// (which may be nil) a sentence at a time. It returns an error only when
// onDelta does or ctx ends; every model failure falls back to the
// rule-written explanation, which is then also sent to onDelta unless
// Replaced is set.
func (e *Explainer) Explain(ctx context.Context, in Input, onDelta func(string) error) (Explanation, error) {
	if onDelta == nil {
		onDelta = func(string) error { return nil }
	}
	if e.cfg.Model == nil {
		return e.fallback(ctx, in, ReasonNoModel, "", false, onDelta)
	}
	msgs, err := e.prompt(in)
	if err != nil {
		return e.fallback(ctx, in, ReasonPromptFailed, "template", false, onDelta)
	}
	key := cacheKey(e.cfg.ModelName, msgs)
	if text, ok := e.cached(ctx, key, in.Rec.Approach); ok {
		return Explanation{Text: text, Source: SourceCache}, onDelta(text)
	}

	// The explanation's own deadline is a model failure (fall back); the
	// caller's context ending is not (give up).
	sctx, cancel := context.WithTimeout(ctx, e.cfg.Timeout)
	defer cancel()
	g := newGate(in.Rec.Approach, e.known, e.links, onDelta)
	comp, err := e.cfg.Model.Stream(sctx, llm.Request{Messages: msgs, MaxTokens: e.cfg.MaxTokens}, g.write)
	if err == nil {
		err = g.close()
	}
	if err == nil && comp.FinishReason != "" && comp.FinishReason != "stop" {
		// Cut off by the token limit or a content filter: the last
		// sentence may be half a thought.
		err = fmt.Errorf("explain: finish reason %q", comp.FinishReason)
	}
	var v *violation
	switch {
	case errors.As(err, &v):
		return e.fallback(ctx, in, v.reason, v.detail, g.emitted, onDelta)
	case g.callerErr != nil:
		return Explanation{}, g.callerErr
	case ctx.Err() != nil:
		return Explanation{}, ctx.Err()
	case err != nil:
		return e.fallback(ctx, in, ReasonModelError, errorClass(err), g.emitted, onDelta)
	}
	text := g.text()
	if text == "" {
		return e.fallback(ctx, in, ReasonEmptyAnswer, "", g.emitted, onDelta)
	}
	if e.cfg.Cache != nil {
		if err := e.cfg.Cache.Put(ctx, key, text); err != nil {
			logctx.From(ctx, e.lg).Warn("explain: cache put failed", "err", err)
		}
	}
	return Explanation{Text: text, Source: SourceModel, Usage: comp.Usage}, nil
}

// cached returns a stored explanation, checked again in case the knowledge
// base changed since it was stored.
func (e *Explainer) cached(ctx context.Context, key string, chosen advisor.Approach) (string, bool) {
	if e.cfg.Cache == nil {
		return "", false
	}
	text, ok, err := e.cfg.Cache.Get(ctx, key)
	if err != nil {
		logctx.From(ctx, e.lg).Warn("explain: cache get failed", "err", err)
		return "", false
	}
	if !ok || checkText(text, chosen, e.known, e.links) != nil {
		return "", false
	}
	// Stored before links were stripped, or under another knowledge base:
	// strip again; it changes nothing in a text stored by this version.
	text = stripTextLinks(text, e.links)
	return text, true
}

// fallback returns the rule-written explanation and logs why it was used.
func (e *Explainer) fallback(ctx context.Context, in Input, reason, detail string, replaced bool, onDelta func(string) error) (Explanation, error) {
	if reason != ReasonNoModel {
		// The detail names approaches and ids, never the employee's text.
		logctx.From(ctx, e.lg).Warn("explain: model answer replaced by rule-written explanation",
			"reason", reason, "detail", detail, "approach", in.Rec.Approach, "model", e.cfg.ModelName)
	}
	text := RuleText(in)
	x := Explanation{Text: text, Source: SourceRules, Replaced: replaced, Fallback: reason}
	if replaced {
		return x, nil
	}
	return x, onDelta(text)
}

// errorClass names what went wrong with a model call without repeating the
// error's text, which can quote the server (and through it the prompt).
func errorClass(err error) string {
	switch {
	case errors.Is(err, llm.ErrStalled):
		return "stalled"
	case errors.Is(err, llm.ErrIncomplete):
		return "incomplete"
	case errors.Is(err, llm.ErrUnavailable):
		return "unavailable"
	case errors.Is(err, llm.ErrRejected):
		return "rejected"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	}
	return "other"
}

// cacheKey is a hash of the model name and the full prompt, so any change
// to the rules' output, the knowledge or the templates misses the cache.
func cacheKey(model string, msgs []llm.Message) string {
	h := sha256.New()
	h.Write([]byte(model))
	for _, m := range msgs {
		h.Write([]byte{0})
		h.Write([]byte(m.Role))
		h.Write([]byte{0})
		h.Write([]byte(m.Content))
	}
	return "explain/" + hex.EncodeToString(h.Sum(nil))
}
