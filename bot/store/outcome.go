package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/advisorbot/advisorbot/advisor"
)

// OutcomeStatus is what a team said it did after an assessment.
type OutcomeStatus string

// Outcome statuses. "Stop asking" is not an outcome: it is the owner's
// opt-out (SetFollowupOptOut), which holds for every assessment of theirs.
const (
	OutcomeBuilt   OutcomeStatus = "built"
	OutcomeNotYet  OutcomeStatus = "not_yet"
	OutcomeDropped OutcomeStatus = "dropped"
)

// Outcome is what the owner of an assessment reported weeks later: whether
// they built it, with which approach, and what it really cost and saved.
// It carries a snapshot of the estimate it answers (the profile, the
// recommended approach and the ROI the advisor estimated for the approach
// built), so estimates and actuals can be compared without loading the
// assessment, and still can after the assessment expires.
type Outcome struct {
	RecID  string        `json:"rec_id"`
	User   string        `json:"user"`
	Conv   ConvKey       `json:"conv"` // where the follow-up was answered
	Round  int           `json:"round,omitempty"`
	Status OutcomeStatus `json:"status"`
	// Approach is what was built (Status built; empty until the owner
	// says), else empty.
	Approach advisor.Approach `json:"approach,omitempty"`
	// Actuals, each absent when the owner did not say. Costs are USD;
	// time saved is hours per month (a per-item answer is converted with
	// the assessment's monthly volume when it is parsed).
	OneOffCost        advisor.Optional `json:"one_off_cost"`
	MonthlyRunCost    advisor.Optional `json:"monthly_run_cost"`
	HoursSavedMonthly advisor.Optional `json:"hours_saved_monthly"`
	Reason            string           `json:"reason,omitempty"` // why it was dropped, in the owner's words

	// The estimate answered, copied from the assessment.
	Department  string           `json:"department,omitempty"`
	Title       string           `json:"title,omitempty"`
	Profile     advisor.UseCase  `json:"profile"`
	Recommended advisor.Approach `json:"recommended"`
	// Estimate is the advisor's ROI for Approach (or, when nothing was
	// built, for the recommended approach) at assessment time.
	Estimate advisor.ROI `json:"estimate"`
	// EstimatedHoursSaved is the estimate's time saved in hours per month
	// (its labour saving at the hourly cost the advisor used), to compare
	// with HoursSavedMonthly.
	EstimatedHoursSaved float64   `json:"estimated_hours_saved"`
	AssessedAt          time.Time `json:"assessed_at"`
	At                  time.Time `json:"at"` // when reported; stamped by the store when zero
}

var errOutcome = errors.New("store: an outcome needs a rec_id, a user and a status")

// Validate reports whether o can be stored.
func (o Outcome) Validate() error {
	if o.RecID == "" || o.User == "" {
		return errOutcome
	}
	switch o.Status {
	case OutcomeBuilt:
		// An empty approach is one the owner has not said (yet).
		if o.Approach != "" && !o.Approach.Valid() {
			return fmt.Errorf("store: outcome %s: built with an unknown approach %q", o.RecID, o.Approach)
		}
	case OutcomeNotYet, OutcomeDropped:
	default:
		return fmt.Errorf("store: outcome %s: unknown status %q", o.RecID, o.Status)
	}
	// In a fixed order, so an outcome with several bad figures is always
	// refused with the same message.
	for _, f := range []struct {
		name string
		v    advisor.Optional
	}{{"one_off_cost", o.OneOffCost}, {"monthly_run_cost", o.MonthlyRunCost}, {"hours_saved_monthly", o.HoursSavedMonthly}} {
		if f.v.Valid && !(f.v.Value >= 0 && f.v.Value < 1e12) {
			return fmt.Errorf("store: outcome %s: %s must be a number from 0 to under 1e12, not %v", o.RecID, f.name, f.v.Value)
		}
	}
	return nil
}

// AssessmentRef is the small part of an assessment that schedules and
// comparisons need, listed without loading whole assessments (whose ROI
// snapshot and assumptions are kilobytes each).
type AssessmentRef struct {
	ID        string           `json:"id"`
	User      string           `json:"user"`
	Conv      ConvKey          `json:"conv"`
	Approach  advisor.Approach `json:"approach"` // recommended
	Profile   advisor.UseCase  `json:"profile"`  // without the description
	CreatedAt time.Time        `json:"created_at"`
	TZ        string           `json:"tz,omitempty"` // the owner's time zone, when known
}

// RefOf returns the AssessmentRef of a. Its profile leaves out the
// description, the one field that is neither small nor read by the rules:
// a ref is kept in a time index read by the million.
func RefOf(a Assessment) AssessmentRef {
	p := a.Profile
	p.Description = ""
	return AssessmentRef{ID: a.ID, User: a.User, Conv: a.Conv, Approach: a.Result.Approach, Profile: p, CreatedAt: a.CreatedAt, TZ: a.TZ}
}

// Outcomes is what the follow-up loop stores. It is part of [Store].
type Outcomes interface {
	// SaveOutcome stores o, replacing the outcome of the same assessment
	// (the latest answer counts), stamping At with the store's clock when
	// zero. It is kept as long as assessments are and forgotten with its
	// user.
	SaveOutcome(ctx context.Context, o Outcome) error
	// GetOutcome returns ErrNotFound when the assessment has none.
	GetOutcome(ctx context.Context, recID string) (Outcome, error)
	// EachOutcome calls fn with every outcome reported in [since, until)
	// (until zero: no end), oldest first, stopping at fn's first error,
	// which it returns as is. fn may use the store; an outcome saved
	// meanwhile may or may not be listed.
	EachOutcome(ctx context.Context, since, until time.Time, fn func(Outcome) error) error

	// EachAssessmentRef calls fn with every assessment created in
	// [since, until) (until zero: no end), oldest first, without loading
	// whole assessments where the store can avoid it; otherwise as
	// EachOutcome.
	EachAssessmentRef(ctx context.Context, since, until time.Time, fn func(AssessmentRef) error) error

	// ClaimFollowup records that follow-up n of an assessment is being
	// sent, and reports false when it already was: a follow-up goes out
	// at most once across restarts. ReleaseFollowup undoes a claim whose
	// sending failed, so a later pass tries again.
	ClaimFollowup(ctx context.Context, recID string, n int) (bool, error)
	ReleaseFollowup(ctx context.Context, recID string, n int) error

	// SetFollowupOptOut records whether user asked to stop follow-ups;
	// FollowupOptOut reports it (false when never set).
	SetFollowupOptOut(ctx context.Context, user string, out bool) error
	FollowupOptOut(ctx context.Context, user string) (bool, error)
}

// FollowupState is a follow-up in progress in a conversation (the owner's
// direct messages with the bot): the assessment it asks about and what the
// owner's next message answers.
type FollowupState struct {
	RecID   string    `json:"rec_id"`
	N       int       `json:"n"`    // 1 for the first follow-up of FOLLOWUP_DAYS, 2 for the second…
	Step    string    `json:"step"` // what the next message answers: "status", "approach", a figure or "reason"
	AskedAt time.Time `json:"asked_at"`
}
