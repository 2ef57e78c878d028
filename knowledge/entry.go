package knowledge

import (
	"slices"
	"strings"
	"time"
)

// Entry is one knowledge-base article: a claim, the public sources it rests
// on and the date it was last checked against them.
type Entry struct {
	ID      string
	Title   string
	AsOf    time.Time // a date only, at midnight UTC
	Sources []string
	Tags    []string
	Body    string // the markdown after the front matter, trimmed
}

// Passage is one paragraph of an entry, as retrieval returns it. A markdown
// table or list is one passage, together with its lead line when a line
// ending in a colon introduces it, because a row read alone means little.
type Passage struct {
	EntryID string
	Title   string
	Text    string
	Score   float64 // BM25; comparable only within one search
}

// Base is a parsed knowledge base with its search index. It is immutable
// once built, so one Base may serve any number of goroutines.
type Base struct {
	entries  []Entry // sorted by id
	byID     map[string]int
	passages []Passage // Score is zero; Search fills in copies
	index    *index
}

// newBase takes ownership of entries and builds the index over their
// paragraphs.
func newBase(entries []Entry) *Base {
	slices.SortFunc(entries, func(x, y Entry) int { return strings.Compare(x.ID, y.ID) })
	b := &Base{entries: entries, byID: make(map[string]int, len(entries))}
	var texts []string
	for i, e := range entries {
		b.byID[e.ID] = i
		head := headText(e)
		for _, p := range paragraphs(e.Body) {
			b.passages = append(b.passages, Passage{EntryID: e.ID, Title: e.Title, Text: p})
			texts = append(texts, head+"\n"+p)
		}
	}
	b.index = buildIndex(texts)
	return b
}

// headText is what every passage of e is indexed with besides its own text.
// The title is repeated because it states what the whole entry is about,
// which a single paragraph often leaves implicit; tags add the vocabulary a
// person searches with but prose avoids ("vendor-risk", "no-llm").
func headText(e Entry) string {
	tags := ""
	for _, t := range e.Tags {
		tags += " " + t
	}
	return e.Title + "\n" + e.Title + "\n" + tags
}

// Entry returns the entry with the given id.
func (b *Base) Entry(id string) (Entry, bool) {
	i, ok := b.byID[id]
	if !ok {
		return Entry{}, false
	}
	return b.entries[i].clone(), true
}

// Entries returns every entry, sorted by id.
func (b *Base) Entries() []Entry {
	out := make([]Entry, len(b.entries))
	for i, e := range b.entries {
		out[i] = e.clone()
	}
	return out
}

// Has reports whether an entry with the given id exists.
func (b *Base) Has(id string) bool {
	_, ok := b.byID[id]
	return ok
}

// clone copies the slices so that a caller cannot change the Base through
// what it was given.
func (e Entry) clone() Entry {
	e.Sources = slices.Clone(e.Sources)
	e.Tags = slices.Clone(e.Tags)
	return e
}
