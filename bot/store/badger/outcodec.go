package badgerstore

import (
	"encoding/binary"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// An outcome, the value of its ot/ entry, is a binary value (see codec.go)
// of: strings rec id, user, platform, team, channel, thread, status,
// approach built, reason, department, title and recommended approach;
// varint round; optionals one-off cost, monthly run cost and hours saved
// monthly; the estimate as numbers one-off cost, monthly run cost, monthly
// labour saved and net monthly and optionals payback months, ROI at 12
// and at 36 months; number estimated hours saved; times assessed and
// reported; profile. TestOutcomeCodecEveryField fails when store.Outcome
// gains a field this leaves out.

// appendOutcome appends o's encoding to dst.
func appendOutcome(dst []byte, o store.Outcome) []byte {
	dst = appendHeader(dst)
	for _, s := range [...]string{o.RecID, o.User, o.Conv.Platform, o.Conv.Team, o.Conv.Channel, o.Conv.Thread,
		string(o.Status), string(o.Approach), o.Reason, o.Department, o.Title, string(o.Recommended)} {
		dst = appendString(dst, s)
	}
	dst = binary.AppendVarint(dst, int64(o.Round))
	for _, x := range [...]advisor.Optional{o.OneOffCost, o.MonthlyRunCost, o.HoursSavedMonthly} {
		dst = appendOptional(dst, x)
	}
	e := o.Estimate
	for _, x := range [...]float64{e.OneOffCost, e.MonthlyRunCost, e.MonthlyLaborSaved, e.NetMonthly} {
		dst = appendNumber(dst, x)
	}
	for _, x := range [...]advisor.Optional{e.PaybackMonths, e.ROI12, e.ROI36} {
		dst = appendOptional(dst, x)
	}
	dst = appendNumber(dst, o.EstimatedHoursSaved)
	dst = appendTime(appendTime(dst, o.AssessedAt), o.At)
	return appendProfile(dst, o.Profile)
}

// decodeOutcome decodes an ot/ value written by appendOutcome.
func decodeOutcome(b []byte) (store.Outcome, error) {
	var r binReader
	if err := r.open(b, "outcome", 2); err != nil {
		return store.Outcome{}, err
	}
	var o store.Outcome
	o.RecID, o.User = r.string(), r.string()
	o.Conv = store.ConvKey{Platform: r.string(), Team: r.string(), Channel: r.string(), Thread: r.string()}
	o.Status, o.Approach = store.OutcomeStatus(r.string()), advisor.Approach(r.string())
	o.Reason, o.Department, o.Title = r.string(), r.string(), r.string()
	o.Recommended = advisor.Approach(r.string())
	o.Round = int(r.varint())
	o.OneOffCost, o.MonthlyRunCost, o.HoursSavedMonthly = r.optional(), r.optional(), r.optional()
	e := &o.Estimate
	e.OneOffCost, e.MonthlyRunCost, e.MonthlyLaborSaved, e.NetMonthly = r.number(), r.number(), r.number(), r.number()
	e.PaybackMonths, e.ROI12, e.ROI36 = r.optional(), r.optional(), r.optional()
	o.EstimatedHoursSaved = r.number()
	o.AssessedAt, o.At = r.time(), r.time()
	o.Profile = r.profile()
	if err := r.done("outcome"); err != nil {
		return store.Outcome{}, err
	}
	return o, nil
}
