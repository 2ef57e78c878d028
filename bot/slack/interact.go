package slack

import (
	"context"
	"fmt"
	"strings"
	"time"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/render"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
)

// handleInteraction turns a button click or menu choice into a message of
// the conversation whose thread holds the clicked message.
func (a *Adapter) handleInteraction(ctx context.Context, cb goslack.InteractionCallback) {
	if cb.Type == goslack.InteractionTypeViewSubmission {
		a.viewSubmitted(ctx, cb)
		return
	}
	if cb.Type != goslack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 {
		return
	}
	act := cb.ActionCallback.BlockActions[0]
	switch act.ActionID {
	case actionNew:
		a.openIntake(ctx, cb)
		return
	case actionForget:
		a.forget(ctx, cb)
		return
	}
	value := act.Value
	if act.SelectedOption.Value != "" {
		value = act.SelectedOption.Value
	}
	switch actionPrefix(act.ActionID) {
	case actionAnswer, actionCommand, actionChose:
	default:
		return
	}
	channel := cb.Channel.ID
	if channel == "" {
		channel = cb.Container.ChannelID
	}
	thread := cb.Message.ThreadTimestamp
	if thread == "" && !strings.HasPrefix(channel, "D") {
		thread = cb.Message.Timestamp
	}
	r := &replier{a: a, channel: channel, thread: thread, user: cb.User.ID, team: cb.Team.ID}
	if !a.allowed(channel, cb.User.ID) {
		_ = r.Send(ctx, bot.Outbound{Kind: bot.KindText, Text: msgNotEnabled})
		return
	}
	in := bot.Inbound{
		Conv:   store.ConvKey{Platform: "slack", Team: cb.Team.ID, Channel: channel, Thread: thread},
		User:   cb.User.ID,
		Choice: value,
		Field:  strings.TrimPrefix(act.BlockID, "question_"),
	}
	if !strings.HasPrefix(act.BlockID, "question_") {
		in.Field = ""
	}
	if err := a.engine.Handle(ctx, in, r); err != nil {
		a.log(ctx).Error("slack: interaction failed", "channel", channel, "err", err)
	}
}

// handleSlash serves /roi and /advisor.
func (a *Adapter) handleSlash(ctx context.Context, cmd goslack.SlashCommand) {
	sub, _, _ := strings.Cut(strings.TrimSpace(cmd.Text), " ")
	ownData := cmd.Command == "/advisor" && (sub == "forget-me" || sub == "history")
	if !ownData && !a.allowed(cmd.ChannelID, cmd.UserID) { // people may always see or delete their own data
		a.ephemeral(ctx, cmd, msgNotEnabled)
		return
	}
	switch cmd.Command {
	case "/roi":
		a.ephemeral(ctx, cmd, roiReply(cmd.Text))
	case "/advisor":
		a.advisorCommand(ctx, cmd)
	default:
		a.ephemeral(ctx, cmd, fmt.Sprintf("I don't know %s; try /roi or /advisor help.", cmd.Command))
	}
}

// roiReply reads "/roi 20k a month, 6 min each, $45/h" or key=value pairs
// and answers with the ROI of every approach, or says what it could not read.
func roiReply(text string) string {
	u, problems := parseROIText(text)
	if len(problems) > 0 {
		return "I could not read: " + strings.Join(problems, "; ") +
			"\nTry: `/roi 20k a month, 6 min each, $45/h` or `/roi volume=20000 minutes=6 rate=45 task=classify`"
	}
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(u)
	if err != nil {
		return "I could not use that: " + err.Error()
	}
	return fmt.Sprintf("*%s* looks best (confidence %.0f%%). Doing it by hand costs %s a month.\n```%s```\nFor a full assessment, describe the use case to me in a direct message.",
		rec.Approach.Label(), rec.Confidence*100, advisor.Money(rec.ManualMonthlyCost), render.ROITable(&rec, true))
}

// roiKeys map the short keys of /roi to profile fields.
var roiKeys = map[string]string{
	"volume": advisor.FieldMonthlyVolume, "minutes": advisor.FieldMinutesPerTask, "min": advisor.FieldMinutesPerTask,
	"rate": advisor.FieldHourlyCost, "cost": advisor.FieldHourlyCost,
}

