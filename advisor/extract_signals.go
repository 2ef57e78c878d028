package advisor

import (
	"slices"
	"strings"
)

// Keyword signals. Each cue is a phrase over tokens that votes for one value
// of one field. A cue that is negated ("no PII", "HIPAA does not apply") or
// hedged ("not sure whether", a question) does not vote, except where the
// negated phrase is itself an explicit answer ("not regulated", "without
// human review"), which votes for its neg value. A field is set only when its
// votes agree (or, for levels, can be ranked), because a description that
// points two ways is better asked about than guessed.
//
// Phrase syntax: words separated by spaces; "*" skips up to three words;
// "^word" must be written in capitals (SEC, not sec); "?word" is ignored
// after words about input ("receive JSON"); leading "!a|b" words may not
// come just before the phrase and trailing ones just after it.

// cueSpec lists phrases that vote val for a field, or neg when negated.
// An empty val votes only when negated; an empty neg means a negated phrase
// does not vote at all.
type cueSpec struct {
	field, val, neg string
	phrases         []string
}

// Pseudo-fields that feed the resolvers of knowledge, prompt_baseline,
// labeled_examples and timeline_weeks rather than setting a field directly.
const (
	cueKnowledge = "_knowledge"
	cueBaseline  = "_baseline"
	cueLabel     = "_label"
	cueQuarter   = "_quarter"
)

