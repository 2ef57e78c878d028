package bot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/store"
)

// showROI shows the ROI table of the latest recommendation, or while
// questions are still open, the estimate from the answers so far.
func (t *turn) showROI(ctx context.Context) error {
	if t.c.RecID == "" {
		rec, err := t.recommend()
		if err != nil {
			return err
		}
		return t.say(ctx, t.withPending(Outbound{Kind: KindROI, Rec: &rec, Title: t.c.Profile.Title, Text: msgROISoFar})...)
	}
	rec, ok, err := t.latest(ctx)
	if err != nil || !ok {
		return err
	}
	return t.say(ctx, Outbound{Kind: KindROI, Rec: &rec.Result, RecID: rec.ID, Title: rec.Title})
}

// why explains the recommendation, or while asking, why the pending
// question matters.
func (t *turn) why(ctx context.Context) error {
	if t.c.Phase == store.PhaseAsking && t.c.Pending != "" {
		q, _ := t.pendingQuestion()
		text := msgWhyConfirm
		if t.c.Pending != FieldConfirm {
			rec, err := t.recommend()
			if err != nil {
				return err
			}
			text = fmt.Sprintf(msgWhyQuestion, rec.Approach.Label(), int(math.Round(rec.Settled*100)), nounOf(t.c.Pending))
		}
		return t.say(ctx, Outbound{Kind: KindText, Text: text}, Outbound{Kind: KindQuestion, Question: q})
	}
	rec, ok, err := t.latest(ctx)
	if err != nil || !ok {
		return err
	}
	return t.say(ctx, Outbound{Kind: KindText, Text: explain.RuleText(explain.Input{Profile: rec.Profile, Rec: rec.Result})})
}

// whatIfPattern reads "what if the volume is 50k" and its variants.
var whatIfPattern = regexp.MustCompile(`(?i)^\s*what\s+if\s+(?:the\s+|our\s+|we\s+had\s+)?(.+?)\s+(?:is|was|were|are|=|became|becomes|went to|goes to)\s+(.+?)\s*\??\s*$`)

// whatIf re-runs the advice with one field changed and shows what moves,
// without changing the conversation's profile.
func (t *turn) whatIf(ctx context.Context, text string) error {
	m := whatIfPattern.FindStringSubmatch(text)
	if m == nil {
		return t.say(ctx, Outbound{Kind: KindError, Text: msgWhatIfUsage})
	}
	field, ok := fieldFromPhrase(m[1])
	if !ok {
		return t.say(ctx, Outbound{Kind: KindError, Text: fmt.Sprintf(msgWhatIfField, m[1])})
	}
	v, err := parse.Answer(field, m[2])
	if err != nil {
		return t.say(ctx, Outbound{Kind: KindError, Text: answerProblem(err)})
	}
	before, err := t.recommend()
	if err != nil {
		return err
	}
	f, _ := advisor.LookupField(field)
	from := "unknown"
	for _, cur := range t.c.Profile.Values() {
		if cur.Field == field {
			from = display(f, cur)
		}
	}
	changed := t.c.Profile.Clone()
	if err := changed.Set(v); err != nil {
		return t.say(ctx, Outbound{Kind: KindError, Text: answerProblem(err)})
	}
	after, err := t.e.cfg.Advisor.RecommendInferred(changed, t.c.Inferred)
	if err != nil {
		return fmt.Errorf("bot: what if: %w", err)
	}
	return t.say(ctx, t.withPending(Outbound{Kind: KindWhatIf, WhatIf: &WhatIf{Field: field, From: from, To: display(f, v), Before: before, After: after}})...)
}

// feedback records what the owner said about the latest assessment.
func (t *turn) feedback(ctx context.Context, cmd string) error {
	rec, ok, err := t.latest(ctx)
	if err != nil || !ok {
		return err
	}
	if !isFeedback(cmd) {
		if len(strings.Fields(t.in.Text)) >= 6 {
			return t.say(ctx, Outbound{Kind: KindText, Text: msgNewCase})
		}
		return t.say(ctx, Outbound{Kind: KindText, Text: msgAfterAdvice})
	}
	return t.feedbackOn(ctx, rec, cmd)
}

// isFeedback reports a verdict or a "we chose", typed or clicked.
func isFeedback(cmd string) bool {
	switch cmd {
	case ChoiceHelpful, "yes", "👍", ChoiceNotHelpful, "no", "👎":
		return true
	}
	_, ok := chosenApproach(cmd)
	return ok
}

