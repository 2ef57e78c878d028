package knowledge

import (
	"slices"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
)

// Suggest returns up to three entry ids close to a mistyped one, for a
// "did you mean" when Entry finds nothing: ids that start with it
// ("rag"), then ids that contain it or that it contains ("timelines"),
// then ids within a few typos, then ids sharing a word
// ("vendor-winddown").
func (b *Base) Suggest(id string) []string {
	ids := make([]string, len(b.entries))
	for i, e := range b.entries {
		ids[i] = e.ID
	}
	return suggest(id, ids)
}

func suggest(id string, ids []string) []string {
	type cand struct {
		id          string
		group, dist int
	}
	words := strings.Split(id, "-")
	var cands []cand
	for _, c := range ids {
		d := advisor.EditDistance(id, c)
		group := -1
		switch {
		case len(id) >= 2 && strings.HasPrefix(c, id):
			group = 0
		case len(id) >= 2 && (strings.Contains(c, id) || strings.Contains(id, c)):
			group = 1
		case d <= max(2, len(id)/3):
			group = 2
		case slices.ContainsFunc(strings.Split(c, "-"), func(p string) bool { return len(p) >= 3 && slices.Contains(words, p) }):
			group = 3
		}
		if group >= 0 {
			cands = append(cands, cand{c, group, d})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.group != b.group {
			return a.group - b.group
		}
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return strings.Compare(a.id, b.id)
	})
	var out []string
	for _, c := range cands[:min(3, len(cands))] {
		out = append(out, c.id)
	}
	return out
}
