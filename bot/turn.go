package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/advisor/parse"
	"github.com/advisorbot/advisorbot/bot/explain"
	"github.com/advisorbot/advisorbot/bot/store"
)

// turn applies one inbound message to one conversation.
type turn struct {
	e  *Engine
	c  *store.Conversation
	in Inbound
	r  Replier

	toldCut bool // the note that in.Text was cut has been sent
	// before is the conversation as it was before this turn, to put back
	// when the turn's question could not be shown.
	before store.Conversation
}

func (t *turn) apply(ctx context.Context) error {
	said := t.in.Text
	if said == "" {
		said = t.in.Choice
	}
	t.record("user", said)
	cmd := normalize(t.in.Choice)
	if cmd == "" {
		cmd = normalize(t.in.Text)
	}
	v := verbOf(cmd, false)
	if t.in.RecID != "" && t.in.RecID != recID(t.c) && v != verbHelp && v != verbRestart {
		// A click on a card of an earlier assessment of this conversation:
		// its feedback, ROI and reasons still go to that assessment; its
		// questions were answered long ago.
		return t.earlier(ctx, t.in.RecID, cmd, v)
	}
	switch {
	case v == verbHelp:
		return t.say(ctx, t.withPending(Outbound{Kind: KindText, Text: msgHelp})...)
	case v == verbRestart:
		t.restart()
		return t.say(ctx, Outbound{Kind: KindText, Text: msgRestarted})
	case hasPrefixWord(cmd, prefixNew) && t.c.Phase != store.PhaseAsking && t.c.Phase != store.PhaseDescribe:
		// "new <description>" replaces a finished or advised assessment;
		// while one waits for an answer, or none has begun, the words are an
		// answer or a first description ("New hires: 200 forms a month").
		t.restart()
		desc := t.in.Text
		if i := strings.Index(strings.ToLower(desc), strings.TrimSpace(prefixNew)); i >= 0 {
			desc = desc[i+len(prefixNew)-1:]
		}
		return t.describe(ctx, strings.TrimSpace(desc))
	case v == verbShowROI:
		return t.showROI(ctx)
	case v == verbWhy:
		return t.why(ctx)
	case hasPrefixWord(cmd, prefixWhatIf):
		return t.whatIf(ctx, t.in.Text)
	}
	if t.in.Field != "" && (t.c.Phase != store.PhaseAsking || t.in.Field != t.c.Pending) {
		// A button of a question already answered (or a double click).
		return t.say(ctx, t.withPending(Outbound{Kind: KindText, Text: msgStaleClick})...)
	}
	switch t.c.Phase {
	case store.PhaseDescribe:
		return t.describe(ctx, t.in.Text)
	case store.PhaseAsking:
		if v == verbSkip {
			t.c.Skipped = append(t.c.Skipped, t.c.Pending)
			t.c.Pending = ""
			return t.next(ctx)
		}
		return t.answer(ctx)
	default:
		return t.feedback(ctx, cmd)
	}
}

// restart begins a new assessment in this conversation, keeping its turns.
func (t *turn) restart() {
	*t.c = store.Conversation{Key: t.c.Key, User: t.c.User, Phase: store.PhaseDescribe, Turns: t.c.Turns, CreatedAt: t.c.CreatedAt, Round: t.c.Round + 1}
}

// describe takes the use case in the employee's words and reads what it can.
func (t *turn) describe(ctx context.Context, text string) error {
	text = strings.TrimSpace(text)
	if !looksLikeDescription(text) {
		return t.say(ctx, Outbound{Kind: KindText, Text: msgWelcome})
	}
	p := &t.c.Profile
	p.Description = truncate(text, advisor.MaxDescriptionLen)
	p.Title = titleOf(text)
	res, err := t.e.cfg.Extractor.Extract(ctx, text)
	if err != nil {
		return fmt.Errorf("bot: extract: %w", err)
	}
	for _, v := range res.Profile.Values() {
		if p.Known(v.Field) {
			continue // answered already (the Slack intake form): a reading of the text does not override it
		}
		if err := p.Set(v); err == nil {
			t.c.Inferred = append(t.c.Inferred, v.Field)
			if ev := res.Evidence[v.Field]; ev == "" {
				t.c.Unverified = append(t.c.Unverified, v.Field)
			} else {
				if t.c.Evidence == nil {
					t.c.Evidence = map[string]string{}
				}
				t.c.Evidence[v.Field] = truncate(ev, 80)
			}
		}
	}
	t.c.Phase = store.PhaseAsking
	return t.next(ctx)
}

