// Package llm defines how advisorbot talks to a language model: two small
// interfaces that take a context first, the request and result types they
// share, the errors callers may test for, and a behavioural [Fake].
//
// Three decorators wrap any [Model] and are where cross-cutting concerns
// live, so that no client and no caller repeats them:
//
//   - [Redacting] redacts every outgoing message with a redact.Redactor.
//     It is the single redaction step between advisorbot and a provider.
//   - [Bounded] runs calls in a pool of their own, a few at once, each
//     with a deadline, so a hung model cannot stall work that needs none.
//   - [Observed] reports each call's token usage, duration and error to a
//     hook (metrics, the "llm call" log line).
//
// Beside this package: openai is the go-openai client and the only importer
// of the SDK (it neither redacts nor reports usage); llmtest is a fake
// OpenAI server for tests; redact is the redactor.
//
// A model here only explains and extracts. The advisor's rules decide the
// approach; nothing a model returns may change it.
package llm

import (
	"context"
	"errors"
)

// Role is the author of a message.
type Role string

// Roles.
const (
	RoleSystem    Role = "system"
	RoleUser      Role = "user"
	RoleAssistant Role = "assistant"
)

// Message is one turn of a chat.
type Message struct {
	Role    Role
	Content string
}

// Request is one chat completion.
type Request struct {
	Messages  []Message
	MaxTokens int // 0: the server's default
	// Temperature 0 means the server's default: go-openai tags the field
	// omitempty, so an explicit 0 is never sent (sashabaranov/go-openai
	// issues #9 and #413).
	Temperature float32
	// JSONSchema, when set, asks for structured output matching the schema
	// (a JSON Schema object). Servers that ignore it still get the
	// instruction in the prompt; callers validate what comes back.
	JSONSchema     []byte
	JSONSchemaName string
}

// Usage is the token count of one call.
type Usage struct {
	PromptTokens     int
	CompletionTokens int
}

// Total is prompt plus completion tokens.
func (u Usage) Total() int { return u.PromptTokens + u.CompletionTokens }

// Completion is a finished answer.
type Completion struct {
	Text         string
	Model        string // the model that answered, as the server reports it
	FinishReason string // "stop", "length", "content_filter", ...
	Usage        Usage
}

// Streamer streams a completion. It calls onDelta with each piece of text in
// order; if onDelta returns an error the stream stops and Stream returns that
// error. A stream that ends without a finish reason, stalls past the
// implementation's idle limit, or is cut off returns an error wrapping
// [ErrIncomplete] or [ErrStalled]; the text delivered so far is in the
// returned Completion.
type Streamer interface {
	Stream(ctx context.Context, req Request, onDelta func(delta string) error) (Completion, error)
}

// Completer returns a whole completion at once; used for structured output.
type Completer interface {
	Complete(ctx context.Context, req Request) (Completion, error)
}

// Model is what an OpenAI-compatible client offers.
type Model interface {
	Streamer
	Completer
	// Name is the configured model (or Azure deployment) name; it keys caches.
	Name() string
}

// Errors callers can test with errors.Is.
var (
	ErrIncomplete  = errors.New("llm: stream ended before the model finished")
	ErrStalled     = errors.New("llm: stream stalled")
	ErrUnavailable = errors.New("llm: model unavailable") // after retries: 429, 5xx, connection errors
	ErrRejected    = errors.New("llm: request rejected")  // 4xx other than 429: fix the configuration
)
