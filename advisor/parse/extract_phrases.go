package parse

// Phrase families: word classes that stand for any of their words inside a
// phrase ("exact * @format" matches "exact layout" and "exact regulator
// mandated template"), and every verb joined to every object, so that the
// cue table stays readable and small.

// xWordClasses are the classes a phrase may name with "@".
var xWordClasses = map[string]map[string]bool{
	"@format": wordSet("format", "formats", "formatting", "layout", "layouts", "template", "templates",
		"structure", "schema", "schemas", "fields", "columns", "wording", "spec"),
	// Who receives an output: "goes straight to the customer".
	"@audience": wordSet("customer", "customers", "client", "clients", "user", "users", "requester",
		"requesters", "applicant", "applicants", "caller", "callers", "patient", "patients"),
	// Whose voice an output should have: "sound like our brand".
	"@voice": wordSet("brand", "voice", "company", "team", "house", "tone", "style", "agents", "writers", "own",
		"editors", "people"),
	// What a reviewer checks: "approves every draft". The object matters:
	// "check each request against the policy" is the task itself.
	"@output": wordSet("draft", "drafts", "reply", "replies", "response", "responses", "answer", "answers",
		"output", "outputs", "letter", "letters", "summary", "summaries", "translation", "translations",
		"decision", "decisions", "suggestion", "suggestions", "result", "results", "report", "reports", "post",
		"posts", "description", "descriptions", "recommendation", "recommendations", "prediction",
		"predictions", "one"),
}

// inClass reports whether w is a "@class" of the phrase syntax that has word.
func inClass(w, word string) bool {
	return w[0] == '@' && xWordClasses[w][word]
}

var (
	// "doesn't sound like us", not "doesn't sound like a big deal".
	xStyleComplaints = append(joined([]string{"never sound like", "never sounds like", "doesnt sound like",
		"dont sound like", "does not sound like", "do not sound like", "didnt sound like", "never match",
		"never matches", "doesnt match", "dont match", "does not match"}, []string{"us", "our", "a human",
		"the brand", "a person", "a real person"}), "tone is * off", "tone is off", "tone is wrong",
		"tone is never right", "tone isnt right", "tone is not right")
	// "approves every draft", "checks each reply": a check of every output.
	xReviewEach = joined([]string{"approve", "approves", "review", "reviews", "check", "checks", "proofread",
		"proofreads", "vet", "vets"}, []string{"every * @output", "each * @output", "all * @output"})
)

// joined joins every verb phrase to every object.
func joined(verbs, objects []string) []string {
	out := make([]string, 0, len(verbs)*len(objects))
	for _, v := range verbs {
		for _, o := range objects {
			out = append(out, v+" "+o)
		}
	}
	return out
}

// suffixed appends suffix to every phrase.
func suffixed(words []string, suffix string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w + suffix
	}
	return out
}
