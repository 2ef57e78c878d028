package parse

import "github.com/advisorbot/advisorbot/advisor"

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
// "@class" is any word of a class in xWordClasses; "^word" must be written
// in capitals (SEC, not sec); "?word" is ignored after words about input
// ("receive JSON"); leading "!a|b" words may not come just before the
// phrase and trailing ones just after it.

// cueSpec lists phrases that vote val for a field, or neg when negated.
// An empty val votes only when negated; an empty neg means a negated phrase
// does not vote at all.
type cueSpec struct {
	field, val, neg string
	phrases         []string
}

// Pseudo-fields that feed the resolvers of knowledge, prompt_baseline,
// labeled_examples, timeline_weeks and domain rather than setting a field
// directly.
const (
	cueKnowledge = "_knowledge"
	cueBaseline  = "_baseline"
	cueLabel     = "_label"
	cueQuarter   = "_quarter"
	cueLanguage  = "_language" // a language name, read by readLanguages
)

var cueSpecs = []cueSpec{
	{advisor.FieldRegulated, "yes", "", []string{"hipaa", "gdpr", "sox", "sarbanes oxley", "pci", "finra", "^sec", "^fca",
		"mifid", "glba", "ferpa", "ccpa", "^fda", "eu ai act", "ai act", "hitech", "coppa", "itar", "regulator",
		"regulators", "audited by", "audit by", "regulatory audit", "regulatory audits",
		// Decisions about who gets a job fall under employment law.
		"applicants", "job applications", "job applicants", "hiring decisions", "hiring decision"}},
	{advisor.FieldRegulated, "yes", "no", []string{"regulated", "regulatory", "regulatory requirements", "compliance requirements"}},
	{advisor.FieldRegulated, "", "no", []string{"regulation", "regulations", "regulatory obligations"}},
	{advisor.FieldRegulated, "no", "", []string{"unregulated"}},

	{advisor.FieldCitationsRequired, "yes", "no", []string{"cite", "cites", "citing", "citation", "citations", "with sources",
		"with the source", "with a source", "with their sources", "source links", "link to the source",
		"link to the policy", "links to the source", "links to the sources", "link to the relevant",
		"reference the clause", "references the clause", "reference the policy", "quote the clause",
		"quote the policy", "show the source", "show sources", "include sources", "include the source",
		"point to the source", "name the source", "link the source", "link * source", "link * sources",
		"link * article", "link * articles", "link * policy", "link * section", "link * kb", "links back",
		"link back", "include a link", "include links", "with links", "reference * section", "reference * article",
		"reference * source", "quote * section", "quote * paragraph", "footnote", "footnotes", "show where * came from",
		"show where * comes from", "say where * came from"}},

	{advisor.FieldHumanReview, "yes", "no", []string{"reviewed by", "review by", "checked by", "approved by", "signed off by",
		"person checks", "person reviews", "human checks", "human reviews", "someone checks", "someone reviews",
		"human in the loop", "human review", "human approval", "manual review", "manually reviewed", "agent approves",
		"agents approve", "before sending", "before it is sent", "before its sent",
		"before it goes out", "before they go out", "before they are sent", "before anything is sent",
		"before it reaches the customer", "before publishing", "before it is published", "before they are published",
		"signs off", "sign off", "proofread", "proofreads", "proofreading", "double check", "double checks",
		"double checked", "four eyes", "4 eyes", "must be approved", "needs approval", "need approval",
		"requires approval", "require approval", "approval step", "looks over", "look over", "before posting",
		"before it is posted", "before its posted", "before they are posted", "before going out",
		"before it goes live", "before going live", "approves everything", "reviews everything",
		"checks everything", "approves all of them", "reviews all of them"}},
	{advisor.FieldHumanReview, "no", "", []string{"auto reject", "auto rejects", "auto rejecting", "auto decline",
		"auto declines", "sent automatically", "sent out automatically", "send automatically",
		"sends automatically", "automatically sent", "automatically send", "automatically sends",
		"goes out automatically", "go out automatically", "published automatically", "automatically published",
		"without review", "without any review", "without a human", "no human !can|could|would|will|is|has",
		"no one checks", "nobody checks", "no one reviews", "nobody reviews", "unreviewed", "auto send", "auto sent",
		"without anyone * checking", "without anyone * reviewing", "without anyone * looking",
		"without anyone * approving", "without checking", "without being checked", "without being reviewed",
		"without approval", "without sign off", "unchecked", "no one looks at", "nobody looks at", "no one reads",
		"nobody reads", "no one approves", "nobody approves", "no approval step", "no review step", "auto reply",
		"auto replies", "auto respond", "auto responds", "fully automated", "fully automatic", "fully autonomous",
		"straight through processing", "goes straight out", "go straight out", "goes out directly",
		"go out directly"}},
	{advisor.FieldHumanReview, "yes", "no", xReviewEach},
	{advisor.FieldHumanReview, "no", "", []string{"straight to * @audience !success|service|support|care|team|teams|experience|facing|portal",
		"directly to * @audience !success|service|support|care|team|teams|experience|facing|portal"}},

	{advisor.FieldSelfHostingOK, "yes", "no", []string{"on prem", "on premise", "on premises", "onprem", "self host",
		"self hosted", "self hosting", "selfhosted", "open weight", "open weights", "open source model",
		"open source models", "open source llm", "open source llms", "open models", "our own gpus", "own gpus",
		"our own servers", "our own hardware", "our own data center", "our own data centre", "run locally",
		"run it locally", "run models locally", "runs locally", "hosted locally", "locally hosted", "our own cloud",
		"own cloud", "our own vpc", "our vpc", "private cloud", "own infrastructure", "own infra",
		"host it ourselves", "host them ourselves", "host models ourselves", "host our own", "run our own model",
		"run our own models", "run our own llm", "in house model", "in house models", "in house llm",
		"in house hosting", "hosted in house", "air gapped", "airgapped", "behind our firewall",
		"inside our network", "within our network"}},
	{advisor.FieldSelfHostingOK, "yes", "", []string{"llama", "mistral locally", "run mistral"}},
	{advisor.FieldSelfHostingOK, "no", "", []string{"cloud only", "only cloud", "saas only", "no gpus", "no gpu",
		"have no gpus", "dont have gpus", "dont have any gpus", "no infrastructure to", "no infra to", "cant host",
		"cannot host", "dont host", "api only", "apis only", "managed service only", "managed services only"}},

	{advisor.FieldRulesExpressible, "yes", "no", []string{"rule based", "rules based", "simple rules", "if then",
		"lookup table", "look up table", "lookup tables", "decision table", "decision tables", "a few rules",
		"fixed rules", "clear rules", "deterministic rules", "structured data in a spreadsheet",
		"structured data in spreadsheets", "structured data in a database", "structured data in our database"}},
	// Negated, these say only that a field does not settle it: no vote.
	{advisor.FieldRulesExpressible, "yes", "", []string{"dropdown value", "dropdown values", "drop down value",
		"dropdown field", "dropdown selection", "based on * dropdown", "based on * drop down", "based on * checkbox",
		"based on * picklist", "based on * form", "already a form field", "already in a form field",
		"already a field", "already a column", "already in a field", "already in a column", "already structured", "if statements",
		"if else", "if this then", "regex", "regexes", "regular expression", "regular expressions",
		"keyword matching", "keyword rules", "mapping table", "simple mapping", "simple lookup", "vlookup",
		"excel formula"}},
	{advisor.FieldRulesExpressible, "no", "", []string{"no rules could", "no rule could", "no set of rules", "rules cant",
		"rules cannot", "rules can not", "rules dont work", "rules do not work", "rules wouldnt work",
		"rules would not work", "rules wont work", "too complex for rules", "cant be expressed as rules",
		"cannot be expressed as rules", "cannot be captured by rules", "cant be captured in rules",
		"rules break down", "rules fail", "rules failed"}},

	{advisor.FieldDataSensitivity, "confidential", "", []string{"pii", "personal data", "personal information",
		"personally identifiable", "personal details", "customer data", "employee data", "employee records",
		"confidential"}},
	{advisor.FieldDataSensitivity, "restricted", "", []string{"highly confidential", "strictly confidential",
		"health records", "health data", "health information", "medical records", "medical data",
		"medical history", "phi", "patient data", "patient records", "patient notes", "patient information",
		"patient files", "patient charts", "patient details", "patients", "card numbers", "card data",
		"credit card numbers", "credit card details", "cardholder data", "payment card data",
		"social security number", "social security numbers", "ssn", "ssns", "passport numbers",
		"bank account numbers", "hipaa", "pci", "special category data", "biometric"}},
	{advisor.FieldDataSensitivity, "public", "", []string{"public data", "publicly available data", "open data",
		"published data"}},

	{advisor.FieldLatency, "realtime", "", []string{"real time !data|inventory|prices|pricing|information|info|updates|stock|feed|dashboard|dashboards|analytics|reporting|reports|view|status|visibility|insights|tracking",
		"realtime !data|inventory|prices|pricing|information|updates|stock|dashboard|analytics|reporting",
		"instantly", "within a second", "under a second", "sub second", "in milliseconds", "within milliseconds"}},
	{advisor.FieldLatency, "interactive", "", []string{"while the customer waits", "while customers wait", "while they wait",
		"while the caller waits", "while the caller is on the line", "while on the phone", "while on the call",
		"during the call", "live chat", "within seconds", "in a few seconds", "within a few seconds", "in seconds"}},
	{advisor.FieldLatency, "batch", "", []string{"overnight", "nightly", "every night", "each night", "!per|each|every batch !of", "batches !of", "batched", "end of day",
		"end of the day", "next day", "next business day", "once a day", "no rush", "not urgent",
		"not time sensitive", "not time critical"}},

	{advisor.FieldAccuracy, "critical", "", []string{"100 % accurate", "100 % accuracy", "100 percent accurate",
		"100 percent accuracy", "zero tolerance", "legal liability", "patient safety", "life threatening",
		"life or death", "safety critical", "mission critical", "no room for error", "must never be wrong",
		"accuracy is critical"}},
	{advisor.FieldAccuracy, "high", "", []string{"high accuracy", "highly accurate", "very accurate", "mistakes are costly",
		"errors are costly", "mistakes are expensive", "errors are expensive", "costly mistakes", "costly errors",
		"expensive mistakes", "mistakes are very costly", "errors are very costly", "accuracy matters",
		"accuracy is important", "accuracy is very important", "cannot afford mistakes", "cant afford mistakes",
		"cant afford errors", "cannot afford errors"}},
	{advisor.FieldAccuracy, "low", "", []string{"rough is fine", "roughly right is fine", "rough answers are fine",
		"mistakes are fine", "mistakes are ok", "mistakes are okay", "mistakes are acceptable", "errors are fine",
		"errors are ok", "errors are okay", "errors are acceptable", "low stakes", "doesnt have to be perfect",
		"does not have to be perfect", "doesnt need to be perfect", "does not need to be perfect",
		"need not be perfect"}},

	{advisor.FieldDomain, "specialized", "", []string{"legal documents", "legal docs", "legal contracts", "legal language",
		"legal text", "legal texts", "legal terms", "legal jargon", "legal clauses", "legal filings", "legal briefs",
		"legal opinions", "legal memos", "legal agreements", "legal review", "legal research", "legalese",
		"medical records", "medical notes", "medical reports", "medical terminology", "medical codes",
		"medical coding", "medical claims", "medical documents", "medical jargon", "medical language",
		"medical literature", "medical texts", "medical histories", "clinical", "jargon", "technical manuals",
		"technical documentation", "technical specifications", "technical terminology", "technical terms",
		"specialist terminology", "scientific papers", "scientific literature", "financial statements",
		"financial jargon", "financial terms", "financial terminology", "financial filings", "accounting terms",
		"accounting jargon", "accounting standards", "^ifrs", "^gaap", "actuarial", "underwriting", "insurance jargon",
		"insurance terms", "policy wording", "policy wordings", "engineering jargon", "engineering drawings",
		"pharmacovigilance", "adverse event reports", "clinical trial", "clinical trials", "radiology",
		"pathology reports", "discharge summaries", "lab reports", "case law", "statutes", "patent claims",
		"court filings", "regulatory filings", "tax code", "tax law", "biomedical", "industry jargon",
		"industry terminology", "domain terminology", "technical language", "technical vocabulary", "acronyms",
		"incoterms"}},
	{advisor.FieldDomain, "niche", "", []string{"rare language", "rare languages", "dialect", "dialects",
		"proprietary format", "proprietary formats", "proprietary notation", "domain specific language",
		"low resource language", "low resource languages", "internal jargon", "in house jargon", "legacy format",
		"legacy formats", "custom notation", "internal shorthand", "in house shorthand", "our shorthand",
		"internal abbreviations", "in house abbreviations", "internal codes", "in house codes", "own codes",
		"own coding system", "own code system", "own query language", "own programming language",
		"own scripting language", "own dsl", "own syntax", "own notation", "own markup", "proprietary * language",
		"proprietary * syntax", "proprietary * dsl", "proprietary * codes", "in house * language", "in house * dsl",
		"in house * syntax", "internal query language", "internal dsl", "custom query language", "custom dsl",
		"home grown * language", "homegrown * language",
		// Language general models are said not to understand is, by
		// definition, far from everyday text.
		"jargon * models dont * get", "jargon * models dont * understand", "jargon * model doesnt * get",
		"jargon * model doesnt * understand", "jargon * gpt doesnt", "jargon * chatgpt doesnt",
		// Industry coding systems: tens of thousands of codes a general model
		// knows only roughly, and whose choice turns on fine print.
		"hs code", "hs codes", "harmonized system", "harmonised system", "tariff code", "tariff codes",
		"customs code", "customs codes", "commodity code", "commodity codes", "icd", "cpt", "hcpcs", "snomed",
		"loinc", "drg", "drgs", "ata chapter", "ata chapters", "ata spec", "^ata 100", "naics", "sic code",
		"sic codes", "nace code", "nace codes", "unspsc", "eccn", "eccns", "gl code", "gl codes",
		"chart of accounts", "cost centre codes", "cost center codes", "hl7", "edifact", "iso 20022",
		"swift mt"}},

	{advisor.FieldOutputConsistency, "strict", "", []string{"?json", "?xml", "?csv", "?yaml", "json schema",
		"structured output", "machine readable", "exactly match", "exactly follow", "exactly the same",
		"to the letter", "word for word", "format is strict", "format is fixed", "layout is fixed",
		"template is fixed", "strict about * format", "strict about * layout", "strict on * format"}},
	{advisor.FieldOutputConsistency, "strict", "", []string{"?exact * @format", "?exactly * @format", "?fixed * @format",
		"?strict * @format", "?rigid * @format", "?mandated * @format", "?mandatory * @format",
		"?prescribed * @format", "?predefined * @format", "?same * @format", "?match * @format exactly",
		"?matches * @format exactly", "?follow * @format exactly"}},
	{advisor.FieldOutputConsistency, "consistent", "", []string{"brand voice", "same tone", "consistent tone",
		"tone of voice", "house style", "style guide", "our tone", "on brand", "same style", "consistent style",
		"brand guidelines", "company voice", "our voice", "our own voice", "our style", "our writing style",
		"the way our * write", "the way our * writes", "how our * write", "how our * writes", "written the way",
		"sound like us", "sounds like us", "sounding like us", "off brand",
		"wrong tone", "voice and tone", "tone and voice", "tone guide", "tone guidelines", "writing guidelines",
		"editorial guidelines", "editorial style", "style guidelines", "match * tone", "match * voice",
		"match * style", "matches * tone", "matches * voice", "matches * style", "usual format",
		"usual structure", "usual layout", "usual template", "standard format", "standard template",
		"consistent format", "consistent structure", "consistent layout"}},
	{advisor.FieldOutputConsistency, "consistent", "", []string{"sound like our @voice", "sounds like our @voice",
		"?follow * @format", "?follows * @format", "?match * @format", "?matches * @format"}},
	// A complaint that the output misses the voice says the voice matters:
	// these phrases carry their own negation and vote as written.
	{advisor.FieldOutputConsistency, "consistent", "", xStyleComplaints},
	{advisor.FieldOutputConsistency, "flexible", "", []string{"no fixed format", "no set format", "no strict format",
		"no particular format", "no specific format", "any format is fine", "any format works", "whatever format",
		"format doesnt matter", "format does not matter", "formatting doesnt matter", "formatting does not matter",
		"tone doesnt matter", "tone does not matter", "style doesnt matter", "style does not matter",
		"dont care about * tone", "dont care about * format", "dont care about * formatting",
		"dont care about * style", "dont care about * wording", "dont care about * layout",
		"do not care about * tone", "do not care about * format", "do not care about * style",
		"not fussy about * format", "not fussy about * tone", "not fussy about * style", "free form output",
		"loose format", "format is flexible", "flexible format", "tone is flexible"}},

	{advisor.FieldTask, "classify", "", []string{"classify", "classifies", "classifying", "classified", "classification !policy|level|levels",
		"categorize", "categorizes", "categorizing", "categorized", "categorization", "categorise",
		"categorises", "categorising", "categorised", "categorisation", "route !planning|optimization|optimisation|number|numbers",
		"routes !planning", "routed", "routing !number|numbers", "triage", "triages", "triaging", "triaged", "!price tag !line", "tagging", "!shipping|address|mailing|price|white|private|record|care label !data|examples",
		"!shipping|address|mailing|price|private labels !data|examples", "labeling !data|examples",
		"labelling !data|examples", "sort !of|by", "sorts !of", "sorted !by", "sorting !by",
		// Fitting items to a fixed scheme is classification too.
		"taxonomy", "taxonomies", "coded to", "code them to", "code * to * taxonomy", "assign * code",
		"assign * codes", "assigning * codes", "map * into * categories", "map * to * categories", "bucket",
		"buckets", "bucketing"}},
	{advisor.FieldTask, "extract", "", []string{"extract", "extracts", "extracting", "extraction", "pull out", "pulls out",
		"pulling out", "capture fields", "capture the fields", "capture data", "capture key fields", "parse",
		"parses", "parsing", "read * into", "type * into", "data entry", "key in", "keying in"}},
	{advisor.FieldTask, "summarize", "", []string{"summarize", "summarizes", "summarizing", "summarized", "summarise",
		"summarises", "summarising", "summarised", "summary", "summaries", "recap", "recaps", "sum up", "sums up",
		"tl dr", "tldr", "condense", "condenses"}},
	{advisor.FieldTask, "draft", "", []string{"first draft", "first drafts", "draft a", "draft an", "respond to * emails",
		"reply to * emails", "respond to * reviews", "reply to * reviews", "respond to * complaints"}},
	{advisor.FieldTask, "answer", "", []string{"questions from", "questions about", "faq", "faqs", "q and a",
		"question answering", "respond to * questions", "responding to * questions", "reply to * questions"}},
	{advisor.FieldTask, "converse", "", []string{"chatbot", "chatbots", "chat bot", "chat bots", "chat with",
		"conversational", "conversation with", "conversations with", "virtual assistant", "virtual agent",
		"assistant that talks", "assistant that chats", "voice assistant", "voicebot", "voice bot",
		"hold a conversation", "have a conversation"}},
	{advisor.FieldTask, "code", "", []string{"sql", "write code", "writes code", "writing code", "generate code",
		"generates code", "generating code", "code generation", "code review", "code reviews", "reviewing code",
		"programming", "scripting", "write scripts", "writing scripts", "python scripts", "bash scripts",
		"powershell scripts", "unit tests"}},
	{advisor.FieldTask, "translate", "", []string{"translate", "translates", "translating", "translated", "translation",
		"translations", "localize", "localise", "localizing", "localising", "localization", "localisation"}},
	{advisor.FieldTask, "decide", "", []string{"auto reject", "auto rejects", "auto rejecting", "auto approve", "auto approves",
		"auto approving", "auto decline", "auto declines", "screen out", "screens out", "screening out",
		"decide", "decides", "deciding", "approve or reject", "approve or deny",
		"approve or decline", "accept or reject", "approves or rejects", "approving or rejecting", "eligibility",
		"eligible", "adjudicate", "adjudicates", "adjudicating", "adjudication", "whether to approve"}},

	{cueKnowledge, "source", "", []string{"wiki", "wikis", "knowledge base", "knowledge bases", "knowledgebase",
		"help center", "help centre", "help centers", "help centres", "help articles", "help docs", "support articles",
		"confluence", "sharepoint", "intranet", "internal docs", "internal documentation", "internal documents",
		"internal guidelines", "our docs", "our documentation", "policy !is|requires|says|of",
		"!insurance policies", "handbook", "handbooks", "product catalogue", "product catalog",
		"contracts database", "contract database", "price list", "price lists", "runbook", "runbooks", "playbook",
		"playbooks", "sops", "standard operating procedures", "kb", "kb articles", "notion", "google drive", "shared drive", "internal faq",
		"policy docs", "policy documents", "rate card", "rate cards", "fee schedule", "the manual !review|process|work|task|tasks|entry|check|checks|step|steps|effort|labor|labour|handling|processing|approval|triage|routing|coding|tagging|way|part",
		"our manual !review|process|work|task|tasks|entry|check|checks|step|steps|effort|labor|labour|handling|processing|approval|triage|routing|coding|tagging|way|part",
		"user manual", "user manuals", "product manual", "product manuals", "operations manual",
		"training manual", "service manual", "service manuals", "our procedures", "internal procedures",
		"our guidelines"}},
	// Facts that are the company's own but named too loosely to mean a source
	// by themselves ("we quote prices"): they count only when said to change
	// ("prices update daily") or not to ("our rates never change").
	{cueKnowledge, "weak", "", []string{"!stock|market|commodity|fuel|oil|gas|share|energy|exchange|house prices",
		"!stock|market|commodity|fuel|oil|gas|share|energy|exchange|house price", "pricing", "our rates",
		"the rates", "fees", "tariffs", "catalogue", "catalog", "inventory", "product info",
		"product information", "product data", "product specs", "specs", "promotions", "promos", "offers",
		"terms and conditions", "opening hours", "schedules", "the menu"}},
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
		"revised", "revise", "revises", "evolve", "evolves", "evolving", "refreshed", "refreshes", "fluctuate",
		"fluctuates", "fluctuating", "in flux", "new version", "new versions", "amended", "republished",
		"reissued", "churn", "churns", "churning", "every release", "each release", "every season",
		"each season", "come out every", "comes out every"}},
	{cueKnowledge, "none", "", []string{"needs no outside information", "no outside information",
		"no external information", "no outside knowledge", "no external knowledge", "no additional information",
		"no extra information", "no other information", "no background knowledge", "everything it needs is in",
		"all the information is in", "all the information needed is in", "self contained"}},

	// "haven't tried fine-tuning" says nothing about prompting.
	{cueBaseline, "untried", "", suffixed([]string{"havent tried", "have not tried", "never tried", "not tried",
		"not yet tried", "didnt try", "did not try", "havent tested", "have not tested", "havent experimented",
		"not experimented", "havent used", "have not used", "never used", "not yet used", "havent played with",
		"never played with", "havent touched", "no experience with"}, " !fine|finetuning|tuning|training|rag|retrieval|rules")},
	// Nothing tried at all needs no mention of prompting.
	{cueBaseline, "untried_any", "", []string{"havent tried anything", "have not tried anything",
		"not tried anything", "never tried anything", "havent tried any", "nothing tried yet", "havent tried yet",
		"not tried yet", "havent experimented yet", "havent done anything yet", "havent started yet",
		"not started yet"}},
	{cueBaseline, "plateaued", "", []string{"plateau", "plateaued", "plateaus", "plateauing", "not good enough",
		"isnt good enough", "wasnt good enough", "arent good enough", "not accurate enough", "keeps getting",
		"keep getting", "kept getting", "gets * wrong", "got * wrong", "get * wrong", "too many errors",
		"too many mistakes", "falls short", "fell short", "hit a wall", "stuck at", "doesnt work", "didnt work",
		"does not work", "did not work", "not reliable enough", "hallucinates", "hallucinated", "hallucinating",
		"stopped improving", "stop improving", "stopped getting better", "not improving", "no longer improving",
		"isnt improving", "stops improving", "cant push * higher", "cannot push * higher", "cant get * higher",
		"cannot get * higher", "cant get * above", "cannot get * above", "cant get * past", "cant get * beyond",
		"cant get * better", "cant improve", "cannot improve", "maxed out", "topped out", "hit a ceiling",
		"diminishing returns", "not there yet", "still not good", "still wrong", "still makes mistakes",
		"still gets", "not great", "mediocre", "no further", "no higher", "any further", "any higher",
		"no matter how", "doesnt get better", "isnt getting better", "not getting better", "is flat",
		"flatlined", "flat lined", "stagnated", "stagnant", "wont budge", "stuck there", "stuck around", "its stuck", "been stuck", "too generic", "sounds generic", "sounds robotic",
		"tone is * off", "tone is off", "tone is wrong", "wrong tone"}},
	{cueBaseline, "plateaued", "", xStyleComplaints},
	{cueBaseline, "good_enough", "", []string{"does this well", "does it well", "already does", "works well",
		"works fine", "works great", "good enough", "does a good job", "prompting works", "it works",
		"already works", "handles this well", "handles it well", "is accurate enough", "prompt works",
		"prompts work", "works ok", "works okay", "works pretty well", "does the job", "does a decent job",
		"pretty good", "fine already", "good results", "great results", "!be happy with",
		"!be satisfied with"}},

	{cueLabel, "", "zero", []string{"labeled", "labelled", "annotated", "training data", "training examples",
		"examples"}},
	{cueLabel, "zero", "", []string{"unlabeled", "unlabelled"}},

	{cueLanguage, "rare", "", rareLanguages},
	{cueLanguage, "mixed", "", mixedLanguages},

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
		"none", "nothing", "neither", "nor", "non", "zero", "lack", "lacks")
	xWeakNegators = wordSet("rarely", "seldom", "hardly", "barely")
	// "no more than 300" is an amount, "not only HIPAA" an addition.
	xNegationExits = wordSet("more", "less", "fewer", "longer", "only", "than", "just", "later")
	xHedges        = wordSet("if", "whether", "maybe", "might", "perhaps", "possibly", "unsure", "unclear", "unless",
		"wonder", "wondering", "hopefully", "ideally", "probably", "idk", "dunno")
	// After "I" or "we", these make a belief of what follows: "I think HIPAA applies".
	xBeliefVerbs = wordSet("think", "guess", "suppose", "assume", "believe", "reckon")
	// Before an amount, "maybe 1,000" is an estimate; only a condition makes it hypothetical.
	xAmountHedges  = wordSet("if", "whether", "unless", "wonder", "wondering")
	xAfterNegators = wordSet("not", "doesnt", "dont", "isnt", "arent", "wasnt", "werent", "never", "unnecessary",
		"irrelevant", "optional", "wont", "wouldnt", "cant", "cannot")
	xInputWords = wordSet("from", "receive", "receives", "received", "incoming", "input", "inputs", "ingest", "api",
		"read", "reads", "parse", "parses", "uploaded", "upload", "payload", "payloads", "arrive", "arrives",
		"arriving", "submitted", "submit", "scanned", "inbound")
	xPresentWords = wordSet("today", "currently", "presently", "nowadays", "atm", "rn")
	xPartialWords = wordSet("%", "percent", "some", "spot", "sample", "samples", "sampled", "occasionally",
		"sometimes", "random", "randomly", "few", "subset", "share", "fraction", "portion")
	xKnowledgeVerbs = wordSet("depend", "depends", "based", "according", "look", "looks", "lookup", "refer",
		"refers", "consult", "consults", "check", "checks", "search", "searches", "rely", "relies", "uses",
		"use", "using", "draw", "draws", "come", "comes", "found", "answers", "answer", "cite", "need", "needs")
	xPronouns = wordSet("it", "they", "these", "those", "this", "which")
	xAnchors  = wordSet("prompt", "prompts", "prompting", "prompted", "chatgpt", "gpt", "claude", "gemini",
		"copilot", "llm", "llms", "ai", "genai", "openai", "model", "models", "llama", "mistral", "anthropic",
		"bedrock")
)
