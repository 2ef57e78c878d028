package render

import "strings"

// markup is what would turn an employee's words into formatting or links
// in Markdown, Slack mrkdwn or an Adaptive Card's TextBlock.
var markup = strings.NewReplacer("[", "(", "]", ")", "*", "", "_", " ", "~", "", "`", "'", "#", "", "|", "/", "\n", " ", "\r", " ")

// PlainText makes text that employees wrote (titles, department names,
// values read from a description) safe to place in a rendered message: it
// cannot open a link, a heading or emphasis, or break the line or table it
// sits in.
func PlainText(s string) string {
	return strings.Join(strings.Fields(markup.Replace(s)), " ")
}
