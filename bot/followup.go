package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
	"github.com/advisorbot/advisorbot/bot/store"
)

// Follow-ups ask an assessment's owner, weeks later, what was built and
// what it really cost and saved (the schedule is followup_schedule.go).
// One is a short conversation in the owner's direct messages with the bot,
// kept in Conversation.Followup beside whatever assessment is going on
// there: a status (built, not yet, dropped, or stop asking), then for a
// build the approach and three figures, each skippable, for a drop an
// optional reason. Every answer is stored at once as the assessment's
// outcome, so one left half-way still counts. The questions are ordinary
// question cards without a number, so every adapter shows them as it shows
// an assessment's questions, and their buttons carry the assessment's id.

// Follow-up steps, and the Field of their questions.
const (
	stepStatus   = "followup_status"
	stepApproach = "followup_approach"
	stepBuild    = "followup_" + parse.FigureBuildCost
	stepRun      = "followup_" + parse.FigureRunCost
	stepSaved    = "followup_" + parse.FigureTimeSaved
	stepReason   = "followup_reason"
)

// Status button values; "stop" is the owner's opt-out.
const (
	followupBuilt   = "built"
	followupNotYet  = "not yet"
	followupDropped = "dropped"
	followupStop    = "stop asking"
)

// ErrFollowupBusy is FollowupAsk's answer while another follow-up, asked
// less than followupBusy ago, waits in the same conversation: one at a
// time, so typed answers are never read as another assessment's.
var ErrFollowupBusy = errors.New("bot: another follow-up is waiting for an answer there")

const followupBusy = 24 * time.Hour

// isFollowupStep reports whether field is a follow-up question's.
func isFollowupStep(field string) bool { return strings.HasPrefix(field, "followup_") }

// followupFor reports whether in answers a follow-up: a click on a
// follow-up card, or words while one waits in c.
func followupFor(c *store.Conversation, in Inbound) bool {
	if isFollowupStep(in.Field) {
		return true
	}
	return c.Followup != nil && in.Field == "" && in.Text != ""
}

// FollowupAsk opens follow-up n about ref in the owner's direct
// conversation key (which the platform's Courier opened) and asks its
// first question through r. The state is stored before it is asked, and
// put back when the question could not be shown, so the owner's next
// message is never read as the answer to an unseen question.
func (e *Engine) FollowupAsk(ctx context.Context, ref store.AssessmentRef, n int, key store.ConvKey, r Replier) error {
	unlock := e.locks.lock(key.String())
	defer unlock()
	c, err := e.cfg.Store.GetConversation(ctx, key)
	switch {
	case errors.Is(err, store.ErrNotFound):
		c = store.Conversation{Key: key, User: ref.User, Phase: store.PhaseDescribe, CreatedAt: e.cfg.Now()}
	case err != nil:
		return fmt.Errorf("bot: follow-up: load conversation: %w", err)
	}
	if c.User != "" && c.User != ref.User {
		return fmt.Errorf("bot: follow-up: conversation %s belongs to someone else", key)
	}
	if f := c.Followup; f != nil && f.RecID != ref.ID && e.cfg.Now().Sub(f.AskedAt) < followupBusy {
		return ErrFollowupBusy
	}
	t := turn{e: e, c: &c, r: r, before: cloneConversation(c)}
	c.Followup = &store.FollowupState{RecID: ref.ID, N: n, Step: stepStatus, AskedAt: e.cfg.Now()}
	return t.say(ctx, statusQuestion(ref, e.cfg.Now().Sub(ref.CreatedAt).Hours()/24))
}

// statusQuestion is a follow-up's first question.
func statusQuestion(ref store.AssessmentRef, days float64) Outbound {
	title := ref.Profile.Title
	if title == "" {
		title = "your use case"
	}
	text := fmt.Sprintf(msgFollowupStatus, int(days+0.5), title, ref.Approach.Label())
	return Outbound{Kind: KindQuestion, RecID: ref.ID, Title: title, Question: &Question{
		Field: stepStatus, Text: text, Example: "we built it with rag",
		Options: []advisor.Option{
			{Value: followupBuilt, Label: "We built it"},
			{Value: followupNotYet, Label: "Not yet"},
			{Value: followupDropped, Label: "We dropped it"},
			{Value: followupStop, Label: "Stop asking"},
		},
	}}
}

