package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// The Home tab lists the user's recent assessments and has a "New
// assessment" button, which opens the intake modal; submitting the modal
// starts a conversation in the user's direct messages.

// homeRecent is how many assessments the Home tab lists.
const homeRecent = 10

// intakeCallback is the callback_id of the intake modal.
const intakeCallback = "intake"

// homeOpened publishes the user's Home tab. It shows only that user's
// assessments; a user outside ALLOWED_USERS gets a polite note instead.
func (a *Server) homeOpened(ctx context.Context, user string) {
	var blocks []goslack.Block
	if refusal, ok := a.engine.Check(a.inbound(ctx, "", user)); !ok { // the Home tab is private, like a DM
		blocks = deniedHomeBlocks(refusal)
	} else {
		recs, err := a.store.Assessments(ctx, user, time.Time{}, homeRecent)
		if err != nil {
			a.log(ctx).Error("slack: home tab: list assessments", "err", err)
			blocks = homeBlocks(nil, nil, msgHomeUnreadable)
		} else {
			blocks = homeBlocks(recs, a.outcomes(ctx, recs), "")
		}
	}
	_, err := a.api.PublishViewContext(ctx, goslack.PublishViewContextRequest{UserID: user, View: homeView(blocks)})
	if err != nil {
		a.log(ctx).Error("slack: views.publish", "err", err)
	}
}

// homeView is the Home tab holding blocks.
func homeView(blocks []goslack.Block) goslack.HomeTabViewRequest {
	return goslack.HomeTabViewRequest{Type: goslack.VTHomeTab, Blocks: goslack.Blocks{BlockSet: blocks}}
}

// deniedHomeBlocks is the Home tab of someone the bot does not serve: the
// engine's refusal, and no button.
func deniedHomeBlocks(refusal string) []goslack.Block {
	return []goslack.Block{section(escape(refusal))}
}

// outcomes loads what was reported of each assessment; one that cannot be
// read shows as not reported, with a log line.
func (a *Server) outcomes(ctx context.Context, recs []store.Assessment) map[string]store.Outcome {
	out := make(map[string]store.Outcome, len(recs))
	for _, r := range recs {
		o, err := a.store.GetOutcome(ctx, r.ID)
		switch {
		case err == nil:
			out[r.ID] = o
		case !errors.Is(err, store.ErrNotFound):
			a.log(ctx).Error("slack: home tab: outcome", "rec", r.ID, "err", err)
		}
	}
	return out
}

// homeBlocks renders the Home tab: an introduction with the button, then
// the assessments newest first (recs come oldest first) with what was
// reported of each, or note in place of the list when it could not be
// read.
func homeBlocks(recs []store.Assessment, outcomes map[string]store.Outcome, note string) []goslack.Block {
	blocks := []goslack.Block{
		goslack.NewHeaderBlock(label("AI automation advisor", maxHeaderRunes)),
		section("Tell me about work you would like to automate and I will recommend an approach (prompting, retrieval, fine-tuning, classic automation or keeping it manual) with its ROI. " +
			"Start here, send me a direct message, or mention me in a channel."),
		goslack.NewActionBlock("home_actions",
			goslack.NewButtonBlockElement(actionNew, "intake", label("New assessment", maxButtonRunes)).WithStyle(goslack.StylePrimary)),
		goslack.NewDividerBlock(),
		goslack.NewHeaderBlock(label("Your recent assessments", maxHeaderRunes)),
	}
	switch {
	case note != "":
		blocks = append(blocks, section(note))
	case len(recs) == 0:
		blocks = append(blocks, section(msgNoAssessments))
	default:
		for i := len(recs) - 1; i >= 0; i-- {
			o, reported := outcomes[recs[i].ID]
			blocks = append(blocks, section(assessmentLine(recs[i])+"\n"+outcomeLine(o, reported)))
		}
		blocks = append(blocks, contextBlock("Only you can see this list. `/advisor history` shows it anywhere; `/advisor forget-me` deletes it."))
	}
	return fit(blocks)
}

// assessmentLine is one assessment in the Home tab.
func assessmentLine(r store.Assessment) string {
	title := r.Title
	if title == "" {
		title = "Untitled assessment"
	}
	roi := r.Result.ROI[r.Result.Approach]
	return fmt.Sprintf("*%s*\n%s · %s · net %s a month · payback %s",
		escape(truncate(title, 150)), r.CreatedAt.Format("2006-01-02"), r.Result.Approach.Label(),
		advisor.Money(roi.NetMonthly), advisor.Months(roi.PaybackMonths))
}

