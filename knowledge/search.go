package knowledge

import (
	"cmp"
	"slices"
)

// scratch is one search's working memory, pooled so that a steady stream of
// searches allocates only the passages it returns.
type scratch struct {
	tok     tokenizer
	terms   []span    // the query's distinct terms found in the index
	scores  []float64 // by passage; zero outside touched
	touched []int32   // passages with a non-zero score
}

// Search returns the k passages that best match query by BM25, best first;
// ties go to the passage that comes first in id order. Each passage is
// indexed with its entry's title and tags as well as its own text, so a
// query can find a paragraph by what its entry is about. Search returns nil
// when k < 1 or the query has no searchable words (empty, or only
// stopwords), and fewer than k passages when fewer match.
func (b *Base) Search(query string, k int) []Passage {
	if k < 1 || b == nil {
		return nil
	}
	ix := b.index
	s := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(s)

	s.terms = s.terms[:0]
	s.tok.each(query, func(term []byte) {
		if sp, ok := ix.terms[string(term)]; ok && !slices.Contains(s.terms, sp) {
			s.terms = append(s.terms, sp)
		}
	})
	s.touched = s.touched[:0]
	for _, sp := range s.terms {
		for _, p := range ix.postings[sp.start:sp.end] {
			if s.scores[p.doc] == 0 {
				s.touched = append(s.touched, p.doc)
			}
			s.scores[p.doc] += p.weight
		}
	}
	if len(s.touched) == 0 {
		return nil
	}
	scores := s.scores
	slices.SortFunc(s.touched, func(x, y int32) int {
		if c := cmp.Compare(scores[y], scores[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	out := make([]Passage, min(k, len(s.touched)))
	for i := range out {
		doc := s.touched[i]
		out[i] = b.passages[doc]
		out[i].Score = scores[doc]
	}
	for _, doc := range s.touched {
		scores[doc] = 0
	}
	return out
}
