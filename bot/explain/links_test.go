package explain

import (
	"context"
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/llm"
)

const kbURL = "https://developers.openai.com/api/docs/deprecations"

func TestStripLinks(t *testing.T) {
	allowed := sources{kbURL: true}
	for _, tt := range []struct{ in, want string }{
		{"No links here.", "No links here."},
		{"See https://evil.example/x for more.", "See for more."},
		{"See https://evil.example/x.", "See."},
		{"Details at www.evil.example/prompt.", "Details at."},
		{"Read [this guide](https://evil.example/guide) first.", "Read this guide first."},
		{"Read ![logo](https://evil.example/a.png) now.", "Read logo now."},
		{"Notes at <https://evil.example/setup|our wiki>.", "Notes at our wiki."},
		{"Notes at <https://evil.example/setup>.", "Notes at."},
		{"Mail <mailto:a@evil.example|the owner>.", "Mail the owner."},
		{"Get it from bit.ly/rules today.", "Get it from today."},
		{"OpenAI's page " + kbURL + " says so.", "OpenAI's page " + kbURL + " says so."},
		{"See <" + kbURL + "|the deprecations page>.", "See <" + kbURL + "|the deprecations page>."},
		{"See [the deprecations page](" + kbURL + ").", "See [the deprecations page](" + kbURL + ")."},
		{"A near miss " + kbURL + "/extra is not the source.", "A near miss is not the source."},
		{"Costs $1.70 per hour, e.g. at 40 items.", "Costs $1.70 per hour, e.g. at 40 items."},
	} {
		if got := stripLinks(tt.in, allowed); got != tt.want {
			t.Errorf("stripLinks(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkup(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"<!channel> look", true}, {"hi <@U024BE7LH>", true}, {"see <#C012AB3CD|ml>", true},
		{"<b>bold</b>", true}, {"<at>Jane</at>", true}, {"&lt;!here&gt;", true}, {"@here listen", true},
		{"costs < $5k and > $1k", false}, {"mail jane@here.example", false}, {"<https://x.example|x>", false},
		{"under 5% of 2,000", false},
	} {
		if got := hasMarkup(tt.s); got != tt.want {
			t.Errorf("hasMarkup(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestExplainLinks: what is streamed and the final text keep the
// knowledge base's own source URLs and lose every other link; markup
// replaces the whole explanation with the rule-written one.
func TestExplainLinks(t *testing.T) {
	kb := mustKB(t)
	in := representative(t)
	for _, tt := range []struct {
		name, answer, want string
		fallback           string
	}{
		{name: "foreign link stripped", answer: "APPROACH: rag\n\nRetrieval fits; see [the guide](https://evil.example/g) and https://evil.example/x for details.",
			want: "Retrieval fits; see the guide and for details."},
		{name: "kb source kept", answer: "APPROACH: rag\n\nRetrieval keeps answers current, and fine-tuning is winding down (" + kbURL + ").",
			want: "Retrieval keeps answers current, and fine-tuning is winding down (" + kbURL + ")."},
		{name: "broadcast rejected", answer: "APPROACH: rag\n\n<!channel> Retrieval keeps answers current.", fallback: ReasonMarkup},
		{name: "mention rejected", answer: "APPROACH: rag\n\nRetrieval fits. Ask <@U123> for access.", fallback: ReasonMarkup},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := New(quiet(), Config{Model: &llm.Fake{Answer: answer(tt.answer)}, ModelName: "fake", KB: kb})
			var got collect
			x, err := e.Explain(context.Background(), in, got.delta)
			if err != nil {
				t.Fatal(err)
			}
			if x.Fallback != tt.fallback {
				t.Fatalf("fallback %q, want %q (text %q)", x.Fallback, tt.fallback, x.Text)
			}
			if tt.fallback != "" {
				return
			}
			if x.Text != tt.want || strings.TrimSpace(got.String()) != tt.want {
				t.Errorf("text %q, streamed %q; want %q", x.Text, got.String(), tt.want)
			}
		})
	}
}