// followupTurn applies in to the follow-up it answers.
func (t *turn) followupTurn(ctx context.Context) error {
	in := t.in
	st := t.c.Followup
	if in.Field != "" {
		// A click: it names its assessment. A status click on any
		// follow-up card of the owner's is taken (a later change of mind);
		// another step's button counts only while that step waits.
		switch {
		case in.Field == stepStatus:
			st = &store.FollowupState{RecID: in.RecID, Step: stepStatus, AskedAt: t.e.cfg.Now()}
			if t.c.Followup != nil && t.c.Followup.RecID == in.RecID {
				st.N = t.c.Followup.N
			}
		case st == nil || st.RecID != in.RecID || st.Step != in.Field:
			t.record("user", in.Choice)
			return t.say(ctx, Outbound{Kind: KindText, Text: msgStaleClick})
		}
	}
	a, err := t.e.cfg.Store.GetAssessment(ctx, st.RecID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		t.c.Followup = nil
		return t.say(ctx, Outbound{Kind: KindText, Text: msgRecGone})
	case err != nil:
		return fmt.Errorf("bot: follow-up: load assessment: %w", err)
	}
	if a.User != in.User {
		t.record("user", in.Choice)
		// Only an assessment's owner reports on it, whatever a forged
		// click names.
		return t.say(ctx, Outbound{Kind: KindText, Text: msgNotYours, Private: true})
	}
	t.c.Followup = st
	answer := strings.TrimSpace(in.Choice)
	if answer == "" {
		answer = strings.TrimSpace(in.Text)
	}
	if st.Step == stepStatus {
		return t.followupStatus(ctx, a, answer)
	}
	return t.followupStep(ctx, a, answer)
}

// followupStatus reads built, not yet, dropped or stop, with an approach
// when one is named ("we built it with rag").
func (t *turn) followupStatus(ctx context.Context, a store.Assessment, answer string) error {
	status, approach := readFollowupStatus(answer)
	if status == "" && t.in.Field == "" {
		// Not an answer but something else (a new description,
		// "restart", a question about an assessment): the follow-up is
		// set aside, its card's buttons still work, and the words go to
		// the conversation.
		t.c.Followup = nil
		return t.apply(ctx)
	}
	t.record("user", answer)
	switch status {
	case "":
		return t.say(ctx, Outbound{Kind: KindText, Text: msgFollowupUnread}, t.followupQuestion(a))
	case followupStop:
		if err := t.e.cfg.Store.SetFollowupOptOut(ctx, t.c.User, true); err != nil {
			return fmt.Errorf("bot: follow-up: opt out: %w", err)
		}
		t.c.Followup = nil
		return t.say(ctx, Outbound{Kind: KindText, Text: msgFollowupStopped})
	case followupNotYet:
		if err := t.saveOutcome(ctx, a, func(o *store.Outcome) { *o = t.freshOutcome(a, store.OutcomeNotYet, "") }); err != nil {
			return err
		}
		t.c.Followup = nil
		return t.say(ctx, Outbound{Kind: KindText, Text: msgFollowupNotYet})
	case followupDropped:
		if err := t.saveOutcome(ctx, a, func(o *store.Outcome) { *o = t.freshOutcome(a, store.OutcomeDropped, "") }); err != nil {
			return err
		}
		t.c.Followup.Step = stepReason
		return t.say(ctx, t.followupQuestion(a))
	}
	if err := t.saveOutcome(ctx, a, func(o *store.Outcome) { *o = t.freshOutcome(a, store.OutcomeBuilt, approach) }); err != nil {
		return err
	}
	t.c.Followup.Step = stepBuild
	if approach == "" {
		t.c.Followup.Step = stepApproach
	}
	return t.say(ctx, t.followupQuestion(a))
}

// followupStep reads the answer to the approach, a figure or the reason.
func (t *turn) followupStep(ctx context.Context, a store.Assessment, answer string) error {
	st := t.c.Followup
	if t.in.Field == "" && st.Step != stepReason && (len([]rune(answer)) > 200 || leavesFollowup(answer)) {
		t.c.Followup = nil
		return t.apply(ctx)
	}
	t.record("user", answer)
	skip := verbOf(normalize(answer), false) == verbSkip
	next := ""
	var apply func(o *store.Outcome)
	switch st.Step {
	case stepApproach:
		next = stepBuild
		if skip {
			break
		}
		ap, ok := chosenApproach(normalize(answer))
		if !ok {
			return t.say(ctx, Outbound{Kind: KindText, Text: msgFollowupApproach}, t.followupQuestion(a))
		}
		apply = func(o *store.Outcome) {
			o.Approach = ap
			o.Estimate = a.Result.ROI[ap]
			o.EstimatedHoursSaved = t.workload(a).HoursSaved(o.Estimate)
		}
	case stepReason:
		if !skip {
			reason := truncate(answer, 500)
			apply = func(o *store.Outcome) { o.Reason = reason }
		}
	case stepBuild, stepRun, stepSaved:
		next = map[string]string{stepBuild: stepRun, stepRun: stepSaved}[st.Step]
		if skip {
			break
		}
		kind := strings.TrimPrefix(st.Step, "followup_")
		fig, err := parse.ReadFigure(kind, answer)
		if err != nil {
			return t.say(ctx, Outbound{Kind: KindError, Text: answerErrorText(err)}, t.followupQuestion(a))
		}
		apply = func(o *store.Outcome) { setFigure(o, kind, fig, t.workload(a)) }
	default:
		t.c.Followup = nil
		return t.say(ctx, Outbound{Kind: KindText, Text: msgStaleClick})
	}
	if apply != nil {
		if err := t.saveOutcome(ctx, a, apply); err != nil {
			return err
		}
	}
	if next == "" {
		t.c.Followup = nil
		return t.say(ctx, Outbound{Kind: KindText, Text: msgFollowupThanks})
	}
	st.Step = next
	return t.say(ctx, t.followupQuestion(a))
}

