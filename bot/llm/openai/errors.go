package openai

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/advisorbot/advisorbot/bot/llm"
)

// maxServerMessage bounds how much of a server's error text is kept: a
// proxy may answer with a whole HTML page.
const maxServerMessage = 300

// classify maps an error from opening a call to llm's sentinels:
// 429 and 5xx (after the retries) wrap [llm.ErrUnavailable], other 4xx
// [llm.ErrRejected] with the server's message. Context errors and errors
// the retry layer already classified pass through. The SDK's error types
// are not wrapped, so callers cannot come to depend on them.
func (c *Client) classify(err error) error {
	var reqErr *goopenai.RequestError
	var apiErr *goopenai.APIError
	switch {
	case errors.Is(err, llm.ErrUnavailable),
		errors.Is(err, context.Canceled),
		errors.Is(err, context.DeadlineExceeded):
		return err
	// RequestError (a non-JSON error body) first: it may wrap an APIError
	// that carries no status.
	case errors.As(err, &reqErr):
		return c.statusError(reqErr.HTTPStatusCode, string(reqErr.Body))
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode != 0:
		return c.statusError(apiErr.HTTPStatusCode, apiErr.Message)
	case errors.Is(err, goopenai.ErrChatCompletionInvalidModel),
		errors.Is(err, goopenai.ErrReasoningModelMaxTokensDeprecated),
		errors.Is(err, goopenai.ErrReasoningModelLimitationsOther),
		errors.Is(err, goopenai.ErrReasoningSamplingUnsupported):
		// The SDK refused the request before sending it: a configuration
		// problem, like a 400 from the server.
		return fmt.Errorf("%w: %v", llm.ErrRejected, err)
	}
	return err
}

func (c *Client) statusError(status int, message string) error {
	kind := llm.ErrRejected
	if retryableStatus(status) {
		kind = llm.ErrUnavailable
	}
	return fmt.Errorf("%w: HTTP %d: %s", kind, status, c.serverText(message))
}

// streamError explains why a stream that had opened failed. Only a stall
// wraps [llm.ErrStalled]; everything else that cut the answer short wraps
// [llm.ErrIncomplete], the caller's cancellation also its context error.
func (c *Client) streamError(ctx, streamCtx context.Context, err error) error {
	var apiErr *goopenai.APIError
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(context.Cause(streamCtx), errIdle):
		return fmt.Errorf("openai: stream: %w: no data for %v", llm.ErrStalled, c.idle)
	case ctx.Err() != nil:
		return fmt.Errorf("openai: stream: %w: %w", llm.ErrIncomplete, ctx.Err())
	case errors.As(err, &apiErr):
		return fmt.Errorf("openai: stream: %w: the server sent an error: %s", llm.ErrIncomplete, c.serverText(apiErr.Message))
	case errors.As(err, &syntaxErr), errors.As(err, &typeErr):
		return fmt.Errorf("openai: stream: %w: malformed chunk: %v", llm.ErrIncomplete, err)
	}
	return fmt.Errorf("openai: stream: %w: %s", llm.ErrIncomplete, c.serverText(err.Error()))
}

// serverText makes a server's message safe to return: never the API key
// (some servers and proxies echo it), never unbounded.
func (c *Client) serverText(s string) string {
	if c.apiKey != "" {
		s = strings.ReplaceAll(s, c.apiKey, "[redacted key]")
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxServerMessage {
		s = s[:maxServerMessage] + "…"
	}
	return s
}
