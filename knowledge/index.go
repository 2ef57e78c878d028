package knowledge

import (
	"math"
	"strings"
	"sync"
)

// BM25 parameters: the usual defaults, which suit passages of a few
// sentences; nothing in this corpus argues for tuning them.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// index is an inverted index over passages with the BM25 weight of every
// (term, passage) pair computed at build time. BM25's per-pair weight does
// not depend on the query, so a search is only lookups and additions.
type index struct {
	terms    map[string]span // term -> its postings
	postings []posting       // grouped by term
	scratch  sync.Pool       // *scratch, sized for this index
}

type span struct{ start, end int32 }

type posting struct {
	doc    int32
	weight float64
}

// buildIndex indexes one text per passage; passage i is doc i.
func buildIndex(texts []string) *index {
	var (
		tok   tokenizer
		tfs   = make([]map[string]int, len(texts))
		lens  = make([]int, len(texts))
		total = 0
		df    = map[string]int{}
		order []string // terms in first-seen order, for a stable layout
	)
	for i, text := range texts {
		tf := map[string]int{}
		tok.each(text, func(term []byte) {
			tf[string(term)]++
			lens[i]++
		})
		for term := range tf {
			if df[term] == 0 {
				order = append(order, term)
			}
			df[term]++
		}
		tfs[i] = tf
		total += lens[i]
	}
	n := float64(len(texts))
	avgLen := float64(total) / max(n, 1)

	ix := &index{terms: make(map[string]span, len(order))}
	for _, term := range order {
		at := int32(len(ix.postings))
		ix.postings = append(ix.postings, make([]posting, df[term])...)
		ix.terms[term] = span{at, at} // end advances as the postings fill
	}
	for doc, tf := range tfs {
		norm := bm25K1 * (1 - bm25B + bm25B*float64(lens[doc])/avgLen)
		for term, f := range tf {
			s := ix.terms[term]
			idf := math.Log(1 + (n-float64(df[term])+0.5)/(float64(df[term])+0.5))
			ix.postings[s.end] = posting{int32(doc), idf * float64(f) * (bm25K1 + 1) / (float64(f) + norm)}
			s.end++
			ix.terms[term] = s
		}
	}
	docs := len(texts)
	ix.scratch.New = func() any { return &scratch{scores: make([]float64, docs)} }
	return ix
}

// paragraphs splits a markdown body into passages at blank lines. A table
// or list keeps its lead line when that line stands alone ending in a colon,
// and a heading joins the paragraph it introduces, because neither reads on
// its own.
func paragraphs(body string) []string {
	var blocks []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, "\n"))
			cur = cur[:0]
		}
	}
	for line := range strings.SplitSeq(body, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		cur = append(cur, strings.TrimRight(line, " \t\r"))
	}
	flush()

	var out []string
	heading := ""
	for _, b := range blocks {
		if heading != "" {
			b = heading + "\n\n" + b
			heading = ""
		}
		if strings.HasPrefix(b, "#") && !strings.Contains(b, "\n") {
			heading = b
			continue
		}
		if len(out) > 0 && isStructured(b) {
			prev := out[len(out)-1]
			if !strings.Contains(prev, "\n") && strings.HasSuffix(prev, ":") {
				out[len(out)-1] = prev + "\n\n" + b
				continue
			}
		}
		out = append(out, b)
	}
	if heading != "" {
		out = append(out, heading)
	}
	return out
}

// isStructured reports whether a block is a markdown table or list.
func isStructured(block string) bool {
	t := strings.TrimLeft(block, " ")
	if strings.HasPrefix(t, "|") || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") {
		return true
	}
	digits := len(t) - len(strings.TrimLeft(t, "0123456789"))
	return digits > 0 && strings.HasPrefix(t[digits:], ". ")
}
