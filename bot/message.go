package bot

import (
	"context"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// Inbound is one thing a person said or clicked.
type Inbound struct {
	Conv   store.ConvKey
	User   string
	Text   string // what they typed; empty for a click
	Choice string // the value of a button or menu they chose; see the Choice* helpers
	// Field, on a click, is the question the clicked button belonged to, so
	// a click on an old question is not taken as the answer to a newer one.
	Field   string
	EventID string // the platform's id, for logs
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
	choseprefix      = "chose:"
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
)

// Question is a follow-up question as a person sees it.
type Question struct {
	Field    string
	Text     string
	Options  []string // buttons for choices and yes/no; none for numbers
	Example  string   // an answer the parser accepts, for typed answers
	Number   int      // 1-based position
	AtMost   int      // "question 2 of at most 5"
	Inferred bool     // confirming a value read from the description
	Current  string   // the value read
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
	RecID    string
	Title    string
	WhatIf   *WhatIf
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
