package bot

import (
	"context"
	"errors"
	"fmt"
	"github.com/advisorbot/advisorbot/bot/logctx"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/extract"
	"github.com/advisorbot/advisorbot/bot/store"
)

// MaxQuestions is the most follow-up questions one assessment asks.
const MaxQuestions = 6

// Config is what an Engine needs. Explainer and Extractor may be built
// without a model; they then fall back to their rule-written forms.
type Config struct {
	Advisor   *advisor.Advisor
	Store     store.Store
	Explainer *explain.Explainer
	Extractor *extract.Extractor
	Now       func() time.Time // nil: time.Now
	// Access holds each platform's access lists, by platform name
	// ("slack", "teams"); a platform without an entry is open to all.
	Access map[string]Access
	// Limits bound each person's share; zero fields take DefaultLimits.
	Limits Limits
	// Unrationed are the platforms whose people have no rate or daily
	// limit (the terminal, where the operator is alone); messages are
	// still cut to size.
	Unrationed map[string]bool
}

// Engine runs conversations. It is safe for concurrent use.
type Engine struct {
	cfg   Config
	lg    *slog.Logger
	locks keyedMutex

	limits    Limits
	allowance allowance

	spaceMu     sync.Mutex
	spaceLogged time.Time // when a full disk was last logged
}

// New returns an Engine.
func New(lg *slog.Logger, cfg Config) *Engine {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Engine{cfg: cfg, lg: lg, limits: cfg.Limits.withDefaults()}
}

// Handle applies one inbound message to its conversation and replies. Calls
// for the same conversation run one at a time in arrival order; calls for
// different conversations run in parallel. The new state is stored before
// any reply is sent, so an answered turn is never lost.
//
// Before that, the inbound check (inbound.go) drops what is not for the
// bot or was delivered before, and answers people outside the access lists;
// then history, forget me and help outside a conversation are answered
// (personal.go); anyone but a conversation's owner is told to start their
// own.
func (e *Engine) Handle(ctx context.Context, in Inbound, r Replier) error {
	if ok, err := e.admit(ctx, &in, r); !ok {
		return err
	}
	cmd := command(in)
	if cmd == cmdHistory || cmd == cmdHelp || cmd == cmdQuickROI || cmd == cmdSummary || cmd == cmdUnknown {
		return e.personal(ctx, in, r, cmd) // reads only
	}
	// Nothing is taken on that could not be stored: a full disk gets a
	// polite answer, and the conversation stays as it was.
	if err := e.cfg.Store.Writable(ctx); errors.Is(err, store.ErrNoSpace) {
		e.logNoSpace(ctx, err)
		return r.Send(ctx, Outbound{Kind: KindError, Text: msgNoSpace})
	}
	if cmd != cmdNone {
		return e.personal(ctx, in, r, cmd)
	}
	unlock := e.locks.lock(in.Conv.String())
	defer unlock()
	c, err := e.cfg.Store.GetConversation(ctx, in.Conv)
	switch {
	case errors.Is(err, store.ErrNotFound) && verbOf(in.Text, false) == verbHelp:
		// Help before any conversation is answered without starting one:
		// asking what the bot does leaves nothing stored.
		return r.Send(ctx, Outbound{Kind: KindText, Text: msgHelp})
	case errors.Is(err, store.ErrNotFound):
		// Created now, not when first saved: the assessment's id, which
		// its first question's buttons carry, derives from it.
		c = store.Conversation{Key: in.Conv, User: in.User, Phase: store.PhaseDescribe, CreatedAt: e.cfg.Now()}
	case err != nil:
		return e.fail(ctx, r, fmt.Errorf("bot: load conversation: %w", err))
	}
	if ok, err := e.owner(ctx, &c, in, r); !ok {
		return err
	}
	if c.User == "" {
		c.User = in.User
	}
	t := turn{e: e, c: &c, in: in, r: r, before: cloneConversation(c)}
	apply := t.apply
	if followupFor(&c, in) {
		apply = t.followupTurn
	}
	if err := apply(ctx); err != nil {
		return e.fail(ctx, r, err)
	}
	return nil
}

// Intake starts a new assessment from a form: the answers given there, and
// the description in in.Text, after the same inbound check as Handle. The
// conversation's earlier assessment is kept, as after "restart".
func (e *Engine) Intake(ctx context.Context, in Inbound, answers advisor.UseCase, r Replier) error {
	if ok, err := e.admit(ctx, &in, r); !ok {
		return err
	}
	if err := e.cfg.Store.Writable(ctx); errors.Is(err, store.ErrNoSpace) {
		e.logNoSpace(ctx, err)
		return r.Send(ctx, Outbound{Kind: KindError, Text: msgNoSpace})
	}
	unlock := e.locks.lock(in.Conv.String())
	defer unlock()
	c, err := e.cfg.Store.GetConversation(ctx, in.Conv)
	switch {
	case errors.Is(err, store.ErrNotFound):
		c = store.Conversation{Key: in.Conv, User: in.User, CreatedAt: e.cfg.Now()}
	case err != nil:
		return e.fail(ctx, r, fmt.Errorf("bot: load conversation: %w", err))
	}
	if ok, err := e.owner(ctx, &c, in, r); !ok {
		return err
	}
	t := turn{e: e, c: &c, in: in, r: r, before: cloneConversation(c)}
	if c.Phase != "" {
		t.restart()
	}
	c.User, c.Phase, c.Profile = in.User, store.PhaseDescribe, answers.Clone()
	t.record("user", in.Text)
	if err := t.describe(ctx, in.Text); err != nil {
		return e.fail(ctx, r, err)
	}
	return nil
}

