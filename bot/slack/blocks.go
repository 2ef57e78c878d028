package slack

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/render"
)

// Slack's limits (docs.slack.dev/reference/block-kit/blocks and
// chat.postMessage), with some room: a
// section's text may hold 3,000 characters, a message 50 blocks, and
// messages over about 4,000 characters are cut, so text is split below them.
const (
	maxSectionRunes = 2900
	maxBlocks       = 50
	maxMessageRunes = 3500
	maxButtons      = 5 // more options become a select menu
)

// Slack's limits on plain_text (docs.slack.dev/reference/block-kit and
// @slack/types): a header's text, a button's or an option's, a menu's or
// an input's placeholder, an input's label and hint, a modal's title and
// buttons, and the most a plain_text_input may be set to take.
const (
	maxHeaderRunes      = 150
	maxButtonRunes      = 75
	maxPlaceholderRunes = 150
	maxLabelRunes       = 2000
	maxViewTitleRunes   = 24
	maxInputRunes       = 3000
)

// Action ids of the buttons and menus the bot renders; a click comes back
// as an interaction with the same id. Slack wants action ids unique within
// a block, so each element's id is the prefix plus "_" and its position;
// the handler dispatches on the prefix and reads the value.
const (
	actionAnswer  = "answer"  // value: the option chosen
	actionCommand = "command" // value: skip, why, show roi, helpful, not helpful, restart
	actionChose   = "chose"   // value: chose:<approach>
	actionNew     = "new_assessment"
)

// blocksFor renders one outbound message as Block Kit, with the text
// Slack shows in notifications. That text is mrkdwn too (Slack parses
// mentions and links in a message's top-level text), so every value
// inserted into it is escaped like the blocks'.
func blocksFor(m bot.Outbound) (text string, blocks []goslack.Block) {
	switch m.Kind {
	case bot.KindQuestion:
		return questionBlocks(m)
	case bot.KindRecommendation:
		return recommendationBlocks(m)
	case bot.KindROI:
		return roiBlocks(m)
	case bot.KindWhatIf:
		return whatIfBlocks(m.WhatIf)
	case bot.KindFeedback:
		return escape(m.Text), feedbackBlocks(m.Text, m.RecID)
	case bot.KindError:
		return escape(m.Text), []goslack.Block{section(":warning: " + escape(m.Text))}
	case bot.KindHistory:
		text := render.History(m.History, "*", m.Text)
		return escape(text), textBlocks(text)
	case bot.KindSummary:
		if m.Summary != nil {
			return escape(m.Text), SummaryBlocks(*m.Summary)
		}
	case bot.KindConfirmForget:
		return escape(m.Text), []goslack.Block{
			section(escape(m.Text)),
			goslack.NewActionBlock("forget",
				goslack.NewButtonBlockElement(actionForget, bot.ChoiceForget, label("Delete all my data", maxButtonRunes)).WithStyle(goslack.StyleDanger)),
		}
	}
	return escape(m.Text), textBlocks(m.Text)
}

// questionBlocks shows a question with a button per option (a menu past
// maxButtons), each option in plain words with its example underneath,
// and Skip. A confirmation shows the engine's sentence and one button.
func questionBlocks(m bot.Outbound) (string, []goslack.Block) {
	q := m.Question
	var head strings.Builder
	if m.Text != "" {
		head.WriteString(escape(m.Text) + "\n\n")
	}
	if q.Number > 0 { // a follow-up's questions are not numbered
		fmt.Fprintf(&head, "*Question %d of at most %d*\n", q.Number, q.AtMost)
	}
	head.WriteString(escape(q.Text))
	blocks := []goslack.Block{section(head.String())}
	notice := escape(q.Text)
	if q.Number > 0 {
		notice = fmt.Sprintf("Question %d of at most %d: %s", q.Number, q.AtMost, notice)
	}
	if len(q.Confirm) > 0 {
		yes := goslack.NewButtonBlockElement(actionID(actionAnswer, 0), confirmValue, label(confirmLabel, maxButtonRunes))
		yes.Style = goslack.StylePrimary
		return notice, append(blocks, goslack.NewActionBlock(blockID("question_"+q.Field, m.RecID), yes))
	}
	var elems []goslack.BlockElement
	switch {
	case len(q.Options) > maxButtons:
		var opts []*goslack.OptionBlockObject
		for _, o := range q.Options {
			opts = append(opts, goslack.NewOptionBlockObject(o.Value, label(o.Label, maxButtonRunes), nil))
		}
		elems = append(elems, goslack.NewOptionsSelectBlockElement(goslack.OptTypeStatic, label("Choose...", maxPlaceholderRunes), actionID(actionAnswer, 0), opts...))
	default:
		for _, o := range q.Options {
			elems = append(elems, goslack.NewButtonBlockElement(actionID(actionAnswer, len(elems)), o.Value, label(o.Label, maxButtonRunes)))
		}
	}
	if q.Field != followupStatus {
		elems = append(elems, goslack.NewButtonBlockElement(actionID(actionCommand, len(elems)), bot.ChoiceSkip, label("Skip", maxButtonRunes)))
	}
	blocks = append(blocks, goslack.NewActionBlock(blockID("question_"+q.Field, m.RecID), elems...))
	if ex := optionExamples(q.Options); ex != "" {
		blocks = append(blocks, contextBlock(ex))
	}
	if len(q.Options) == 0 {
		blocks = append(blocks, contextBlock(fmt.Sprintf("Type your answer, for example \"%s\".", escape(q.Example))))
	}
	return notice, blocks
}

