package explain

import (
	"regexp"
	"strings"
)

// Links and markup in a model's text.
//
// The policy, decided for issue 14: a link is stripped, markup is rejected.
//
//   - A URL that is not exactly one of the knowledge base's source URLs is
//     removed wherever it appears (bare http(s)://, www., a bare domain,
//     Slack <url|label>, markdown [label](url)); its label, if any, stays as
//     plain words. The prompt gives the model no URLs at all, so any link is
//     either invented or copied from the employee's description; once the
//     address is gone the words around it are harmless, and they still go
//     through the approach check (a label cannot carry a recommendation
//     past it). Rejecting the whole explanation for a hallucinated reference
//     would throw away a good explanation for nothing.
//   - Markup that acts on the platform or on its rendering (Slack's
//     <!channel>, <!here>, <@U123> and <#C123> mentions, bare @channel or
//     @here, HTML tags, Teams' <at> mentions) fails the check: it has no
//     place in an explanation, it would notify or spoof people, and it
//     means the model is following instructions it should have ignored. No
//     stripping can be trusted to leave the rest of such a text sound.
//
// The knowledge base's own source URLs pass untouched, in any of the forms.

// ReasonMarkup: the model's text carried mentions, broadcasts or HTML.
const ReasonMarkup = "markup"

var (
	// markdownLink is [label](url) and the image form ![label](url).
	markdownLink = regexp.MustCompile(`!?\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"\n]*")?\s*\)`)
	// slackLink is <url> and <url|label>, any scheme; the closing '>' may
	// be missing when a sentence boundary fell inside the label.
	slackLink = regexp.MustCompile(`(?i)<((?:https?|ftp|mailto|tel|file|slack):[^|>\s]*)(?:\|([^>\n]*))?>?`)
	// bareURL is a scheme URL or a www. address; what ends a sentence is
	// trimmed off afterwards.
	bareURL = regexp.MustCompile(`(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>\[\]()"'|` + "`" + `]+`)
	// bareDomain is an address without a scheme, on the domains links are
	// made of: "evil.example.com/setup", "bit.ly/x".
	bareDomain = regexp.MustCompile(`(?i)\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|ai|dev|co|xyz|app|info|biz|ru|cn|ly|me|sh|gg|site|online|link|click|top|tk|example)\b(?:/[^\s<>()"'|]*)?`)
	// platformMarkup is what fails the check outright: Slack's special
	// <!...>, <@...> and <#...> forms, HTML and Teams tags (also escaped as
	// entities), and the broadcast words Slack expands on its own.
	platformMarkup = regexp.MustCompile(`(?i)<\s*[!@#]|<\s*/?\s*[a-z][a-z0-9-]*(?:\s[^<>]*)?/?\s*>|&lt;\s*[!@#/a-z]|(?:^|[^\w@])@(?:channel|here|everyone|all)\b`)
	// emptyLeft is what a removed link can leave behind.
	emptyLeft = regexp.MustCompile(`\(\s*\)|\[\s*\]|<\s*>`)
	spaceRuns = regexp.MustCompile(`[ \t]{2,}`)
	spaceThen = regexp.MustCompile(`[ \t]+([.,;:!?])`)
)

// sources is the set of URLs a model's text may keep.
type sources map[string]bool

// hasMarkup reports whether s carries platform markup (see the policy
// above).
func hasMarkup(s string) bool { return platformMarkup.MatchString(s) }

// stripLinks removes every link in s whose URL is not among allowed,
// keeping a link's label as plain words. Text without links is returned
// as is.
func stripLinks(s string, allowed sources) string {
	if !strings.ContainsAny(s, ":.") {
		return s
	}
	out := s
	out = markdownLink.ReplaceAllStringFunc(out, func(m string) string {
		sub := markdownLink.FindStringSubmatch(m)
		if allowed.has(sub[2]) {
			return m
		}
		return sub[1]
	})
	out = slackLink.ReplaceAllStringFunc(out, func(m string) string {
		sub := slackLink.FindStringSubmatch(m)
		if allowed.has(sub[1]) && strings.HasSuffix(m, ">") {
			return m
		}
		return sub[2]
	})
	out = replaceURLs(out, bareURL, allowed)
	out = replaceURLs(out, bareDomain, allowed)
	if out == s {
		return s
	}
	out = emptyLeft.ReplaceAllString(out, "")
	out = spaceRuns.ReplaceAllString(out, " ")
	return spaceThen.ReplaceAllString(out, "$1")
}

// replaceURLs removes the matches of re that are not allowed; the
// punctuation that ends a sentence is not part of an address.
func replaceURLs(s string, re *regexp.Regexp, allowed sources) string {
	locs := re.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, loc := range locs {
		u := strings.TrimRight(s[loc[0]:loc[1]], ".,;:!?")
		end := loc[0] + len(u)
		if allowed.has(u) || allowed.within(s, loc[0]) {
			continue
		}
		b.WriteString(s[last:loc[0]])
		last = end
	}
	b.WriteString(s[last:])
	return b.String()
}

func (a sources) has(u string) bool { return u != "" && a[u] }

// within reports whether position i of s lies inside an allowed URL kept
// by an earlier pass, so that the domain pass does not cut it up.
func (a sources) within(s string, i int) bool {
	start := strings.LastIndexAny(s[:i], " \t\n<([|") + 1
	end := i + strings.IndexAny(s[i:]+" ", " \t\n>)]|")
	u := strings.TrimRight(s[start:end], ".,;:!?")
	return a.has(u)
}

// stripTextLinks applies stripLinks sentence by sentence, as the gate does.
func stripTextLinks(text string, allowed sources) string {
	var b strings.Builder
	for text != "" {
		end := sentenceEnd(text)
		if end < 0 {
			end = len(text)
		}
		b.WriteString(stripLinks(text[:end], allowed))
		text = text[end:]
	}
	return b.String()
}
