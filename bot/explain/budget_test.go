package explain

import (
	"strings"
	"testing"

	tiktoken "github.com/pkoukk/tiktoken-go"
	loader "github.com/pkoukk/tiktoken-go-loader"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/llm"
)

// maxPromptTokens is the budget of one explanation prompt.
const maxPromptTokens = 1500

// countTokens counts with o200k_base, the tokenizer of OpenAI's current
// models, from the encoding files the loader embeds (no network). Each
// message adds a few tokens of chat framing.
func countTokens(t *testing.T, msgs []llm.Message) int {
	t.Helper()
	tiktoken.SetBpeLoader(loader.NewOfflineLoader())
	enc, err := tiktoken.GetEncoding("o200k_base")
	if err != nil {
		t.Fatal(err)
	}
	n := 3
	for _, m := range msgs {
		n += 4 + len(enc.Encode(string(m.Role), nil, nil)) + len(enc.Encode(m.Content, nil, nil))
	}
	return n
}

// TestPromptTokenBudget: a representative explanation prompt, and one with
// the longest description a profile allows and every field answered, stay
// under the budget.
func TestPromptTokenBudget(t *testing.T) {
	e := New(quiet(), Config{KB: mustKB(t)})
	in := representative(t)
	msgs, err := e.prompt(in)
	if err != nil {
		t.Fatal(err)
	}
	n := countTokens(t, msgs)
	t.Logf("representative prompt: %d tokens", n)
	if n > maxPromptTokens {
		t.Errorf("representative prompt is %d tokens, budget %d", n, maxPromptTokens)
	}

	long := in
	long.Profile.Title = strings.Repeat("Very long title ", 12)
	long.Profile.Description = strings.Repeat("Agents answer customer questions about invoices, refunds and contracts by searching several internal systems. ", 40)[:advisor.MaxDescriptionLen]
	long.Profile.Department = "Customer Operations and Billing Support"
	for _, f := range advisor.Fields() {
		if f.Kind == advisor.KindEnum && !long.Profile.Known(f.Name) {
			_ = long.Profile.Set(advisor.Value{Field: f.Name, Text: f.Options[len(f.Options)-1]})
		}
	}
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(long.Profile)
	if err != nil {
		t.Fatal(err)
	}
	long.Rec = rec
	msgs, err = e.prompt(long)
	if err != nil {
		t.Fatal(err)
	}
	n = countTokens(t, msgs)
	t.Logf("worst-case prompt: %d tokens", n)
	if n > maxPromptTokens {
		t.Errorf("worst-case prompt is %d tokens, budget %d", n, maxPromptTokens)
	}
}
