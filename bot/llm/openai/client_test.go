package openai

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
)

const testKey = "sk-test-0123456789"

// sleeps records the delays the retry layer asked for instead of waiting,
// so retry tests take no wall-clock time and assert exact durations.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

func (s *sleeps) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// newClient returns a client for srv (OpenAI style, key testKey) after
// applying edit, with sleeping recorded.
func newClient(t *testing.T, srv *llmtest.Server, edit func(*Config)) (*Client, *sleeps) {
	t.Helper()
	cfg := Config{APIKey: testKey, BaseURL: srv.URL()}
	if edit != nil {
		edit(&cfg)
	}
	c, err := New(slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug})), cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := &sleeps{}
	c.retry.sleep = s.sleep
	return c, s
}

var question = llm.Request{Messages: []llm.Message{
	{Role: llm.RoleSystem, Content: "You explain recommendations."},
	{Role: llm.RoleUser, Content: "Why RAG?"},
}}

// stream runs c.Stream and returns the deltas it delivered too.
func stream(ctx context.Context, c *Client, req llm.Request) (llm.Completion, []string, error) {
	var deltas []string
	comp, err := c.Stream(ctx, req, func(d string) error {
		deltas = append(deltas, d)
		return nil
	})
	return comp, deltas, err
}

// body decodes a recorded request body.
func body(t *testing.T, r llmtest.Request) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestStreamHappyPath(t *testing.T) {
	srv := llmtest.New(t, llmtest.WithModel("gpt-4.1-mini-2025-04-14"))
	srv.Enqueue(llmtest.Response{Text: "RAG fits weekly-changing knowledge.", Usage: &llm.Usage{PromptTokens: 12, CompletionTokens: 6}})
	c, _ := newClient(t, srv, nil)

	comp, deltas, err := stream(t.Context(), c, question)
	if err != nil {
		t.Fatal(err)
	}
	want := llm.Completion{
		Text:         "RAG fits weekly-changing knowledge.",
		Model:        "gpt-4.1-mini-2025-04-14",
		FinishReason: "stop",
		Usage:        llm.Usage{PromptTokens: 12, CompletionTokens: 6},
	}
	if diff := cmp.Diff(want, comp); diff != "" {
		t.Errorf("completion (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"RAG ", "fits ", "weekly-changing ", "knowledge."}, deltas); diff != "" {
		t.Errorf("deltas (-want +got):\n%s", diff)
	}
	if c.Name() != "gpt-4.1-mini" {
		t.Errorf("Name = %q, want the configured model", c.Name())
	}

	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if got := r.Header.Get("Authorization"); got != "Bearer "+testKey {
		t.Errorf("Authorization = %q", got)
	}
	if r.Header.Get("api-key") != "" {
		t.Errorf("api-key header sent to an OpenAI endpoint")
	}
	if !r.Chat.Stream || r.Chat.StreamOptions == nil || !r.Chat.StreamOptions.IncludeUsage || r.Chat.Model != "gpt-4.1-mini" {
		t.Errorf("request = %+v", r.Chat)
	}
	wantMsgs := []llmtest.Message{{Role: "system", Content: "You explain recommendations."}, {Role: "user", Content: "Why RAG?"}}
	if diff := cmp.Diff(wantMsgs, r.Chat.Messages); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}

func TestStreamWithoutUsageChunk(t *testing.T) {
	// Servers that ignore stream_options send no usage: zero, not an error.
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Body: "data: " + `{"id":"x","model":"m","choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}` + "\n\ndata: [DONE]\n\n"})
	c, _ := newClient(t, srv, nil)
	comp, _, err := stream(t.Context(), c, question)
	if err != nil {
		t.Fatal(err)
	}
	if comp.Text != "hi" || comp.Usage != (llm.Usage{}) {
		t.Errorf("got %+v", comp)
	}
}

func TestComplete(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Text: `{"approach":"rag"}`, FinishReason: "stop", Usage: &llm.Usage{PromptTokens: 30, CompletionTokens: 5}})
	c, _ := newClient(t, srv, nil)
	comp, err := c.Complete(t.Context(), question)
	if err != nil {
		t.Fatal(err)
	}
	want := llm.Completion{Text: `{"approach":"rag"}`, Model: "gpt-4.1-mini", FinishReason: "stop", Usage: llm.Usage{PromptTokens: 30, CompletionTokens: 5}}
	if diff := cmp.Diff(want, comp); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if srv.Requests()[0].Chat.Stream {
		t.Errorf("Complete sent stream: true")
	}
}

func TestCompleteWithoutChoices(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Body: `{"id":"x","model":"m","choices":[]}`})
	c, _ := newClient(t, srv, nil)
	if _, err := c.Complete(t.Context(), question); !errors.Is(err, llm.ErrIncomplete) {
		t.Errorf("err = %v, want ErrIncomplete", err)
	}
}

func TestJSONSchemaRequest(t *testing.T) {
	srv := llmtest.New(t)
	c, _ := newClient(t, srv, nil)
	schema := `{"type":"object","properties":{"approach":{"type":"string","enum":["prompt_engineering","rag","fine_tuning"]}},"required":["approach"],"additionalProperties":false}`
	req := question
	req.JSONSchema = []byte(schema)
	req.JSONSchemaName = "advice"
	if _, err := c.Complete(t.Context(), req); err != nil {
		t.Fatal(err)
	}
	var want any
	json.Unmarshal([]byte(`{"type":"json_schema","json_schema":{"name":"advice","strict":true,"schema":`+schema+`}}`), &want)
	if diff := cmp.Diff(want, body(t, srv.Requests()[0])["response_format"]); diff != "" {
		t.Errorf("response_format (-want +got):\n%s", diff)
	}
}