var cueSpecs = []cueSpec{
	{FieldRegulated, "yes", "", []string{"hipaa", "gdpr", "sox", "sarbanes oxley", "pci", "finra", "^sec", "^fca",
		"mifid", "glba", "ferpa", "ccpa", "^fda", "eu ai act", "ai act", "hitech", "coppa", "itar", "regulator",
		"regulators", "audited by", "audit by", "regulatory audit", "regulatory audits"}},
	{FieldRegulated, "yes", "no", []string{"regulated", "regulatory", "regulatory requirements", "compliance requirements"}},
	{FieldRegulated, "", "no", []string{"regulation", "regulations", "regulatory obligations"}},
	{FieldRegulated, "no", "", []string{"unregulated"}},

	{FieldCitationsRequired, "yes", "no", []string{"cite", "cites", "citing", "citation", "citations", "with sources",
		"with the source", "with a source", "with their sources", "source links", "link to the source",
		"link to the policy", "links to the source", "links to the sources", "link to the relevant",
		"reference the clause", "references the clause", "reference the policy", "quote the clause",
		"quote the policy", "show the source", "show sources", "include sources", "include the source",
		"point to the source", "name the source"}},

	{FieldHumanReview, "yes", "no", []string{"reviewed by", "review by", "checked by", "approved by", "signed off by",
		"person checks", "person reviews", "human checks", "human reviews", "someone checks", "someone reviews",
		"human in the loop", "human review", "human approval", "manual review", "manually reviewed", "agent approves",
		"agents approve", "before sending", "before it is sent", "before its sent",
		"before it goes out", "before they go out", "before they are sent", "before anything is sent",
		"before it reaches the customer", "before publishing", "before it is published", "before they are published",
		"signs off", "sign off"}},
	{FieldHumanReview, "no", "", []string{"sent automatically", "sent out automatically", "send automatically",
		"sends automatically", "automatically sent", "automatically send", "automatically sends",
		"goes out automatically", "go out automatically", "published automatically", "automatically published",
		"without review", "without any review", "without a human", "no human !can|could|would|will|is|has",
		"no one checks", "nobody checks", "no one reviews", "nobody reviews", "unreviewed", "auto send", "auto sent"}},

	{FieldSelfHostingOK, "yes", "no", []string{"on prem", "on premise", "on premises", "onprem", "self host",
		"self hosted", "self hosting", "selfhosted", "open weight", "open weights", "open source model",
		"open source models", "open source llm", "open source llms", "open models", "our own gpus", "own gpus",
		"our own servers", "our own hardware", "our own data center", "our own data centre", "run locally",
		"run it locally", "run models locally", "runs locally", "hosted locally", "locally hosted"}},
	{FieldSelfHostingOK, "yes", "", []string{"llama", "mistral locally", "run mistral"}},
	{FieldSelfHostingOK, "no", "", []string{"cloud only", "only cloud", "saas only", "no gpus"}},

	{FieldRulesExpressible, "yes", "no", []string{"rule based", "rules based", "simple rules", "if then",
		"lookup table", "look up table", "lookup tables", "decision table", "decision tables", "a few rules",
		"fixed rules", "clear rules", "deterministic rules", "structured data in a spreadsheet",
		"structured data in spreadsheets", "structured data in a database", "structured data in our database"}},
	{FieldRulesExpressible, "no", "", []string{"no rules could", "no rule could", "no set of rules", "rules cant",
		"rules cannot", "rules can not", "rules dont work", "rules do not work", "rules wouldnt work",
		"rules would not work", "rules wont work", "too complex for rules", "cant be expressed as rules",
		"cannot be expressed as rules", "cannot be captured by rules", "cant be captured in rules",
		"rules break down", "rules fail", "rules failed"}},

	{FieldDataSensitivity, "confidential", "", []string{"pii", "personal data", "personal information",
		"personally identifiable", "personal details", "customer data", "employee data", "employee records",
		"confidential"}},
	{FieldDataSensitivity, "restricted", "", []string{"highly confidential", "strictly confidential",
		"health records", "health data", "health information", "medical records", "medical data",
		"medical history", "phi", "patient data", "patient records", "patient notes", "patient information",
		"patient files", "patient charts", "patient details", "patients", "card numbers", "card data",
		"credit card numbers", "credit card details", "cardholder data", "payment card data",
		"social security number", "social security numbers", "ssn", "ssns", "passport numbers",
		"bank account numbers", "hipaa", "pci", "special category data", "biometric"}},
	{FieldDataSensitivity, "public", "", []string{"public data", "publicly available data", "open data",
		"published data"}},

	{FieldLatency, "realtime", "", []string{"real time !data|inventory|prices|pricing|information|info|updates|stock|feed|dashboard|dashboards|analytics|reporting|reports|view|status|visibility|insights|tracking",
		"realtime !data|inventory|prices|pricing|information|updates|stock|dashboard|analytics|reporting",
		"instantly", "within a second", "under a second", "sub second", "in milliseconds", "within milliseconds"}},
	{FieldLatency, "interactive", "", []string{"while the customer waits", "while customers wait", "while they wait",
		"while the caller waits", "while the caller is on the line", "while on the phone", "while on the call",
		"during the call", "live chat", "within seconds", "in a few seconds", "within a few seconds", "in seconds"}},
	{FieldLatency, "batch", "", []string{"overnight", "nightly", "every night", "each night", "batch", "batches", "batched", "end of day",
		"end of the day", "next day", "next business day", "once a day", "no rush", "not urgent",
		"not time sensitive", "not time critical"}},

	{FieldAccuracy, "critical", "", []string{"100 % accurate", "100 % accuracy", "100 percent accurate",
		"100 percent accuracy", "zero tolerance", "legal liability", "patient safety", "life threatening",
		"life or death", "safety critical", "mission critical", "no room for error", "must never be wrong",
		"accuracy is critical"}},
	{FieldAccuracy, "high", "", []string{"high accuracy", "highly accurate", "very accurate", "mistakes are costly",
		"errors are costly", "mistakes are expensive", "errors are expensive", "costly mistakes", "costly errors",
		"expensive mistakes", "mistakes are very costly", "errors are very costly", "accuracy matters",
		"accuracy is important", "accuracy is very important", "cannot afford mistakes", "cant afford mistakes",
		"cant afford errors", "cannot afford errors"}},
	{FieldAccuracy, "low", "", []string{"rough is fine", "roughly right is fine", "rough answers are fine",
		"mistakes are fine", "mistakes are ok", "mistakes are okay", "mistakes are acceptable", "errors are fine",
		"errors are ok", "errors are okay", "errors are acceptable", "low stakes", "doesnt have to be perfect",
		"does not have to be perfect", "doesnt need to be perfect", "does not need to be perfect",
		"need not be perfect"}},

	{FieldDomain, "specialized", "", []string{"legal documents", "legal docs", "legal contracts", "legal language",
		"legal text", "legal texts", "legal terms", "legal jargon", "legal clauses", "legal filings", "legal briefs",
		"legal opinions", "legal memos", "legal agreements", "legal review", "legal research", "legalese",
		"medical records", "medical notes", "medical reports", "medical terminology", "medical codes",
		"medical coding", "medical claims", "medical documents", "medical jargon", "medical language",
		"medical literature", "medical texts", "medical histories", "clinical", "jargon", "technical manuals",
		"technical documentation", "technical specifications", "technical terminology", "technical terms",
		"specialist terminology", "scientific papers", "scientific literature"}},
	{FieldDomain, "niche", "", []string{"rare language", "rare languages", "dialect", "dialects",
		"proprietary format", "proprietary formats", "proprietary notation", "domain specific language",
		"low resource language", "low resource languages", "internal jargon", "in house jargon", "legacy format",
		"legacy formats", "custom notation"}},

	{FieldOutputConsistency, "strict", "", []string{"?json", "?xml", "fixed format", "exact template", "strict schema",
		"exact format", "fixed schema", "json schema", "strict format", "structured output", "exact schema",
		"fixed template", "strict template", "exact same format", "strict formatting"}},
	{FieldOutputConsistency, "consistent", "", []string{"brand voice", "same tone", "consistent tone",
		"tone of voice", "house style", "style guide", "our tone", "on brand", "same style", "consistent style",
		"brand guidelines", "company voice"}},

	{FieldTask, "classify", "", []string{"classify", "classifies", "classifying", "classified", "classification !policy|level|levels",
		"categorize", "categorizes", "categorizing", "categorized", "categorization", "categorise",
		"categorises", "categorising", "categorised", "categorisation", "route !planning|optimization|optimisation|number|numbers",
		"routes !planning", "routed", "routing !number|numbers", "triage", "triages", "triaging", "triaged", "!price tag !line", "tagging", "!shipping|address|mailing|price|white|private|record|care label !data|examples",
		"!shipping|address|mailing|price|private labels !data|examples", "labeling !data|examples",
		"labelling !data|examples", "sort !of|by", "sorts !of", "sorted !by", "sorting !by"}},
	{FieldTask, "extract", "", []string{"extract", "extracts", "extracting", "extraction", "pull out", "pulls out",
		"pulling out", "capture fields", "capture the fields", "capture data", "capture key fields", "parse",
		"parses", "parsing", "read * into", "type * into", "data entry", "key in", "keying in"}},
	{FieldTask, "summarize", "", []string{"summarize", "summarizes", "summarizing", "summarized", "summarise",
		"summarises", "summarising", "summarised", "summary", "summaries", "recap", "recaps", "sum up", "sums up",
		"tl dr", "tldr", "condense", "condenses"}},
	{FieldTask, "draft", "", []string{"first draft", "first drafts", "draft a", "draft an", "respond to * emails",
		"reply to * emails", "respond to * reviews", "reply to * reviews", "respond to * complaints"}},
	{FieldTask, "answer", "", []string{"questions from", "questions about", "faq", "faqs", "q and a",
		"question answering", "respond to * questions", "responding to * questions", "reply to * questions"}},
	{FieldTask, "converse", "", []string{"chatbot", "chatbots", "chat bot", "chat bots", "chat with",
		"conversational", "conversation with", "conversations with", "virtual assistant", "virtual agent",
		"assistant that talks", "assistant that chats", "voice assistant", "voicebot", "voice bot",
		"hold a conversation", "have a conversation"}},
	{FieldTask, "code", "", []string{"sql", "write code", "writes code", "writing code", "generate code",
		"generates code", "generating code", "code generation", "code review", "code reviews", "reviewing code",
		"programming", "scripting", "write scripts", "writing scripts", "python scripts", "bash scripts",
		"powershell scripts", "unit tests"}},
	{FieldTask, "translate", "", []string{"translate", "translates", "translating", "translated", "translation",
		"translations", "localize", "localise", "localizing", "localising", "localization", "localisation"}},
	{FieldTask, "decide", "", []string{"decide", "decides", "deciding", "approve or reject", "approve or deny",
		"approve or decline", "accept or reject", "approves or rejects", "approving or rejecting", "eligibility",
		"eligible", "adjudicate", "adjudicates", "adjudicating", "adjudication", "whether to approve"}},

	{cueKnowledge, "source", "", []string{"wiki", "wikis", "knowledge base", "knowledge bases", "knowledgebase",
		"confluence", "sharepoint", "intranet", "internal docs", "internal documentation", "internal documents",
		"internal guidelines", "our docs", "our documentation", "policy !is|requires|says|of",
		"!insurance policies", "handbook", "handbooks", "product catalogue", "product catalog",
		"contracts database", "contract database", "price list", "price lists", "runbook", "runbooks", "playbook",
		"playbooks", "sops", "standard operating procedures"}},
	{cueKnowledge, "web", "", []string{"public website", "our website", "company website", "the website",
		"public web pages"}},
	{cueKnowledge, "public", "", []string{"public regulations", "public documentation", "public docs",
		"publicly available information", "publicly available documents", "publicly available data",
		"public sources", "government websites", "government guidance", "published regulations",
		"published guidance", "public information"}},
	{cueKnowledge, "live", "", []string{"latest prices", "latest pricing", "current prices", "current pricing",
		"current inventory", "live inventory", "stock levels", "inventory levels", "order status",
		"real time inventory", "live data", "up to date prices", "current stock"}},
	{cueKnowledge, "change", "", []string{"change !request|requests|management|log|logs|control|tickets",
		"changes !request|requests|to", "changing", "changed", "update", "updates", "updated", "updating",
		"revised", "revise", "revises", "evolve", "evolves", "evolving"}},
	{cueKnowledge, "none", "", []string{"needs no outside information", "no outside information",
		"no external information", "no outside knowledge", "no external knowledge", "no additional information",
		"no extra information", "no other information", "no background knowledge", "everything it needs is in",
		"all the information is in", "all the information needed is in", "self contained"}},

	{cueBaseline, "untried", "", []string{"havent tried", "have not tried", "never tried", "not tried",
		"not yet tried", "didnt try", "did not try", "havent tested", "have not tested", "havent experimented",
		"not experimented", "havent used", "have not used", "never used", "not yet used"}},
	{cueBaseline, "plateaued", "", []string{"plateau", "plateaued", "plateaus", "plateauing", "not good enough",
		"isnt good enough", "wasnt good enough", "arent good enough", "not accurate enough", "keeps getting",
		"keep getting", "kept getting", "gets * wrong", "got * wrong", "get * wrong", "too many errors",
		"too many mistakes", "falls short", "fell short", "hit a wall", "stuck at", "doesnt work", "didnt work",
		"does not work", "did not work", "not reliable enough", "hallucinates", "hallucinated", "hallucinating"}},
	{cueBaseline, "good_enough", "", []string{"does this well", "does it well", "already does", "works well",
		"works fine", "works great", "good enough", "does a good job", "prompting works", "it works",
		"already works", "handles this well", "handles it well", "is accurate enough"}},

	{cueLabel, "", "zero", []string{"labeled", "labelled", "annotated", "training data", "training examples",
		"examples"}},
	{cueLabel, "zero", "", []string{"unlabeled", "unlabelled"}},

	{cueQuarter, "yes", "", []string{"by the end of the quarter", "by the end of this quarter", "by end of quarter",
		"by end of the quarter", "by end of this quarter", "by the end of quarter", "before the end of the quarter",
		"before the end of this quarter", "by quarter end", "by the quarter end", "by eoq"}},
}