// outcomeLine is what the owner reported of an assessment.
func outcomeLine(o store.Outcome, reported bool) string {
	if !reported {
		return "Outcome: not reported yet"
	}
	day := o.At.Format("2006-01-02")
	switch o.Status {
	case store.OutcomeBuilt:
		line := "Outcome: built"
		if o.Approach.Valid() {
			line += " with " + o.Approach.Label()
		}
		var figs []string
		if o.OneOffCost.Valid {
			figs = append(figs, advisor.Money(o.OneOffCost.Value)+" to build")
		}
		if o.MonthlyRunCost.Valid {
			figs = append(figs, advisor.Money(o.MonthlyRunCost.Value)+" a month to run")
		}
		if o.HoursSavedMonthly.Valid {
			figs = append(figs, fmt.Sprintf("%.0f hours a month saved", o.HoursSavedMonthly.Value))
		}
		if len(figs) > 0 {
			line += " (" + strings.Join(figs, ", ") + ")"
		}
		return line + ", reported " + day
	case store.OutcomeDropped:
		return "Outcome: dropped, reported " + day
	}
	return "Outcome: not built yet, reported " + day
}

const (
	msgNoAssessments  = "You have no assessments yet. Press *New assessment*, or describe a use case to me in a direct message."
	msgHomeUnreadable = "Sorry, I could not read your assessments just now; open this tab again in a moment."
)

// intakeField is one input of the intake modal: a profile field, typed as
// text or chosen from the field's options.
type intakeField struct {
	field       string
	label       string
	placeholder string // typed fields only
	choose      bool   // a static select of the field's options
}

// intakeFields are the modal's inputs after the description: the figures
// of the ROI, typed so "2k a week" and "$45/h" work, and the choices that
// decide the approach most often.
var intakeFields = []intakeField{
	{field: advisor.FieldMonthlyVolume, label: "How many items a month?", placeholder: "about 2,000 a week"},
	{field: advisor.FieldMinutesPerTask, label: "Minutes a person spends on one item today", placeholder: "6 minutes"},
	{field: advisor.FieldHourlyCost, label: "Cost of an hour of that person's time, fully loaded", placeholder: "$45/h"},
	{field: advisor.FieldTask, choose: true},
	{field: advisor.FieldKnowledge, choose: true},
	{field: advisor.FieldAccuracy, choose: true},
	{field: advisor.FieldPromptBaseline, choose: true},
	{field: advisor.FieldRulesExpressible, choose: true},
}

// intakeDescription is the block and action id of the description input.
const intakeDescription = advisor.FieldDescription

// openIntake opens the intake modal for a "New assessment" click. The
// trigger is good for three seconds, so this runs before anything slow.
func (a *Server) openIntake(ctx context.Context, cb goslack.InteractionCallback) {
	if _, ok := a.engine.Check(a.inbound(ctx, "", cb.User.ID)); !ok {
		a.homeOpened(ctx, cb.User.ID) // a stale Home tab: show the note instead
		return
	}
	if _, err := a.api.OpenViewContext(ctx, cb.TriggerID, intakeModal()); err != nil {
		a.log(ctx).Error("slack: views.open intake", "err", err)
	}
}

// descriptionMax is the most the form's description takes: the bot reads
// advisor.MaxDescriptionLen characters of a description, and Slack's
// text input takes at most 3,000.
const descriptionMax = min(advisor.MaxDescriptionLen, maxInputRunes)

