// Package knowledge is advisorbot's built-in knowledge base: the markdown
// entries under kb/, each with an id, a title, its sources and an as-of
// date, written from public guidance and research. The advisor's reasons cite
// entries by id; the explanation layer retrieves passages from them to
// ground what it says.
//
// Each file kb/<id>.md starts with a strict front matter, read by a small
// hand-written parser rather than a YAML library so that nothing outside
// this shape is accepted:
//
//	---
//	id: rag-for-knowledge
//	title: Missing or changing facts call for retrieval, not fine-tuning
//	as_of: 2026-11-01
//	sources:
//	  - https://platform.openai.com/docs/guides/fine-tuning
//	tags: [rag, knowledge]
//	---
//	Body paragraphs, separated by blank lines.
//
// [Load] parses the embedded entries, checks them (id equal to the file name,
// unique, a title, a valid date, at least one http(s) source, a body) and
// reports every problem at once, each naming the file and line.
//
// [Base.Search] ranks paragraphs with BM25 (k1 1.2, b 0.75), in process and
// without network. Every paragraph is indexed together with its entry's
// title (twice) and tags, so a paragraph is found by what its entry is about
// even when it does not repeat it. Terms are lowercased words split on
// anything but letters and digits; a hyphenated word also counts as its
// parts; a short stopword list is dropped and plurals, -ing and -ed are
// stripped. All weights are computed at load, so a search costs a few
// microseconds and allocates little more than its result.
package knowledge