// leavesFollowup reports words that are not an answer to a follow-up's
// question but a request of the conversation's own: restart, help, a new
// description.
func leavesFollowup(text string) bool {
	cmd := normalize(text)
	switch verbOf(cmd, false) {
	case verbRestart, verbHelp:
		return true
	}
	return hasPrefixWord(cmd, prefixNew)
}

// setFigure stores one figure; time saved per item becomes hours a month
// at the assessment's volume.
func setFigure(o *store.Outcome, kind string, f parse.Figure, w advisor.Workload) {
	switch kind {
	case parse.FigureBuildCost:
		o.OneOffCost = advisor.Some(f.Value)
	case parse.FigureRunCost:
		o.MonthlyRunCost = advisor.Some(f.Value)
	case parse.FigureTimeSaved:
		h := f.Value
		if f.PerItem {
			h = w.MonthlyHours(f.Value)
		}
		o.HoursSavedMonthly = advisor.Some(h)
	}
}

func (t *turn) workload(a store.Assessment) advisor.Workload {
	return t.e.cfg.Advisor.Workload(a.Profile)
}

// freshOutcome starts the outcome of a with its estimate's snapshot.
func (t *turn) freshOutcome(a store.Assessment, status store.OutcomeStatus, built advisor.Approach) store.Outcome {
	o := store.Outcome{
		RecID: a.ID, User: a.User, Conv: t.c.Key, Status: status, Approach: built,
		Department: a.Department, Title: a.Title, Profile: a.Profile, Recommended: a.Result.Approach,
		AssessedAt: a.CreatedAt,
	}
	if t.c.Followup != nil {
		o.Round = t.c.Followup.N
	}
	estimated := built
	if estimated == "" {
		estimated = a.Result.Approach
	}
	o.Estimate = a.Result.ROI[estimated]
	o.EstimatedHoursSaved = t.workload(a).HoursSaved(o.Estimate)
	return o
}

// saveOutcome changes the stored outcome of a (a fresh one when none is
// stored) and saves it.
func (t *turn) saveOutcome(ctx context.Context, a store.Assessment, change func(*store.Outcome)) error {
	o, err := t.e.cfg.Store.GetOutcome(ctx, a.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		o = t.freshOutcome(a, store.OutcomeBuilt, a.Result.Approach)
	case err != nil:
		return fmt.Errorf("bot: follow-up: load outcome: %w", err)
	}
	change(&o)
	o.At = t.e.cfg.Now()
	if err := t.e.cfg.Store.SaveOutcome(ctx, o); err != nil {
		return fmt.Errorf("bot: follow-up: save outcome: %w", err)
	}
	return nil
}

// followupQuestion asks the step the follow-up waits for.
func (t *turn) followupQuestion(a store.Assessment) Outbound {
	st := t.c.Followup
	ref := store.RefOf(a)
	if st.Step == stepStatus {
		return statusQuestion(ref, t.e.cfg.Now().Sub(a.CreatedAt).Hours()/24)
	}
	q := &Question{Field: st.Step}
	switch st.Step {
	case stepApproach:
		q.Text, q.Example = msgFollowupWhich, "rag"
		q.Options = make([]advisor.Option, 0, 6)
		for _, ap := range advisor.Approaches() {
			q.Options = append(q.Options, advisor.Option{Value: "chose:" + string(ap), Label: ap.Label()})
		}
	case stepBuild:
		q.Text, q.Example = msgFollowupBuild, parse.FigureExample(parse.FigureBuildCost)
	case stepRun:
		q.Text, q.Example = msgFollowupRun, parse.FigureExample(parse.FigureRunCost)
	case stepSaved:
		q.Text, q.Example = msgFollowupSaved, parse.FigureExample(parse.FigureTimeSaved)
	case stepReason:
		q.Text, q.Example = msgFollowupReason, "the vendor's API changed"
	}
	return Outbound{Kind: KindQuestion, RecID: a.ID, Title: a.Title, Question: q}
}

// answerErrorText is what a person sees for an unreadable figure.
func answerErrorText(err error) string {
	var ae *parse.AnswerError
	if errors.As(err, &ae) {
		return fmt.Sprintf("I couldn't read %q: %s. Try something like %q, or say skip.", ae.Input, ae.Reason, ae.Example)
	}
	return msgFollowupUnread
}
