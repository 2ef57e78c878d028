package teams

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/store"
)

// Answered cards. An Action.Submit click comes back as a message activity
// whose replyToId is the card's own activity id; once the engine has
// taken the click, the card is replaced (updateActivity) by a read-only
// copy saying what was answered, so an old question cannot be clicked
// again. What the engine took is read from what it stored, the way it
// stored it: a question no longer pending, a verdict or a choice now
// recorded for the card's assessment, a forget-me that was not refused.
// A click the engine refused (someone else's card, an answer it could not
// read, a failure) leaves the card as it was.
//
// Action.Submit, not Action.Execute: Execute's invoke must be answered
// with the new card in the HTTP response, within the few seconds Teams
// waits, which a turn that may call a model cannot promise; advisorbot
// answers through the connector after acknowledging, as for every other
// activity. Execute's other gift, a different card per viewer, is not
// needed: in shared threads only the owner's clicks count. Submit works in
// every Teams client and scope, and updateActivity replaces the card for
// everyone.

// cardKey names, in the submit data of cards whose buttons are alike (the
// recommendation's and the feedback card's Helpful), which card it is.
const cardKey = "advisorbot_card"

const (
	cardRecommendation = "recommendation"
	cardFeedback       = "feedback"
)

// submission is a click on one of advisorbot's cards.
type submission struct {
	card          string // the clicked card's activity id
	kind          string // cardRecommendation, cardFeedback, or "" (known by its data)
	choice, field string
	rec           string // the assessment the card belongs to
}

func submissionOf(act Activity) (submission, bool) {
	if act.ReplyToID == "" || len(act.Value) == 0 {
		return submission{}, false
	}
	var v map[string]any
	if json.Unmarshal(act.Value, &v) != nil {
		return submission{}, false
	}
	s := submission{card: act.ReplyToID, rec: RecOf(act)}
	s.kind, _ = v[cardKey].(string)
	s.choice, s.field = ChoiceOf(act)
	return s, s.choice != "" || s.field != ""
}

// settle replaces the clicked card by its answered copy when the engine
// took the click. before is the conversation as it was before the click
// (ok false: there was none).
func (a *Adapter) settle(ctx context.Context, act Activity, s submission, before store.Conversation, ok bool, r *Replier) error {
	var done Attachment
	switch {
	case s.choice == bot.ChoiceForget:
		if !r.answered || r.refused {
			return nil // dropped (a redelivery, a flood), refused or failed
		}
		done = forgottenCard()
	case strings.HasPrefix(s.field, "followup_"):
		if !ok || before.User != act.From.ID || r.refused || !followupTaken(before, a.afterClick(ctx, act), s) {
			return nil
		}
		done = answeredFollowup(s)
	case s.field != "":
		if !ok || before.User != act.From.ID || before.Phase != store.PhaseAsking || before.Pending != s.field {
			return nil // someone else's card, or a question answered before
		}
		after, found := a.conversation(ctx, act)
		if found && after.Round == before.Round && after.Phase == store.PhaseAsking && after.Pending == s.field {
			return nil // the answer was not taken; the question is asked again
		}
		done = answeredQuestion(before, s)
	case s.kind == cardFeedback || s.kind == cardRecommendation:
		if !ok || before.User != act.From.ID {
			return nil
		}
		rec := cmp.Or(s.rec, before.RecID)
		after, _ := a.conversation(ctx, act)
		rated, chose := noted(after, rec)
		wasRated, wasChose := noted(before, rec)
		if rated == wasRated && chose == wasChose {
			return nil // already noted, or not taken
		}
		if s.kind == cardFeedback {
			done = feedbackCardNoted(s, rec, rated, chose)
			break
		}
		if !rated {
			return nil // a "we chose" click cannot come from the recommendation card
		}
		as, err := a.Store.GetAssessment(ctx, rec)
		if err != nil {
			return fmt.Errorf("teams: load the assessment of the clicked card: %w", err)
		}
		done = recommendationCard(bot.Outbound{Kind: bot.KindRecommendation, Rec: &as.Result, RecID: as.ID, Title: as.Title}, verdictOf(s.choice))
	default:
		return nil // Why? and Show ROI can be clicked again
	}
	up := Activity{Type: "message", ID: s.card, From: act.Recipient, Recipient: act.From, Conversation: act.Conversation,
		Attachments: []Attachment{done}}
	if err := a.Conn.UpdateActivity(ctx, act.ServiceURL, act.Conversation.ID, s.card, up); err != nil {
		return fmt.Errorf("teams: mark the card answered: %w", err)
	}
	return nil
}

