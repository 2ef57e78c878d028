package render

import (
	"strings"
	"testing"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

func TestHistory(t *testing.T) {
	if got := History(nil, "*", "none yet"); got != "none yet" {
		t.Errorf("empty: %q", got)
	}
	rec := func(day int, a advisor.Approach, title string) store.Assessment {
		return store.Assessment{Title: title, CreatedAt: time.Date(2026, 11, day, 9, 0, 0, 0, time.UTC),
			Result: advisor.Recommendation{Approach: a, ROI: map[advisor.Approach]advisor.ROI{a: {NetMonthly: 1200}}}}
	}
	got := History([]store.Assessment{rec(2, advisor.RAG, "Old"), rec(20, advisor.PromptEngineering, "[x](https://evil) *new*")}, "**", "")
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "• 2026-11-20  **Prompt engineering**") || !strings.Contains(lines[2], "2026-11-02") {
		t.Errorf("newest first, approach in bold:\n%s", got)
	}
	if strings.Contains(got, "](https://evil") || strings.Contains(got, "*new*") {
		t.Errorf("a title became markup:\n%s", got)
	}
}
