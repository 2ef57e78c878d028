package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/llm"
	"github.com/advisorbot/advisorbot/bot/llm/llmtest"
)

// useFakeModel points the OPENAI_* settings at a local fake OpenAI server.
func useFakeModel(t *testing.T, h llmtest.Handler) *llmtest.Server {
	t.Helper()
	srv := llmtest.New(t, llmtest.WithHandler(h))
	t.Setenv("OPENAI_API_KEY", "sk-test-key-000000000000000000")
	t.Setenv("OPENAI_BASE_URL", srv.URL())
	t.Setenv("OPENAI_MODEL", "gpt-test")
	t.Setenv("OPENAI_MAX_RETRIES", "0")
	return srv
}

func TestAdviseExplainWithModel(t *testing.T) {
	useFakeModel(t, llmtest.Canned("APPROACH: rag\n\nYour help centre changes every week, so retrieval keeps answers current [kb:rag-for-knowledge]. Start by listing your sources."))
	code, out, errs := runCmd(t, "", "advise", "--explain", "testdata/profiles/support-answers.json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "In plain words:\nYour help centre changes every week") || strings.Contains(out, "APPROACH:") {
		t.Errorf("model explanation not streamed as checked text:\n%s", out)
	}
}

func TestAdviseExplainRejectsContradiction(t *testing.T) {
	useFakeModel(t, llmtest.Canned("APPROACH: rag\n\nYour help centre changes weekly. I recommend fine-tuning a custom model instead."))
	code, out, errs := runCmd(t, "", "advise", "--explain", "--json", "testdata/profiles/support-answers.json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Approach    advisor.Approach `json:"approach"`
		Explanation struct {
			Text   string `json:"text"`
			Source string `json:"source"`
		} `json:"explanation"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Explanation.Source != "rules" || strings.Contains(got.Explanation.Text, "fine-tuning a custom model") ||
		!strings.Contains(got.Explanation.Text, got.Approach.Label()) {
		t.Errorf("contradicting explanation not replaced: %+v", got.Explanation)
	}
	if !strings.Contains(errs, "reason=contradicts_rules") {
		t.Errorf("the replacement was not logged: %q", errs)
	}
}

func TestAdviseExplainRejectsUnknownCitation(t *testing.T) {
	useFakeModel(t, llmtest.Canned("APPROACH: rag\n\nRetrieval keeps answers current [kb:rag-for-knowledge]. A study proves it [kb:imaginary-study]."))
	code, out, errs := runCmd(t, "", "advise", "--explain", "testdata/profiles/support-answers.json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "here is the rule-written one") || !strings.Contains(errs, "reason=unknown_citation") {
		t.Errorf("unknown citation not replaced and logged:\n%s\n%s", out, errs)
	}
}

func TestAdviseExplainModelDown(t *testing.T) {
	srv := useFakeModel(t, func(llmtest.Request) llmtest.Response { return llmtest.Status(503) })
	code, out, errs := runCmd(t, "", "advise", "--explain", "testdata/profiles/support-answers.json")
	if code != exitOK || !strings.Contains(out, "In plain words:\nI recommend Retrieval-augmented generation") {
		t.Fatalf("exit %d, no rule-written explanation:\n%s\n%s", code, out, errs)
	}
	if len(srv.Requests()) == 0 {
		t.Error("the model was never called")
	}
}

// TestRedactionReachesNoModel sends every positive example of the
// redaction corpus through both paths that send text to a model (the
// explanation and the extraction) and checks the fake server's request
// bodies for each secret.
func TestRedactionReachesNoModel(t *testing.T) {
	data, err := os.ReadFile("../../bot/llm/redact/testdata/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var corpus struct {
		Positive []struct{ Kind, Secret, Text string } `json:"positive"`
	}
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatal(err)
	}
	if len(corpus.Positive) < 60 {
		t.Fatalf("corpus has %d positive examples", len(corpus.Positive))
	}
	srv := useFakeModel(t, llmtest.Canned("APPROACH: prompt_engineering\n\nA prompt will do."))
	// Descriptions are at most 4,000 characters, so the corpus goes in batches.
	var batch []string
	flush := func() {
		desc := strings.Join(batch, " ")
		batch = nil
		profile, _ := json.Marshal(map[string]any{"title": "Secrets test", "description": desc})
		if code, _, errs := runCmd(t, string(profile), "advise", "--explain", "-"); code != exitOK {
			t.Fatalf("advise: exit %d: %s", code, errs)
		}
		if code, _, errs := runCmd(t, "", "extract", desc); code != exitOK {
			t.Fatalf("extract: exit %d: %s", code, errs)
		}
	}
	size := 0
	for _, p := range corpus.Positive {
		if size+len(p.Text) > 3500 {
			flush()
			size = 0
		}
		batch = append(batch, p.Text)
		size += len(p.Text) + 1
	}
	flush()

	reqs := srv.Requests()
	if len(reqs) < 4 {
		t.Fatalf("only %d requests reached the fake model", len(reqs))
	}
	for _, r := range reqs {
		body := string(r.Body)
		for _, p := range corpus.Positive {
			// The body is JSON: compare against the secret as JSON escapes it.
			esc, _ := json.Marshal(p.Secret)
			if strings.Contains(body, p.Secret) || strings.Contains(body, strings.Trim(string(esc), `"`)) {
				t.Errorf("%s %q reached the model in a request to %s", p.Kind, p.Secret, r.Path)
			}
		}
	}
}

