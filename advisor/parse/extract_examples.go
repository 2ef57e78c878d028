package parse

import "github.com/advisorbot/advisorbot/advisor"

// Reading counts of finished past work as labeled examples.

// People rarely say "labeled". They count finished items that kept their
// outcome: "12k resolved disputes with the final decision", "about 3,000 past
// tickets with the right category", "our editors have approved ~6,000
// descriptions". Such items are input-to-output examples, the thing
// labeled_examples measures. A count is read that way when the items are
// said to be done (a participle such as "resolved" or "approved" before the
// count, in its nouns or just after them), or said to be past ("historical",
// "previous") and kept with an outcome ("with the final decision"). A count
// with a period ("12k tickets a month") is a volume and never reaches here;
// a count after a verb of intake ("we get 12k resolved tickets") describes
// incoming work, not a store of examples, and is not read.

var (
	// Participles that make an item finished, with its outcome on record.
	xDoneWords = wordSet("resolved", "closed", "solved", "answered", "approved", "reviewed", "graded", "scored",
		"rated", "coded", "tagged", "categorized", "categorised", "classified", "annotated", "translated",
		"corrected", "edited", "decided", "settled", "adjudicated", "processed", "redacted", "summarized",
		"summarised", "transcribed", "verified", "validated", "audited", "triaged", "routed", "finalized",
		"finalised", "reconciled", "handled", "done", "completed", "written", "drafted")
	// Adjectives that put items in the past without saying they are done.
	xHistoryWords = wordSet("past", "historical", "historic", "previous", "prior", "old", "older", "archived",
		"earlier", "existing", "legacy", "history", "archive")
	// What a finished item keeps: its outcome.
	xOutcomeNouns = wordSet("decision", "decisions", "category", "categories", "answer", "answers", "outcome",
		"outcomes", "label", "labels", "code", "codes", "coding", "resolution", "resolutions", "reply", "replies",
		"response", "responses", "translation", "translations", "summary", "summaries", "result", "results",
		"verdict", "verdicts", "queue", "queues", "class", "classes", "tag", "tags", "ruling", "rulings", "rating",
		"ratings", "score", "scores", "grade", "grades", "fix", "fixes", "correction", "corrections",
		"classification", "classifications", "disposition", "dispositions", "truth", "approval", "approvals",
		"assignment", "assignments", "team")
	// Words for a store of examples: "a labelled set of 2k".
	xCollections = wordSet("set", "dataset", "corpus", "collection", "sample", "archive", "history", "bank",
		"library")
	// Words that introduce what an item is kept with.
	xWithWords = wordSet("with", "incl", "including", "plus", "and", "alongside")
	xHaveWords = wordSet("have", "has", "had", "got", "keep", "kept", "hold", "own", "store", "stored")
	// Verbs of incoming work: what follows is a volume or a task, not a store.
	xIntakeVerbs = wordSet("get", "gets", "getting", "receive", "receives", "receiving", "handle", "handles",
		"process", "processes", "see", "sees", "do", "does", "field", "fields", "take", "takes", "answer",
		"review", "reviews", "write", "writes", "send", "sends", "classify", "route", "translate", "summarize",
		"summarise", "tag", "label", "code", "draft", "need", "needs", "want", "expect", "expects")
	// Words that may sit between a verb and its count: "have approved ~6,000".
	xCountFill = wordSet("about", "around", "roughly", "approximately", "approx", "abt", "over", "nearly",
		"almost", "some", "like", "already", "more", "than", "at", "least", "close", "to", "just", "well",
		"easily", "upwards", "of", "all", "ish", "circa", "ca")
	// Words between a noun and a participle after it: "tickets we've already resolved".
	xPostFill = wordSet("that", "which", "were", "was", "have", "has", "had", "been", "already", "all", "we",
		"weve", "they", "theyve", "our", "by", "since", "ive", "i", "id", "wed")
	// Counts of these are not items of work.
	xNonItems = wordSet("team", "teams", "department", "departments", "office", "offices", "site", "sites",
		"region", "regions", "country", "countries", "language", "languages", "location", "locations", "branch",
		"branches", "market", "markets", "system", "systems", "tool", "tools", "vendor", "vendors", "meeting",
		"meetings", "step", "steps", "field", "fields", "column", "columns", "category", "categories", "queue",
		"queues", "type", "types", "option", "options", "model", "models", "version", "versions", "template",
		"templates", "rule", "rules", "times", "percent", "pct", "fold", "year", "years", "month", "months",
		"reviewer", "reviewers", "approver", "approvers", "editor", "editors", "auditor", "auditors", "adjuster",
		"adjusters", "underwriter", "underwriters", "translator", "translators", "writer", "writers",
		"moderator", "moderators", "operator", "operators", "manager", "managers", "supervisor", "supervisors",
		"dispatcher", "dispatchers", "admin", "admins", "intern", "interns", "doctor", "doctors", "clinician",
		"clinicians", "technician", "technicians", "planner", "planners", "buyer", "buyers", "driver",
		"drivers", "human", "humans", "us", "hires", "heads", "licenses", "licences")
)

