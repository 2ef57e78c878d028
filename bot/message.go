package bot

import (
	"context"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
)

// Inbound is one thing a person said or clicked, with what the engine's
// inbound check needs to know about where and by whom.
type Inbound struct {
	Conv   store.ConvKey
	User   string
	Text   string // what they typed; empty for a click
	Choice string // the value of a button or menu they chose; see the Choice* helpers
	// Field, on a click, is the question the clicked button belonged to, so
	// a click on an old question is not taken as the answer to a newer one.
	Field string
	// RecID, on a click, is the assessment the clicked card belongs to
	// (Outbound.RecID), so an answer or feedback is applied to that
	// assessment and no other; "" for typed words.
	RecID string
	// EventID is the platform's id of the delivery; a second delivery of
	// the same id (a platform retry) is dropped. "" when the platform has
	// none.
	EventID string

	// Private is set where only the person reads the answer (a direct
	// message, a personal chat, an ephemeral reply): personal data such as
	// their history may be shown only there.
	Private bool
	// Overheard is set for a message not said to the bot: a reply without
	// a mention in a thread the bot is in. It continues only its owner's
	// conversation there, and is otherwise people talking among themselves.
	Overheard bool
	// Command marks a command given outside any conversation (Slack's
	// /advisor): it is answered without starting or changing one.
	Command bool
	// TZ is the person's IANA time zone when the platform says it (Teams'
	// localTimezone); "" otherwise.
	TZ string
	// Places are the ids the place goes by for the access lists (a
	// channel, its team); nil means Conv.Channel. Aliases are other ids
	// of the person (Teams: the Entra object id).
	Places, Aliases []string

	cut bool // Text was cut to the message size limit
}

// Button values the engine understands, so adapters render buttons whose
// clicks come back as Inbound.Choice.
const (
	ChoiceSkip       = "skip"
	ChoiceRestart    = "restart"
	ChoiceWhy        = "why"
	ChoiceShowROI    = "show roi"
	ChoiceHelpful    = "helpful"
	ChoiceNotHelpful = "not helpful"
	ChoiceWhatIf     = "what if" // asks how to phrase a what-if
	// ChoiceForget is the button that confirms "forget me".
	ChoiceForget = "forget:confirm"
	choseprefix  = "chose:"
)

// ChoiceChose is the button value for "we chose approach a".
func ChoiceChose(a advisor.Approach) string { return choseprefix + string(a) }

// Kind is what an outbound message is.
type Kind string

// Kinds of outbound message.
const (
	KindText           Kind = "text"           // plain text
	KindQuestion       Kind = "question"       // a follow-up question
	KindRecommendation Kind = "recommendation" // the recommendation card
	KindROI            Kind = "roi"            // the ROI table alone
	KindWhatIf         Kind = "what_if"        // a re-run with one field changed
	KindFeedback       Kind = "feedback"       // the request for feedback
	KindError          Kind = "error"          // something the person must fix, or our failure
	KindHistory        Kind = "history"        // the person's recent assessments (History; Text when none)
	KindConfirmForget  Kind = "confirm_forget" // asks to confirm deleting everything (a ChoiceForget button)
	KindSummary        Kind = "summary"        // an admin's preview of this week's summary (Summary; Text the title)
)

// Question is a follow-up question as a person sees it.
//
// A confirmation is a Question too: Field is FieldConfirm, Confirm lists
// the values read from the description that are worth checking, all in one
// turn, and Text already says them ("I read: about 8,700 a month, 3 minutes
// each. Right? Say yes, or correct any of them."). Its one option is yes;
// a correction is typed.
type Question struct {
	Field   string
	Text    string
	Options []advisor.Option // buttons for choices and yes/no; none for numbers
	Example string           // an answer the parser accepts, for typed answers
	Number  int              // 1-based position
	AtMost  int              // "question 2 of at most 5"
	Confirm []Reading        // a confirmation's readings; nil for a question
}

// FieldConfirm is the Field of a confirmation question, and of a click on
// its button.
const FieldConfirm = "confirm"

// Reading is one value read from the description, as a confirmation shows
// it.
type Reading struct {
	Field string // the profile field
	Name  string // what it is, in plain words: "volume"
	Value string // the value as the person would say it: "about 8,700 a month (2,000 a week)"
}

// WhatIf is the result of re-running the advice with one field changed.
type WhatIf struct {
	Field         string
	From, To      string // values as a person would type them; From is "unknown" when unanswered
	Before, After advisor.Recommendation
}

// Outbound is one message to show.
type Outbound struct {
	Kind     Kind
	Text     string
	Question *Question
	Rec      *advisor.Recommendation // KindRecommendation, KindROI
	// RecID is the assessment a card belongs to (for a question, the one
	// being made), for its buttons to carry back as Inbound.RecID.
	RecID   string
	Title   string
	WhatIf  *WhatIf
	History []store.Assessment // KindHistory, oldest first
	Summary *summary.Report    // KindSummary
	// Private marks a note for the person who wrote or clicked alone, in a
	// place others read (a shared thread): Slack shows it ephemerally,
	// Teams in their personal chat.
	Private bool
}

// Replier is how the engine answers; each adapter implements it.
type Replier interface {
	// Send shows one message.
	Send(ctx context.Context, m Outbound) error
	// Stream starts a message that grows as an explanation arrives.
	Stream(ctx context.Context) (Stream, error)
}

// Stream is a growing message.
type Stream interface {
	// Write appends text.
	Write(ctx context.Context, delta string) error
	// Close ends the message. When replace is true the text written so far
	// must be discarded and final shown instead; otherwise final is empty
	// or equal to what was written.
	Close(ctx context.Context, final string, replace bool) error
}
