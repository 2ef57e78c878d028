package parse

import "github.com/advisorbot/advisorbot/advisor"

// enumSynonyms maps what people type for a choice field, in answerWords form,
// to the option it means. Options themselves, and prefixes of exactly one
// option, are matched without being listed here.
//
// Where a phrase could mean two levels, the table takes the more careful one:
// "very important" is critical accuracy, "pii" and "personal data" are
// restricted, "not sensitive" is internal rather than public. Reading data
// as less sensitive than it is can send it where it must not go; the other
// mistake only costs money. Phrases that are genuinely split ("private",
// "internal docs") are left out so that the parser asks again.
var enumSynonyms = map[string]map[string]string{
	advisor.FieldTask: {
		"classification": "classify", "categorize": "classify", "categorise": "classify",
		"categorization": "classify", "categorisation": "classify", "categorizing": "classify",
		"route": "classify", "routing": "classify", "triage": "classify", "triaging": "classify",
		"tag": "classify", "tagging": "classify", "label": "classify", "labeling": "classify",
		"labelling": "classify", "sort": "classify", "sorting": "classify", "sentiment": "classify",
		"sentiment analysis": "classify", "classifying": "classify", "classification task": "classify",

		"extraction": "extract", "extracting": "extract", "parse": "extract", "parsing": "extract",
		"pull out": "extract", "pull out data": "extract", "data entry": "extract",
		"information extraction": "extract", "data extraction": "extract", "extract data": "extract",

		"summary": "summarize", "summaries": "summarize", "summarise": "summarize", "summarizing": "summarize",
		"summarising": "summarize", "summarization": "summarize", "summarisation": "summarize",
		"sum up": "summarize", "tldr": "summarize", "condense": "summarize", "digest": "summarize",

		"write": "draft", "writing": "draft", "generate": "draft", "generation": "draft", "compose": "draft",
		"composing": "draft", "drafting": "draft", "draft replies": "draft", "write replies": "draft",
		"write emails": "draft", "copywriting": "draft", "content": "draft", "content generation": "draft",

		"q and a": "answer", "qna": "answer", "questions": "answer", "answer questions": "answer",
		"answering questions": "answer", "question answering": "answer", "faq": "answer", "faqs": "answer",
		"answering": "answer",

		"chat": "converse", "chatbot": "converse", "chat bot": "converse", "conversation": "converse",
		"conversations": "converse", "conversational": "converse", "dialogue": "converse", "dialog": "converse",

		"coding": "code", "programming": "code", "code generation": "code", "write code": "code",
		"writing code": "code", "software": "code", "sql": "code", "scripts": "code", "scripting": "code",

		"translation": "translate", "translating": "translate", "localize": "translate",
		"localise": "translate", "localization": "translate", "localisation": "translate",

		"decision": "decide", "decisions": "decide", "decision making": "decide", "make decisions": "decide",
		"deciding": "decide", "approve": "decide", "approval": "decide", "approvals": "decide",
		"approve or reject": "decide", "judge": "decide", "judging": "decide",

		"something else": "other", "none of these": "other", "none of the above": "other", "misc": "other",
		"miscellaneous": "other",
	},
	advisor.FieldAccuracy: {
		"very high": "critical", "extremely high": "critical", "mission critical": "critical",
		"life or death": "critical", "zero tolerance": "critical", "crucial": "critical", "vital": "critical",
		"safety critical": "critical", "perfect": "critical", "catastrophic": "critical",
		"very important": "critical", "extremely important": "critical", "severe": "critical",

		"important": "high", "high stakes": "high", "costly": "high", "expensive": "high", "serious": "high",
		"significant": "high", "quite important": "high", "fairly high": "high", "pretty high": "high",
		"quite high": "high",

		"moderate": "medium", "moderately": "medium", "normal": "medium", "average": "medium", "med": "medium",
		"mid": "medium", "middle": "medium", "so so": "medium", "somewhat": "medium", "somewhat important": "medium",

		"minor": "low", "not much": "low", "low stakes": "low", "little": "low", "negligible": "low",
		"not important": "low", "doesnt matter": "low", "no big deal": "low", "trivial": "low",
		"very low": "low", "cheap": "low", "minimal": "low", "not very": "low", "not costly": "low",
		"not that important": "low", "easy to fix": "low", "easy to spot": "low", "easily fixed": "low",
		"no harm": "low", "harmless": "low",
		"annoying": "medium", "annoyance": "medium", "some rework": "medium", "rework": "medium",
		"embarrassing": "medium",

		"costs money": "high", "lose money": "high", "loses money": "high", "lost money": "high",
		"lost customers": "high", "angry customers": "high",
		"lawsuit": "critical", "lawsuits": "critical", "legal risk": "critical", "safety risk": "critical",
		"harm": "critical", "someone could get hurt": "critical", "people could get hurt": "critical",
	},
	advisor.FieldDomain: {
		"everyday": "general", "every day": "general", "common": "general", "ordinary": "general",
		"plain english": "general", "plain language": "general", "normal": "general", "generic": "general",
		"general purpose": "general", "not specialized": "general", "not specialised": "general",
		"everyday language": "general", "general language": "general",
		"plain": "general", "simple language": "general", "ordinary language": "general",
		"no jargon": "general", "everyday words": "general",

		"specialised": "specialized", "specialist": "specialized", "jargon": "specialized",
		"technical": "specialized", "industry jargon": "specialized", "domain specific": "specialized",
		"some jargon": "specialized", "legal": "specialized", "medical": "specialized",
		"financial": "specialized", "scientific": "specialized", "engineering": "specialized",
		"lots of jargon": "specialized", "jargon heavy": "specialized", "acronyms": "specialized",
		"industry terms": "specialized", "technical terms": "specialized", "trade terms": "specialized",

		"very specialized": "niche", "very specialised": "niche", "highly specialized": "niche",
		"highly specialised": "niche", "unusual": "niche", "rare language": "niche", "rare": "niche",
		"obscure": "niche", "proprietary": "niche", "internal jargon": "niche", "in house jargon": "niche",
		"low resource language": "niche", "very technical": "niche", "exotic": "niche",
		"internal codes": "niche", "in house codes": "niche", "our own codes": "niche", "made up codes": "niche",
		"company slang": "niche", "odd formats": "niche", "unusual formats": "niche",
	},
	advisor.FieldOutputConsistency: {
		"free form": "flexible", "freeform": "flexible", "free": "flexible", "loose": "flexible",
		"anything": "flexible", "any format": "flexible", "doesnt matter": "flexible",
		"not important": "flexible", "relaxed": "flexible", "casual": "flexible", "no format": "flexible",
		"any style": "flexible", "any wording": "flexible", "whatever works": "flexible",
		"any clear wording": "flexible",

		"same style": "consistent", "same tone": "consistent", "fairly consistent": "consistent",
		"mostly consistent": "consistent", "house style": "consistent", "brand voice": "consistent",
		"template": "consistent", "similar": "consistent", "uniform": "consistent",
		"on brand": "consistent", "brand guidelines": "consistent", "style guide": "consistent",
		"same voice": "consistent",

		"exact schema": "strict", "schema": "strict", "json": "strict", "xml": "strict", "csv": "strict",
		"fixed format": "strict", "exact format": "strict", "very strict": "strict", "rigid": "strict",
		"structured": "strict", "machine readable": "strict", "must match exactly": "strict", "exact": "strict",
		"fixed schema": "strict", "strict schema": "strict", "json schema": "strict", "xml schema": "strict",
		"match exactly": "strict", "exact template": "strict", "fixed template": "strict",
		"exactly the template": "strict", "to the letter": "strict",
	},
	advisor.FieldKnowledge: {
		"no": "none", "nothing": "none", "nothing else": "none", "just the item": "none",
		"only the item": "none", "the input only": "none", "input only": "none", "self contained": "none",
		"none needed": "none", "not needed": "none", "no extra knowledge": "none",
		"the item itself": "none", "in the ticket": "none", "in the ticket itself": "none",
		"in the email": "none", "in the document itself": "none", "nothing beyond the item": "none",
		"nothing else needed": "none", "nothing extra": "none",

		"web": "public", "the web": "public", "internet": "public", "the internet": "public",
		"general knowledge": "public", "common knowledge": "public", "world knowledge": "public",
		"public info": "public", "public information": "public", "public docs": "public",
		"public data": "public", "wikipedia": "public",
		"publicly available": "public", "on the web": "public", "online": "public", "textbook": "public",
		"textbooks": "public", "public websites": "public", "public sources": "public",

		"static": "private_static", "fixed": "private_static", "stable": "private_static",
		"rarely changes": "private_static", "doesnt change": "private_static", "dont change": "private_static",
		"fixed internal docs": "private_static", "static internal docs": "private_static",
		"internal docs that rarely change": "private_static", "stable internal docs": "private_static",
		"rarely change": "private_static", "never changes": "private_static", "never change": "private_static",
		"seldom changes": "private_static", "seldom change": "private_static", "hardly changes": "private_static",
		"hardly ever changes": "private_static", "hardly change": "private_static",
		"rarely updated": "private_static", "once a year": "private_static", "yearly": "private_static",
		"annually": "private_static", "same for years": "private_static",

		"internal docs that change": "private_changing", "internal docs that change often": "private_changing",
		"changes often": "private_changing", "changing": "private_changing", "changes": "private_changing",
		"live data": "private_changing", "dynamic": "private_changing", "frequently updated": "private_changing",
		"updated often": "private_changing", "changes daily": "private_changing",
		"changes weekly": "private_changing", "live": "private_changing", "database": "private_changing",
		"our database": "private_changing", "crm": "private_changing",
		"change": "private_changing", "changes a lot": "private_changing", "change a lot": "private_changing",
		"change often": "private_changing", "change frequently": "private_changing",
		"changes frequently": "private_changing", "changes all the time": "private_changing",
		"change all the time": "private_changing", "constantly changing": "private_changing",
		"always changing": "private_changing", "updated": "private_changing", "updates": "private_changing",
		"update": "private_changing", "up to date": "private_changing", "every week": "private_changing",
		"every day": "private_changing", "every month": "private_changing", "price list": "private_changing",
		"stock levels": "private_changing", "order status": "private_changing",
	},
	advisor.FieldPromptBaseline: {
		"not yet": "untried", "no": "untried", "havent tried": "untried", "have not tried": "untried",
		"never": "untried", "not tried": "untried", "not measured": "untried", "no baseline": "untried",
		"nothing yet": "untried", "havent": "untried", "not tested": "untried", "untested": "untried",
		"none": "untried", "no test set": "untried", "nope": "untried",
		"never measured": "untried", "havent measured": "untried", "have not measured": "untried",
		"didnt try": "untried", "did not try": "untried", "not tried yet": "untried", "no eval": "untried",
		"no evals": "untried", "no evaluation": "untried", "havent tested": "untried", "not started": "untried",

		"works": "good_enough", "good": "good_enough", "fine": "good_enough", "yes it works": "good_enough",
		"it works": "good_enough", "works well": "good_enough", "yes good enough": "good_enough",
		"acceptable": "good_enough", "passed": "good_enough", "meets the bar": "good_enough",
		"works fine": "good_enough", "yes works": "good_enough", "yes it is good enough": "good_enough",
		"it passes": "good_enough", "passes": "good_enough", "already works": "good_enough",
		"works well enough": "good_enough", "meets our bar": "good_enough", "good results": "good_enough",

		"stuck": "plateaued", "plateau": "plateaued", "plateaus": "plateaued", "not good enough": "plateaued",
		"tried but": "plateaued", "tried but not good enough": "plateaued",
		"tried but it wasnt good enough": "plateaued", "tried it but it wasnt good enough": "plateaued",
		"not enough": "plateaued", "falls short": "plateaued", "fell short": "plateaued", "stalled": "plateaued",
		"hit a wall": "plateaued", "not accurate enough": "plateaued", "too many errors": "plateaued",
		"didnt work": "plateaued", "doesnt work": "plateaued", "not there yet": "plateaued",
		"it plateaued": "plateaued", "plateauing": "plateaued", "levelled off": "plateaued",
		"leveled off": "plateaued", "stopped improving": "plateaued", "not improving": "plateaued",
		"topped out": "plateaued", "maxed out": "plateaued", "short of the bar": "plateaued",
		"below the bar": "plateaued", "misses the bar": "plateaued", "stuck at": "plateaued",
		"cant get it better": "plateaued",
	},
	advisor.FieldLatency: {
		"real time": "realtime", "instant": "realtime", "instantly": "realtime", "sub second": "realtime",
		"subsecond": "realtime", "immediate": "realtime", "immediately": "realtime",
		"under a second": "realtime", "milliseconds": "realtime", "live": "realtime",
		"during the call": "realtime", "live call": "realtime", "on the call": "realtime",
		"as they type": "realtime", "autocomplete": "realtime",

		"seconds": "interactive", "a few seconds": "interactive", "few seconds": "interactive",
		"within seconds": "interactive", "quick": "interactive", "fast": "interactive",
		"while they wait": "interactive", "under a minute": "interactive",
		"customer is waiting": "interactive", "while the customer waits": "interactive",
		"someone waits": "interactive", "in a chat": "interactive",

		"overnight": "batch", "offline": "batch", "hours": "batch", "a few hours": "batch", "daily": "batch",
		"next day": "batch", "within a day": "batch", "same day": "batch", "whenever": "batch",
		"no rush": "batch", "not urgent": "batch", "async": "batch", "asynchronous": "batch",
		"nightly": "batch", "weekly": "batch", "minutes": "batch", "a few minutes": "batch",
		"within an hour": "batch",

		"by tomorrow": "batch", "end of day": "batch", "by end of day": "batch", "a day": "batch",
		"later": "batch", "in the background": "batch",
	},
	advisor.FieldDataSensitivity: {
		"published": "public", "open data": "public", "publicly available": "public", "public info": "public",
		"public data": "public", "public information": "public",

		"internal only": "internal", "internal use": "internal", "internal use only": "internal",
		"company internal": "internal", "employees only": "internal", "not sensitive": "internal",
		"non sensitive": "internal", "nothing sensitive": "internal",
		"staff only": "internal", "nothing personal": "internal", "intranet": "internal",

		"customer data": "confidential", "sensitive": "confidential", "proprietary": "confidential",
		"business sensitive": "confidential", "commercially sensitive": "confidential",
		"contracts": "confidential", "employee data": "confidential",
		"pricing": "confidential", "financials": "confidential", "customer accounts": "confidential",
		"business secrets": "confidential", "nda": "confidential",

		"secret": "restricted", "top secret": "restricted", "highly confidential": "restricted",
		"strictly confidential": "restricted", "highly sensitive": "restricted", "very sensitive": "restricted",
		"pii": "restricted", "personal data": "restricted", "personal information": "restricted",
		"phi": "restricted", "pci": "restricted", "health data": "restricted", "medical data": "restricted",
		"medical records": "restricted", "patient data": "restricted", "health records": "restricted",
		"hipaa": "restricted", "card data": "restricted", "credit card": "restricted",
		"credit cards": "restricted", "payment data": "restricted", "payment card": "restricted",
		"bank details": "restricted", "ssn": "restricted", "social security numbers": "restricted",
		"passwords": "restricted", "credentials": "restricted", "special category": "restricted",
		"biometric": "restricted", "classified": "restricted", "trade secrets": "restricted",
		"personal": "restricted", "personal details": "restricted", "gdpr": "restricted", "salaries": "restricted",
		"payroll": "restricted", "hr data": "restricted", "medical": "restricted", "card numbers": "restricted",
		"passport": "restricted", "id numbers": "restricted",
	},
	advisor.FieldMLSkill: {
		"no": "none", "no ml": "none", "nothing": "none", "nobody": "none", "no one": "none",
		"no experience": "none", "not really": "none", "zero": "none", "no skills": "none",
		"no data scientists": "none", "not at all": "none", "nope": "none",

		"a bit": "some", "a little": "some", "basic": "some", "some experience": "some", "limited": "some",
		"a few people": "some", "one person": "some", "junior": "some", "learning": "some",
		"somewhat": "some", "moderate": "some", "medium": "some", "intermediate": "some",
		"one data scientist": "some",

		"a data scientist": "some", "one or two people": "some", "a person or two": "some",
		"someone has": "some", "a little experience": "some",

		"expert": "strong", "experts": "strong", "yes": "strong", "yes ml team": "strong",
		"ml team": "strong", "we have an ml team": "strong", "data science team": "strong",
		"experienced": "strong", "advanced": "strong", "mlops team": "strong", "yes we can": "strong",
		"full team": "strong", "yes we have an ml team": "strong",
		"ml engineers": "strong", "mlops": "strong", "experienced ml team": "strong",
		"an experienced ml team": "strong", "we do it all the time": "strong",
	},
}