// draftObjects and answerObjects complete the verbs of draft and answer
// cues: "write personalised replies", "answer employee questions".
var (
	draftVerbs   = []string{"draft", "drafts", "drafting", "write", "writes", "writing", "compose", "composes", "composing", "generate", "generates", "generating"}
	draftObjects = []string{"reply", "replies", "response", "responses", "email", "emails", "letter", "letters",
		"message", "messages", "post", "posts", "description", "descriptions", "proposal", "proposals",
		"outreach", "announcements", "newsletters", "answers"}
	answerVerbs   = []string{"answer", "answers", "answering", "answered"}
	answerObjects = []string{"questions", "queries", "inquiries", "enquiries"}
)

// Words that shape how a cue is read.
var (
	xNegators = wordSet("no", "not", "never", "without", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt",
		"werent", "havent", "hasnt", "hadnt", "wont", "wouldnt", "cant", "cannot", "couldnt", "shouldnt", "nobody",
		"none", "neither", "nor", "non", "zero", "lack", "lacks")
	xWeakNegators = wordSet("rarely", "seldom", "hardly", "barely")
	// "no more than 300" is an amount, "not only HIPAA" an addition.
	xNegationExits = wordSet("more", "less", "fewer", "longer", "only", "than", "just", "later")
	xHedges        = wordSet("if", "whether", "maybe", "might", "perhaps", "possibly", "unsure", "unclear", "unless",
		"wonder", "wondering", "hopefully", "ideally")
	// Before an amount, "maybe 1,000" is an estimate; only a condition makes it hypothetical.
	xAmountHedges  = wordSet("if", "whether", "unless", "wonder", "wondering")
	xAfterNegators = wordSet("not", "doesnt", "dont", "isnt", "arent", "wasnt", "werent", "never", "unnecessary",
		"irrelevant", "optional")
	xInputWords = wordSet("from", "receive", "receives", "received", "incoming", "input", "inputs", "ingest", "api",
		"read", "reads", "parse", "parses", "uploaded", "upload", "payload", "payloads")
	xPresentWords = wordSet("today", "currently", "presently", "nowadays")
	xPartialWords = wordSet("%", "percent", "some", "spot", "sample", "samples", "sampled", "occasionally",
		"sometimes", "random", "randomly", "few", "subset", "share", "fraction", "portion")
	xKnowledgeVerbs = wordSet("depend", "depends", "based", "according", "look", "looks", "lookup", "refer",
		"refers", "consult", "consults", "check", "checks", "search", "searches", "rely", "relies", "uses",
		"use", "using", "draw", "draws", "come", "comes", "found", "answers", "answer", "cite", "need", "needs")
	xPronouns = wordSet("it", "they", "these", "those", "this", "which")
	xAnchors  = wordSet("prompt", "prompts", "prompting", "prompted", "chatgpt", "gpt", "claude", "gemini",
		"copilot", "llm", "llms", "ai", "genai", "openai", "model", "models")
)