// followupStatus is the Field of a follow-up's first question ("did you
// build it?"). It has no Skip: its own buttons say not yet and stop asking.
const followupStatus = "followup_status"

// A confirmation's one button: its value is what the engine reads as yes.
const (
	confirmValue = "yes"
	confirmLabel = "Yes, that's right"
)

// optionExamples lists the options that have an example, one a line, so
// a button's few words are never all a person has to go on.
func optionExamples(opts []advisor.Option) string {
	var b strings.Builder
	for _, o := range opts {
		if o.Example != "" {
			fmt.Fprintf(&b, "*%s*: %s\n", escape(o.Label), escape(o.Example))
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func recommendationBlocks(m bot.Outbound) (string, []goslack.Block) {
	rec := m.Rec
	title := "Recommendation"
	if m.Title != "" {
		title += ": " + m.Title
	}
	blocks := []goslack.Block{
		goslack.NewHeaderBlock(plain(title, maxHeaderRunes)),
		section(fmt.Sprintf("*%s* (confidence %.0f%%)", rec.Approach.Label(), rec.Confidence*100)),
	}
	var why strings.Builder
	n := 0
	for _, r := range rec.Reasons {
		if r.Favors == rec.Approach && n < 4 {
			fmt.Fprintf(&why, "• %s `[kb:%s]`\n", escape(r.Text), escape(r.Ref))
			n++
		}
	}
	if why.Len() > 0 {
		blocks = append(blocks, section("*Why*\n"+why.String()))
	}
	blocks = append(blocks, section(fmt.Sprintf("*ROI per approach (USD)*, doing it by hand costs %s a month:\n```%s```",
		advisor.Money(rec.ManualMonthlyCost), render.ROITable(rec, false))))
	if len(rec.Risks) > 0 {
		blocks = append(blocks, section("*Risks*\n• "+escape(strings.Join(rec.Risks, "\n• "))))
	}
	var steps strings.Builder
	for i, s := range rec.NextSteps {
		fmt.Fprintf(&steps, "%d. %s\n", i+1, escape(s))
	}
	blocks = append(blocks, section("*Next steps*\n"+steps.String()))
	blocks = append(blocks, goslack.NewActionBlock(blockID("recommendation", m.RecID),
		goslack.NewButtonBlockElement(actionID(actionCommand, 0), bot.ChoiceWhy, label("Why?", maxButtonRunes)),
		goslack.NewButtonBlockElement(actionID(actionCommand, 1), bot.ChoiceShowROI, label("Show ROI", maxButtonRunes)),
		goslack.NewButtonBlockElement(actionID(actionCommand, 4), bot.ChoiceWhatIf, label("What if...", maxButtonRunes)),
		goslack.NewButtonBlockElement(actionID(actionCommand, 2), bot.ChoiceHelpful, label(":+1: Helpful", maxButtonRunes)),
		goslack.NewButtonBlockElement(actionID(actionCommand, 3), bot.ChoiceNotHelpful, label(":-1: Not helpful", maxButtonRunes)),
		choseMenu(),
	))
	blocks = append(blocks, contextBlock("Ask \"what if the volume is 50k?\" in this thread to see what moves."))
	return fmt.Sprintf("Recommendation: %s (confidence %.0f%%)", rec.Approach.Label(), rec.Confidence*100), fit(blocks)
}

func roiBlocks(m bot.Outbound) (string, []goslack.Block) {
	head := fmt.Sprintf("*ROI per approach (USD)*, doing it by hand costs %s a month:", advisor.Money(m.Rec.ManualMonthlyCost))
	if m.Text != "" {
		head = escape(m.Text) + "\n" + head
	}
	return "ROI per approach", []goslack.Block{section(head + "\n```" + render.ROITable(m.Rec, true) + "```")}
}

func whatIfBlocks(w *bot.WhatIf) (string, []goslack.Block) {
	field := escape(strings.ReplaceAll(w.Field, "_", " "))
	to, from := advisor.Label(w.Field, w.To), advisor.Label(w.Field, w.From)
	var b strings.Builder
	fmt.Fprintf(&b, "*What if %s were %s* (now %s)?\n", field, escape(to), escape(from))
	if w.Before.Approach == w.After.Approach {
		fmt.Fprintf(&b, "The recommendation stays *%s*.\n", w.After.Approach.Label())
	} else {
		fmt.Fprintf(&b, "The recommendation would change from *%s* to *%s*.\n", w.Before.Approach.Label(), w.After.Approach.Label())
	}
	before, after := w.Before.ROI[w.Before.Approach], w.After.ROI[w.After.Approach]
	fmt.Fprintf(&b, "%s: net %s a month (was %s), payback %s (was %s).", w.After.Approach.Label(),
		advisor.Money(after.NetMonthly), advisor.Money(before.NetMonthly), advisor.Months(after.PaybackMonths), advisor.Months(before.PaybackMonths))
	return "What if " + field + " were " + escape(to), []goslack.Block{section(b.String()), contextBlock("Your answers are unchanged.")}
}

func feedbackBlocks(text, recID string) []goslack.Block {
	return []goslack.Block{
		section(escape(text)),
		goslack.NewActionBlock(blockID("feedback", recID),
			goslack.NewButtonBlockElement(actionID(actionCommand, 0), bot.ChoiceHelpful, label(":+1: Helpful", maxButtonRunes)),
			goslack.NewButtonBlockElement(actionID(actionCommand, 1), bot.ChoiceNotHelpful, label(":-1: Not helpful", maxButtonRunes)),
			choseMenu(),
		),
	}
}

// choseMenu is the "we chose..." menu.
func choseMenu() *goslack.SelectBlockElement {
	var opts []*goslack.OptionBlockObject
	for _, a := range advisor.Approaches() {
		opts = append(opts, goslack.NewOptionBlockObject(bot.ChoiceChose(a), label(a.Label(), maxButtonRunes), nil))
	}
	return goslack.NewOptionsSelectBlockElement(goslack.OptTypeStatic, label("We chose...", maxPlaceholderRunes), actionID(actionChose, 9), opts...)
}

// blockID names an action block after what it is and the assessment its
// card belongs to, so a click comes back to that assessment: Slack echoes
// a clicked element's block_id (at most 255 characters; ids are 16).
func blockID(name, recID string) string {
	if recID == "" {
		return name
	}
	return name + "@" + recID
}

// parseBlockID splits a block id made by blockID.
func parseBlockID(id string) (name, recID string) {
	name, recID, _ = strings.Cut(id, "@")
	return name, recID
}

// actionID is the id of the i-th element of a block for an action prefix.
func actionID(prefix string, i int) string { return prefix + "_" + strconv.Itoa(i) }

// actionPrefix is the prefix of an action id rendered by actionID.
func actionPrefix(id string) string {
	if i := strings.LastIndexByte(id, '_'); i > 0 {
		if _, err := strconv.Atoi(id[i+1:]); err == nil {
			return id[:i]
		}
	}
	return id
}

// textBlocks splits long text into sections under Slack's limit.
func textBlocks(text string) []goslack.Block {
	var out []goslack.Block
	for _, part := range splitRunes(text, maxSectionRunes) {
		out = append(out, section(escape(part)))
	}
	return fit(out)
}

// fit keeps a message within Slack's block limit.
func fit(blocks []goslack.Block) []goslack.Block {
	if len(blocks) > maxBlocks {
		return blocks[:maxBlocks]
	}
	return blocks
}

func section(md string) *goslack.SectionBlock {
	return goslack.NewSectionBlock(goslack.NewTextBlockObject(goslack.MarkdownType, truncate(md, maxSectionRunes), false, false), nil, nil)
}

func contextBlock(md string) *goslack.ContextBlock {
	return goslack.NewContextBlock("", goslack.NewTextBlockObject(goslack.MarkdownType, truncate(md, maxSectionRunes), false, false))
}

// plain is a plain_text object of at most max characters for words that
// are people's or a model's. Slack shows plain text as it is (no
// mentions, links or emphasis), so only control and bidi characters are
// removed; emoji is off, so a ":shortcode:" someone typed stays as typed.
func plain(s string, max int) *goslack.TextBlockObject {
	return goslack.NewTextBlockObject(goslack.PlainTextType, truncate(render.StripControls(s), max), false, false)
}

// label is a plain_text object of at most max characters for the bot's
// own words, whose emoji shortcodes (":+1:") Slack shows as emoji.
func label(s string, max int) *goslack.TextBlockObject {
	return goslack.NewTextBlockObject(goslack.PlainTextType, truncate(render.StripControls(s), max), true, false)
}

// escape keeps people's, models' and the rules' text from being read as
// Slack markup wherever Slack parses it (mrkdwn text objects and a
// message's top-level text): <, > and & are Slack's control characters,
// and without a "<" no mention (<!channel>, <@U…>, <!subteam^…>, <#C…>)
// or link (<https://…|label>) can form. Control and bidi characters go too
// (render.StripControls). Emphasis characters stay: mrkdwn has no escape
// for them, and they cannot notify anyone or hide a link.
func escape(s string) string { return mrkdwnEscaper.Replace(render.StripControls(s)) }

var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// truncate cuts s to n runes, marking the cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// splitRunes splits text into pieces of at most n runes, at line breaks
// or spaces where it can.
func splitRunes(text string, n int) []string {
	var out []string
	for utf8.RuneCountInString(text) > n {
		r := []rune(text)
		cut := string(r[:n])
		if i := strings.LastIndexAny(cut, "\n "); i > len(cut)/2 {
			cut = cut[:i]
		}
		out = append(out, cut)
		text = strings.TrimLeft(text[len(cut):], " \n")
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}
