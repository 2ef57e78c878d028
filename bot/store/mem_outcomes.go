package store

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// memClaim is a follow-up claim: follow-up n of an assessment.
type memClaim struct {
	recID string
	n     int
}

// SaveOutcome implements Store.
func (m *Mem) SaveOutcome(_ context.Context, o Outcome) error {
	if err := o.Validate(); err != nil {
		return err
	}
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	defer unlock()
	if o.At.IsZero() {
		o.At = m.now()
	}
	m.outcomes[o.RecID] = cloneOutcome(o)
	return nil
}

// GetOutcome implements Store.
func (m *Mem) GetOutcome(_ context.Context, recID string) (Outcome, error) {
	unlock, err := m.lock()
	if err != nil {
		return Outcome{}, err
	}
	defer unlock()
	o, ok := m.outcomes[recID]
	if !ok {
		return Outcome{}, ErrNotFound
	}
	return cloneOutcome(o), nil
}

// EachOutcome implements Store. Outcomes reported at the same time come
// in the order of their escaped ids, as the Badger store's keys sort them.
func (m *Mem) EachOutcome(_ context.Context, since, until time.Time, fn func(Outcome) error) error {
	unlock, err := m.lock()
	if err != nil {
		return err
	}
	var out []Outcome
	for _, o := range m.outcomes {
		if inWindow(o.At, since, until) {
			out = append(out, cloneOutcome(o))
		}
	}
	// fn is called unlocked: it may use the store.
	unlock()
	slices.SortFunc(out, func(a, b Outcome) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(url.PathEscape(a.RecID), url.PathEscape(b.RecID))
	})
	for _, o := range out {
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}

// EachAssessmentRef implements Store.
func (m *Mem) EachAssessmentRef(_ context.Context, since, until time.Time, fn func(AssessmentRef) error) error {
	unlock, err := m.lock()
	if err != nil {
		return err
	}
	var out []AssessmentRef
	for _, id := range m.recList {
		if r, ok := m.recs[id]; ok && inWindow(r.CreatedAt, since, until) {
			ref := RefOf(r)
			ref.Profile = ref.Profile.Clone()
			out = append(out, ref)
		}
	}
	unlock()
	slices.SortStableFunc(out, func(a, b AssessmentRef) int { return a.CreatedAt.Compare(b.CreatedAt) })
	for _, r := range out {
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// inWindow reports whether t is in [since, until), until zero meaning no end.
func inWindow(t, since, until time.Time) bool {
	return !t.Before(since) && (until.IsZero() || t.Before(until))
}

// errClaimNumber refuses a follow-up number that cannot be one.
func errClaimNumber(recID string, n int) error {
	return fmt.Errorf("store: follow-up %d of %s: follow-ups are numbered from 1", n, recID)
}

// ClaimFollowup implements Store.
func (m *Mem) ClaimFollowup(_ context.Context, recID string, n int) (bool, error) {
	if n < 1 {
		return false, errClaimNumber(recID, n)
	}
	unlock, err := m.lockWrite()
	if err != nil {
		return false, err
	}
	defer unlock()
	if m.claims[memClaim{recID, n}] {
		return false, nil
	}
	m.claims[memClaim{recID, n}] = true
	return true, nil
}

// ReleaseFollowup implements Store.
func (m *Mem) ReleaseFollowup(_ context.Context, recID string, n int) error {
	if n < 1 {
		return errClaimNumber(recID, n)
	}
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	defer unlock()
	delete(m.claims, memClaim{recID, n})
	return nil
}

// SetFollowupOptOut implements Store.
func (m *Mem) SetFollowupOptOut(_ context.Context, user string, out bool) error {
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	defer unlock()
	if out {
		m.optOut[user] = true
	} else {
		delete(m.optOut, user)
	}
	return nil
}

// FollowupOptOut implements Store.
func (m *Mem) FollowupOptOut(_ context.Context, user string) (bool, error) {
	unlock, err := m.lock()
	if err != nil {
		return false, err
	}
	defer unlock()
	return m.optOut[user], nil
}

// forgetOutcomes deletes user's outcomes, opt-out and the claims of the
// assessments in recIDs (theirs, collected before the records went) and
// of their outcomes. The caller holds mu.
func (m *Mem) forgetOutcomes(user string, recIDs map[string]bool) {
	for id, o := range m.outcomes {
		if o.User == user {
			recIDs[id] = true
			delete(m.outcomes, id)
		}
	}
	for c := range m.claims {
		if recIDs[c.recID] {
			delete(m.claims, c)
		}
	}
	delete(m.optOut, user)
}

// cloneOutcome copies the profile's pointers, so neither the caller's
// value nor a returned one shares memory with the stored record.
func cloneOutcome(o Outcome) Outcome {
	o.Profile = o.Profile.Clone()
	return o
}