func TestInvalidJSONSchemaIsNotSent(t *testing.T) {
	srv := llmtest.New(t)
	c, _ := newClient(t, srv, nil)
	req := question
	req.JSONSchema = []byte(`{"type":`)
	if _, err := c.Complete(t.Context(), req); err == nil || !strings.Contains(err.Error(), "JSONSchema") {
		t.Errorf("err = %v", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestRequestShape(t *testing.T) {
	tests := []struct {
		name        string
		model       string
		temperature float32
		maxTokens   int
		want        map[string]any // fields that must be present, with values
		absent      []string
	}{
		{"temperature 0 is the server default", "gpt-4.1-mini", 0, 0, nil, []string{"temperature", "max_tokens", "max_completion_tokens", "response_format"}},
		{"temperature and max_tokens", "gpt-4.1-mini", 0.5, 400, map[string]any{"temperature": 0.5, "max_tokens": 400.0}, []string{"max_completion_tokens"}},
		{"reasoning model", "gpt-5-mini", 0.5, 400, map[string]any{"max_completion_tokens": 400.0}, []string{"temperature", "max_tokens"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := llmtest.New(t)
			c, _ := newClient(t, srv, func(cfg *Config) { cfg.Model = tt.model })
			req := question
			req.Temperature, req.MaxTokens = tt.temperature, tt.maxTokens
			if _, err := c.Complete(t.Context(), req); err != nil {
				t.Fatal(err)
			}
			got := body(t, srv.Requests()[0])
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v", k, got[k], v)
				}
			}
			for _, k := range tt.absent {
				if _, ok := got[k]; ok {
					t.Errorf("%s sent: %v", k, got[k])
				}
			}
		})
	}
}

func TestAzure(t *testing.T) {
	srv := llmtest.New(t, llmtest.WithAPIKey("azure-key"))
	c, _ := newClient(t, srv, func(cfg *Config) {
		*cfg = Config{APIType: APITypeAzure, BaseURL: srv.AzureURL(), APIKey: "azure-key", Model: "gpt-4.1-mini", Deployment: "advisor-prod"}
	})
	if c.Name() != "advisor-prod" {
		t.Errorf("Name = %q, want the deployment", c.Name())
	}
	// The stream opens with Azure's choice-less prompt_filter_results chunk.
	comp, _, err := stream(t.Context(), c, question)
	if err != nil {
		t.Fatal(err)
	}
	if comp.Text != "Why RAG?" || comp.FinishReason != "stop" {
		t.Errorf("got %+v", comp)
	}
	if _, err := c.Complete(t.Context(), question); err != nil {
		t.Fatal(err)
	}
	for _, r := range srv.Requests() {
		if r.Path != "/openai/deployments/advisor-prod/chat/completions" || r.Query.Get("api-version") != DefaultAzureAPIVersion {
			t.Errorf("URL = %s?%s", r.Path, r.Query.Encode())
		}
		if r.Header.Get("api-key") != "azure-key" || r.Header.Get("Authorization") != "" {
			t.Errorf("auth headers = api-key %q, Authorization %q", r.Header.Get("api-key"), r.Header.Get("Authorization"))
		}
	}
}

func TestOllamaWithoutKey(t *testing.T) {
	srv := llmtest.New(t)
	c, _ := newClient(t, srv, func(cfg *Config) { cfg.APIKey, cfg.Model = "", "llama3.2" })
	if _, err := c.Complete(t.Context(), question); err != nil {
		t.Fatal(err)
	}
	r := srv.Requests()[0]
	if _, ok := r.Header["Authorization"]; ok {
		t.Errorf("Authorization sent without a key: %q", r.Header.Get("Authorization"))
	}
	if r.Path != "/v1/chat/completions" || r.Chat.Model != "llama3.2" {
		t.Errorf("request = %s %+v", r.Path, r.Chat)
	}
}

func TestNewRejectsHTTPClientTimeout(t *testing.T) {
	_, err := New(nil, Config{APIKey: "k", HTTPClient: &http.Client{Timeout: time.Minute}})
	if err == nil || !strings.Contains(err.Error(), "Timeout") {
		t.Errorf("err = %v", err)
	}
}

func TestLogsHoldNoSecrets(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.RateLimited("1"), llmtest.Reply("the secret answer"), llmtest.Status(http.StatusUnauthorized))
	var buf bytes.Buffer
	c, err := New(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), Config{APIKey: testKey, BaseURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	c.retry.sleep = (&sleeps{}).sleep
	req := llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: "the secret question"}}}
	stream(t.Context(), c, req)
	c.Complete(t.Context(), req)
	logs := buf.String()
	for _, secret := range []string{testKey, "secret"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q:\n%s", secret, logs)
		}
	}
	if !strings.Contains(logs, "openai: retrying") || !strings.Contains(logs, "outcome=rejected") {
		t.Errorf("logs lack the retry or the call outcome:\n%s", logs)
	}
}

// TestSendsTextAsGiven: the client redacts nothing itself (that is
// llm.Redacting's job, which wiring puts around it), so what it is given
// is what the server gets, byte for byte.
func TestSendsTextAsGiven(t *testing.T) {
	const text = "Mail jane.doe@example.com, key sk-proj-abcdefghijklmnopqrstuvwxyz123456"
	srv := llmtest.New(t)
	c, _ := newClient(t, srv, nil)
	req := llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: text}}}
	if _, err := c.Complete(t.Context(), req); err != nil {
		t.Fatal(err)
	}
	if got := srv.Requests()[0].Chat.Messages; len(got) != 1 || got[0].Content != text {
		t.Errorf("messages = %+v, want the text unchanged", got)
	}
}
