package knowledge

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSuggest(t *testing.T) {
	ids := []string{"hybrid-ft-rag", "lora-open-weights", "prices-2026", "rag-citations", "rag-for-knowledge", "timeline", "vendor-ft-winddown-2026"}
	tests := []struct {
		id   string
		want []string
	}{
		{"rag", []string{"rag-citations", "rag-for-knowledge", "hybrid-ft-rag"}},
		{"lora-open-weight", []string{"lora-open-weights"}},
		{"timelines", []string{"timeline"}},
		{"timelien", []string{"timeline"}},
		{"vendor-winddown", []string{"vendor-ft-winddown-2026"}},
		{"zzz", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, suggest(tt.id, ids)); diff != "" {
			t.Errorf("suggest(%q) (-want +got):\n%s", tt.id, diff)
		}
	}
}
