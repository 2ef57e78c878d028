package parse

import (
	"slices"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
)

// phrasing is one way people write a fact in chat: lower case, "~", "k",
// "/mo", no full stop. Want lists every field Description must read from it, and
// nothing else may be read; unknown names the fields it is tempting to read
// wrongly (a volume as examples, "not strict" as strict), so that the table
// says what each case guards against.
type phrasing struct {
	group   string
	text    string
	want    fv
	unknown []string
}

// fv maps field names to values as JSON decodes them; whole numbers may be
// written as ints.
type fv = map[string]any

const (
	fTask      = advisor.FieldTask
	fVolume    = advisor.FieldMonthlyVolume
	fMinutes   = advisor.FieldMinutesPerTask
	fReview    = advisor.FieldHumanReview
	fDomain    = advisor.FieldDomain
	fFormat    = advisor.FieldOutputConsistency
	fKnowledge = advisor.FieldKnowledge
	fCitations = advisor.FieldCitationsRequired
	fExamples  = advisor.FieldLabeledExamples
	fBaseline  = advisor.FieldPromptBaseline
	fLatency   = advisor.FieldLatency
	fRegulated = advisor.FieldRegulated
	fRules     = advisor.FieldRulesExpressible
	fSelfHost  = advisor.FieldSelfHostingOK
	fSensitive = advisor.FieldDataSensitivity
	fTimeline  = advisor.FieldTimelineWeeks
	// A percentage people quote about a model ("gets ~80%") is not how
	// costly a wrong output is.
	fAccuracy = advisor.FieldAccuracy
)

