// Package openai implements [llm.Model] on any OpenAI-compatible
// chat-completions endpoint: OpenAI, Azure OpenAI, Ollama, vLLM. It is the
// only package that imports github.com/sashabaranov/go-openai; everything
// else talks in package llm's types.
//
// On top of the SDK it adds what a chat bot needs: retries with backoff
// that honour Retry-After (only before a response is read: text already
// shown is never repeated), an idle watchdog on streams, detection of
// streams that end early, and errors mapped to llm's sentinels
// ([llm.ErrUnavailable], [llm.ErrRejected], [llm.ErrStalled],
// [llm.ErrIncomplete]).
//
// It sends messages as it is given them and reports usage only in the
// Completion it returns: redaction and per-call usage hooks are package
// llm's decorators ([llm.Redacting], [llm.Observed]), which wiring puts
// around a Client.
//
// Requests: a Temperature of 0 is not sent, so the server's default
// applies (go-openai drops a zero temperature; pass a small positive value
// for near-determinism). Reasoning models (o1, o3, o4, gpt-5, gpt-6) get
// max_completion_tokens and no temperature; others get max_tokens, which
// Ollama, vLLM and Azure understand. A JSONSchema becomes a strict
// json_schema response_format.
//
// Deadlines come only from the caller's context. The API key and message
// text are never logged; debug logs carry sizes, counts and response ids.
package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/advisorbot/advisorbot/bot/llm"
)

// Client is an [llm.Model] backed by one configured model or deployment.
// It is safe for concurrent use.
type Client struct {
	api       *goopenai.Client
	retry     *retryDoer
	lg        *slog.Logger
	model     string // sent as "model"
	name      string // Name: the model, or the Azure deployment
	reasoning bool   // see isReasoningModel
	idle      time.Duration
	apiKey    string // kept only to scrub it from server messages
}

var _ llm.Model = (*Client)(nil)

// emptyMessagesLimit replaces go-openai's 300: that many non-data lines
// (keep-alive comments) in a row fail a stream, which chatty proxies reach
// while a slow model thinks. The idle watchdog, not a line count, decides
// when a quiet stream is dead.
const emptyMessagesLimit = 100_000

// New builds a Client. It applies cfg's defaults and validates it; lg may
// be nil to discard logs.
func New(lg *slog.Logger, cfg Config) (*Client, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	var hc httpDoer = &http.Client{}
	if cfg.HTTPClient != nil {
		hc = cfg.HTTPClient
	}
	c := &Client{
		retry:     newRetryDoer(lg, hc, max(cfg.MaxRetries, 0)),
		lg:        lg,
		model:     cfg.Model,
		name:      cfg.Model,
		reasoning: isReasoningModel(cfg.Model),
		idle:      cfg.IdleTimeout,
		apiKey:    cfg.APIKey,
	}
	var oc goopenai.ClientConfig
	if cfg.APIType == APITypeAzure {
		oc = goopenai.DefaultAzureConfig(cfg.APIKey, cfg.BaseURL)
		oc.APIVersion = cfg.APIVersion
		// The SDK's default mapper derives a deployment from the model
		// name, which rarely matches what was deployed.
		deployment := cfg.Deployment
		oc.AzureModelMapperFunc = func(string) string { return deployment }
		c.name = deployment
	} else {
		// An empty key sends no Authorization header, as Ollama wants.
		oc = goopenai.DefaultConfig(cfg.APIKey)
		oc.BaseURL = cfg.BaseURL
	}
	oc.HTTPClient = c.retry
	oc.EmptyMessagesLimit = emptyMessagesLimit
	c.api = goopenai.NewClientWithConfig(oc)
	return c, nil
}

// Name is the configured model, or for Azure the deployment.
func (c *Client) Name() string { return c.name }

