package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/bot/logctx"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
)

// Commands about the person rather than an assessment: their history and
// forgetting them, help asked outside any conversation, the quick ROI and
// an admin's summary preview. They are answered without loading or
// changing a conversation, and personal data is shown only where the
// person alone reads it.

type personalCmd int

const (
	cmdNone personalCmd = iota
	cmdHelp
	cmdHistory
	cmdForget
	cmdForgetConfirmed
	cmdQuickROI
	cmdSummary
	cmdUnknown // a command (in.Command) the engine does not know
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
	if in.Command && hasPrefixWord(in.Text, prefixQuickROI) {
		return cmdQuickROI
	}
	switch verbOf(in.Text, in.Command) {
	case verbHistory:
		return cmdHistory
	case verbForget:
		return cmdForget
	case verbSummary:
		return cmdSummary
	case verbHelp:
		if in.Command {
			return cmdHelp
		}
	}
	if in.Command && strings.TrimSpace(in.Text) == "" {
		return cmdHelp
	}
	if in.Command && !hasPrefixWord(in.Text, prefixNew) {
		return cmdUnknown
	}
	return cmdNone
}

// personal answers a personal command.
func (e *Engine) personal(ctx context.Context, in Inbound, r Replier, c personalCmd) error {
	switch c {
	case cmdHelp:
		return r.Send(ctx, Outbound{Kind: KindText, Text: msgHelp})
	case cmdUnknown:
		return r.Send(ctx, Outbound{Kind: KindError, Text: fmt.Sprintf(msgUnknownCommand, firstWord(in.Text))})
	case cmdQuickROI:
		text := strings.TrimSpace(in.Text)
		return e.quickROI(ctx, strings.TrimSpace(text[min(len(prefixQuickROI), len(text)):]), r)
	}
	if !in.Private {
		// History is personal, and the summary is for leadership: neither
		// is shown where others read along.
		return r.Send(ctx, Outbound{Kind: KindText, Text: msgPrivateOnly})
	}
	lg := logctx.From(ctx, e.lg)
	switch c {
	case cmdSummary:
		return e.summaryPreview(ctx, in, r)
	case cmdHistory:
		recs, err := e.cfg.Store.Assessments(ctx, in.User, time.Time{}, historyItems)
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

// summaryPreview shows an admin this week's summary so far, as the weekly
// post will show the week when it is over.
func (e *Engine) summaryPreview(ctx context.Context, in Inbound, r Replier) error {
	if !e.cfg.Access[in.Conv.Platform].Admins[in.User] {
		return r.Send(ctx, Outbound{Kind: KindText, Text: msgAdminsOnly})
	}
	week := store.ISOWeek(e.cfg.Now())
	rep, err := summary.NewReport(ctx, e.cfg.Store, week, nil, nil)
	if err != nil {
		logctx.From(ctx, e.lg).Error("bot: summary preview", "err", err)
		return r.Send(ctx, Outbound{Kind: KindError, Text: msgSummaryFailed})
	}
	return r.Send(ctx, Outbound{Kind: KindSummary, Summary: &rep, Text: fmt.Sprintf(msgSummaryPreview, week)})
}

// firstWord is the command word of a command's text, for saying which
// one was not understood.
func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}
