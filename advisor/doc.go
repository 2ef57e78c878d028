// Package advisor is advisorbot's decision core: the use-case profile and its
// fields (with the options and plain-word labels of each choice), the
// decision rules that pick one of six automation approaches, the ROI model
// with its dated assumptions, the follow-up question planner, [Advisor.Recommend]
// and the JSON decoding of a profile.
//
// The package is pure. It imports only the standard library, does no I/O and
// keeps no mutable globals, so every surface (terminal, Slack, Teams) gets the
// same answer for the same profile and most of the product's logic is tested
// without doubles.
//
// It works on values, never on people's words: turning a typed answer, a
// free-text description or a quick estimate into [Value]s is the job of
// package advisor/parse, which builds on the field table through
// [LookupField], [Fields], [OptionsOf] and [UseCase.Set]. Nothing here imports
// it, so the rules can be read and tested without the parser.
//
// The rules decide; nothing downstream (the language model in particular) may
// change the approach they pick. Every factor that moves a score is reported as
// a [Reason] naming the knowledge-base entry that backs it, so a person can
// follow and challenge the recommendation.
package advisor