// Complete asks for a whole completion at once (used for structured
// output). Text is the message content, or the model's refusal when it
// sent one instead. A response without choices is an error wrapping
// [llm.ErrIncomplete]. Errors wrap [llm.ErrUnavailable] after the retries
// for 429, 5xx and connection failures, [llm.ErrRejected] for other 4xx,
// or the context's error.
func (c *Client) Complete(ctx context.Context, req llm.Request) (comp llm.Completion, err error) {
	start := time.Now()
	var id string
	defer func() { c.finish("complete", req, id, comp, start, err) }()

	creq, err := c.chatRequest(req)
	if err != nil {
		return comp, fmt.Errorf("openai: complete: %w", err)
	}
	resp, err := c.api.CreateChatCompletion(ctx, creq)
	if err != nil {
		return comp, fmt.Errorf("openai: complete: %w", c.classify(err))
	}
	id = resp.ID
	comp.Model = resp.Model
	comp.Usage = toUsage(&resp.Usage)
	if len(resp.Choices) == 0 {
		return comp, fmt.Errorf("openai: complete: %w: the response has no choices", llm.ErrIncomplete)
	}
	ch := resp.Choices[0]
	comp.Text = ch.Message.Content
	if comp.Text == "" {
		comp.Text = ch.Message.Refusal
	}
	comp.FinishReason = string(ch.FinishReason)
	return comp, nil
}

// chatRequest translates req as the package doc describes. Temperature 0
// needs no code: go-openai omits a zero temperature (omitempty) and cannot
// send one. Reasoning models reject max_tokens and a temperature, and
// go-openai refuses to send them, hence the switch.
func (c *Client) chatRequest(req llm.Request) (goopenai.ChatCompletionRequest, error) {
	msgs := make([]goopenai.ChatCompletionMessage, len(req.Messages))
	for i, m := range req.Messages {
		msgs[i] = goopenai.ChatCompletionMessage{Role: string(m.Role), Content: m.Content}
	}
	r := goopenai.ChatCompletionRequest{Model: c.model, Messages: msgs}
	if req.MaxTokens > 0 {
		if c.reasoning {
			r.MaxCompletionTokens = req.MaxTokens
		} else {
			//lint:ignore SA1019 max_tokens is what compatible servers know; reasoning models take the branch above.
			r.MaxTokens = req.MaxTokens
		}
	}
	if req.Temperature > 0 && !c.reasoning {
		r.Temperature = req.Temperature
	}
	if len(req.JSONSchema) > 0 {
		if !json.Valid(req.JSONSchema) {
			return r, errors.New("JSONSchema is not valid JSON")
		}
		name := req.JSONSchemaName
		if name == "" {
			name = "response"
		}
		r.ResponseFormat = &goopenai.ChatCompletionResponseFormat{
			Type: goopenai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &goopenai.ChatCompletionResponseFormatJSONSchema{
				Name:   name,
				Schema: json.RawMessage(req.JSONSchema),
				Strict: true,
			},
		}
	}
	return r, nil
}

// isReasoningModel matches the model names go-openai's request validator
// treats as reasoning models; sending them max_tokens or a temperature
// would fail before the request leaves.
func isReasoningModel(model string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(model, p) {
			return true
		}
	}
	return false
}

func toUsage(u *goopenai.Usage) llm.Usage {
	if u == nil {
		return llm.Usage{}
	}
	return llm.Usage{PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens}
}

// finish reports a call to the debug log; the response id is there to
// match a call with the provider's records.
func (c *Client) finish(op string, req llm.Request, id string, comp llm.Completion, start time.Time, err error) {
	d := time.Since(start)
	promptChars := 0
	for _, m := range req.Messages {
		promptChars += len(m.Content)
	}
	c.lg.Debug("openai: call", "op", op, "model", c.name, "id", id,
		"messages", len(req.Messages), "prompt_bytes", promptChars, "answer_bytes", len(comp.Text),
		"finish_reason", comp.FinishReason, "prompt_tokens", comp.Usage.PromptTokens,
		"completion_tokens", comp.Usage.CompletionTokens, "duration", d, "outcome", outcome(err))
}

// outcome names an error's kind for logs without its text, which may
// quote the server.
func outcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, llm.ErrStalled):
		return "stalled"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline"
	case errors.Is(err, llm.ErrUnavailable):
		return "unavailable"
	case errors.Is(err, llm.ErrRejected):
		return "rejected"
	case errors.Is(err, llm.ErrIncomplete):
		return "incomplete"
	}
	return "error"
}
