package summary_test

import (
	"strings"
	"testing"

	"github.com/advisorbot/advisorbot/bot/render/rendertest"
)

// TestHostileTextStaysText: people's words in the summary's Markdown (the
// file an operator writes with --out, and what the Slack and Teams
// renderings start from) hold no control or bidi character, and make no
// link, mention or HTML: the template's own Markdown is the only markup.
func TestHostileTextStaysText(t *testing.T) {
	for _, s := range rendertest.Corpus {
		md, err := rendertest.Summary(s).Markdown()
		if err != nil {
			t.Fatal(err)
		}
		if r, bad := rendertest.Invisible(md); bad {
			t.Errorf("with %.40q the summary holds %U", s, r)
		}
		if strings.ContainsAny(md, "<>[]`") {
			t.Errorf("with %.40q the summary holds markup:\n%.400s", s, md)
		}
	}
}
