package knowledge

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func terms(s string) []string {
	var tok tokenizer
	var out []string
	tok.each(s, func(t []byte) { out = append(out, string(t)) })
	return out
}

func TestTokenizer(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Fine-tuning", []string{"fine-tun", "fin", "tun"}},
		{"fine-tune, fine-tuned", []string{"fine-tun", "fin", "tun", "fine-tun", "fin", "tun"}},
		{"OpenAI's wind-down", []string{"openai", "wind-down", "wind", "down"}},
		{"How many examples do I need?", []string{"many", "exampl", "need"}},
		{"the and of a", nil},
		{"studies study", []string{"study", "study"}},
		{"embeddings embedding", []string{"embed", "embed"}},
		{"running runs run", []string{"run", "run", "run"}},
		{"prices price pricing", []string{"pric", "pric", "pric"}},
		{"processes process", []string{"process", "process"}},
		{"GPUs APIs status analysis", []string{"gpu", "api", "status", "analysis"}},
		{"2026 GPT-4.1 7-8B", []string{"2026", "gpt-4", "gpt", "7-8b", "8b"}},
		{"--flag - x-", []string{"flag"}},
		{"Ärzte naïve", []string{"ärzt", "naïv"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, terms(tt.in)); diff != "" {
			t.Errorf("terms(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