// notItems reports whether the nouns in tokens [a, b) count people or
// things that are not items of work ("3 agents", "12 categories").
func (x *extractor) notItems(a, b int) bool {
	for k := a; k < b; k++ {
		if w := x.word(k); xNonItems[w] || xPersonWords[w] {
			return true
		}
	}
	return false
}

// pastWork is what is said about a count of items: where its evidence
// starts (a) and ends (b), and whether the items are done, in the past,
// kept by someone (have) or outcomes themselves ("8k decisions").
type pastWork struct {
	a, b                      int
	done, past, have, outcome bool
}

// readPastExamples reads the count in tokens [i, e), with nouns [n0, n1), as
// labeled examples when it counts finished past items. It returns the token
// after what it used, and false when the count is something else.
func (x *extractor) readPastExamples(i, e, n0, n1 int) (int, bool) {
	w := pastWork{a: i, b: n1}
	if !x.pastVerb(i, &w) {
		return 0, false
	}
	x.pastNouns(n0, n1, &w)
	if k := x.doneAfter(n1, i); k >= 0 {
		w.done, w.b = true, k+1
	}
	if !w.done && (x.openingBracket(i) || x.afterHistorySpan(i)) { // "two years of approved translations (~40k segments)", "Resolved tickets: ~12k"
		if k := x.doneBefore(i); k >= 0 {
			w.done, w.a = true, k
		}
	}
	if !w.done && !(w.outcome && w.past) {
		k := x.outcomeAfter(min(n0+1, n1), i)
		if k < 0 || !(w.past || w.have) {
			return 0, false
		}
		w.b = max(k+1, n1)
	}
	x.setParsed(advisor.FieldLabeledExamples, x.span(i, e), w.a, max(w.b, n1))
	x.exampleSent = x.toks[i].sent + 1
	return max(w.b, n1), true
}

// pastVerb reads the word before the count at token i into w. It reports
// false for a verb of intake ("we get 12k resolved tickets"): that count is
// incoming work, not a store of examples.
func (x *extractor) pastVerb(i int, w *pastWork) bool {
	k := x.verbBefore(i)
	if k < 0 {
		return true
	}
	switch v := x.word(k); {
	case xIntakeVerbs[v]:
		return false
	case xCollections[v]: // "a labelled set of 2k", "a history of ~8k decisions"
		w.past = v == "history" || v == "archive"
		for j := k - 1; j >= k-3 && x.inClause(k, j); j-- {
			if xDoneWords[x.word(j)] || xLabelNouns[x.word(j)] || xHistoryWords[x.word(j)] {
				w.done, w.a = true, j
				break
			}
		}
	case xDoneWords[v]:
		w.done, w.a = true, k
		switch x.word(k - 1) {
		case "have", "has", "weve", "theyve":
			w.a = k - 1
		}
	case xHaveWords[v] || v == "weve" || v == "theyve" || v == "ive":
		w.have = true
	}
	return true
}

// pastNouns reads the nouns [n0, n1) of a count into w.
func (x *extractor) pastNouns(n0, n1 int, w *pastWork) {
	for k := n0; k < n1; k++ {
		// A participle followed by a count is a verb with its object, about
		// other items: "5 reviewers handled 2,000 tickets".
		w.done = w.done || xDoneWords[x.word(k)] && !x.startsNumber(k+1)
		w.past = w.past || xHistoryWords[x.word(k)]
		w.outcome = w.outcome || xOutcomeNouns[x.word(k)] && k == n1-1
	}
}

// doneBefore finds a participle or a word of history shortly before the
// count at token i, in its sentence and back to the number before it.
func (x *extractor) doneBefore(i int) int {
	for k := i - 1; k >= i-8 && x.inSentence(i, k) && x.toks[k].kind != tokNum; k-- {
		if xDoneWords[x.word(k)] || xHistoryWords[x.word(k)] {
			return k
		}
	}
	return -1
}