// cuePattern is one compiled phrase.
type cuePattern struct {
	words            []string
	notPrev, notNext map[string]bool
	caps, guarded    bool
	field, val, neg  string
}

// cueTable holds the compiled phrases and, by first word, which to try.
type cueTable struct {
	patterns []cuePattern
	byFirst  map[string][]int
}

// xCues is built once and only read afterwards.
var xCues = compileCues()

func compileCues() cueTable {
	specs := slices.Clone(cueSpecs) // the table itself is never appended to
	for _, v := range draftVerbs {
		specs = append(specs, cueSpec{FieldTask, "draft", "", prefixed(v+" * ", draftObjects)})
	}
	for _, v := range answerVerbs {
		specs = append(specs, cueSpec{FieldTask, "answer", "", prefixed(v+" * ", answerObjects)})
	}
	t := cueTable{byFirst: make(map[string][]int, 512)}
	for _, s := range specs {
		for _, ph := range s.phrases {
			p := cuePattern{field: s.field, val: s.val, neg: s.neg}
			words := strings.Fields(ph)
			for len(words) > 0 && strings.HasPrefix(words[0], "!") {
				p.notPrev = addWords(p.notPrev, words[0][1:])
				words = words[1:]
			}
			for len(words) > 0 && strings.HasPrefix(words[len(words)-1], "!") {
				p.notNext = addWords(p.notNext, words[len(words)-1][1:])
				words = words[:len(words)-1]
			}
			if len(words) == 0 {
				continue
			}
			if w, ok := strings.CutPrefix(words[0], "^"); ok {
				words[0], p.caps = w, true
			}
			if w, ok := strings.CutPrefix(words[0], "?"); ok {
				words[0], p.guarded = w, true
			}
			p.words = words
			t.byFirst[words[0]] = append(t.byFirst[words[0]], len(t.patterns))
			t.patterns = append(t.patterns, p)
		}
	}
	return t
}