// TestModelWiring: the model the language builds redacts before anything
// leaves (extra REDACT_PATTERNS included), and every call, failures too,
// reaches the hook and the "llm call" log line once, with the server's
// token counts.
func TestModelWiring(t *testing.T) {
	const text = "Ask jane.doe@example.com or EMP-123456 why."
	tests := []struct {
		name      string
		stream    bool
		resp      llmtest.Response
		wantUsage llm.Usage
		wantOK    bool
	}{
		{"stream", true, llmtest.Response{Text: "Use RAG.", Usage: &llm.Usage{PromptTokens: 12, CompletionTokens: 3}}, llm.Usage{PromptTokens: 12, CompletionTokens: 3}, true},
		{"complete", false, llmtest.Response{Text: "{}", Usage: &llm.Usage{PromptTokens: 30, CompletionTokens: 1}}, llm.Usage{PromptTokens: 30, CompletionTokens: 1}, true},
		{"failure", false, llmtest.Status(503), llm.Usage{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := useFakeModel(t, llmtest.Canned("unused"))
			t.Setenv("REDACT_PATTERNS", `EMP-\d{6}`)
			srv.Enqueue(tt.resp)
			var logs bytes.Buffer
			type call struct {
				Usage llm.Usage
				OK    bool
			}
			var calls []call
			l, err := newLanguageWithCache(slog.New(slog.NewTextHandler(&logs, nil)), os.Getenv, nil,
				func(u llm.Usage, _ time.Duration, err error) { calls = append(calls, call{u, err == nil}) })

			if err != nil {
				t.Fatal(err)
			}
			req := llm.Request{Messages: []llm.Message{{Role: llm.RoleUser, Content: text}}}
			if tt.stream {
				_, err = l.model.Stream(t.Context(), req, func(string) error { return nil })
			} else {
				_, err = l.model.Complete(t.Context(), req)
			}
			if (err == nil) != tt.wantOK {
				t.Fatalf("err = %v", err)
			}
			body := string(srv.Requests()[0].Body)
			if !strings.Contains(body, "Ask [EMAIL] or [REDACTED] why.") {
				t.Errorf("request not redacted: %s", body)
			}
			if len(calls) != 1 || calls[0] != (call{tt.wantUsage, tt.wantOK}) {
				t.Errorf("hook calls = %+v, want one with %+v ok=%v", calls, tt.wantUsage, tt.wantOK)
			}
			if n := strings.Count(logs.String(), `msg="llm call" model=gpt-test`); n != 1 || strings.Contains(logs.String(), "jane.doe") {
				t.Errorf("want one llm call log line without the text, got:\n%s", logs.String())
			}
		})
	}
}
