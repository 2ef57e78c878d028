package render

import "strings"

// markup is what would turn an employee's words into formatting or links
// in Markdown, Slack mrkdwn or an Adaptive Card's TextBlock. Angle brackets
// become their look-alike quotation marks rather than entities or
// backslashes: the same words go into Slack, Teams, the terminal and the
// summary's Markdown file, and only a character that is markup nowhere
// reads right in all of them (Teams' <at> mentions, HTML, autolinks and
// Slack's <!channel> all need a real "<").
var markup = strings.NewReplacer("[", "(", "]", ")", "*", "", "_", " ", "~", "", "`", "'", "#", "", "|", "/", "<", "‹", ">", "›", "\n", " ", "\r", " ")

// PlainText makes text that employees wrote (titles, department names,
// values read from a description) safe to place in a rendered message: it
// cannot open a link, a mention, a heading or emphasis, drive a terminal,
// reorder the text around it (StripControls), or break the line or table
// it sits in.
func PlainText(s string) string {
	return strings.Join(strings.Fields(markup.Replace(StripControls(s))), " ")
}
