// Package parse turns people's words into advisor values. It has three
// readers, all pure functions of their text:
//
//   - [Answer] reads what a person typed in reply to one question ("about
//     2,000 a week", "$90k a year", "private, it changes a lot") as a value
//     of that profile field, or says why it cannot, with an example.
//   - [Description] reads the obvious signals in a free-text description of
//     a use case and sets only the fields it can read with confidence, with
//     the snippet each came from.
//   - [QuickROI] reads a one-line estimate ("20k a month, 6 min each,
//     $45/h") into the volume, time and cost the ROI model needs.
//
// Answer and Description see text through one tokenizer, so a dash, a
// thousands separator or "45/h" means the same in an answer and in a
// description. Description hands every amount it finds to Answer, and
// QuickROI every part of the estimate, so all three agree on what "2,000
// tickets a week" is.
//
// The package imports package advisor for the field table, options and
// limits, and only the standard library besides; advisor does not import
// it. It does no I/O and keeps no mutable state.
package parse