// parseROIText reads /roi's text: comma-separated parts, each either
// key=value or a phrase the answer parser recognises as a volume ("20k a
// month"), a time per item ("6 min each") or a rate ("$45/h").
func parseROIText(text string) (advisor.UseCase, []string) {
	var u advisor.UseCase
	var problems []string
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if k, v, ok := strings.Cut(part, "="); ok {
			k = strings.ToLower(strings.TrimSpace(k))
			field := roiKeys[k]
			if field == "" {
				field = strings.ReplaceAll(k, "-", "_")
			}
			val, err := advisor.ParseAnswer(field, strings.TrimSpace(v))
			if err == nil {
				err = u.Set(val)
			}
			if err != nil {
				problems = append(problems, err.Error())
			}
			continue
		}
		if !setFirst(&u, part) {
			problems = append(problems, fmt.Sprintf("%q (is it a volume, minutes per item or an hourly cost?)", part))
		}
	}
	if len(problems) == 0 {
		for _, need := range [...][2]string{
			{advisor.FieldMonthlyVolume, "a volume such as \"20k a month\""},
			{advisor.FieldMinutesPerTask, "minutes per item such as \"6 min each\""},
			{advisor.FieldHourlyCost, "an hourly cost such as \"$45/h\""},
		} {
			if !u.Known(need[0]) {
				problems = append(problems, "missing "+need[1])
			}
		}
	}
	return u, problems
}

// setFirst tries a phrase as an hourly cost, minutes and a volume, in the
// order least likely to misread it, and sets the first that fits.
func setFirst(u *advisor.UseCase, phrase string) bool {
	p := strings.ToLower(phrase)
	order := []string{advisor.FieldMonthlyVolume, advisor.FieldMinutesPerTask, advisor.FieldHourlyCost}
	switch {
	case strings.ContainsAny(p, "$€£") || strings.Contains(p, "/h") || strings.Contains(p, "hour") && !strings.Contains(p, "min"):
		order = []string{advisor.FieldHourlyCost}
	case strings.Contains(p, "min") || strings.Contains(p, "sec"):
		order = []string{advisor.FieldMinutesPerTask}
	}
	for _, f := range order {
		if u.Known(f) {
			continue
		}
		if v, err := advisor.ParseAnswer(f, phrase); err == nil && u.Set(v) == nil {
			return true
		}
	}
	return false
}

// advisorCommand serves /advisor help|new <description>|history|forget-me.
func (a *Adapter) advisorCommand(ctx context.Context, cmd goslack.SlashCommand) {
	sub, rest, _ := strings.Cut(strings.TrimSpace(cmd.Text), " ")
	switch strings.ToLower(sub) {
	case "", "help":
		a.ephemeral(ctx, cmd, "Describe what you want to automate in a direct message to me, or mention me in a channel. Commands: `/roi 20k a month, 6 min each, $45/h`, `/advisor new <description>`, `/advisor history`, `/advisor forget-me`, and for admins `/advisor summary`.")
	case "new":
		if strings.TrimSpace(rest) == "" {
			a.ephemeral(ctx, cmd, "Add the description: `/advisor new Route 2,000 support tickets a week to the right team`")
			return
		}
		// A new assessment in a thread of its own under a starting message.
		channel := cmd.ChannelID
		_, ts, err := a.api.PostMessageContext(ctx, channel, goslack.MsgOptionText(fmt.Sprintf("<@%s> asked for an assessment.", cmd.UserID), false))
		if err != nil {
			// Not a member there (or a DM between people): use the user's DM.
			dm, _, _, derr := a.api.OpenConversationContext(ctx, &goslack.OpenConversationParameters{Users: []string{cmd.UserID}})
			if derr != nil {
				a.log(ctx).Error("slack: /advisor new", "err", err, "dm_err", derr)
				a.ephemeral(ctx, cmd, "Sorry, I could not start the assessment here; send me a direct message instead.")
				return
			}
			channel = dm.ID
			if _, ts, err = a.api.PostMessageContext(ctx, channel, goslack.MsgOptionText("You asked for an assessment.", false)); err != nil {
				a.log(ctx).Error("slack: /advisor new", "err", err)
				return
			}
		}
		a.message(ctx, "", cmd.TeamID, channel, ts, cmd.UserID, ts+"-cmd", rest)
	case "history":
		recs, err := a.store.Recommendations(ctx, cmd.UserID, zeroTime, 10)
		if err != nil {
			a.log(ctx).Error("slack: /advisor history", "err", err)
			a.ephemeral(ctx, cmd, "Sorry, I could not read your history just now.")
			return
		}
		a.ephemeral(ctx, cmd, historyText(recs))
	case "forget-me":
		// Deleting everything is not undoable: ask first, with a button.
		blocks := []goslack.Block{
			section("This deletes every conversation, assessment and piece of feedback of yours. It cannot be undone."),
			goslack.NewActionBlock("forget",
				goslack.NewButtonBlockElement(actionForget, "confirm", plain("Delete all my data")).WithStyle(goslack.StyleDanger)),
		}
		a.ephemeral(ctx, cmd, "Delete all your advisorbot data?", blocks...)
	case "summary":
		if !a.cfg.AdminUsers[cmd.UserID] {
			a.ephemeral(ctx, cmd, "The summary is for the admins listed in ADMIN_USERS.")
			return
		}
		a.summaryPreview(ctx, cmd)
	default:
		a.ephemeral(ctx, cmd, fmt.Sprintf("I don't know `/advisor %s`; try `/advisor help`.", sub))
	}
}

