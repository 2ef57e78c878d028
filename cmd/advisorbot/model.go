package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/openai"
	"github.com/advisorbot/advisorbot/bot/llm/redact"
	"github.com/advisorbot/advisorbot/knowledge"
)

// language is the optional model and what sits around it: the redactor
// every outgoing text passes through, the knowledge base, and the
// explainer and extractor built on them. Without OPENAI_* settings there is
// no model and both fall back to their rule-written forms.
type language struct {
	model     llm.Model // wrapped as wrapModel says; nil: rules only
	redactor  *redact.Redactor
	kb        *knowledge.Base
	explainer *explain.Explainer
	extractor *extract.Extractor
}

// newLanguage reads the model settings from the environment. A setting
// that is wrong stops the program with a message that says how to fix it;
// no settings at all means rules-only.
func newLanguage(lg *slog.Logger, getenv func(string) string) (*language, error) {
	return newLanguageWithCache(lg, getenv, explain.NewMemCache(cacheTTL, cacheEntries), nil)
}

// modelCallHook hears every model call (the server's metrics).
type modelCallHook func(u llm.Usage, d time.Duration, err error)

// newLanguageWithCache is newLanguage with the explanation cache given (the
// chat keeps it in the store) and, when non-nil, a hook for every call.
func newLanguageWithCache(lg *slog.Logger, getenv func(string) string, cache explain.Cache, onCall modelCallHook) (*language, error) {
	r, err := redact.New(redactPatterns(getenv("REDACT_PATTERNS"))...)
	if err != nil {
		return nil, fmt.Errorf("REDACT_PATTERNS: %w", err)
	}
	kb, err := knowledge.Load()
	if err != nil {
		return nil, fmt.Errorf("knowledge base: %w", err)
	}
	l := &language{redactor: r, kb: kb}
	cfg, configured, err := openai.ConfigFromEnv(getenv)
	if err != nil {
		return nil, err
	}
	lim, err := modelLimits(getenv)
	if err != nil {
		return nil, bot.SettingsError(err)
	}
	name := ""
	if configured {
		c, err := openai.New(lg, cfg)
		if err != nil {
			return nil, err
		}
		l.model, name = wrapModel(lg, c, r, lim, onCall), c.Name()
	}
	var streamer llm.Streamer
	var completer llm.Completer
	if l.model != nil {
		streamer, completer = l.model, l.model
	}
	// Both take the redaction from the model itself (llm.RedactionOf).
	l.explainer = explain.New(lg, explain.Config{
		Model: streamer, ModelName: name, KB: kb,
		Cache: cache,
	})
	l.extractor = extract.New(lg, completer)
	return l, nil
}

// wrapModel puts the decorators around the client: client, then Observed,
// then Bounded, then Redacting outermost.
//
// Redacting is outermost so that every call, whatever else is ever added
// inside it, carries only redacted text from there on; it is not optional
// here, and leaving it out is the only way to turn redaction off. Observed
// sits right on the client so that it times and counts the provider call
// alone, as the metrics mean it, and not the redaction in front of it nor
// the wait for a slot. Bounded is between them: a call refused for want
// of a slot never reaches the provider, so it is not a provider call.
func wrapModel(lg *slog.Logger, c llm.Model, r *redact.Redactor, lim llm.Limits, onCall modelCallHook) llm.Model {
	name := c.Name()
	observed := llm.NewObserved(c, func(u llm.Usage, d time.Duration, err error) {
		// Token usage of every call, failures included; never the text.
		lg.Info("llm call", "model", name, "prompt_tokens", u.PromptTokens,
			"completion_tokens", u.CompletionTokens, "duration_ms", d.Milliseconds(), "ok", err == nil)
		if onCall != nil {
			onCall(u, d, err)
		}
	})
	return llm.NewRedacting(llm.NewBounded(lg, observed, lim), r)
}

// Bounds of MODEL_CONCURRENCY and MODEL_TIMEOUT. Beyond ten minutes a
// person has long given up (the explainer stops at one minute anyway).
const (
	maxModelConcurrency = 256
	minModelTimeout     = time.Second
	maxModelTimeout     = 10 * time.Minute
)

// modelLimits reads MODEL_CONCURRENCY (model calls at once, default 8) and
// MODEL_TIMEOUT (the longest one call may take, a whole stream included,
// default 30s).
func modelLimits(getenv func(string) string) (llm.Limits, error) {
	lim := llm.Limits{Concurrent: llm.DefaultConcurrent, Timeout: llm.DefaultTimeout, Wait: llm.DefaultWait}
	var errs []error
	if v := strings.TrimSpace(getenv("MODEL_CONCURRENCY")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxModelConcurrency {
			errs = append(errs, fmt.Errorf("MODEL_CONCURRENCY=%q: give a whole number of model calls at once, from 1 to %d (default %d)",
				v, maxModelConcurrency, llm.DefaultConcurrent))
		}
		lim.Concurrent = n
	}
	if v := strings.TrimSpace(getenv("MODEL_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < minModelTimeout || d > maxModelTimeout {
			errs = append(errs, fmt.Errorf("MODEL_TIMEOUT=%q: give a duration from %v to %v, such as 30s (default %v)",
				v, minModelTimeout, maxModelTimeout, llm.DefaultTimeout))
		}
		lim.Timeout = d
	}
	if err := errors.Join(errs...); err != nil {
		return llm.Limits{}, err
	}
	return lim, nil
}

// The in-memory explanation cache of a command-line run; the bot's is
// persistent.
const (
	cacheTTL     = 24 * time.Hour
	cacheEntries = 1000
)

// redactPatterns splits REDACT_PATTERNS: extra regular expressions,
// separated by newlines or by ";;" (a sequence no sensible pattern needs).
func redactPatterns(v string) []string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(v, ";;", "\n"), "\n") {
		if p := strings.TrimSpace(line); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cliLogger writes warnings and errors for a person at a terminal; the bot
// configures JSON logs.
func cliLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
