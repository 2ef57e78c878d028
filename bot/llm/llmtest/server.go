// Package llmtest is a fake OpenAI chat-completions server for tests. It
// speaks the real wire format (JSON for plain requests, server-sent events
// for "stream": true), so the code under test runs its real HTTP client and
// SDK against it, never the network.
//
// Each request takes the next [Response] from a queue the test fills with
// [Server.Enqueue]; when the queue is empty a default [Handler] answers
// ([Echo] unless [WithHandler] says otherwise). Responses can be plain
// answers or the failures a real deployment produces: error statuses with
// OpenAI error bodies, rate limits with Retry-After, streams that stall, end
// early, carry malformed JSON or a mid-stream error event.
//
// Every request is recorded with its headers and raw body ([Server.Requests]),
// so tests can check authentication headers and assert that text meant to be
// redacted never reached the server.
//
// Usage:
//
//	srv := llmtest.New(t)
//	srv.Enqueue(llmtest.RateLimited("1"), llmtest.Reply("Use RAG."))
//	// point the client at srv.URL() (OpenAI style) or srv.AzureURL()
//	// ...
//	got := srv.Requests()
package llmtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	t       testing.TB
	srv     *httptest.Server
	apiKey  string
	model   string
	handler Handler
	ids     atomic.Int64 // numbers response ids

	// done is closed by Close so that handlers holding a connection open
	// (stalls) return; httptest.Server.Close waits for active handlers.
	done      chan struct{}
	closeOnce sync.Once

	mu       sync.Mutex
	queue    []Response
	requests []Request
}

// Handler answers a request when the queue is empty.
type Handler func(Request) Response

// Option configures a [Server].
type Option func(*Server)

// WithHandler sets the answer for requests that find the queue empty.
// The default is [Echo].
func WithHandler(h Handler) Option {
	return func(s *Server) { s.handler = h }
}

// WithAPIKey makes the server check credentials as OpenAI and Azure do:
// requests without "Authorization: Bearer key" (OpenAI paths) or
// "api-key: key" (Azure paths) get a 401 and do not consume the queue.
// Without this option any credentials, or none (as with Ollama), are
// accepted.
func WithAPIKey(key string) Option {
	return func(s *Server) { s.apiKey = key }
}

// WithModel sets the model name reported in responses. By default the
// server reports the model the request named (or the Azure deployment).
func WithModel(name string) Option {
	return func(s *Server) { s.model = name }
}

// Request is one recorded HTTP request.
type Request struct {
	Method string
	Path   string // e.g. /v1/chat/completions
	Query  url.Values
	Header http.Header
	Body   []byte // exactly as received

	// Deployment is the Azure deployment named in the path, or "".
	Deployment string
	// Chat is Body decoded as a chat-completions request; it is the zero
	// value when Body is not one.
	Chat ChatRequest
}

// ChatRequest is the part of a chat-completions request body that tests
// usually check. Pointer fields are nil when the field was absent, so a
// test can tell "not sent" from zero.
type ChatRequest struct {
	Model               string          `json:"model"`
	Messages            []Message       `json:"messages"`
	Stream              bool            `json:"stream"`
	StreamOptions       *StreamOptions  `json:"stream_options"`
	Temperature         *float64        `json:"temperature"`
	MaxTokens           *int            `json:"max_tokens"`
	MaxCompletionTokens *int            `json:"max_completion_tokens"`
	ResponseFormat      json.RawMessage `json:"response_format"`
}

// Message is one chat message of a request.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// StreamOptions is the stream_options object of a request.
type StreamOptions struct {
	IncludeUsage bool `json:"include_usage"`
}

// New starts a fake server; it is closed when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{t: t, handler: Echo, done: make(chan struct{})}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// URL is the OpenAI-style base URL, including /v1, as OPENAI_BASE_URL
// would be set for OpenAI, Ollama or vLLM.
func (s *Server) URL() string { return s.srv.URL + "/v1" }