func prefixed(prefix string, words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = prefix + w
	}
	return out
}

func addWords(m map[string]bool, alternatives string) map[string]bool {
	if m == nil {
		m = make(map[string]bool)
	}
	for _, w := range strings.Split(alternatives, "|") {
		m[w] = true
	}
	return m
}

// cueHit is one phrase found in the text, at tokens [a, b).
type cueHit struct {
	p    *cuePattern
	a, b int
	pol  polarity
}

// polarity is how the words around a phrase or an amount qualify it.
type polarity struct{ negated, weak, hedged bool }

// polarity reads the words just before tokens [a, b) in their clause, and
// for a phrase (b > a) the words just after: "HIPAA does not apply".
func (x *extractor) polarity(a, b int) polarity {
	var p polarity
	if a < 0 || a >= len(x.toks) {
		return p
	}
	if s := x.toks[a].sent; s < len(x.questions) && x.questions[s] {
		p.hedged = true
	}
	for k := a - 1; k >= a-8 && x.inClause(a, k); k-- {
		w := x.word(k)
		switch {
		case xHedges[w] && (b > a || xAmountHedges[w]), (w == "sure" || w == "certain") && xNegators[x.word(k-1)]:
			p.hedged = true
		case k >= a-3 && xNegators[w] && !xNegationExits[x.word(k+1)]:
			p.negated = true
		case k >= a-2 && xWeakNegators[w]:
			p.weak = true
		}
	}
	for k := b; b > a && k < b+3 && x.inClause(a, k); k++ {
		w, next, prev := x.word(k), x.word(k+1), x.word(k-1)
		switch {
		case !xAfterNegators[w], next == "optional" || next == "negotiable" || next == "only":
		case (w == "optional" || w == "unnecessary" || w == "irrelevant") && xNegators[prev]:
		default:
			p.negated = true
		}
	}
	// "HIPAA: not applicable" says no across the colon.
	for k := b; b > a && k < b+3 && x.inSentence(a, k); k++ {
		if x.word(k) == "not" && (x.word(k+1) == "applicable" || x.word(k+1) == "relevant") ||
			x.word(k) == "n" && k+2 < len(x.toks) && x.toks[k+1].text == "/" && x.word(k+2) == "a" {
			p.negated = true
		}
	}
	return p
}