// feedbackOn records feedback on rec, an assessment of this conversation:
// once per assessment and kind, so the weekly figures count each
// assessment's verdict once, and against the assessment whose card was
// clicked, so an old card's "we chose" is not credited to a newer one.
func (t *turn) feedbackOn(ctx context.Context, rec store.Assessment, cmd string) error {
	fb := store.Feedback{RecID: rec.ID, User: t.in.User, At: t.e.cfg.Now()}
	mark := rec.ID + " rated"
	switch cmd {
	case ChoiceHelpful, "yes", "👍":
		yes := true
		fb.Helpful = &yes
	case ChoiceNotHelpful, "no", "👎":
		no := false
		fb.Helpful = &no
	default:
		fb.Chosen, _ = chosenApproach(cmd)
		mark = rec.ID + " chose"
	}
	latest := rec.ID == t.c.RecID
	already := slices.Contains(t.c.Noted, mark)
	if latest {
		already = already || (fb.Helpful != nil && t.c.Rated) || (fb.Chosen != "" && t.c.Chose)
	}
	if already {
		return t.say(ctx, t.withPending(Outbound{Kind: KindText, Text: msgAlreadyNoted})...)
	}
	if err := t.e.cfg.Store.SaveFeedback(ctx, fb); err != nil {
		return fmt.Errorf("bot: save feedback: %w", err)
	}
	switch {
	case !latest:
		t.c.Noted = appendNoted(t.c.Noted, mark)
	case fb.Helpful != nil:
		t.c.Rated = true
	default:
		t.c.Chose, t.c.Phase = true, store.PhaseFinished
	}
	return t.say(ctx, t.withPending(Outbound{Kind: KindText, Text: msgThanks})...)
}

// maxNoted bounds the feedback marks kept for earlier assessments.
const maxNoted = 40

func appendNoted(noted []string, mark string) []string {
	noted = append(noted, mark)
	if n := len(noted); n > maxNoted {
		noted = slices.Delete(noted, 0, n-maxNoted)
	}
	return noted
}

// noteEarlier keeps the feedback given on the latest assessment as marks,
// before a new assessment replaces it as the latest.
func noteEarlier(c *store.Conversation) {
	if c.RecID == "" {
		return
	}
	if c.Rated {
		c.Noted = appendNoted(c.Noted, c.RecID+" rated")
	}
	if c.Chose {
		c.Noted = appendNoted(c.Noted, c.RecID+" chose")
	}
}

// earlier answers a click on a card of an earlier assessment of this
// conversation (id): feedback, ROI and reasons go to that assessment;
// anything else is left as it was.
func (t *turn) earlier(ctx context.Context, id, cmd string, v verb) error {
	a, err := t.e.cfg.Store.GetAssessment(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return t.say(ctx, t.withPending(Outbound{Kind: KindText, Text: msgOldCard})...)
	case err != nil:
		return fmt.Errorf("bot: load assessment: %w", err)
	case a.Conv != t.c.Key || a.User != t.c.User:
		// Not this conversation's: a forged or misrouted id changes nothing.
		return t.say(ctx, t.withPending(Outbound{Kind: KindText, Text: msgOldCard})...)
	}
	switch {
	case v == verbShowROI:
		return t.say(ctx, t.withPending(Outbound{Kind: KindROI, Rec: &a.Result, RecID: a.ID, Title: a.Title})...)
	case v == verbWhy:
		return t.say(ctx, t.withPending(Outbound{Kind: KindText, Text: explain.RuleText(explain.Input{Profile: a.Profile, Rec: a.Result})})...)
	case isFeedback(cmd):
		return t.feedbackOn(ctx, a, cmd)
	}
	return t.say(ctx, t.withPending(Outbound{Kind: KindText, Text: msgOldCard})...)
}

// latest loads the conversation's recommendation, or tells the person
// there is none yet (ok false).
func (t *turn) latest(ctx context.Context) (store.Assessment, bool, error) {
	if t.c.RecID == "" {
		return store.Assessment{}, false, t.say(ctx, Outbound{Kind: KindText, Text: msgNoRecYet})
	}
	rec, err := t.e.cfg.Store.GetAssessment(ctx, t.c.RecID)
	if errors.Is(err, store.ErrNotFound) {
		// Expired by retention (or forgotten): start afresh rather than
		// failing on every command.
		t.restart()
		return rec, false, t.say(ctx, Outbound{Kind: KindText, Text: msgRecGone})
	}
	if err != nil {
		return rec, false, fmt.Errorf("bot: load recommendation: %w", err)
	}
	return rec, true, nil
}