// answer reads the reply to the pending question.
func (t *turn) answer(ctx context.Context) error {
	field := t.c.Pending
	if field == "" {
		return t.next(ctx)
	}
	text := t.in.Choice
	if text == "" {
		text = t.in.Text
	}
	if dontKnow(text) {
		t.c.Skipped = append(t.c.Skipped, field)
		t.c.Pending, t.c.Confirming = "", nil
		return t.next(ctx)
	}
	if field == FieldConfirm {
		if problem := t.answerConfirmation(text); problem != "" {
			q, _ := t.pendingQuestion()
			return t.say(ctx, Outbound{Kind: KindError, Text: problem}, Outbound{Kind: KindQuestion, Question: q})
		}
		return t.next(ctx)
	}
	v, err := parse.Answer(field, text)
	if err == nil {
		err = t.c.Profile.Set(v)
	}
	if err != nil {
		// Ask again, saying what was wrong; nothing changes.
		q, _ := t.pendingQuestion()
		return t.say(ctx,
			Outbound{Kind: KindError, Text: answerProblem(err)},
			Outbound{Kind: KindQuestion, Question: q})
	}
	t.c.Inferred = slices.DeleteFunc(t.c.Inferred, func(f string) bool { return f == field })
	t.c.Unverified = slices.DeleteFunc(t.c.Unverified, func(f string) bool { return f == field })
	t.c.Pending = ""
	return t.next(ctx)
}

// next asks the most decisive open question, or recommends when none is
// left or enough have been asked.
func (t *turn) next(ctx context.Context) error {
	rec, err := t.recommend()
	if err != nil {
		return err
	}
	// After the one confirmation turn, readings are trusted: only what is
	// unknown is asked.
	var open []advisor.Question
	for _, q := range rec.NextQuestions {
		if !slices.Contains(t.c.Asked, q.Field) && !slices.Contains(t.c.Skipped, q.Field) && !(q.Inferred && t.c.Confirmed) {
			open = append(open, q)
		}
	}
	if len(open) == 0 || len(t.c.Asked) >= MaxQuestions {
		// A value only a model read from the description, never confirmed,
		// that would change the answer is not used: a model can be talked
		// into anything by the text it reads, so it may suggest but only
		// the person's words decide. (Values the deterministic reader found
		// quote the person directly and stay.)
		dropped := false
		for _, q := range rec.NextQuestions {
			if q.Inferred && slices.Contains(t.c.Unverified, q.Field) {
				t.c.Profile.Clear(q.Field)
				t.c.Inferred = slices.DeleteFunc(t.c.Inferred, func(f string) bool { return f == q.Field })
				t.c.Unverified = slices.DeleteFunc(t.c.Unverified, func(f string) bool { return f == q.Field })
				dropped = true
			}
		}
		if dropped {
			if rec, err = t.recommend(); err != nil {
				return err
			}
		}
		return t.advise(ctx, rec)
	}
	q := open[0]
	t.c.Phase = store.PhaseAsking
	if q.Inferred {
		// The most useful thing to ask is whether a reading is right: put
		// every decisive reading to the person at once, this one time.
		t.c.Confirming = nil
		for _, o := range open {
			if o.Inferred {
				t.c.Confirming = append(t.c.Confirming, o.Field)
			}
		}
		t.c.Confirmed = true
		t.c.Asked = append(t.c.Asked, FieldConfirm)
		t.c.Pending = FieldConfirm
		bq, _ := t.pendingQuestion()
		return t.say(ctx, Outbound{Kind: KindQuestion, Question: bq})
	}
	t.c.Asked = append(t.c.Asked, q.Field)
	t.c.Pending = q.Field
	bq, _ := t.pendingQuestion()
	return t.say(ctx, Outbound{Kind: KindQuestion, Question: bq})
}

// withPending adds the pending question after ms, so a question is asked
// again after "help", "show roi" or "what if" interrupts it.
func (t *turn) withPending(ms ...Outbound) []Outbound {
	if t.c.Phase == store.PhaseAsking {
		if q, ok := t.pendingQuestion(); ok {
			ms = append(ms, Outbound{Kind: KindQuestion, Question: q})
		}
	}
	return ms
}

