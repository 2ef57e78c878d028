package llmtest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
)

const chatBody = `{"model":"m","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"which approach"}]}`
const streamBody = `{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"which approach"}]}`

func post(t *testing.T, ctx context.Context, url, body string, header http.Header) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// chunk is the part of a stream chunk these tests read.
type chunk struct {
	Choices []struct {
		Delta struct {
			Content string `json:"content"`
		} `json:"delta"`
		FinishReason *string `json:"finish_reason"`
	} `json:"choices"`
	PromptFilterResults []any  `json:"prompt_filter_results"`
	Usage               *usage `json:"usage"`
	Error               *llmtest.APIError
}

type usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// events reads a whole SSE body: data payloads in order, and whether any
// line was neither data, a comment nor blank.
func events(t *testing.T, r io.Reader) (data []string, comments int) {
	t.Helper()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
		case strings.HasPrefix(line, ":"):
			comments++
		case strings.HasPrefix(line, "data: "):
			data = append(data, strings.TrimPrefix(line, "data: "))
		default:
			t.Errorf("unexpected SSE line %q", line)
		}
	}
	return data, comments
}

func decodeChunks(t *testing.T, data []string) []chunk {
	t.Helper()
	var out []chunk
	for _, d := range data {
		if d == "[DONE]" {
			continue
		}
		var c chunk
		if err := json.Unmarshal([]byte(d), &c); err != nil {
			t.Fatalf("chunk %q: %v", d, err)
		}
		out = append(out, c)
	}
	return out
}

func TestStreamWireFormat(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Text: "Start with prompt engineering.", Usage: &llm.Usage{PromptTokens: 7, CompletionTokens: 4}, KeepAlive: 2})
	resp := post(t, t.Context(), srv.URL()+"/chat/completions", streamBody, nil)
	if got := resp.Header.Get("Content-Type"); got != "text/event-stream" {
		t.Errorf("Content-Type = %q", got)
	}
	data, comments := events(t, resp.Body)
	if len(data) == 0 || data[len(data)-1] != "[DONE]" {
		t.Fatalf("stream does not end with [DONE]: %q", data)
	}
	chunks := decodeChunks(t, data)
	// role, 4 words, finish, usage
	if len(chunks) != 7 {
		t.Fatalf("got %d chunks, want 7: %q", len(chunks), data)
	}
	if want := 2 * (len(chunks) + 1); comments != want {
		t.Errorf("got %d keep-alive comments, want %d", comments, want)
	}
	var text []string
	for _, c := range chunks[1:5] {
		text = append(text, c.Choices[0].Delta.Content)
	}
	if diff := cmp.Diff([]string{"Start ", "with ", "prompt ", "engineering."}, text); diff != "" {
		t.Errorf("deltas (-want +got):\n%s", diff)
	}
	if fr := chunks[5].Choices[0].FinishReason; fr == nil || *fr != "stop" {
		t.Errorf("finish chunk = %+v", chunks[5])
	}
	if c := chunks[6]; len(c.Choices) != 0 || c.Usage == nil || *c.Usage != (usage{7, 4, 11}) {
		t.Errorf("usage chunk = %+v", c)
	}
}

func TestStreamWithoutUsageOption(t *testing.T) {
	srv := llmtest.New(t)
	body := `{"model":"m","stream":true,"messages":[{"role":"user","content":"two words"}]}`
	data, _ := events(t, post(t, t.Context(), srv.URL()+"/chat/completions", body, nil).Body)
	for _, c := range decodeChunks(t, data) {
		if c.Usage != nil {
			t.Errorf("usage sent without stream_options.include_usage: %+v", c)
		}
	}
}