// intakeModal is the intake form. Only the description is required; its
// hint says how long it may be, and Slack's input stops there, so nothing
// typed is cut unseen.
func intakeModal() goslack.ModalViewRequest {
	desc := goslack.NewPlainTextInputBlockElement(label("Route incoming support tickets to the right team", maxPlaceholderRunes), intakeDescription)
	desc.Multiline, desc.MaxLength = true, descriptionMax
	hint := fmt.Sprintf("A few sentences: what the work is, who does it, what a good result looks like (at most %s characters).",
		advisor.Count(float64(descriptionMax)))
	blocks := []goslack.Block{
		goslack.NewInputBlock(intakeDescription, label("What would you like to automate?", maxLabelRunes), label(hint, maxLabelRunes), desc),
	}
	for _, in := range intakeFields {
		f, _ := advisor.LookupField(in.field)
		var el goslack.BlockElement
		text := in.label
		if in.choose {
			// The words people read; the value that comes back is the option.
			var opts []*goslack.OptionBlockObject
			for _, o := range advisor.OptionsOf(in.field) {
				opts = append(opts, goslack.NewOptionBlockObject(o.Value, label(o.Label, maxButtonRunes), nil))
			}
			el = goslack.NewOptionsSelectBlockElement(goslack.OptTypeStatic, label("Choose...", maxPlaceholderRunes), in.field, opts...)
			text = f.Question
		} else {
			el = goslack.NewPlainTextInputBlockElement(label(in.placeholder, maxPlaceholderRunes), in.field)
		}
		b := goslack.NewInputBlock(in.field, label(text, maxLabelRunes), nil, el)
		b.Optional = true
		blocks = append(blocks, b)
	}
	return goslack.ModalViewRequest{
		Type:       goslack.VTModal,
		CallbackID: intakeCallback,
		Title:      label("New assessment", maxViewTitleRunes),
		Submit:     label("Start", maxViewTitleRunes),
		Close:      label("Cancel", maxViewTitleRunes),
		Blocks:     goslack.Blocks{BlockSet: blocks},
	}
}

// viewSubmitted starts a conversation in the user's direct messages from a
// submitted intake modal. The form's answers go into the conversation's
// profile as answered (not inferred) fields, then the engine reads the
// description as the first message and asks what is still open.
//
// Slack shows validation errors in a modal only through the ack of the
// submission, and the adapter acks every envelope before any work; so
// typed figures that cannot be read are listed in a direct message
// instead, and the assessment goes on without them (the engine asks for
// them when they matter).
func (a *Server) viewSubmitted(ctx context.Context, cb goslack.InteractionCallback) {
	if cb.View.CallbackID != intakeCallback {
		return
	}
	user := cb.User.ID
	ch, _, _, err := a.api.OpenConversationContext(ctx, &goslack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		a.log(ctx).Error("slack: intake: conversations.open", "err", err)
		return
	}
	r := &replier{a: a, channel: ch.ID, user: user}
	if refusal, ok := a.engine.Check(a.inbound(ctx, ch.ID, user)); !ok {
		_ = r.Send(ctx, bot.Outbound{Kind: bot.KindText, Text: refusal})
		return
	}
	var values map[string]map[string]goslack.BlockAction
	if cb.View.State != nil {
		values = cb.View.State.Values
	}
	description, profile, problems := readIntake(values)
	if len(problems) > 0 {
		text := "I could not read some of your form, so I left these out and will ask about them if they matter:\n• " +
			strings.Join(problems, "\n• ")
		if err := r.Send(ctx, bot.Outbound{Kind: bot.KindText, Text: text}); err != nil {
			a.log(ctx).Error("slack: intake: post problems", "err", err)
		}
	}
	in := bot.Inbound{Conv: store.ConvKey{Platform: "slack", Team: cb.Team.ID, Channel: ch.ID}, User: user,
		Text: description, Private: true}
	if err := a.engine.Intake(ctx, in, profile, r); err != nil && !errors.Is(err, context.Canceled) {
		a.log(ctx).Error("slack: intake: turn failed", "err", err)
	}
}

// readIntake reads a submitted intake form: the description, the answers
// that could be read, and a line for each that could not.
func readIntake(values map[string]map[string]goslack.BlockAction) (description string, u advisor.UseCase, problems []string) {
	get := func(id string) string {
		act := values[id][id]
		if act.SelectedOption.Value != "" {
			return act.SelectedOption.Value
		}
		return strings.TrimSpace(act.Value)
	}
	description = get(intakeDescription)
	for _, in := range intakeFields {
		text := get(in.field)
		if text == "" {
			continue
		}
		v, err := parse.Answer(in.field, text)
		if err == nil {
			err = u.Set(v)
		}
		if err != nil {
			problems = append(problems, intakeProblem(in, err))
		}
	}
	return description, u, problems
}

// intakeProblem names the form's field in a problem line.
func intakeProblem(in intakeField, err error) string {
	label := in.label
	if label == "" {
		f, _ := advisor.LookupField(in.field)
		label = f.Question // as the modal labels a select
	}
	var ae *parse.AnswerError
	if errors.As(err, &ae) {
		return fmt.Sprintf("%s: %s; try something like %q", label, ae.Reason, ae.Example)
	}
	return label + ": " + err.Error()
}
