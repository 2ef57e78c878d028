package bot

import (
	"context"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/logctx"
)

// Commands about the person rather than an assessment: their history and
// forgetting them, and help asked outside any conversation. They are
// answered without loading or changing a conversation, and personal data
// is shown only where the person alone reads it.

type personalCmd int

const (
	cmdNone personalCmd = iota
	cmdHelp
	cmdHistory
	cmdForget
	cmdForgetConfirmed
	cmdQuickROI
)

// historyItems is how many assessments "history" lists, newest last.
const historyItems = 10

// command names the personal command in, or cmdNone.
func command(in Inbound) personalCmd {
	if in.Choice == ChoiceForget {
		return cmdForgetConfirmed
	}
	if in.Choice != "" {
		return cmdNone
	}
	if in.Command && strings.HasPrefix(strings.ToLower(strings.TrimSpace(in.Text)), quickROIPrefix) {
		return cmdQuickROI
	}
	switch normalize(in.Text) {
	case "history", "my history", "my assessments":
		return cmdHistory
	case "forget me", "forget-me", "forget my data", "delete my data":
		return cmdForget
	case "help", "?":
		if in.Command {
			return cmdHelp
		}
	}
	return cmdNone
}

// personal answers a personal command.
func (e *Engine) personal(ctx context.Context, in Inbound, r Replier, c personalCmd) error {
	switch c {
	case cmdHelp:
		return r.Send(ctx, Outbound{Kind: KindText, Text: msgHelp})
	case cmdQuickROI:
		return e.quickROI(ctx, strings.TrimSpace(in.Text)[len(quickROIPrefix):], r)
	}
	if !in.Private {
		return r.Send(ctx, Outbound{Kind: KindText, Text: msgPrivateOnly})
	}
	lg := logctx.From(ctx, e.lg)
	switch c {
	case cmdHistory:
		recs, err := e.cfg.Store.Recommendations(ctx, in.User, time.Time{}, historyItems)
		if err != nil {
			lg.Error("bot: history", "err", err)
			return r.Send(ctx, Outbound{Kind: KindError, Text: msgHistoryFailed})
		}
		return r.Send(ctx, Outbound{Kind: KindHistory, History: recs, Text: msgNoHistory})
	case cmdForget:
		// Deleting everything cannot be undone: ask first, with a button.
		return r.Send(ctx, Outbound{Kind: KindConfirmForget, Text: msgForgetQuestion})
	case cmdForgetConfirmed:
		if err := e.cfg.Store.ForgetUser(ctx, in.User); err != nil {
			lg.Error("bot: forget me", "err", err)
			return r.Send(ctx, Outbound{Kind: KindError, Text: msgForgetFailed})
		}
		return r.Send(ctx, Outbound{Kind: KindText, Text: msgForgotten})
	}
	return nil
}