// fieldPhrases maps what people call a field to its name.
var fieldPhrases = map[string]string{
	"volume": advisor.FieldMonthlyVolume, "monthly volume": advisor.FieldMonthlyVolume, "number of items": advisor.FieldMonthlyVolume,
	"minutes": advisor.FieldMinutesPerTask, "time per item": advisor.FieldMinutesPerTask, "time per task": advisor.FieldMinutesPerTask, "minutes per task": advisor.FieldMinutesPerTask,
	"rate": advisor.FieldHourlyCost, "hourly cost": advisor.FieldHourlyCost, "hourly rate": advisor.FieldHourlyCost, "cost per hour": advisor.FieldHourlyCost,
	"examples": advisor.FieldLabeledExamples, "labeled examples": advisor.FieldLabeledExamples, "labelled examples": advisor.FieldLabeledExamples,
	"deadline": advisor.FieldTimelineWeeks, "timeline": advisor.FieldTimelineWeeks,
	"stakes": advisor.FieldAccuracy, "sensitivity": advisor.FieldDataSensitivity, "data": advisor.FieldDataSensitivity,
	"review": advisor.FieldHumanReview, "ml skills": advisor.FieldMLSkill, "skills": advisor.FieldMLSkill,
	"prompting": advisor.FieldPromptBaseline, "baseline": advisor.FieldPromptBaseline, "format": advisor.FieldOutputConsistency,
	"prompting so far": advisor.FieldPromptBaseline, "task": advisor.FieldTask, "knowledge": advisor.FieldKnowledge,
	"cost of a mistake": advisor.FieldAccuracy, "accuracy": advisor.FieldAccuracy, "sources": advisor.FieldCitationsRequired,
	"citations": advisor.FieldCitationsRequired, "language": advisor.FieldDomain, "domain": advisor.FieldDomain,
	"speed": advisor.FieldLatency, "latency": advisor.FieldLatency, "regulated": advisor.FieldRegulated,
	"regulation": advisor.FieldRegulated, "ML skills": advisor.FieldMLSkill, "rules": advisor.FieldRulesExpressible,
	"self-hosting": advisor.FieldSelfHostingOK, "budget": advisor.FieldBudget, "hourly": advisor.FieldHourlyCost,
	"cost": advisor.FieldHourlyCost, "time": advisor.FieldMinutesPerTask, "minutes each": advisor.FieldMinutesPerTask,
}

// fieldFromPhrase finds the field a person means: a field name with spaces
// or underscores, or a common phrase for it.
func fieldFromPhrase(p string) (string, bool) {
	p = strings.Trim(strings.ToLower(strings.TrimSpace(p)), "?")
	for phrase, f := range fieldPhrases {
		if strings.EqualFold(phrase, p) {
			return f, true
		}
	}
	name := strings.ReplaceAll(strings.ReplaceAll(p, " ", "_"), "-", "_")
	if f, ok := advisor.LookupField(name); ok && f.Kind != advisor.KindText {
		return f.Name, true
	}
	return "", false
}

// chosenApproach reads "we chose rag", "went with fine-tuning" or a
// button value.
func chosenApproach(cmd string) (advisor.Approach, bool) {
	cmd = strings.TrimPrefix(cmd, choseprefix)
	for _, prefix := range []string{"we chose ", "we choose ", "chose ", "we went with ", "went with ", "we picked ", "we use ", "we're using "} {
		cmd = strings.TrimPrefix(cmd, prefix)
	}
	cmd = strings.TrimSpace(cmd)
	if a := advisor.Approach(strings.ReplaceAll(strings.ReplaceAll(cmd, " ", "_"), "-", "_")); a.Valid() {
		return a, true
	}
	for a, words := range approachWords {
		for _, w := range words {
			if cmd == w {
				return a, true
			}
		}
	}
	return "", false
}

var approachWords = map[advisor.Approach][]string{
	advisor.PromptEngineering: {"prompting", "prompt engineering", "a prompt", "prompts"},
	advisor.RAG:               {"rag", "retrieval", "retrieval-augmented generation"},
	advisor.FineTuning:        {"fine-tuning", "fine tuning", "finetuning", "fine-tune", "a fine-tune"},
	advisor.Hybrid:            {"hybrid", "both", "fine-tuning plus retrieval", "fine-tuning and rag"},
	advisor.ClassicAutomation: {"classic automation", "rules", "rpa", "classic ml", "automation"},
	advisor.KeepManual:        {"manual", "keep it manual", "nothing", "kept it manual"},
}

// transcriptOf is how a bot message is kept in the conversation's turns.
func transcriptOf(m Outbound) string {
	switch m.Kind {
	case KindQuestion:
		if m.Question != nil {
			return m.Question.Text
		}
	case KindRecommendation:
		if m.Rec != nil {
			return "Recommended: " + string(m.Rec.Approach)
		}
	case KindWhatIf:
		if m.WhatIf != nil {
			return fmt.Sprintf("What if %s = %s: %s", m.WhatIf.Field, m.WhatIf.To, m.WhatIf.After.Approach)
		}
	case KindROI:
		return "ROI table"
	}
	return m.Text
}