// matchWords matches a phrase at token j within one clause and returns the
// token after it, or -1.
func (x *extractor) matchWords(words []string, j, clause int) int {
	for k, w := range words {
		if w == "*" {
			for g := 0; g <= 3; g++ {
				if end := x.matchWords(words[k+1:], j+g, clause); end >= 0 {
					return end
				}
				if j+g >= len(x.toks) || x.toks[j+g].kind != xWord || x.toks[j+g].clause != clause {
					return -1
				}
			}
			return -1
		}
		if j >= len(x.toks) || x.toks[j].clause != clause || x.toks[j].text != w {
			return -1
		}
		j++
	}
	return j
}

// findCues records every phrase in the text, in text order.
func (x *extractor) findCues() {
	for i := range x.toks {
		for _, pi := range xCues.byFirst[x.toks[i].text] {
			p := &xCues.patterns[pi]
			b := x.matchWords(p.words, i, x.toks[i].clause)
			switch {
			case b < 0, p.caps && !x.toks[i].caps:
			case p.notPrev != nil && x.inClause(i, i-1) && p.notPrev[x.toks[i-1].text]:
			case p.notNext != nil && x.inClause(i, b) && p.notNext[x.toks[b].text]:
			case p.guarded && x.anyBefore(i, 5, xInputWords):
			default:
				x.hits = append(x.hits, cueHit{p: p, a: i, b: b, pol: x.polarity(i, b)})
			}
		}
	}
}

// vote is what a hit says about its field: its value, or "" for nothing.
func (h *cueHit) vote() string {
	switch {
	case h.pol.hedged:
		return ""
	case h.pol.negated:
		return h.p.neg
	case h.pol.weak:
		return ""
	}
	return h.p.val
}

// readSignals sets the fields read from phrases.
func (x *extractor) readSignals() {
	x.markSentences()
	x.findCues()
	for _, f := range []string{FieldHumanReview, FieldCitationsRequired, FieldRegulated, FieldRulesExpressible, FieldSelfHostingOK} {
		x.readBool(f)
	}
	for i := range levelFields {
		x.readLevel(&levelFields[i])
	}
	x.readTask()
	x.readKnowledge()
	x.readBaseline()
	x.readLabelZero()
	x.readQuarterEnd()
}

