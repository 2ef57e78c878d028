package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/advisorbot/advisorbot/bot/llm"
)

// created is the fixed "created" timestamp of every response, so recorded
// output is reproducible.
const created = 1700000000

// The wire shapes below follow the chat-completions API as OpenAI, Azure,
// Ollama and vLLM send it: a JSON body, or with "stream" set a
// text/event-stream of "data: {chunk}" lines ending in "data: [DONE]", the
// form go-openai's stream reader expects.

type completionJSON struct {
	ID      string       `json:"id"`
	Object  string       `json:"object"`
	Created int64        `json:"created"`
	Model   string       `json:"model"`
	Choices []choiceJSON `json:"choices"`
	Usage   usageJSON    `json:"usage"`
}

type choiceJSON struct {
	Index        int         `json:"index"`
	Message      messageJSON `json:"message"`
	FinishReason string      `json:"finish_reason"`
}

type messageJSON struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type chunkJSON struct {
	ID                  string            `json:"id"`
	Object              string            `json:"object"`
	Created             int64             `json:"created"`
	Model               string            `json:"model"`
	Choices             []chunkChoiceJSON `json:"choices"`
	PromptFilterResults []map[string]any  `json:"prompt_filter_results,omitempty"`
	Usage               *usageJSON        `json:"usage,omitempty"`
}

type chunkChoiceJSON struct {
	Index        int       `json:"index"`
	Delta        deltaJSON `json:"delta"`
	FinishReason *string   `json:"finish_reason"` // null until the last chunk
}

type deltaJSON struct {
	Role    string `json:"role,omitempty"`
	Content string `json:"content,omitempty"`
}

type usageJSON struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

func toUsageJSON(u llm.Usage) usageJSON {
	return usageJSON{PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens, TotalTokens: u.Total()}
}

// errorJSON is OpenAI's error body; code and param are null when unknown.
func errorJSON(e *APIError) []byte {
	var code any
	if e.Code != "" {
		code = e.Code
	}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{
		"message": e.Message, "type": e.Type, "param": nil, "code": code,
	}})
	return b
}

func writeError(w http.ResponseWriter, status int, e *APIError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(errorJSON(e))
}

// respond writes resp as the answer to req.
func (s *Server) respond(w http.ResponseWriter, r *http.Request, req Request, azure bool, resp Response) {
	for k, vs := range resp.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	status := resp.Status
	if status == 0 {
		status = http.StatusOK
	}
	if status >= 300 {
		if resp.Body != "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			io.WriteString(w, resp.Body)
			return
		}
		e := resp.Error
		if e == nil {
			e = typicalError(status)
		}
		writeError(w, status, e)
		return
	}

	model := s.model
	if model == "" {
		model = req.Chat.Model
	}
	if model == "" {
		model = req.Deployment
	}
	id := fmt.Sprintf("chatcmpl-llmtest-%d", s.ids.Add(1))
	if req.Chat.Stream {
		s.stream(w, r, req, azure, resp, status, id, model)
		return
	}
	s.complete(w, r, req, resp, status, id, model)
}

// complete writes a plain JSON answer.
func (s *Server) complete(w http.ResponseWriter, r *http.Request, req Request, resp Response, status int, id, model string) {
	if resp.Fault == FaultStall {
		s.hold(r)
		return
	}
	body := []byte(resp.Body)
	if resp.Body == "" {
		body, _ = json.Marshal(completionJSON{
			ID: id, Object: "chat.completion", Created: created, Model: model,
			Choices: []choiceJSON{{
				Message:      messageJSON{Role: "assistant", Content: resp.Text},
				FinishReason: finishReason(resp),
			}},
			Usage: toUsageJSON(usageFor(resp, req)),
		})
	}
	switch resp.Fault {
	case FaultTruncated:
		body = body[:len(body)/2]
	case FaultMalformed:
		body = []byte(`{"id":"` + id + `","choices":[{"message":`)
	case FaultErrorEvent:
		body = errorJSON(eventError(resp))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// stream writes a server-sent-events answer, one flushed event per chunk.
func (s *Server) stream(w http.ResponseWriter, r *http.Request, req Request, azure bool, resp Response, status int, id, model string) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	flusher, _ := w.(http.Flusher)
	write := func(line string) {
		for range resp.KeepAlive {
			io.WriteString(w, ": keep-alive\n\n")
		}
		io.WriteString(w, line)
		if flusher != nil {
			flusher.Flush()
		}
	}
	send := func(c chunkJSON) {
		c.ID, c.Object, c.Created, c.Model = id, "chat.completion.chunk", created, model
		b, _ := json.Marshal(c)
		write("data: " + string(b) + "\n\n")
	}
	delta := func(d deltaJSON, finish *string) chunkJSON {
		return chunkJSON{Choices: []chunkChoiceJSON{{Delta: d, FinishReason: finish}}}
	}

	if resp.Body != "" {
		write(resp.Body)
		return
	}
	if azure {
		// Azure opens with a chunk that has no choices, only the prompt's
		// content-filter results; clients must not index Choices[0].
		send(chunkJSON{
			Choices:             []chunkChoiceJSON{},
			PromptFilterResults: []map[string]any{{"prompt_index": 0, "content_filter_results": map[string]any{}}},
		})
	}
	send(delta(deltaJSON{Role: "assistant"}, nil))
	ps := pieces(resp.Text, resp.Deltas)
	for i, p := range ps {
		if resp.Fault != FaultNone && i == resp.FaultAfter {
			break
		}
		send(delta(deltaJSON{Content: p}, nil))
	}
	switch resp.Fault {
	case FaultStall:
		s.hold(r)
		return
	case FaultTruncated:
		return
	case FaultMalformed:
		write(`data: {"id":"` + id + `","object":"chat.completion.chunk","choices":[{"delta":{"content":` + "\n\n")
		return
	case FaultErrorEvent:
		write("data: " + string(errorJSON(eventError(resp))) + "\n\n")
		return
	}
	fr := finishReason(resp)
	send(delta(deltaJSON{}, &fr))
	if req.Chat.StreamOptions != nil && req.Chat.StreamOptions.IncludeUsage {
		u := toUsageJSON(usageFor(resp, req))
		send(chunkJSON{Choices: []chunkChoiceJSON{}, Usage: &u})
	}
	write("data: [DONE]\n\n")
}

// hold keeps a connection open until the client leaves or the server
// closes, as a stalled upstream does.
func (s *Server) hold(r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.done:
	}
}

func finishReason(r Response) string {
	if r.FinishReason == "" {
		return "stop"
	}
	return r.FinishReason
}

func eventError(r Response) *APIError {
	if r.Error != nil {
		return r.Error
	}
	return &APIError{Message: "The server had an error while processing your request.", Type: "server_error"}
}