// pendingQuestion renders the pending field as a question.
func (t *turn) pendingQuestion() (*Question, bool) {
	if t.c.Pending == FieldConfirm {
		return t.confirmation(t.c.Confirming), true
	}
	f, ok := advisor.LookupField(t.c.Pending)
	if !ok {
		return nil, false
	}
	return &Question{Field: f.Name, Text: f.Question, Options: advisor.OptionsOf(f.Name), Example: f.Example, Number: len(t.c.Asked), AtMost: MaxQuestions}, true
}

func (t *turn) recommend() (advisor.Recommendation, error) {
	rec, err := t.e.cfg.Advisor.RecommendInferred(t.c.Profile, t.c.Inferred)
	if err != nil {
		return rec, fmt.Errorf("bot: recommend: %w", err)
	}
	return rec, nil
}

// advise stores the recommendation, shows it, streams its explanation and
// asks for feedback.
func (t *turn) advise(ctx context.Context, rec advisor.Recommendation) error {
	r := store.Assessment{
		ID: recID(t.c), Conv: t.c.Key, User: t.c.User, Department: t.c.Profile.Department,
		Title: t.c.Profile.Title, Profile: t.c.Profile.Clone(), Result: rec, CreatedAt: t.e.cfg.Now(),
		TZ: validZone(t.in.TZ),
	}
	if err := t.e.cfg.Store.SaveAssessment(ctx, r); err != nil {
		return fmt.Errorf("bot: save recommendation: %w", err)
	}
	noteEarlier(t.c)
	t.c.RecID, t.c.Pending, t.c.Phase = r.ID, "", store.PhaseAdvised
	t.c.Rated, t.c.Chose = false, false
	card := Outbound{Kind: KindRecommendation, Rec: &rec, RecID: r.ID, Title: t.c.Profile.Title}
	if err := t.say(ctx, card); err != nil {
		return err
	}
	if err := t.explain(ctx, rec); err != nil {
		return err
	}
	return t.send(ctx, Outbound{Kind: KindFeedback, Text: msgFeedback, RecID: r.ID})
}

// explain streams the explanation of rec.
func (t *turn) explain(ctx context.Context, rec advisor.Recommendation) error {
	s, err := t.r.Stream(ctx)
	if err != nil {
		return fmt.Errorf("bot: start stream: %w", err)
	}
	x, err := t.e.cfg.Explainer.Explain(withOwner(ctx, t.c.User), explain.Input{Profile: t.c.Profile, Rec: rec}, func(d string) error {
		return s.Write(ctx, d)
	})
	if err != nil {
		_ = s.Close(ctx, "", false)
		return fmt.Errorf("bot: explain: %w", err)
	}
	return s.Close(ctx, x.Text, x.Replaced)
}

// say stores the conversation, then sends: a turn is acknowledged only
// once it is safe on disk.
func (t *turn) say(ctx context.Context, ms ...Outbound) error {
	if t.in.cut && !t.toldCut {
		// The person should know the end of their message was not read.
		t.toldCut = true
		ms = append([]Outbound{{Kind: KindText, Text: fmt.Sprintf(msgCut, t.e.limits.MessageBytes)}}, ms...)
	}
	for _, m := range ms {
		t.record("bot", transcriptOf(m))
	}
	if err := t.e.cfg.Store.SaveConversation(ctx, *t.c); err != nil {
		return fmt.Errorf("bot: save conversation: %w", err)
	}
	for i, m := range ms {
		if err := t.send(ctx, m); err != nil {
			return t.unsay(ctx, ms[i:], err)
		}
	}
	return nil
}

// unsay puts the conversation back as it was before the turn when a
// question or a recommendation in unsent could not be shown: a question
// the person never saw must not wait for an answer, or their next message
// would be read as one. They say it again, and the turn runs again (an
// assessment saved on the way is saved again under the same id).
func (t *turn) unsay(ctx context.Context, unsent []Outbound, err error) error {
	if !slices.ContainsFunc(unsent, func(m Outbound) bool { return m.Kind == KindQuestion || m.Kind == KindRecommendation }) {
		return err
	}
	prev := t.before
	if prev.Key == (store.ConvKey{}) {
		// The turn began the conversation: it goes back to waiting for a
		// description.
		prev = store.Conversation{Key: t.c.Key, User: t.c.User, Phase: store.PhaseDescribe, CreatedAt: t.c.CreatedAt}
	}
	if serr := t.e.cfg.Store.SaveConversation(ctx, prev); serr != nil {
		return errors.Join(err, fmt.Errorf("bot: put the conversation back: %w", serr))
	}
	*t.c = prev
	return err
}