var extractPhrasings = []phrasing{
	// 1. Counts of finished past work are labeled examples; volumes are not.
	{"examples", "we have 12k resolved disputes with the final decision", fv{fExamples: 12000}, []string{fVolume}},
	{"examples", "about 3,000 past tickets with the right category", fv{fExamples: 3000}, []string{fVolume}},
	{"examples", "two years of approved translations (~40k segments)", fv{fTask: "translate", fExamples: 40000}, []string{fVolume, fTimeline}},
	{"examples", "our editors have approved ~6,000 descriptions", fv{fExamples: 6000}, []string{fVolume, fReview}},
	{"examples", "6000 descriptions approved by our editors", fv{fExamples: 6000}, []string{fReview, fVolume}},
	{"examples", "we've got ~12k closed tickets w/ the final category", fv{fExamples: 12000}, []string{fVolume}},
	{"examples", "we have about 3k past tickets, each with the right category", fv{fExamples: 3000}, []string{fVolume}},
	{"examples", "abt 3000 old tickets and their resolutions", fv{fExamples: 3000}, nil},
	{"examples", "3 agents have resolved 40k tickets since launch", fv{fExamples: 40000}, []string{fVolume}},
	{"examples", "we've translated ~40k segments over two years", fv{fTask: "translate", fExamples: 40000}, []string{fVolume, fTimeline}},
	{"examples", "there are 8k historical claims with the adjuster's decision", fv{fExamples: 8000}, []string{fVolume}},
	{"examples", "we have 5k contracts that were already coded by paralegals", fv{fExamples: 5000}, []string{fReview}},
	{"examples", "We get 500 claims a month. Every claim we've processed since 2019 has the adjuster's coding.", fv{fVolume: 500, fExamples: 36000}, nil},
	{"examples", "~2k tickets/mo, 3 yrs of resolved tickets in zendesk", fv{fVolume: 2000, fExamples: 72000}, []string{fTimeline}},
	{"examples", "we receive ~12k tickets per month and have 40k historical ones with the queue they went to", fv{fVolume: 12000, fExamples: 40000}, nil},
	{"examples: volume", "we get 12k tickets a month", fv{fVolume: 12000}, []string{fExamples}},
	{"examples: volume", "we get 12k resolved disputes a month", fv{fVolume: 12000}, []string{fExamples}},
	{"examples: volume", "we handle 3,000 tickets with the right category", fv{}, []string{fExamples, fVolume}},
	{"examples: task", "we need to classify 3,000 tickets into the right category", fv{fTask: "classify"}, []string{fExamples, fVolume}},
	{"examples: no outcome", "we have 3,000 past tickets", fv{}, []string{fExamples}},
	{"examples: not done", "we have 3,000 open tickets in the backlog", fv{}, []string{fExamples, fVolume}},
	{"examples: not items", "our team approved 5 vendors last year", fv{}, []string{fExamples}},
	{"examples: not items", "we have 12 categories and 3 queues", fv{}, []string{fExamples, fVolume}},
	{"examples: negated", "we don't have 12k resolved disputes, more like 500", fv{}, []string{fExamples}},
	{"examples: negated outcome", "we have 3,000 past tickets but none have the category", fv{}, []string{fExamples}},
	{"examples: hedged", "not sure if we have 3k resolved tickets", fv{}, []string{fExamples}},
	{"examples: estimate", "I think we have ~3k resolved tickets", fv{fExamples: 3000}, nil},
	{"examples: estimate", "maybe 3,000 past tickets with the right category", fv{fExamples: 3000}, nil},
	{"examples: no volume", "every claim we've processed since 2019 has the adjuster's coding", fv{}, []string{fExamples}},
	{"examples: negated", "We get 500 claims a month. Not every claim we've processed since 2019 has the adjuster's coding.", fv{fVolume: 500}, []string{fExamples}},
	{"examples: hedged", "We get 500 claims a month. Maybe every claim we've processed since 2019 has the coding?", fv{fVolume: 500}, []string{fExamples}},
	{"examples: none", "we have zero resolved tickets", fv{fExamples: 0}, nil},
	{"volume: hedged", "not sure if each quarter we do ~300", fv{}, []string{fVolume}},
	{"volume: hedged", "if it's a one-off batch of 200 contracts we won't bother", fv{}, []string{fVolume}},
	{"examples: labelled", "we have 200 examples of good replies", fv{fExamples: 200}, nil},
	{"examples", "we've got 2 yrs of tagged data, ~15k rows", fv{fExamples: 15000}, []string{fTimeline, fVolume}},
	{"examples", "there's a history of ~8k decisions", fv{fExamples: 8000}, nil},
	{"examples", "all 5,000 past cases have outcomes recorded", fv{fExamples: 5000}, nil},
	{"examples", "our archive has 20k answered emails", fv{fExamples: 20000}, nil},
	{"examples", "we have a labelled set of 2k", fv{fExamples: 2000}, nil},
	{"examples", "Resolved disputes: ~12k, each with the final ruling", fv{fExamples: 12000}, nil},
	{"examples", "We have 250 reviewed contracts and about 30 come in each month.", fv{fExamples: 250, fVolume: 30}, nil},
	{"examples: people", "Our 5 reviewers handled 2,000 tickets last quarter.", fv{fVolume: 667}, []string{fExamples}},
	{"examples: not items", "We have 2 years of experience, 300 customers", fv{}, []string{fExamples, fVolume}},
	{"examples: date", "Since 2021 we have grown to 50 agents", fv{}, []string{fExamples, fVolume}},

	// 2. Volumes with the period first, yearly, by frequency, or one-off.
	{"volume", "twice a year, about 60 of them", fv{fVolume: 10}, []string{fExamples}},
	{"volume", "about 500 a year", fv{fVolume: 42}, nil},
	{"volume", "500/yr", fv{fVolume: 42}, nil},
	{"volume", "a one-off batch of ~200 contracts", fv{fVolume: 6}, []string{fLatency, fExamples}},
	{"volume", "one-time migration of 200 contracts", fv{fVolume: 6}, []string{fExamples}},
	{"volume", "we need to migrate 10k legacy docs once", fv{fVolume: 278}, []string{fExamples}},
	{"volume", "a backlog of 5,000 scanned invoices, one-time", fv{fVolume: 139}, nil},
	{"volume", "a one-off batch of ~200 contracts. after that maybe 10 a month", fv{fVolume: 10}, nil},
	{"volume", "not a one-off, about 200 contracts a quarter", fv{fVolume: 67}, nil},
	{"volume", "each quarter we do ~300", fv{fVolume: 100}, nil},
	{"volume", "every month we get about 2,000 tickets", fv{fVolume: 2000}, []string{fExamples}},
	{"volume", "twice a month we get a batch of ~500 invoices", fv{fVolume: 1000}, []string{fLatency}},
	{"volume", "3 times a year about 200 audits", fv{fVolume: 50}, nil},
	{"volume", "once a quarter, roughly 1,200 forms", fv{fVolume: 400}, nil},
	{"volume", "every other week we get 40 applications", fv{fVolume: 87}, nil},
	{"volume", "on a typical day we see ~150 emails", fv{fVolume: 4563}, nil},
	{"volume", "per week: ~300 tickets", fv{fVolume: 1300}, nil},
	{"volume", "monthly volume is ~2k", fv{fVolume: 2000}, nil},
	// A day is a calendar day, as in Answer: 365/12 days a month.
	{"volume", "5 a day", fv{fVolume: 152}, nil},
	{"volume", "about 20 per business day", fv{fVolume: 433}, nil},
	{"volume", "approx 40/wk", fv{fVolume: 173}, nil},
	{"volume", "~1.5k a mo", fv{fVolume: 1500}, nil},
	{"volume", "300 per wk", fv{fVolume: 1300}, nil},
	{"volume", "~2k tickets/mo", fv{fVolume: 2000}, nil},
	{"volume", "we get 300 emails from customers per day", fv{fVolume: 9125}, nil},
	{"volume", "300 emails from customers a day, each takes 5 mins", fv{fVolume: 9125, fMinutes: 5}, nil},
	{"volume: not a rate", "weekly reports run about 30 pages", fv{}, []string{fVolume}},
	{"volume: not a rate", "it takes a day to review 50 contracts", fv{}, []string{fVolume, fMinutes}},
	{"volume: people", "every week 3 agents spend 10 hours on this", fv{}, []string{fVolume, fMinutes}},
	{"volume: people", "each agent handles 50 tickets a day", fv{}, []string{fVolume}},
	{"volume: hedged", "if we get 500 a month it's worth it", fv{}, []string{fVolume}},
	{"volume: past period", "We closed 3,000 tickets last month.", fv{fVolume: 3000}, []string{fExamples}},
	{"volume: past period", "We processed 12,000 claims in 2023.", fv{fVolume: 1000}, []string{fExamples}},
	{"volume: past period", "the team processed 300 invoices yesterday", fv{fVolume: 9125}, []string{fExamples}},
	{"volume: batches", "about 2k strings per release, 4 releases a year", fv{fVolume: 667}, nil},
	{"volume: batches", "4 releases a year, ~500 strings each release", fv{fVolume: 167}, nil},
	{"volume: batches", "we run 4 campaigns a year", fv{}, []string{fVolume}},
	{"volume", "Every Monday we get about 200 timesheets.", fv{fVolume: 867}, nil},
	{"volume", "Each month the 3 of us review 500 invoices.", fv{fVolume: 500}, nil},
	{"volume", "10-15/day", fv{fVolume: 380}, nil},
	{"volume", "1-2k emails monthly", fv{fVolume: 1500}, nil},
	{"volume: one summary a night", "Every night we summarise the day's 3,000 call transcripts", fv{fTask: "summarize", fLatency: "batch"}, []string{fVolume}},

	// 3. Format cues with words in between.
	{"format", "must follow the exact regulator-mandated layout", fv{fFormat: "strict", fRegulated: true}, nil},
	{"format", "has to match our template exactly", fv{fFormat: "strict"}, nil},
	{"format", "output goes straight into the ERP as JSON with fixed fields", fv{fFormat: "strict"}, []string{fReview}},
	{"format", "always in the same structure", fv{fFormat: "strict"}, nil},
	{"format", "has to be in the same format every time", fv{fFormat: "strict"}, nil},
	{"format", "it goes into SAP as a CSV with fixed columns", fv{fFormat: "strict"}, nil},
	{"format", "should roughly follow our usual structure", fv{fFormat: "consistent"}, nil},
	{"format", "should loosely follow our usual template", fv{fFormat: "consistent"}, nil},
	{"format", "no fixed format, just a short note", fv{fFormat: "flexible"}, nil},
	{"format", "format doesn't matter much", fv{fFormat: "flexible"}, nil},
	{"format", "we don't care about tone but it must be valid JSON", fv{fFormat: "strict"}, nil},
	{"format: negated", "the format isn't strict", fv{}, []string{fFormat}},
	{"format: negated", "doesn't need to follow an exact template", fv{}, []string{fFormat}},
	{"format: negated", "it doesn't have to be in a fixed format", fv{}, []string{fFormat}},
	{"format: hedged", "maybe it should follow a fixed template, not sure", fv{}, []string{fFormat}},
	{"format: hedged", "not sure if the format needs to be exact", fv{}, []string{fFormat}},
	{"format: hedged", "I think it needs the exact same layout as the paper form", fv{}, []string{fFormat}},
	{"format: input", "we receive JSON from the vendor API", fv{}, []string{fFormat}},
	{"format: input", "Invoices arrive in the same format every time.", fv{}, []string{fFormat}},
	{"format: input", "The forms we receive follow a fixed template.", fv{}, []string{fFormat}},

	// 4. Style: a voice the output misses still has to be followed.
	{"style", "drafts never sound like our house style", fv{fFormat: "consistent"}, []string{fBaseline}},
	{"style", "it never sounds like us", fv{fFormat: "consistent"}, []string{fBaseline}},
	{"style", "the tone is always off", fv{fFormat: "consistent"}, []string{fBaseline}},
	{"style", "the drafts don't sound like us at all", fv{fFormat: "consistent"}, nil},
	{"style", "replies should sound like us", fv{fFormat: "consistent"}, nil},
	{"style", "tone of voice is super important for us", fv{fFormat: "consistent"}, nil},
	{"style", "we tried chatgpt but it never sounds like us", fv{fFormat: "consistent", fBaseline: "plateaued"}, nil},
	{"style", "We tried ChatGPT for a month. It never sounds like us.", fv{fFormat: "consistent", fBaseline: "plateaued"}, nil},
	{"style", "the tone is always off with gpt", fv{fFormat: "consistent", fBaseline: "plateaued"}, nil},
	{"style: flexible", "we don't care about tone", fv{fFormat: "flexible"}, nil},
	{"style: flexible", "tone doesn't matter, it's internal", fv{fFormat: "flexible"}, nil},
	{"style: negated", "it doesn't need to sound like us", fv{}, []string{fFormat}},
	{"style: negated", "we have no style guide", fv{}, []string{fFormat}},
	{"style: hedged", "maybe it should match our brand voice", fv{}, []string{fFormat}},
	{"style: not a voice", "That doesn't sound like a big deal.", fv{}, []string{fFormat}},
	{"style: not a voice", "This sounds like our old process.", fv{}, []string{fFormat}},

	// 5. Domain: rare languages, in-house languages, industry codes, jargon.
	{"domain", "replies in Estonian, Latvian and Lithuanian", fv{fDomain: "niche"}, nil},
	{"domain", "replies in estonian and latvian", fv{fDomain: "niche"}, nil},
	{"domain", "Korean call transcripts", fv{fDomain: "niche"}, nil},
	{"domain", "Taglish chat", fv{fDomain: "niche"}, nil},
	{"domain", "mostly Hinglish whatsapp messages", fv{fDomain: "niche"}, nil},
	{"domain", "emails in Polish and Czech", fv{fDomain: "niche"}, nil},
	{"domain", "queries in our own query language", fv{fDomain: "niche"}, nil},
	{"domain", "code in a proprietary DSL that only we use", fv{fDomain: "niche"}, nil},
	{"domain", "assign HS codes to shipments", fv{fDomain: "niche", fTask: "classify"}, nil},
	{"domain", "map diagnoses to ICD-10 codes", fv{fDomain: "niche"}, nil},
	{"domain", "tag ATA chapters on maintenance logs", fv{fDomain: "niche", fTask: "classify"}, nil},
	{"domain", "CPT coding for outpatient visits", fv{fDomain: "niche"}, nil},
	{"domain", "classify businesses into NAICS codes", fv{fDomain: "niche", fTask: "classify"}, nil},
	{"domain", "lots of legal jargon in the contracts", fv{fDomain: "specialized"}, nil},
	{"domain", "financial statements full of IFRS terms", fv{fDomain: "specialized"}, nil},
	{"domain", "medical terminology in the referral letters", fv{fDomain: "specialized"}, nil},
	{"domain: major language", "we translate into German and French", fv{fTask: "translate"}, []string{fDomain}},
	{"domain: nationality", "our Finnish office sends us reports", fv{}, []string{fDomain}},
	{"domain: nationality", "Korean customers email us in English", fv{}, []string{fDomain}},
	{"domain: verb", "we need to polish the drafts", fv{}, []string{fDomain}},
	{"domain: negated", "not in Arabic yet", fv{}, []string{fDomain}},
	{"domain: hedged", "maybe Finnish content later", fv{}, []string{fDomain}},
	{"domain: own language", "customers write in their own language", fv{}, []string{fDomain}},
	{"domain", "Contracts are in English, German and Polish.", fv{fDomain: "niche"}, nil},
	{"domain: major language", "Please respond in English or Spanish.", fv{}, []string{fDomain}},

	// 6. Change frequency of the company's own facts.
	{"knowledge", "the handbook is revised every month", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "policies change all the time", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "prices update daily", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "the catalogue is updated weekly", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "our pricing changes every week", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "the kb changes constantly", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "SOPs get revised every few weeks", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "answers come from the wiki which is updated weekly", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "the manual hasn't changed in years", fv{fKnowledge: "private_static"}, nil},
	{"knowledge", "our rates never change", fv{fKnowledge: "private_static"}, nil},
	{"knowledge", "the handbook rarely changes", fv{fKnowledge: "private_static"}, nil},
	{"knowledge: not ours", "stock prices update every second", fv{}, []string{fKnowledge, fLatency}},
	{"knowledge: the task", "we want to update prices automatically", fv{}, []string{fKnowledge}},
	{"knowledge: the task", "prices should update in real time", fv{fLatency: "realtime"}, []string{fKnowledge}},
	{"knowledge: not a source", "the manual process takes forever", fv{}, []string{fKnowledge}},
	{"knowledge: catalogue as a place", "descriptions for the 2,000 SKUs in our catalogue", fv{}, []string{fKnowledge, fExamples}},
	{"knowledge", "the price book changes monthly", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "product info changes weekly", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "the SOPs are pretty stable", fv{fKnowledge: "private_static"}, nil},

	// 7. What prompting did.
	{"baseline", "we tuned the prompt for weeks and it stopped improving", fv{fBaseline: "plateaued"}, nil},
	{"baseline", "GPT-4 gets ~80% and we can't push it higher", fv{fBaseline: "plateaued"}, []string{fAccuracy}},
	{"baseline", "prompting plateaued", fv{fBaseline: "plateaued"}, nil},
	{"baseline", "we've tried ChatGPT, it's not good enough", fv{fBaseline: "plateaued"}, nil},
	{"baseline", "tried gpt-4, got around 80% and it's stuck there", fv{fBaseline: "plateaued"}, nil},
	{"baseline", "we've been tweaking prompts for weeks, accuracy isn't improving", fv{fBaseline: "plateaued"}, nil},
	{"baseline", "works fine with a prompt already", fv{fBaseline: "good_enough"}, nil},
	{"baseline", "the prompt works but it's expensive", fv{fBaseline: "good_enough"}, nil},
	{"baseline", "ChatGPT does a decent job already", fv{fBaseline: "good_enough"}, nil},
	{"baseline", "we use chatgpt and we're happy with it", fv{fBaseline: "good_enough"}, nil},
	{"baseline", "haven't tried fine-tuning but prompting works fine", fv{fBaseline: "good_enough"}, nil},
	{"baseline", "haven't tried anything yet", fv{fBaseline: "untried"}, nil},
	{"baseline", "haven't tried any AI tools yet", fv{fBaseline: "untried"}, nil},
	{"baseline", "nothing tried yet", fv{fBaseline: "untried"}, nil},
	{"baseline: negated", "we're not happy with chatgpt", fv{}, []string{fBaseline}},
	{"baseline: hedged", "not sure if prompting would work", fv{}, []string{fBaseline}},
	{"baseline: hedged", "I think prompting plateaued", fv{}, []string{fBaseline}},
	{"baseline: hedged", "maybe gpt-4 is good enough?", fv{}, []string{fBaseline}},
	{"baseline: not about prompting", "the current process works fine", fv{}, []string{fBaseline}},
	{"baseline: not about prompting", "we haven't tried outsourcing it", fv{}, []string{fBaseline}},
	{"baseline", "prompt engineering got us to 80% but no further", fv{fBaseline: "plateaued"}, nil},
	{"baseline", "few-shot prompting is where we are, accuracy is flat", fv{fBaseline: "plateaued"}, nil},
	{"baseline: a wish", "We'd be happy with 90% accuracy from the model.", fv{}, []string{fBaseline}},

	// Citations.
	{"citations", "answers must link the source article", fv{fCitations: true}, nil},
	{"citations", "need to cite the policy section", fv{fCitations: true, fKnowledge: "private_static"}, nil},
	{"citations", "answers need to link back to the kb article", fv{fCitations: true, fKnowledge: "private_static"}, nil},
	{"citations", "it should show where the answer came from", fv{fCitations: true}, nil},
	{"citations: negated", "no need to cite sources", fv{fCitations: false}, nil},
	{"citations: negated", "we don't need citations", fv{fCitations: false}, nil},
	{"citations: wish", "citations would be nice but not required", fv{}, []string{fCitations}},
	{"citations: hedged", "not sure if we need to cite sources", fv{}, []string{fCitations}},

	// Rules.
	{"rules", "it's just based on the dropdown value", fv{fRules: true}, nil},
	{"rules", "the category is already a form field", fv{fRules: true}, nil},
	{"rules", "simple if-then rules would do", fv{fRules: true}, nil},
	{"rules", "it's basically a vlookup", fv{fRules: true}, nil},
	{"rules", "could be done with a couple of regexes", fv{fRules: true}, nil},
	{"rules: negated", "rules won't work, too many edge cases", fv{fRules: false}, nil},
	{"rules: negated", "it's not just based on the form field", fv{}, []string{fRules}},
	{"rules: hedged", "maybe simple rules would do?", fv{}, []string{fRules}},

	// Review.
	{"review", "an agent approves every draft", fv{fReview: true}, nil},
	{"review", "an agent double checks every reply before it goes out", fv{fReview: true}, nil},
	{"review", "goes out without anyone checking", fv{fReview: false}, nil},
	{"review", "replies go straight to the customer", fv{fReview: false}, nil},
	{"review", "no one reviews them, they go out automatically", fv{fReview: false}, nil},
	{"review", "sent w/o review", fv{fReview: false}, nil},
	{"review: the task", "someone has to check each request against the policy", fv{fKnowledge: "private_static"}, []string{fReview}},
	{"review: today", "today a supervisor approves every reply", fv{}, []string{fReview}},
	{"review: a share", "a human may review some of them", fv{}, []string{fReview}},
	{"review: hedged", "not sure if a human reviews the drafts", fv{}, []string{fReview}},
	{"review", "a human approves everything before posting", fv{fReview: true}, nil},
	{"review: routing", "The questions go straight to the customer success team.", fv{}, []string{fReview}},

	// Self-hosting.
	{"self-hosting", "must stay on-prem", fv{fSelfHost: true}, nil},
	{"self-hosting", "we can run open models in our own cloud", fv{fSelfHost: true}, nil},
	{"self-hosting", "we can host open source models on our own infra", fv{fSelfHost: true}, nil},
	{"self-hosting", "we can't run anything on-prem", fv{fSelfHost: false}, nil},
	{"self-hosting", "no GPUs and no infra to host models", fv{fSelfHost: false}, nil},
	{"self-hosting", "we're cloud only, no self-hosting", fv{fSelfHost: false}, nil},
	{"self-hosting: hedged", "maybe we could self-host later", fv{}, []string{fSelfHost}},
	{"self-hosting: hedged", "not sure if self-hosting is allowed", fv{}, []string{fSelfHost}},

	// Hedges and beliefs on other fields.
	{"hedged", "I think GDPR applies", fv{}, []string{fRegulated}},
	{"hedged", "probably HIPAA, idk", fv{}, []string{fRegulated, fSensitive}},
	{"hedged", "idk if it's regulated", fv{}, []string{fRegulated}},
	{"negated", "no PII and not regulated", fv{fRegulated: false}, []string{fSensitive}},
	{"negated", "w/o human review", fv{fReview: false}, nil},

	// Whole messages as people send them.
	{"message", "hey! we get ~2k tix/mo in zendesk, have ~30k closed ones w/ the right queue. tried chatgpt, stuck around 75%",
		fv{fVolume: 2000, fExamples: 30000, fBaseline: "plateaued"}, []string{fAccuracy}},
	{"message", "legal team, ~40 contracts per wk, must follow the exact clause template, answers need to cite the section",
		fv{fVolume: 173, fFormat: "strict", fCitations: true}, []string{fExamples}},
	{"message", "twice a year we do a vendor audit, about 60 of them, the checklist changes every time",
		fv{fVolume: 10}, []string{fExamples, fKnowledge}},
	{"message", "support in estonian + latvian, policies change all the time, an agent approves every draft",
		fv{fDomain: "niche", fKnowledge: "private_changing", fReview: true}, nil},
	{"message", "one-time migration of 200 contracts into the new CLM, fields must match our template exactly",
		fv{fVolume: 6, fFormat: "strict"}, []string{fExamples}},
	{"message", "we have 5k resolved tickets but prompting already works fine, nothing regulated",
		fv{fExamples: 5000, fBaseline: "good_enough", fRegulated: false}, []string{fVolume}},

	// Vague amounts, at the low end of what people mean.
	{"vague", "A few million calls a month", fv{fVolume: 3_000_000}, []string{fExamples}},
	{"vague", "it's millions a month", fv{fVolume: 2_000_000}, nil},
	{"vague", "several hundred invoices a month", fv{fVolume: 300}, nil},
	{"vague", "we have thousands of customers", fv{}, []string{fVolume, fExamples}},
	// Whose time it is, between the amount and its unit.
	{"time", "~60 applications a month, ~25 attorney hours each", fv{fVolume: 60, fMinutes: 1500}, nil},
	{"time", "each report takes 3 analyst hours", fv{fMinutes: 180}, nil},
	// Fitting items to a fixed scheme is classification.
	{"task", "every complaint has to be coded to the regulator's taxonomy", fv{fTask: "classify", fRegulated: true}, nil},
	{"task", "we map charge descriptions into our charge taxonomy", fv{fTask: "classify"}, nil},
	// Change said of a source, and language models are said not to get.
	{"knowledge", "answers come from runbooks that churn constantly", fv{fKnowledge: "private_changing"}, nil},
	{"knowledge", "agents answer from our help centre, which product teams update every week", fv{fKnowledge: "private_changing"}, nil},
	{"domain", "vendor alarm codes and jargon the models don't really get", fv{fDomain: "niche"}, nil},
	{"format", "first drafts written the way our attorneys write", fv{fTask: "draft", fFormat: "consistent"}, nil},
	// Automatic decisions about people, and the employment rules over them.
	{"decide", "we want AI to auto-reject the bottom 70% of applicants", fv{fTask: "decide", fRegulated: true}, nil},
	{"decide", "we auto-reject incomplete applications", fv{fTask: "decide", fReview: false}, nil},
	{"decide", "screen out job applications that miss the must-haves", fv{fTask: "decide", fRegulated: true}, nil},
}