// readBool sets a yes/no field when every vote for it agrees. Review
// phrases in a sentence about today ("currently reviewed by an agent")
// describe the manual process, not the automation, and ones about a share
// ("10% need manual review") do not answer whether each output is checked,
// so neither votes.
func (x *extractor) readBool(field string) {
	var first *cueHit
	for i := range x.hits {
		h := &x.hits[i]
		v := h.vote()
		switch {
		case h.p.field != field, v == "":
		case field == FieldHumanReview && (x.sentenceHas(h.a, sentPresent) || x.sentenceHas(h.a, sentPartial)):
		case first == nil:
			first = h
		case v != first.vote():
			return
		}
	}
	if first != nil {
		x.set(Value{Field: field, Bool: first.vote() == "yes"}, first.a, first.b)
	}
}

// levelField orders the values a choice field's cues vote for. Votes are
// ranked and the most demanding wins ("PII" and "patient records" is
// restricted), except that the lowest level and any higher one contradict
// each other where lowConflicts is set ("overnight" and "in real time").
type levelField struct {
	field        string
	order        []string
	lowConflicts bool
}

var levelFields = []levelField{
	{FieldAccuracy, []string{"low", "high", "critical"}, true},
	{FieldDomain, []string{"specialized", "niche"}, false},
	{FieldOutputConsistency, []string{"consistent", "strict"}, false},
	{FieldLatency, []string{"batch", "interactive", "realtime"}, true},
	{FieldDataSensitivity, []string{"public", "confidential", "restricted"}, false},
}

func (x *extractor) readLevel(l *levelField) {
	best, low, higher := -1, false, false
	var at *cueHit
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field != l.field {
			continue
		}
		r := slices.Index(l.order, h.vote())
		if r < 0 {
			continue
		}
		low, higher = low || r == 0, higher || r > 0
		if r > best {
			best, at = r, h
		}
	}
	if best >= 0 && !(l.lowConflicts && low && higher) {
		x.set(Value{Field: l.field, Text: l.order[best]}, at.a, at.b)
	}
}

// readTask sets the task when the cues name one, or when the first sentence
// (usually the one with the main verb) names the first of several.
func (x *extractor) readTask() {
	var first *cueHit
	mixed := false
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field != FieldTask || h.vote() == "" {
			continue
		}
		if first == nil {
			first = h
		} else if h.vote() != first.vote() {
			mixed = true
		}
	}
	if first != nil && (!mixed || x.toks[first.a].sent == 0) {
		x.set(Value{Field: FieldTask, Text: first.vote()}, first.a, first.b)
	}
}

// readKnowledge combines sources ("our wiki"), change ("policies change
// monthly"), live data ("current inventory"), public sources and explicit
// "needs no outside information". Private sources outrank public ones, since
// the task then needs them; change counts only next to a source, so that
// "we want to change how tickets are routed" does not make a wiki changing.
func (x *extractor) readKnowledge() {
	var sources, changes []*cueHit
	var public, live, none *cueHit
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field != cueKnowledge || h.vote() == "" {
			continue
		}
		switch h.p.val {
		case "source":
			sources = append(sources, h)
		case "change":
			changes = append(changes, h)
		case "web":
			if public == nil && x.sentenceHas(h.a, sentKnowledgeVerb) {
				public = h
			}
		case "public":
			public = firstOf(public, h)
		case "live":
			live = firstOf(live, h)
		case "none":
			none = firstOf(none, h)
		}
	}
	a, b, linked := x.linkedChange(sources, changes)
	switch {
	case none != nil:
		if len(sources) == 0 && public == nil && live == nil {
			x.set(Value{Field: FieldKnowledge, Text: string(KnowledgeNone)}, none.a, none.b)
		}
	case live != nil:
		x.set(Value{Field: FieldKnowledge, Text: string(KnowledgePrivateChanging)}, live.a, live.b)
	case linked:
		x.set(Value{Field: FieldKnowledge, Text: string(KnowledgePrivateChanging)}, a, b)
	case len(sources) > 0:
		x.set(Value{Field: FieldKnowledge, Text: string(KnowledgePrivateStatic)}, sources[0].a, sources[0].b)
	case public != nil:
		x.set(Value{Field: FieldKnowledge, Text: string(KnowledgePublic)}, public.a, public.b)
	}
}