// AzureURL is the Azure-style resource endpoint
// (https://<resource>.openai.azure.com/ in production); clients add
// /openai/deployments/{deployment}/chat/completions?api-version=....
func (s *Server) AzureURL() string { return s.srv.URL + "/" }

// Enqueue appends responses; each request takes the next one in order.
func (s *Server) Enqueue(rs ...Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, rs...)
}

// Pending is the number of enqueued responses not yet used.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// Requests returns a copy of every request received so far, in order of
// arrival, including those the server rejected.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Close releases connections held open by stalled responses and shuts the
// server down. It is registered with t.Cleanup; calling it earlier is fine.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.srv.Close()
	})
}

// Echo answers with the content of the last user message.
func Echo(r Request) Response {
	for i := len(r.Chat.Messages) - 1; i >= 0; i-- {
		if m := r.Chat.Messages[i]; m.Role == "user" {
			return Reply(m.Content)
		}
	}
	return Reply("")
}

// Canned answers every request with the same text.
func Canned(text string) Handler {
	return func(Request) Response { return Reply(text) }
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		// The client went away while sending; nothing to answer.
		return
	}
	req := Request{
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
		Body:   body,
	}
	azure := false
	switch {
	case req.Path == "/v1/chat/completions":
	case strings.HasPrefix(req.Path, "/openai/deployments/") && strings.HasSuffix(req.Path, "/chat/completions"):
		azure = true
		req.Deployment = strings.TrimSuffix(strings.TrimPrefix(req.Path, "/openai/deployments/"), "/chat/completions")
	default:
		s.record(req)
		writeError(w, http.StatusNotFound, &APIError{Message: "Unknown request URL: " + r.Method + " " + req.Path, Type: "invalid_request_error", Code: "unknown_url"})
		return
	}
	chatErr := json.Unmarshal(body, &req.Chat)
	s.record(req)

	switch {
	case r.Method != http.MethodPost:
		writeError(w, http.StatusMethodNotAllowed, &APIError{Message: "Method not allowed; use POST", Type: "invalid_request_error"})
	case azure && req.Query.Get("api-version") == "":
		// What Azure says when api-version is missing.
		writeError(w, http.StatusNotFound, &APIError{Message: "Resource not found", Code: "404"})
	case s.apiKey != "" && !s.authorized(r, azure):
		// Repeats the key it was given, more carelessly than OpenAI (which
		// masks it), so tests can check that clients never pass it on.
		writeError(w, http.StatusUnauthorized, &APIError{
			Message: "Incorrect API key provided: " + presentedKey(r, azure),
			Type:    "invalid_request_error",
			Code:    "invalid_api_key",
		})
	case chatErr != nil:
		writeError(w, http.StatusBadRequest, &APIError{Message: "We could not parse the JSON body of your request.", Type: "invalid_request_error"})
	case len(req.Chat.Messages) == 0:
		writeError(w, http.StatusBadRequest, &APIError{Message: "'messages' must contain at least one message.", Type: "invalid_request_error", Code: "empty_array"})
	default:
		s.respond(w, r, req, azure, s.next(req))
	}
}

func (s *Server) record(req Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
}

// next pops the queue or asks the default handler.
func (s *Server) next(req Request) Response {
	s.mu.Lock()
	if len(s.queue) > 0 {
		resp := s.queue[0]
		s.queue = s.queue[1:]
		s.mu.Unlock()
		return resp
	}
	s.mu.Unlock()
	return s.handler(req)
}

func (s *Server) authorized(r *http.Request, azure bool) bool {
	if azure {
		return r.Header.Get("api-key") == s.apiKey
	}
	return r.Header.Get("Authorization") == "Bearer "+s.apiKey
}

func presentedKey(r *http.Request, azure bool) string {
	if azure {
		return r.Header.Get("api-key")
	}
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}
