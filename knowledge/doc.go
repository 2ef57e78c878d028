// Package knowledge is advisorbot's built-in knowledge base: the markdown
// entries under kb/, each with an id, a title, its sources and an as-of
// date, written from public guidance and research. The advisor's reasons cite
// entries by id; the explanation layer retrieves passages from them.
//
// Loading and retrieval land with the explanation layer; until then the
// package holds the entries themselves and a test that every id the advisor
// cites exists.
package knowledge