// cloneConversation is a deep copy of c, which a turn may change in place.
func cloneConversation(c store.Conversation) store.Conversation {
	c.Profile = c.Profile.Clone()
	c.Inferred, c.Unverified = slices.Clone(c.Inferred), slices.Clone(c.Unverified)
	c.Confirming, c.Asked, c.Skipped = slices.Clone(c.Confirming), slices.Clone(c.Asked), slices.Clone(c.Skipped)
	c.Noted, c.Turns = slices.Clone(c.Noted), slices.Clone(c.Turns)
	c.Evidence = maps.Clone(c.Evidence)
	if c.Followup != nil {
		f := *c.Followup
		c.Followup = &f
	}
	return c
}

func (t *turn) send(ctx context.Context, m Outbound) error {
	if m.Kind == KindQuestion && m.RecID == "" {
		m.RecID = recID(t.c) // the assessment this question is part of
	}
	if err := t.r.Send(ctx, m); err != nil {
		return fmt.Errorf("bot: send %s: %w", m.Kind, err)
	}
	return nil
}

// record appends a turn, keeping the last maxTurns.
func (t *turn) record(from, text string) {
	if text == "" {
		return
	}
	t.c.Turns = append(t.c.Turns, store.Turn{At: t.e.cfg.Now(), From: from, Text: text})
	if n, keep := len(t.c.Turns), t.e.limits.Turns; n > keep {
		t.c.Turns = slices.Delete(t.c.Turns, 0, n-keep)
	}
}

// confirms reports whether text agrees with a value read from the
// description.
func confirms(text string) bool {
	switch normalize(text) {
	case "yes", "y", "yep", "yeah", "correct", "right", "that's right", "thats right", "ok", "okay", "confirm", "confirmed", "yes, that's right", "sure":
		return true
	}
	return false
}

// answerProblem is the message for an answer the parser rejected: what
// was wrong and an answer that works, without the field's internal name.
func answerProblem(err error) string {
	var ae *parse.AnswerError
	if errors.As(err, &ae) {
		return upperFirst(ae.Reason) + `; try something like "` + ae.Example + `".`
	}
	return err.Error()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// display renders a value as a person would say it: a number as typed, a
// choice or yes/no in its plain words.
func display(f advisor.Field, v advisor.Value) string {
	switch f.Kind {
	case advisor.KindBool:
		return advisor.Label(f.Name, map[bool]string{true: "yes", false: "no"}[v.Bool])
	case advisor.KindInt, advisor.KindNumber:
		return asTyped(v.Number)
	case advisor.KindEnum:
		return advisor.Label(f.Name, v.Text)
	}
	return v.Text
}

// titleOf makes a short title from a description: its first sentence,
// cut at a word near 80 characters.
func titleOf(text string) string {
	first := text
	if i := strings.IndexAny(first, ".!?\n"); i > 0 {
		first = first[:i]
	}
	first = strings.TrimSpace(first)
	if t := truncate(first, 80); t != first {
		return t + "…"
	}
	return first
}

// looksLikeDescription tells a use case from a greeting or a stray command:
// a description has a few words and is not one of the words people type to
// start a chat.
func looksLikeDescription(text string) bool {
	switch normalize(text) {
	case "", "hi", "hello", "hey", "hi there", "hello there", "thanks", "thank you", "ok", "okay", "yes", "no", "skip", "start":
		return false
	}
	return len(strings.Fields(text)) >= 3
}

// dontKnow reports an answer that means "skip".
func dontKnow(text string) bool {
	switch normalize(text) {
	case "i don't know", "i dont know", "don't know", "dont know", "not sure", "no idea", "dunno", "unknown", "n/a", "no clue":
		return true
	}
	return false
}

// recID derives a recommendation's id from its conversation and round, so
// answering the last question again after a crash replaces the record
// instead of counting it twice.
func recID(c *store.Conversation) string {
	h := sha256.Sum256([]byte(c.Key.String() + "\x00" + c.CreatedAt.UTC().Format(time.RFC3339Nano) + "\x00" + strconv.Itoa(c.Round)))
	return hex.EncodeToString(h[:8])
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return cut
}