func firstOf(have, h *cueHit) *cueHit {
	if have != nil {
		return have
	}
	return h
}

// linkedChange finds a change phrase about a source: just after it ("the
// wiki is updated weekly"), just before it ("we update the handbook"), or
// after a pronoun that can refer to it ("It changes every month").
func (x *extractor) linkedChange(sources, changes []*cueHit) (a, b int, ok bool) {
	for _, c := range changes {
		pronoun := x.findBefore(c.a, 3, xPronouns) >= 0
		for i := len(sources) - 1; i >= 0; i-- { // the closest source before the change first
			s := sources[i]
			sameSent := x.toks[s.a].sent == x.toks[c.a].sent
			switch {
			case sameSent && c.a >= s.b && c.a-s.b <= 5, sameSent && s.a >= c.b && s.a-c.b <= 3,
				pronoun && s.a < c.a && x.toks[c.a].sent-x.toks[s.a].sent <= 1:
				return min(s.a, c.a), max(s.b, c.b), true
			}
		}
	}
	return 0, 0, false
}

// readBaseline reads what was tried with prompting, from sentences that
// mention prompting or a model, so that "it works" about anything else does
// not count.
func (x *extractor) readBaseline() {
	var first *cueHit
	for i := range x.hits {
		h := &x.hits[i]
		v := h.vote()
		switch {
		case h.p.field != cueBaseline, v == "", !x.sentenceHas(h.a, sentAnchor):
		case first == nil:
			first = h
		case v != first.vote():
			return
		}
	}
	if first != nil {
		x.set(Value{Field: FieldPromptBaseline, Text: first.vote()}, first.a, first.b)
	}
}

// readLabelZero reads "no labeled data" as 0 examples when no count was read.
// A number between the negation and the phrase ("don't have 5,000 labeled
// examples") means fewer, not none.
func (x *extractor) readLabelZero() {
	if x.u.Known(FieldLabeledExamples) {
		return
	}
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field != cueLabel || h.vote() != "zero" {
			continue
		}
		counted := false
		for k := max(0, h.a-3); k < h.a; k++ {
			counted = counted || x.toks[k].kind == xNum
		}
		if !counted {
			x.set(Value{Field: FieldLabeledExamples, Number: 0}, h.a, h.b)
			return
		}
	}
}

// readQuarterEnd reads "live by the end of the quarter" as 13 weeks, the most
// a quarter can hold.
func (x *extractor) readQuarterEnd() {
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field == cueQuarter && h.vote() == "yes" && x.deadlineNear(h.a, h.b) {
			x.set(Value{Field: FieldTimelineWeeks, Number: 13}, h.a, h.b)
			return
		}
	}
}

// Facts about a sentence that cues depend on, found in one pass over the
// tokens so that many cues in one long sentence cost no more than one.
const (
	sentPresent       uint8 = 1 << iota // "today", "currently"
	sentPartial                         // "10%", "spot", "some"
	sentKnowledgeVerb                   // "depends on", "look up"
	sentAnchor                          // "prompting", "ChatGPT", "model"
)

func (x *extractor) markSentences() {
	x.sentFlags = make([]uint8, len(x.questions))
	for i := range x.toks {
		t := &x.toks[i]
		if t.sent >= len(x.sentFlags) {
			continue
		}
		f := &x.sentFlags[t.sent]
		switch {
		case xPresentWords[t.text]:
			*f |= sentPresent
		case xPartialWords[t.text]:
			*f |= sentPartial
		case xAnchors[t.text]:
			*f |= sentAnchor
		}
		if xKnowledgeVerbs[t.text] {
			*f |= sentKnowledgeVerb
		}
	}
}

// sentenceHas reports whether the sentence of token i has all of flags.
func (x *extractor) sentenceHas(i int, flags uint8) bool {
	s := x.toks[i].sent
	return s < len(x.sentFlags) && x.sentFlags[s]&flags == flags
}
