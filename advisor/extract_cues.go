package advisor

// The phrase tables that cues are compiled from, and the words that qualify them.

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