// enumHints are phrases that narrow a choice to some of its options but not
// to one: "private" and "our wiki" are our own documents, changing or not.
// Alone they are answered with a question; in a longer answer, the other
// words decide ("private, it changes a lot").
var enumHints = map[string]map[string][]string{
	advisor.FieldKnowledge: {
		"private": ownDocs, "internal": ownDocs, "our own": ownDocs, "our docs": ownDocs, "our own docs": ownDocs,
		"our documents": ownDocs, "our own documents": ownDocs, "internal docs": ownDocs,
		"internal documents": ownDocs, "company docs": ownDocs, "wiki": ownDocs, "our wiki": ownDocs,
		"handbook": ownDocs, "our handbook": ownDocs, "intranet": ownDocs, "confluence": ownDocs,
		"sharepoint": ownDocs, "knowledge base": ownDocs, "our kb": ownDocs, "policies": ownDocs,
		"our policies": ownDocs, "manuals": ownDocs, "our manuals": ownDocs, "playbook": ownDocs,
		"internal data": ownDocs, "our data": ownDocs, "company data": ownDocs, "in house": ownDocs,
	},
	advisor.FieldPromptBaseline: {
		"tried": measured, "we tried": measured, "tested": measured, "measured": measured,
		"we measured": measured, "we tested": measured, "evaluated": measured,
	},
}

var (
	ownDocs  = []string{"private_static", "private_changing"}
	measured = []string{"good_enough", "plateaued"}
)
