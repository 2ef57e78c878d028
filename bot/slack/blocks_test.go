package slack

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
)

var update = flag.Bool("update", false, "rewrite golden files")

func recommendation(t *testing.T) advisor.Recommendation {
	t.Helper()
	u, err := advisor.DecodeUseCase([]byte(`{"task":"answer","monthly_volume":20000,"minutes_per_task":6,"hourly_cost":40,"knowledge":"private_changing","citations_required":true}`))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(u)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestBlocksGolden renders each kind of message and compares the Block Kit
// JSON with testdata/blocks/*.json (rewritten with -update).
func TestBlocksGolden(t *testing.T) {
	rec := recommendation(t)
	f, _ := advisor.LookupField(advisor.FieldAccuracy)
	v, _ := advisor.LookupField(advisor.FieldMonthlyVolume)
	tk, _ := advisor.LookupField(advisor.FieldTask)
	cases := map[string]bot.Outbound{
		"question-choice":   {Kind: bot.KindQuestion, Question: &bot.Question{Field: f.Name, Text: f.Question, Options: f.Options, Example: f.Example, Number: 2, AtMost: 5}},
		"question-many":     {Kind: bot.KindQuestion, Question: &bot.Question{Field: tk.Name, Text: tk.Question, Options: tk.Options, Example: tk.Example, Number: 1, AtMost: 6}},
		"question-inferred": {Kind: bot.KindQuestion, Question: &bot.Question{Field: v.Name, Text: v.Question, Example: v.Example, Number: 3, AtMost: 4, Inferred: true, Current: "8,667"}},
		"recommendation":    {Kind: bot.KindRecommendation, Rec: &rec, RecID: "r1", Title: "Answer <customer> questions & more"},
		"roi":               {Kind: bot.KindROI, Rec: &rec},
		"feedback":          {Kind: bot.KindFeedback, Text: "Was this helpful?"},
		"error":             {Kind: bot.KindError, Text: `monthly_volume: could not read "lots"`},
	}
	for name, m := range cases {
		t.Run(name, func(t *testing.T) {
			text, blocks := blocksFor(m)
			if text == "" || len(blocks) == 0 || len(blocks) > maxBlocks {
				t.Fatalf("text %q, %d blocks", text, len(blocks))
			}
			got, err := json.MarshalIndent(goslack.Blocks{BlockSet: blocks}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "blocks", name+".json")
			if *update {
				os.MkdirAll(filepath.Dir(path), 0o755)
				if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./bot/slack -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLongTextSplitsUnderLimits(t *testing.T) {
	long := ""
	for len(long) < 20000 {
		long += "Retrieval keeps answers current because it looks the facts up at question time. "
	}
	_, blocks := blocksFor(bot.Outbound{Kind: bot.KindText, Text: long})
	if len(blocks) < 7 {
		t.Fatalf("%d blocks for 20,000 characters", len(blocks))
	}
	for _, b := range blocks {
		s := b.(*goslack.SectionBlock)
		if n := utf8.RuneCountInString(s.Text.Text); n > 3000 {
			t.Errorf("section of %d characters", n)
		}
	}
}

// TestActionIDsUniquePerBlock: Slack rejects a message whose action ids
// repeat within a block.
func TestActionIDsUniquePerBlock(t *testing.T) {
	rec := recommendation(t)
	tk, _ := advisor.LookupField(advisor.FieldAccuracy)
	for _, m := range []bot.Outbound{
		{Kind: bot.KindRecommendation, Rec: &rec},
		{Kind: bot.KindFeedback, Text: "?"},
		{Kind: bot.KindQuestion, Question: &bot.Question{Field: tk.Name, Text: tk.Question, Options: tk.Options}},
	} {
		_, blocks := blocksFor(m)
		for _, b := range blocks {
			a, ok := b.(*goslack.ActionBlock)
			if !ok {
				continue
			}
			seen := map[string]bool{}
			for _, e := range a.Elements.ElementSet {
				var id string
				switch e := e.(type) {
				case *goslack.ButtonBlockElement:
					id = e.ActionID
				case *goslack.SelectBlockElement:
					id = e.ActionID
				}
				if seen[id] {
					t.Errorf("%s: action id %q twice in block %q", m.Kind, id, a.BlockID)
				}
				seen[id] = true
				if p := actionPrefix(id); p != actionAnswer && p != actionCommand && p != actionChose {
					t.Errorf("action id %q has no known prefix", id)
				}
			}
		}
	}
}