func TestPlainJSON(t *testing.T) {
	srv := llmtest.New(t, llmtest.WithModel("gpt-test"))
	srv.Enqueue(llmtest.Reply("Use RAG."))
	resp := post(t, t.Context(), srv.URL()+"/chat/completions", chatBody, nil)
	var got struct {
		Model   string `json:"model"`
		Choices []struct {
			Message      struct{ Role, Content string } `json:"message"`
			FinishReason string                         `json:"finish_reason"`
		} `json:"choices"`
		Usage usage `json:"usage"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.Model != "gpt-test" || len(got.Choices) != 1 || got.Choices[0].Message.Content != "Use RAG." ||
		got.Choices[0].FinishReason != "stop" {
		t.Errorf("got %+v", got)
	}
	// Default usage: words in the messages, words in the answer.
	if want := (usage{4, 2, 6}); got.Usage != want {
		t.Errorf("usage = %+v, want %+v", got.Usage, want)
	}
}

func TestRecordsRequests(t *testing.T) {
	srv := llmtest.New(t)
	post(t, t.Context(), srv.URL()+"/chat/completions", chatBody, http.Header{"Authorization": {"Bearer k1"}})
	post(t, t.Context(), srv.AzureURL()+"openai/deployments/prod/chat/completions?api-version=2024-10-21", chatBody, http.Header{"Api-Key": {"k2"}})
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("recorded %d requests, want 2", len(reqs))
	}
	if r := reqs[0]; r.Method != "POST" || r.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer k1" ||
		string(r.Body) != chatBody || r.Deployment != "" {
		t.Errorf("OpenAI request = %+v", r)
	}
	want := llmtest.ChatRequest{Model: "m", Messages: []llmtest.Message{{Role: "system", Content: "be brief"}, {Role: "user", Content: "which approach"}}}
	if diff := cmp.Diff(want, reqs[0].Chat); diff != "" {
		t.Errorf("decoded request (-want +got):\n%s", diff)
	}
	if r := reqs[1]; r.Path != "/openai/deployments/prod/chat/completions" || r.Deployment != "prod" ||
		r.Query.Get("api-version") != "2024-10-21" || r.Header.Get("api-key") != "k2" {
		t.Errorf("Azure request = %+v", r)
	}
}

func TestRejections(t *testing.T) {
	srv := llmtest.New(t, llmtest.WithAPIKey("right"))
	srv.Enqueue(llmtest.Reply("kept for a good request"))
	tests := []struct {
		name, path, body string
		header           http.Header
		status           int
		code             any
	}{
		{"unknown path", "/v1/completions", chatBody, http.Header{"Authorization": {"Bearer right"}}, 404, "unknown_url"},
		{"wrong key", "/v1/chat/completions", chatBody, http.Header{"Authorization": {"Bearer wrong"}}, 401, "invalid_api_key"},
		{"Bearer on Azure", "/openai/deployments/d/chat/completions?api-version=1", chatBody, http.Header{"Authorization": {"Bearer right"}}, 401, "invalid_api_key"},
		{"Azure without api-version", "/openai/deployments/d/chat/completions", chatBody, http.Header{"Api-Key": {"right"}}, 404, "404"},
		{"bad JSON", "/v1/chat/completions", "{", http.Header{"Authorization": {"Bearer right"}}, 400, nil},
		{"no messages", "/v1/chat/completions", `{"model":"m","messages":[]}`, http.Header{"Authorization": {"Bearer right"}}, 400, "empty_array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := post(t, t.Context(), strings.TrimSuffix(srv.AzureURL(), "/")+tt.path, tt.body, tt.header)
			var body struct{ Error map[string]any }
			if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status || body.Error["code"] != tt.code || body.Error["message"] == "" {
				t.Errorf("got %d %v, want %d code %v", resp.StatusCode, body.Error, tt.status, tt.code)
			}
		})
	}
	if srv.Pending() != 1 {
		t.Errorf("a rejected request consumed the queue")
	}
}

func TestStatusResponses(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(
		llmtest.RateLimited("2"),
		llmtest.Status(http.StatusServiceUnavailable),
		llmtest.StatusError(400, "invalid_request_error", "context_length_exceeded", "too long"),
	)
	want := []struct {
		status     int
		retryAfter string
		code       any
	}{
		{429, "2", "rate_limit_exceeded"},
		{503, "", nil},
		{400, "", "context_length_exceeded"},
	}
	for _, w := range want {
		resp := post(t, t.Context(), srv.URL()+"/chat/completions", chatBody, nil)
		var body struct{ Error map[string]any }
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != w.status || resp.Header.Get("Retry-After") != w.retryAfter || body.Error["code"] != w.code {
			t.Errorf("got %d Retry-After %q %v; want %+v", resp.StatusCode, resp.Header.Get("Retry-After"), body.Error, w)
		}
	}
}

func TestQueueThenHandler(t *testing.T) {
	srv := llmtest.New(t, llmtest.WithHandler(llmtest.Canned("canned")))
	srv.Enqueue(llmtest.Reply("first"))
	var got []string
	for range 2 {
		var body struct {
			Choices []struct{ Message struct{ Content string } }
		}
		json.NewDecoder(post(t, t.Context(), srv.URL()+"/chat/completions", chatBody, nil).Body).Decode(&body)
		got = append(got, body.Choices[0].Message.Content)
	}
	if diff := cmp.Diff([]string{"first", "canned"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestEchoIsDefault(t *testing.T) {
	srv := llmtest.New(t)
	data, _ := events(t, post(t, t.Context(), srv.URL()+"/chat/completions", streamBody, nil).Body)
	var text string
	for _, c := range decodeChunks(t, data) {
		for _, ch := range c.Choices {
			text += ch.Delta.Content
		}
	}
	if text != "which approach" {
		t.Errorf("echo = %q", text)
	}
}

func TestStreamFaults(t *testing.T) {
	const text = "one two three four"
	tests := []struct {
		name      string
		resp      llmtest.Response
		wantText  string
		wantLast  string // the last data payload, or a prefix of it
		wantError bool
	}{
		{"truncated", llmtest.Truncated(text, 2), "one two ", "", false},
		{"malformed", llmtest.Malformed(text, 1), "one ", `{"id":`, false},
		{"error event", llmtest.ErrorEvent(text, 3, "boom"), "one two three ", `{"error":{`, true},
		{"fixed deltas", llmtest.Response{Text: text, Deltas: 3}, text, "[DONE]", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := llmtest.New(t)
			srv.Enqueue(tt.resp)
			data, _ := events(t, post(t, t.Context(), srv.URL()+"/chat/completions", streamBody, nil).Body)
			var got string
			finished := false
			for _, d := range data {
				var c chunk
				if json.Unmarshal([]byte(d), &c) != nil {
					continue
				}
				for _, ch := range c.Choices {
					got += ch.Delta.Content
					finished = finished || ch.FinishReason != nil
				}
			}
			if got != tt.wantText {
				t.Errorf("text = %q, want %q", got, tt.wantText)
			}
			if finished != (tt.wantLast == "[DONE]") {
				t.Errorf("finish_reason sent = %v", finished)
			}
			last := data[len(data)-1]
			if tt.wantLast == "" && (last == "[DONE]" || strings.Contains(last, "finish_reason\":\"")) {
				t.Errorf("truncated stream ended with %q", last)
			}
			if !strings.HasPrefix(last, tt.wantLast) {
				t.Errorf("last event = %q, want prefix %q", last, tt.wantLast)
			}
			if tt.wantError && !strings.Contains(last, "boom") {
				t.Errorf("error event %q lacks the message", last)
			}
		})
	}
}

func TestStallHoldsUntilClientLeaves(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Stalled("one two three", 1))
	ctx, cancel := context.WithCancel(t.Context())
	resp := post(t, ctx, srv.URL()+"/chat/completions", streamBody, nil)
	sc := bufio.NewScanner(resp.Body)
	var data []string
	for len(data) < 2 && sc.Scan() { // the role chunk and "one "
		if d, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
			data = append(data, d)
		}
	}
	if len(data) != 2 || !strings.Contains(data[1], `"one "`) {
		t.Fatalf("before the stall got %q", data)
	}
	// The server now holds the connection; leaving must free it (the
	// test's cleanup would otherwise wait on it).
	cancel()
	for sc.Scan() {
		if sc.Text() != "" {
			t.Errorf("read %q after the stall", sc.Text())
		}
	}
}

func TestStallClosedByServer(t *testing.T) {
	srv := llmtest.New(t)
	srv.Enqueue(llmtest.Response{Fault: llmtest.FaultStall})
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, srv.URL()+"/chat/completions", strings.NewReader(chatBody))
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	for len(srv.Requests()) == 0 { // wait for the request; no timing is asserted
		time.Sleep(time.Millisecond)
	}
	srv.Close() // must not wait for the held request
	<-done
}

func TestAzureStreamOpensWithPromptFilter(t *testing.T) {
	srv := llmtest.New(t)
	data, _ := events(t, post(t, t.Context(), srv.AzureURL()+"openai/deployments/d/chat/completions?api-version=2024-10-21", streamBody, nil).Body)
	chunks := decodeChunks(t, data)
	if len(chunks) == 0 || len(chunks[0].Choices) != 0 || len(chunks[0].PromptFilterResults) == 0 {
		t.Errorf("first Azure chunk = %q", data[0])
	}
}