// verbBefore returns the word before the count at token i, past the hedges
// and articles that may sit between them, or -1.
func (x *extractor) verbBefore(i int) int {
	k := i - 1
	for n := 0; n < 4 && x.inClause(i, k) && (x.toks[k].kind == tokSym || xCountFill[x.word(k)]); n++ {
		k--
	}
	if x.inClause(i, k) && x.toks[k].kind == tokWord {
		return k
	}
	return -1
}

// doneAfter finds a participle just after the nouns ending at token c:
// "tickets we've already resolved", "descriptions approved by editors".
func (x *extractor) doneAfter(c, i int) int {
	for k := c; k < c+5 && x.inClause(i, k) && x.toks[k].kind == tokWord; k++ {
		w := x.word(k)
		if xDoneWords[w] {
			return k
		}
		if !xPostFill[w] {
			return -1
		}
	}
	return -1
}

// outcomeAfter finds what the items at token c are kept with, "with the
// final decision", "and their categories", "have the adjuster's coding",
// and returns the outcome noun, or -1. A negated outcome ("that don't have
// the category") does not count.
func (x *extractor) outcomeAfter(c, i int) int {
	for k := c; k < c+8 && x.goesOn(i, k); k++ {
		w := x.word(k)
		if !xWithWords[w] && !xHaveWords[w] {
			continue
		}
		for o := k + 1; o < k+6 && x.inClause(k, o) && x.toks[o].kind != tokNum; o++ {
			if xOutcomeNouns[x.word(o)] {
				for n := c; n < o; n++ {
					if xNegators[x.word(n)] {
						return -1
					}
				}
				return o
			}
		}
	}
	return -1
}

// goesOn reports whether token k continues what the count at token i
// describes: its clause, or a next one that opens with "each with" or
// "all with" ("3k past tickets, each with the right category").
func (x *extractor) goesOn(i, k int) bool {
	if !x.inSentence(i, k) || x.toks[k].kind == tokNum {
		return false
	}
	for j := k; j > i && !x.inClause(i, j); {
		s := j
		for s > 0 && x.toks[s-1].clause == x.toks[j].clause {
			s--
		}
		if w := x.word(s); w != "each" && w != "all" && w != "with" && w != "incl" && w != "including" {
			return false
		}
		j = s - 1
	}
	return true
}

// openingBracket reports whether the count at token i opens a bracket or
// follows a label, as an aside about what came before: "(~40k segments)",
// "Resolved tickets: ~12k".
func (x *extractor) openingBracket(i int) bool {
	k := i
	for k > 0 && x.toks[k-1].kind == tokSym && x.inClause(i, k-1) {
		k--
	}
	if x.inClause(i, k-1) {
		return false
	}
	for p := x.toks[k].start - 1; p >= 0; p-- {
		switch x.text[p] {
		case ' ', '\t':
			continue
		case '(', '[', ':':
			return true
		}
		return false
	}
	return false
}

// afterHistorySpan reports whether the count at token i opens a clause that
// follows "N years of ...": "2 yrs of tagged data, ~15k rows".
func (x *extractor) afterHistorySpan(i int) bool {
	if x.inClause(i, i-1) && x.toks[i-1].kind != tokSym {
		return false
	}
	for k := i - 1; k >= i-8 && x.inSentence(i, k); k-- {
		if x.word(k) == "of" && x.spanUnit(k-1) {
			return true
		}
	}
	return false
}

// spanUnit reports whether token k is a unit of a span of time in months or more.
func (x *extractor) spanUnit(k int) bool {
	switch x.word(k) {
	case "year", "years", "yr", "yrs", "month", "months", "mo", "mos", "mth", "mths":
		return true
	}
	return false
}

// isYear reports whether the number at token i is a year: four digits
// between 1900 and 2099 after a word that introduces dates.
func (x *extractor) isYear(i int) bool {
	t := &x.toks[i]
	if t.kind != tokNum || len(t.text) != 4 {
		return false
	}
	y := atoiDigits(t.text)
	if y < 1900 || y > 2099 {
		return false
	}
	switch x.word(i - 1) {
	case "since", "in", "from", "until", "till", "before", "after", "during", "fy", "circa", "mid", "early", "late", "year":
		return true
	case "of", "end":
		return !x.isNoun(i + 1)
	}
	return false
}

func atoiDigits(s string) int {
	n := 0
	for i := 0; i < len(s) && isDigitByte(s[i]); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
