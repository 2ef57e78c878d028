package llmtest

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/advisorbot/advisorbot/bot/llm"
)

// Response scripts the answer to one request. The zero value answers 200
// with an empty text; the constructors below cover the usual cases and the
// fields can be combined (a slow, keep-alive-heavy stream that then stalls,
// say).
type Response struct {
	// Status is the HTTP status; 0 means 200. Below 300 the answer is sent
	// with that status; from 300 up the body is Error (or a typical OpenAI
	// error for the status) and the fields from Text on are ignored.
	Status int
	// Header is added to the response (Retry-After, x-ratelimit-*).
	Header http.Header
	// Error is the body of an error status, or of the event sent by
	// FaultErrorEvent.
	Error *APIError
	// Body, when set, is sent verbatim instead of a generated body.
	Body string

	// Text is the answer.
	Text string
	// Deltas is how many pieces a streamed Text is split into; 0 means one
	// per word (each piece keeps its trailing space).
	Deltas int
	// FinishReason is reported at the end; "" means "stop".
	FinishReason string
	// Usage is reported when the request asks for it (stream_options
	// include_usage) and always in plain responses; nil means a crude but
	// deterministic count: words in the request's messages and in Text.
	Usage *llm.Usage
	// KeepAlive is the number of ": keep-alive" comment lines sent before
	// each streamed event, as proxies and some servers do.
	KeepAlive int

	// Fault breaks the response after FaultAfter pieces of text.
	Fault Fault
	// FaultAfter is the number of text pieces sent before the fault (the
	// role chunk that opens every stream is sent regardless).
	FaultAfter int
}

// Fault is a way for a response to go wrong after the status line.
type Fault int

// Faults. For plain (non-streaming) requests, FaultStall holds the request
// without answering, FaultTruncated cuts the JSON body in half and
// FaultMalformed sends invalid JSON; FaultErrorEvent sends a 200 whose body
// is an error object.
const (
	FaultNone Fault = iota
	// FaultStall stops sending and holds the connection until the client
	// goes away (or the server closes).
	FaultStall
	// FaultTruncated ends the stream without a finish_reason and without
	// "data: [DONE]", as a dropped connection behind a proxy looks.
	FaultTruncated
	// FaultMalformed sends a data line whose JSON is cut off, then ends.
	FaultMalformed
	// FaultErrorEvent sends `data: {"error":{...}}` (from Error, or a
	// server_error), then ends.
	FaultErrorEvent
)

// APIError is OpenAI's error object: the body is {"error": APIError}.
type APIError struct {
	Message string `json:"message"`
	Type    string `json:"type"`
	Code    string `json:"code,omitempty"`
}

// Reply answers with text: JSON for plain requests, a stream of one delta
// per word for streaming ones.
func Reply(text string) Response { return Response{Text: text} }

// Status answers with an error status and the typical OpenAI error body
// for it.
func Status(code int) Response { return Response{Status: code} }

// StatusError answers with an error status and the given error body.
func StatusError(code int, typ, errCode, message string) Response {
	return Response{Status: code, Error: &APIError{Message: message, Type: typ, Code: errCode}}
}

// RateLimited answers 429 with the given Retry-After value (seconds or an
// HTTP date; "" for none).
func RateLimited(retryAfter string) Response {
	r := Response{Status: http.StatusTooManyRequests, Header: http.Header{}}
	if retryAfter != "" {
		r.Header.Set("Retry-After", retryAfter)
	}
	return r
}

// Stalled streams the first after words of text, then holds the
// connection silently until the client gives up.
func Stalled(text string, after int) Response {
	return Response{Text: text, Fault: FaultStall, FaultAfter: after}
}

// Truncated streams the first after words of text, then ends the body
// without a finish_reason or "data: [DONE]".
func Truncated(text string, after int) Response {
	return Response{Text: text, Fault: FaultTruncated, FaultAfter: after}
}

// Malformed streams the first after words of text, then a chunk of
// invalid JSON.
func Malformed(text string, after int) Response {
	return Response{Text: text, Fault: FaultMalformed, FaultAfter: after}
}

// ErrorEvent streams the first after words of text, then a mid-stream
// error event with message.
func ErrorEvent(text string, after int, message string) Response {
	return Response{
		Text: text, Fault: FaultErrorEvent, FaultAfter: after,
		Error: &APIError{Message: message, Type: "server_error"},
	}
}

// typicalError is roughly what OpenAI says for a status.
func typicalError(status int) *APIError {
	switch status {
	case http.StatusBadRequest:
		return &APIError{Message: "Invalid request.", Type: "invalid_request_error"}
	case http.StatusUnauthorized:
		return &APIError{Message: "Incorrect API key provided.", Type: "invalid_request_error", Code: "invalid_api_key"}
	case http.StatusNotFound:
		return &APIError{Message: "The model does not exist or you do not have access to it.", Type: "invalid_request_error", Code: "model_not_found"}
	case http.StatusTooManyRequests:
		return &APIError{Message: "Rate limit reached for requests. Please try again later.", Type: "requests", Code: "rate_limit_exceeded"}
	case http.StatusServiceUnavailable:
		return &APIError{Message: "The engine is currently overloaded, please try again later.", Type: "server_error"}
	}
	if status >= 500 {
		return &APIError{Message: "The server had an error while processing your request. Sorry about that!", Type: "server_error"}
	}
	return &APIError{Message: http.StatusText(status), Type: "invalid_request_error", Code: strconv.Itoa(status)}
}

// pieces splits text as the stream sends it; joined, they are text.
func pieces(text string, n int) []string {
	if text == "" {
		return nil
	}
	if n <= 0 {
		var out []string
		for _, p := range strings.SplitAfter(text, " ") {
			if p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	runes := []rune(text)
	n = min(n, len(runes))
	out := make([]string, 0, n)
	for i := range n {
		out = append(out, string(runes[i*len(runes)/n:(i+1)*len(runes)/n]))
	}
	return out
}

// usageFor is r.Usage or the deterministic word count.
func usageFor(r Response, req Request) llm.Usage {
	if r.Usage != nil {
		return *r.Usage
	}
	var u llm.Usage
	for _, m := range req.Chat.Messages {
		u.PromptTokens += len(strings.Fields(m.Content))
	}
	u.CompletionTokens = len(strings.Fields(r.Text))
	return u
}
