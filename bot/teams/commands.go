package teams

import (
	"context"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/render"
	"github.com/advisorbot/advisorbot/bot/store"
)

// Teams has no slash commands, so the commands Slack offers as /advisor
// are words said to the bot: "help", "new <description>", "history" and
// "forget me". In channels and group chats, "history" and "forget me" are
// answered with a pointer to the personal chat, since a bot cannot answer
// privately there and one person's assessments are theirs alone.

const (
	helpText = "I help you decide how to automate a task: prompt engineering, retrieval (RAG), fine-tuning, a hybrid, " +
		"classic automation, or keeping it manual, with the ROI of each. Describe the work and I'll ask a few questions.\n\n" +
		"- **new** *description*: start a new assessment\n" +
		"- **history**: your recent assessments (in our personal chat)\n" +
		"- **forget me**: delete everything advisorbot keeps about you (in our personal chat)\n" +
		"- during an assessment: **why?**, **show roi**, **what if the volume is 50k?**, **skip**, **restart**"
	privateOnly     = "For your privacy I answer that only in our personal chat: open a chat with me and say it there."
	forgetQuestion  = "This deletes every conversation, assessment and piece of feedback of yours. It cannot be undone."
	forgotten       = "Done: every conversation, assessment and piece of feedback of yours is deleted."
	forgetFailed    = "Sorry, I could not delete your data just now; please try again."
	historyFailed   = "Sorry, I could not read your history just now."
	noHistory       = "You have no assessments yet. Describe a use case to me to start one."
	newNeedsText    = "Starting over. Tell me what you would like to automate."
	choiceForget    = "advisorbot:forget_confirm"
	historyMaxItems = 10
)

// command answers the Teams commands; false when text is none of them.
func (a *Adapter) command(ctx context.Context, act Activity, in bot.Inbound, said, choice string, r *Replier) (bool, error) {
	group := isGroup(act)
	if choice == choiceForget {
		if group {
			return true, r.Send(ctx, textOut(privateOnly))
		}
		msg := forgotten
		if err := a.Store.ForgetUser(ctx, in.User); err != nil {
			a.log().Error("teams: forget me", "err", err)
			msg = forgetFailed
		}
		return true, r.Send(ctx, textOut(msg))
	}
	if choice != "" {
		return false, nil
	}
	word, rest, _ := strings.Cut(strings.TrimSpace(said), " ")
	switch cmd := strings.ToLower(strings.Trim(word, "/!.?")); {
	case cmd == "help" && rest == "":
		return true, r.Send(ctx, textOut(helpText))
	case cmd == "history" && rest == "":
		if group {
			return true, r.Send(ctx, textOut(privateOnly))
		}
		recs, err := a.Store.Recommendations(ctx, in.User, time.Time{}, 0)
		if err != nil {
			a.log().Error("teams: history", "err", err)
			return true, r.Send(ctx, textOut(historyFailed))
		}
		if len(recs) > historyMaxItems {
			recs = recs[len(recs)-historyMaxItems:]
		}
		return true, r.Send(ctx, textOut(render.History(recs, "**", noHistory)))
	case strings.EqualFold(strings.Join(strings.Fields(said), " "), "forget me"):
		if group {
			return true, r.Send(ctx, textOut(privateOnly))
		}
		return true, r.sendActivity(ctx, Activity{Type: "message", Attachments: []Attachment{card(
			[]any{text(forgetQuestion)},
			[]any{obj{"type": "Action.Submit", "title": "Delete all my data", "style": "destructive", "data": obj{choiceKey: choiceForget}}},
		)}})
	case cmd == "new" && rest != "" && !a.startsOver(ctx, in):
		return false, nil // "New hires: 200 forms a month" as a first description, or an answer
	case cmd == "new":
		restart := in
		restart.Text, restart.Choice = "", bot.ChoiceRestart
		if err := a.Engine.Handle(ctx, restart, r); err != nil || strings.TrimSpace(rest) == "" {
			return true, err
		}
		in.Text = strings.TrimSpace(rest)
		return true, a.Engine.Handle(ctx, in, r)
	}
	return false, nil
}

// startsOver: "new <description>" replaces an assessment only when there
// is one and it is not waiting for an answer; otherwise the words are a
// first description or an answer, and go to the engine whole.
func (a *Adapter) startsOver(ctx context.Context, in bot.Inbound) bool {
	c, err := a.Store.GetConversation(ctx, in.Conv)
	return err == nil && c.Phase != store.PhaseAsking
}

func textOut(s string) bot.Outbound { return bot.Outbound{Kind: bot.KindText, Text: s} }

// isGroup: a channel or a group chat, where others read along.
func isGroup(act Activity) bool {
	return act.Conversation.ConversationType == "channel" || act.Conversation.IsGroup
}
