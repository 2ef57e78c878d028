// Package advisor is advisorbot's decision core: the use-case profile, the
// decision rules that pick one of six automation approaches, the ROI model
// with its dated assumptions, the follow-up question planner and the parser
// for the answers people type.
//
// The package is pure. It imports only the standard library, does no I/O and
// keeps no mutable globals, so every surface (terminal, Slack, Teams) gets the
// same answer for the same profile and most of the product's logic is tested
// without doubles.
//
// The rules decide; nothing downstream (the language model in particular) may
// change the approach they pick. Every factor that moves a score is reported as
// a [Reason] naming the knowledge-base entry that backs it, so a person can
// follow and challenge the recommendation.
package advisor