// ephemeral answers a slash command privately through its response_url,
// which works in every channel, including ones the bot is not a member of.
func (a *Adapter) ephemeral(ctx context.Context, cmd goslack.SlashCommand, text string, blocks ...goslack.Block) {
	opts := []goslack.MsgOption{goslack.MsgOptionText(text, false), goslack.MsgOptionResponseURL(cmd.ResponseURL, goslack.ResponseTypeEphemeral)}
	if len(blocks) > 0 {
		opts = append(opts, goslack.MsgOptionBlocks(blocks...))
	}
	if cmd.ResponseURL == "" {
		_, err := a.api.PostEphemeralContext(ctx, cmd.ChannelID, cmd.UserID, opts[0], goslack.MsgOptionBlocks(blocks...))
		if err != nil {
			a.log(ctx).Error("slack: post ephemeral", "err", err)
		}
		return
	}
	if _, _, err := a.api.PostMessageContext(ctx, cmd.ChannelID, opts...); err != nil {
		a.log(ctx).Error("slack: reply to slash command", "err", err)
	}
}

// historyText lists a user's recent assessments; only theirs.
func historyText(recs []store.Recommendation) string {
	return render.History(recs, "*", "You have no assessments yet. Describe a use case to me in a direct message to start one.")
}

// zeroTime lists from the beginning.
var zeroTime time.Time

// actionForget is the confirm button of /advisor forget-me.
const actionForget = "forget_confirm"

// forget deletes the clicking user's data, after the confirm button.
func (a *Adapter) forget(ctx context.Context, cb goslack.InteractionCallback) {
	text := "Done: every conversation, assessment and piece of feedback of yours is deleted."
	if err := a.store.ForgetUser(ctx, cb.User.ID); err != nil {
		a.log(ctx).Error("slack: forget-me", "err", err)
		text = "Sorry, I could not delete your data just now; please try again."
	}
	channel := cb.Channel.ID
	if channel == "" {
		channel = cb.Container.ChannelID
	}
	if _, err := a.api.PostEphemeralContext(ctx, channel, cb.User.ID, goslack.MsgOptionText(text, false)); err != nil {
		a.log(ctx).Error("slack: post ephemeral", "err", err)
	}
}

// summaryPreview shows an admin the summary of the current week so far,
// as the weekly post will show the week when it is over.
func (a *Adapter) summaryPreview(ctx context.Context, cmd goslack.SlashCommand) {
	week := store.ISOWeek(a.now())
	s, err := summary.Build(ctx, a.store, week, nil)
	if err == nil {
		var md string
		if md, err = s.Markdown(); err == nil {
			a.ephemeral(ctx, cmd, "Preview of the weekly summary, "+week+" so far", SummaryBlocks(md)...)
			return
		}
	}
	a.log(ctx).Error("slack: summary preview", "err", err)
	a.ephemeral(ctx, cmd, "Sorry, I could not build the summary just now.")
}
