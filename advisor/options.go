package advisor

// Option is one answer offered for a choice or yes/no field: the value that
// is stored (and written in JSON), and the plain words people see. People
// never see the value itself ("private_changing"); they see the label and,
// where the label needs it, a short example.
type Option struct {
	Value   string `json:"value"`             // as stored: "private_changing", "yes"
	Label   string `json:"label"`             // on a button: "Our own documents, which change"
	Example string `json:"example,omitempty"` // a short example: "a wiki or handbook edited often"
}

// maxLabelRunes keeps a label on one Slack button or Teams action with room
// to spare (Slack cuts button text at 75 characters). Anything longer goes
// in the Example. A test holds the table to it.
const maxLabelRunes = 40

// optionWordsTable is the plain words for every value of every choice and
// yes/no field, in the order of the field's Options. It is the only place
// these words are written: buttons, menus, confirmations and the answer
// parser (which accepts a label typed back) all read it. Labels say what
// the value means to the person answering the field's question, not what
// the rules do with it.
var optionWordsTable = map[string][]Option{
	FieldTask: {
		{"classify", "Sort, tag or route items", "send each ticket to the right team"},
		{"extract", "Pull out fields or facts", "read totals and dates from invoices"},
		{"summarize", "Summarize long text", "a short digest of a call or a thread"},
		{"draft", "Write drafts", "replies to emails, product descriptions"},
		{"answer", "Answer questions", "from a handbook or product manuals"},
		{"converse", "Hold a conversation", "a chat assistant for customers"},
		{"code", "Write or change code", "SQL queries, scripts, tests"},
		{"translate", "Translate", "support articles into German"},
		{"decide", "Decide or approve", "approve or reject an expense claim"},
		{"other", "Something else", ""},
	},
	FieldAccuracy: {
		{"low", "Low: easy to spot and fix", "a wrong tag someone re-sorts"},
		{"medium", "Medium: some rework or annoyance", "a customer waits a little longer"},
		{"high", "High: it costs money or trust", "a wrong refund or a wrong price"},
		{"critical", "Critical: harm, legal or safety risk", "a wrong dose or a wrong legal filing"},
	},
	FieldDomain: {
		{"general", "Everyday language", "ordinary emails and tickets"},
		{"specialized", "Specialist jargon", "legal, medical or finance terms"},
		{"niche", "Rare or in-house language", "internal codes, a rare language, odd formats"},
	},
	FieldOutputConsistency: {
		{"flexible", "Any clear wording will do", "a helpful reply in any style"},
		{"consistent", "The same style and tone", "house style, brand voice"},
		{"strict", "An exact format", "JSON to a schema, a fixed template"},
	},
	FieldKnowledge: {
		{"none", "Nothing beyond the item itself", "everything is in the ticket"},
		{"public", "Public knowledge", "what is on the web or in textbooks"},
		{"private_static", "Our own documents, which rarely change", "a policy manual revised once a year"},
		{"private_changing", "Our own documents, which change", "a wiki, price list or database updated often"},
	},
	FieldPromptBaseline: {
		{"untried", "Not measured yet", "no test set, or not tried"},
		{"good_enough", "Measured, and it is good enough", "it passes our test set"},
		{"plateaued", "Measured, and it falls short", "better prompts stopped helping"},
	},
	FieldLatency: {
		{"batch", "Minutes or hours is fine", "overnight runs, a daily report"},
		{"interactive", "Within a few seconds", "someone waits in a chat or a form"},
		{"realtime", "Under a second", "autocomplete, live call routing"},
	},
	FieldDataSensitivity: {
		{"public", "Public", "already on our website"},
		{"internal", "Internal", "staff-only documents, nothing personal"},
		{"confidential", "Confidential", "contracts, pricing, customer accounts"},
		{"restricted", "Restricted", "personal, health or card data"},
	},
	FieldMLSkill: {
		{"none", "No ML experience", "no data scientists"},
		{"some", "Some: a person or two", "has run an evaluation or a small training job"},
		{"strong", "Strong: an experienced ML team", "trains, evaluates and deploys models"},
	},
	FieldHumanReview: {
		{"yes", "Yes, a person checks each one", ""},
		{"no", "No, it takes effect directly", ""},
	},
	FieldCitationsRequired: {
		{"yes", "Yes", "each answer links the documents it used"},
		{"no", "No", ""},
	},
	FieldRegulated: {
		{"yes", "Yes", "finance, health, legal, HR or public-sector rules"},
		{"no", "No", ""},
	},
	FieldRulesExpressible: {
		{"yes", "Yes", "fixed rules or a simple model on form fields could do it"},
		{"no", "No", "it takes reading free text"},
	},
	FieldSelfHostingOK: {
		{"yes", "Yes", "we may run open-weight models ourselves"},
		{"no", "No", "only approved cloud services"},
	},
}

// OptionsOf returns the options of a choice or yes/no field in the order
// they are offered, and nil for numbers and text. The slice is a copy.
func OptionsOf(field string) []Option {
	f, ok := LookupField(field)
	if !ok || len(f.Options) == 0 {
		return nil
	}
	words := optionWordsTable[field]
	out := make([]Option, len(f.Options))
	for i, v := range f.Options {
		// A value the table lacks still shows, as itself: a test keeps the
		// table complete, and a gap must not drop an answer from the buttons.
		out[i] = Option{Value: v, Label: v}
		for _, w := range words {
			if w.Value == v {
				out[i] = w
				break
			}
		}
	}
	return out
}

// Label is the plain words for one value of a field ("private_changing" is
// "Our own documents, which change"); the value itself when it has none.
func Label(field, value string) string {
	for _, o := range optionWordsTable[field] {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}