// conversation is the click's conversation as stored (false: none).
func (a *Adapter) conversation(ctx context.Context, act Activity) (store.Conversation, bool) {
	c, err := a.Store.GetConversation(ctx, convKey(act))
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			a.log().Warn("teams: read the conversation of a click", "err", err)
		}
		return store.Conversation{}, false
	}
	return c, true
}

// afterClick is the click's conversation as the engine left it (zero:
// none).
func (a *Adapter) afterClick(ctx context.Context, act Activity) store.Conversation {
	c, _ := a.conversation(ctx, act)
	return c
}

// noted reports whether c holds a verdict and a "we chose" for assessment
// rec, as the engine records them: on the conversation for its latest
// assessment, as marks for earlier ones.
func noted(c store.Conversation, rec string) (rated, chose bool) {
	if rec == "" {
		return false, false
	}
	latest := rec == c.RecID
	rated = latest && c.Rated || slices.Contains(c.Noted, rec+" rated")
	chose = latest && c.Chose || slices.Contains(c.Noted, rec+" chose")
	return rated, chose
}

// answeredQuestion is a question card once answered: the question and the
// answer, nothing to click.
func answeredQuestion(c store.Conversation, s submission) Attachment {
	question := "Did I read your description right?"
	if f, ok := advisor.LookupField(s.field); ok {
		question = f.Question
	}
	answer := inline(advisor.Label(s.field, s.choice))
	switch {
	case s.choice == bot.ChoiceSkip:
		answer = "Skipped"
	case s.field == bot.FieldConfirm:
		answer = confirmLabel
	}
	var body []any
	if n := slices.Index(c.Asked, s.field); n >= 0 {
		body = append(body, text(fmt.Sprintf("Question %d of at most %d", n+1, bot.MaxQuestions), "weight", "Bolder", "size", "Small", "isSubtle", true))
	}
	body = append(body, text(inline(question), "weight", "Bolder"), text("✓ "+answer, "color", "Good"))
	return card(body, nil)
}

// forgottenCard is the forget-me confirmation once the data is deleted.
func forgottenCard() Attachment {
	return card([]any{text("✓ Your data is deleted, as you asked.", "color", "Good")}, nil)
}

// verdictOf is what a verdict click said, in words.
func verdictOf(choice string) string {
	switch choice {
	case bot.ChoiceHelpful:
		return "You found this helpful. Thanks!"
	case bot.ChoiceNotHelpful:
		return "You found this not helpful. Thanks for saying so."
	}
	return "Thanks for your feedback."
}

// feedbackCardNoted is the feedback card once a verdict or a choice is
// noted: what was said, and the part still open, if any.
func feedbackCardNoted(s submission, rec string, rated, chose bool) Attachment {
	var body []any
	if rated {
		if s.choice == bot.ChoiceHelpful || s.choice == bot.ChoiceNotHelpful {
			body = append(body, text("✓ "+verdictOf(s.choice), "color", "Good"))
		} else {
			body = append(body, text("✓ Thanks for your feedback.", "color", "Good"))
		}
	}
	if chose {
		what := "Your team's choice is noted."
		if a, ok := strings.CutPrefix(s.choice, "chose:"); ok {
			what = fmt.Sprintf("Your team chose %s. Noted.", advisor.Approach(a).Label())
		}
		body = append(body, text("✓ "+what, "color", "Good"))
	}
	var actions []any
	switch {
	case !rated:
		body = append(body, text("Was this helpful?"))
		actions = verdictButtons()
	case !chose:
		list := choseList()
		body = append(body, list)
		actions = []any{obj{"type": "Action.Submit", "title": "Tell advisorbot what we chose", "data": obj{cardKey: cardFeedback}}}
	}
	return card(body, forAssessment(actions, rec))
}