func TestDescriptionPhrasings(t *testing.T) {
	if len(extractPhrasings) < 150 {
		t.Fatalf("only %d phrasings; want at least 150", len(extractPhrasings))
	}
	for _, c := range extractPhrasings {
		t.Run(c.group+": "+c.text, func(t *testing.T) {
			ex := Description(c.text)
			checkExtraction(t, c.text, ex)
			var want []string
			for _, f := range advisor.FieldNames() {
				if _, ok := c.want[f]; ok {
					want = append(want, f)
				}
			}
			if len(want) != len(c.want) {
				t.Fatalf("want names a field that does not exist: %v", c.want)
			}
			if !slices.Equal(ex.Inferred, want) {
				t.Errorf("inferred %v, want %v\nevidence %q", ex.Inferred, want, ex.Evidence)
			}
			for _, f := range want {
				w := c.want[f]
				if n, ok := w.(int); ok {
					w = float64(n)
				}
				if got := fieldValue(&ex.Profile, f); !sameValue(got, w) {
					t.Errorf("%s = %v, want %v (from %q)", f, got, w, ex.Evidence[f])
				}
			}
			for _, f := range c.unknown {
				if _, ok := c.want[f]; ok {
					t.Fatalf("%s is both wanted and unknown", f)
				}
				if ex.Profile.Known(f) {
					t.Errorf("%s = %v, want unknown (from %q)", f, fieldValue(&ex.Profile, f), ex.Evidence[f])
				}
			}
		})
	}
}