// Resume re-asks the pending question of a stored conversation, or greets
// when there is none; adapters call it after a restart.
func (e *Engine) Resume(ctx context.Context, key store.ConvKey, r Replier) error {
	unlock := e.locks.lock(key.String())
	defer unlock()
	c, err := e.cfg.Store.GetConversation(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return r.Send(ctx, Outbound{Kind: KindText, Text: msgWelcome})
	}
	if err != nil {
		return e.fail(ctx, r, fmt.Errorf("bot: load conversation: %w", err))
	}
	t := turn{e: e, c: &c, r: r, before: cloneConversation(c)}
	if c.Followup != nil {
		// A follow-up waits: it is what the person was last asked.
		a, err := e.cfg.Store.GetAssessment(ctx, c.Followup.RecID)
		if err == nil {
			return t.send(ctx, t.followupQuestion(a))
		}
		if !errors.Is(err, store.ErrNotFound) {
			return e.fail(ctx, r, fmt.Errorf("bot: resume follow-up: %w", err))
		}
	}
	switch c.Phase {
	case store.PhaseAsking:
		q, ok := t.pendingQuestion()
		if !ok {
			return t.next(ctx)
		}
		return t.send(ctx, Outbound{Kind: KindQuestion, Text: msgResume, Question: q})
	case store.PhaseAdvised, store.PhaseFinished:
		return r.Send(ctx, Outbound{Kind: KindText, Text: msgResumeAdvised})
	}
	return r.Send(ctx, Outbound{Kind: KindText, Text: msgWelcome})
}

// logNoSpace tells the admins, at most once a minute, why messages are
// being turned away.
func (e *Engine) logNoSpace(ctx context.Context, err error) {
	e.spaceMu.Lock()
	now := e.cfg.Now()
	due := now.Sub(e.spaceLogged) >= time.Minute || now.Before(e.spaceLogged)
	if due {
		e.spaceLogged = now
	}
	e.spaceMu.Unlock()
	if due {
		logctx.From(ctx, e.lg).Error("bot: turning messages away until the data directory has room; free disk space or lower MIN_FREE_SPACE", "err", err)
	}
}

// fail logs an internal error and tells the person something went wrong,
// without the details, which may hold internals.
func (e *Engine) fail(ctx context.Context, r Replier, err error) error {
	text := msgInternal
	if errors.Is(err, store.ErrNoSpace) {
		// The disk filled during the turn; nothing of it was stored.
		e.logNoSpace(ctx, err)
		text = msgNoSpace
	} else {
		logctx.From(ctx, e.lg).Error("bot: turn failed", "err", err)
	}
	if sendErr := r.Send(ctx, Outbound{Kind: KindError, Text: text}); sendErr != nil {
		return errors.Join(err, sendErr)
	}
	return err
}

// keyedMutex serialises work per key in arrival order (a plain mutex does
// not queue its waiters fairly) and forgets keys nobody waits on, so a
// million conversations do not leave a million locks behind.
type keyedMutex struct {
	mu    sync.Mutex
	locks map[string]*keyLock
}

type keyLock struct {
	held    bool
	waiters []chan struct{} // in arrival order
}

func (k *keyedMutex) lock(key string) (unlock func()) {
	k.mu.Lock()
	if k.locks == nil {
		k.locks = map[string]*keyLock{}
	}
	l := k.locks[key]
	if l == nil {
		l = &keyLock{}
		k.locks[key] = l
	}
	if !l.held {
		l.held = true
		k.mu.Unlock()
	} else {
		ch := make(chan struct{})
		l.waiters = append(l.waiters, ch)
		k.mu.Unlock()
		<-ch // ownership is handed over by the unlock that closes ch
	}
	return func() {
		k.mu.Lock()
		defer k.mu.Unlock()
		if len(l.waiters) > 0 {
			next := l.waiters[0]
			l.waiters = l.waiters[1:]
			close(next)
			return
		}
		l.held = false
		delete(k.locks, key)
	}
}

// size is the number of keys held or waited on.
func (k *keyedMutex) size() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.locks)
}

// ActiveConversations is the number of conversations with a message being
// handled or waiting to be, for metrics.
func (e *Engine) ActiveConversations() int { return e.locks.size() }

// normalize lowercases and trims what a person typed, and folds the
// punctuation chat clients add, so commands match however they are typed.
func normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " ")))
	return strings.TrimRight(s, " .!")
}
