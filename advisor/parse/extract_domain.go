package parse

// Reading the languages a description names, for domain.

import (
	"unicode"
	"unicode/utf8"

	"github.com/advisorbot/advisorbot/advisor"
)

// Languages. Text in a language with far less training data than English
// ("replies in Estonian", "Korean call transcripts") or mixing languages
// ("Taglish chat") is far from the everyday text general models handle best:
// domain niche. The languages with the most web text (xMajorLanguages) are
// handled nearly as well as English, so they vote nothing and the planner
// asks. A language name counts only where it names a language: after "in",
// "into" or "from", or before words for text ("Korean call transcripts"),
// so that "our Finnish office" or "Korean customers" do not.

var (
	xRareLanguages = wordSet(rareLanguages...)
	rareLanguages  = []string{"estonian", "latvian", "lithuanian", "finnish", "hungarian", "icelandic", "maltese",
		"slovak", "slovene", "slovenian", "croatian", "serbian", "bosnian", "albanian", "macedonian", "bulgarian",
		"romanian", "greek", "czech", "polish", "ukrainian", "belarusian", "georgian", "armenian", "azerbaijani",
		"kazakh", "uzbek", "mongolian", "tagalog", "filipino", "cebuano", "malay", "indonesian", "javanese", "thai",
		"vietnamese", "khmer", "lao", "burmese", "bengali", "bangla", "hindi", "urdu", "punjabi", "gujarati",
		"marathi", "tamil", "telugu", "kannada", "malayalam", "sinhala", "nepali", "pashto", "dari", "farsi",
		"persian", "kurdish", "hebrew", "arabic", "turkish", "swahili", "amharic", "yoruba", "igbo", "hausa",
		"zulu", "xhosa", "afrikaans", "somali", "welsh", "irish", "gaelic", "basque", "catalan", "galician",
		"luxembourgish", "faroese", "korean", "cantonese", "hokkien", "creole", "patois", "quechua", "guarani",
		"maori", "samoan", "tongan", "yiddish", "norwegian", "danish", "swedish"}
	// Handled nearly as well as English: no vote, but they may head a list.
	xMajorLanguages = wordSet("english", "spanish", "french", "german", "portuguese", "italian", "dutch",
		"chinese", "mandarin", "japanese", "russian")
	// Mixed languages are niche wherever they are named.
	mixedLanguages  = []string{"taglish", "hinglish", "spanglish", "singlish", "konglish", "franglais", "manglish"}
	xMixedLanguages = wordSet(mixedLanguages...)
	// Words before a language name that make it a language.
	xLanguageLeads = wordSet("in", "into", "from", "to", "speak", "speaks", "speaking", "spoken", "written",
		"native", "fluent", "translate", "translated", "translating", "mostly", "only", "also", "both")
	// Words after a language name, within three, that make it a language.
	xTextWords = wordSet("transcripts", "transcript", "text", "texts", "emails", "email", "chat", "chats",
		"messages", "message", "documents", "docs", "replies", "reply", "language", "speakers", "speaking",
		"content", "posts", "reviews", "forms", "letters", "contracts", "calls", "audio", "recordings",
		"tickets", "notes", "queries", "questions", "answers", "comments", "feedback", "articles", "pages",
		"copy", "translations", "version", "versions", "subtitles", "voice", "conversations", "speech")
)

// xNotText are words after a nationality that make it one: "Finnish
// customers", "the Korean office".
var xNotText = wordSet("customer", "customers", "client", "clients", "user", "users", "office", "offices", "team",
	"teams", "market", "markets", "company", "companies", "subsidiary", "subsidiaries", "partner", "partners",
	"supplier", "suppliers", "vendor", "vendors", "colleagues", "government", "law", "laws", "authorities",
	"regulator", "regulators", "branch", "branches", "entity", "entities", "people", "patients", "students")

// xLanguageCue is the vote a language name casts; it is only ever read.
var xLanguageCue = cuePattern{field: advisor.FieldDomain, val: "niche"}

// readLanguages turns the language names findCues found into niche domain
// votes where they name a language.
func (x *extractor) readLanguages() {
	for i := range x.hits {
		h := &x.hits[i]
		if h.p.field != cueLanguage {
			continue
		}
		switch w := x.word(h.a); {
		case xMixedLanguages[w]:
		case w == "polish" && !x.capitalized(h.a): // "polish the drafts"
			continue
		case !x.languageLead(h.a) && !x.textAfter(h.a):
			continue
		}
		h.p = &xLanguageCue
	}
}

// languageLead reports whether a word that makes a language comes before
// token i, directly or before a list it is in: "in English, German and Polish".
func (x *extractor) languageLead(i int) bool {
	for k := i - 1; k >= i-12 && x.inSentence(i, k); k-- {
		switch w := x.word(k); {
		case xLanguageLeads[w]:
			return true
		case w == "and" || w == "or" || xRareLanguages[w] || xMajorLanguages[w] || xMixedLanguages[w]:
		default:
			return false
		}
	}
	return false
}

// textAfter reports whether a word for text follows token i within three words.
func (x *extractor) textAfter(i int) bool {
	for k := i + 1; k <= i+3 && x.inClause(i, k) && x.toks[k].kind == tokWord; k++ {
		switch w := x.word(k); {
		case xTextWords[w]:
			return true
		case xPersonWords[w] || xNotText[w]: // "Korean customers email us"
			return false
		}
	}
	return false
}

// capitalized reports whether token i starts with a capital letter.
func (x *extractor) capitalized(i int) bool {
	r, _ := utf8.DecodeRuneInString(x.text[x.toks[i].start:])
	return unicode.IsUpper(r)
}
