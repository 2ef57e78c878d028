package store

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

// Mem is an in-memory [Store]: the behavioural fake for tests of code that
// uses a store, and the reference the Badger store is checked against.
type Mem struct {
	now func() time.Time

	writeErr error // set by FailWrites: every write returns it

	mu      sync.Mutex
	convs   map[ConvKey]Conversation
	recs    map[string]Assessment
	recList []string // ids in insertion order
	feed    []Feedback
	events  map[string]time.Time // id -> expiry
	cache   map[string]memCached
	weeks   map[string]WeekStats
	marks   map[string]bool
	places  map[[2]string]Place // {platform, id}

	outcomes map[string]Outcome // by RecID
	claims   map[memClaim]bool
	optOut   map[string]bool // users who asked to stop follow-ups

	closed bool
}

type memCached struct {
	value   string
	expires time.Time
}

var _ Store = (*Mem)(nil)

// NewMem returns an empty in-memory store on the system clock.
func NewMem() *Mem { return NewMemAt(time.Now) }

// NewMemAt returns an empty in-memory store whose records and expiries
// follow now.
func NewMemAt(now func() time.Time) *Mem {
	return &Mem{
		now:    now,
		convs:  map[ConvKey]Conversation{},
		recs:   map[string]Assessment{},
		events: map[string]time.Time{},
		cache:  map[string]memCached{},
		weeks:  map[string]WeekStats{},
		marks:  map[string]bool{},
		places: map[[2]string]Place{},

		outcomes: map[string]Outcome{},
		claims:   map[memClaim]bool{},
		optOut:   map[string]bool{},
	}
}

func (m *Mem) lock() (func(), error) {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil, ErrClosed
	}
	return m.mu.Unlock, nil
}

// lockWrite is lock for a write: it fails as FailWrites says.
func (m *Mem) lockWrite() (func(), error) {
	unlock, err := m.lock()
	if err == nil && m.writeErr != nil {
		unlock()
		return nil, m.writeErr
	}
	return unlock, err
}

// FailWrites makes every write, and Writable, return err (nil: succeed
// again), as the Badger store does while the disk is full.
func (m *Mem) FailWrites(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.writeErr = err
}

// Writable implements Store.
func (m *Mem) Writable(context.Context) error {
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	unlock()
	return nil
}

// GetConversation implements Store.
func (m *Mem) GetConversation(_ context.Context, key ConvKey) (Conversation, error) {
	unlock, err := m.lock()
	if err != nil {
		return Conversation{}, err
	}
	defer unlock()
	c, ok := m.convs[key]
	if !ok {
		return Conversation{}, ErrNotFound
	}
	return cloneConv(c), nil
}

// SaveConversation implements Store.
func (m *Mem) SaveConversation(_ context.Context, c Conversation) error {
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	defer unlock()
	c.UpdatedAt = m.now()
	if c.CreatedAt.IsZero() {
		c.CreatedAt = c.UpdatedAt
	}
	m.convs[c.Key] = cloneConv(c)
	return nil
}

// OpenConversations implements Store.
func (m *Mem) OpenConversations(_ context.Context, platform, user string) ([]Conversation, error) {
	unlock, err := m.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	var out []Conversation
	for _, c := range m.convs {
		if c.Key.Platform == platform && c.User == user && c.Phase != PhaseFinished {
			out = append(out, cloneConv(c))
		}
	}
	slices.SortFunc(out, func(a, b Conversation) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	return out, nil
}

// SaveAssessment implements Store.
func (m *Mem) SaveAssessment(_ context.Context, r Assessment) error {
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	defer unlock()
	if r.CreatedAt.IsZero() {
		r.CreatedAt = m.now()
	}
	_, saved := m.recs[r.ID]
	m.recs[r.ID] = cloneRec(r)
	if saved {
		// A retried or corrected save replaces the record; counting it
		// again would inflate the aggregates.
		return nil
	}
	m.recList = append(m.recList, r.ID)
	wk := ISOWeek(r.CreatedAt)
	w := m.weeks[wk]
	w.Week = wk
	w.AddAssessment(r)
	m.weeks[wk] = w
	return nil
}

// GetAssessment implements Store.
func (m *Mem) GetAssessment(_ context.Context, id string) (Assessment, error) {
	unlock, err := m.lock()
	if err != nil {
		return Assessment{}, err
	}
	defer unlock()
	r, ok := m.recs[id]
	if !ok {
		return Assessment{}, ErrNotFound
	}
	return cloneRec(r), nil
}

// Assessments implements Store.
func (m *Mem) Assessments(_ context.Context, user string, since time.Time, limit int) ([]Assessment, error) {
	unlock, err := m.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	var out []Assessment
	for _, id := range m.recList {
		r, ok := m.recs[id]
		if !ok || (user != "" && r.User != user) || r.CreatedAt.Before(since) {
			continue
		}
		out = append(out, cloneRec(r))
	}
	slices.SortStableFunc(out, func(a, b Assessment) int { return a.CreatedAt.Compare(b.CreatedAt) })
	if limit > 0 && len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out, nil
}

// SaveFeedback implements Store.
func (m *Mem) SaveFeedback(_ context.Context, f Feedback) error {
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	defer unlock()
	r, ok := m.recs[f.RecID]
	if !ok {
		return ErrNotFound
	}
	if f.At.IsZero() {
		f.At = m.now()
	}
	m.feed = append(m.feed, f)
	wk := ISOWeek(f.At)
	w := m.weeks[wk]
	w.Week = wk
	w.AddFeedback(f, r.Result.Approach)
	m.weeks[wk] = w
	return nil
}

// FirstSeen implements Store.
func (m *Mem) FirstSeen(_ context.Context, id string, ttl time.Duration) (bool, error) {
	unlock, err := m.lockWrite()
	if err != nil {
		return false, err
	}
	defer unlock()
	now := m.now()
	if exp, ok := m.events[id]; ok && now.Before(exp) {
		return false, nil
	}
	m.events[id] = now.Add(ttl)
	return true, nil
}

// CacheGet implements Store.
func (m *Mem) CacheGet(_ context.Context, key string) (string, bool, error) {
	unlock, err := m.lock()
	if err != nil {
		return "", false, err
	}
	defer unlock()
	c, ok := m.cache[key]
	if !ok || !m.now().Before(c.expires) {
		return "", false, nil
	}
	return c.value, true, nil
}

// CachePut implements Store.
func (m *Mem) CachePut(_ context.Context, key, value string, ttl time.Duration) error {
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	defer unlock()
	m.cache[key] = memCached{value, m.now().Add(ttl)}
	return nil
}

// Week implements Store.
func (m *Mem) Week(_ context.Context, week string) (WeekStats, error) {
	unlock, err := m.lock()
	if err != nil {
		return WeekStats{}, err
	}
	defer unlock()
	w := m.weeks[week].clone() // the stored maps change under later writes
	w.Week = week
	w.Init()
	return w, nil
}

// MarkSummary implements Store.
func (m *Mem) MarkSummary(_ context.Context, week string) (bool, error) {
	unlock, err := m.lockWrite()
	if err != nil {
		return false, err
	}
	defer unlock()
	if m.marks[week] {
		return false, nil
	}
	m.marks[week] = true
	return true, nil
}

// SummaryMarked implements Store.
func (m *Mem) SummaryMarked(_ context.Context, week string) (bool, error) {
	unlock, err := m.lock()
	if err != nil {
		return false, err
	}
	defer unlock()
	return m.marks[week], nil
}

// ForgetUser implements Store.
func (m *Mem) ForgetUser(_ context.Context, user string) error {
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	defer unlock()
	for k, c := range m.convs {
		if c.User == user {
			delete(m.convs, k)
		}
	}
	theirs := map[string]bool{}
	for id, r := range m.recs {
		if r.User == user {
			theirs[id] = true
			delete(m.recs, id)
		}
	}
	m.forgetOutcomes(user, theirs)
	m.recList = slices.DeleteFunc(m.recList, func(id string) bool { _, ok := m.recs[id]; return !ok })
	for wk, w := range m.weeks {
		w.Top = slices.DeleteFunc(w.Top, func(t TopRec) bool { _, ok := m.recs[t.ID]; return !ok })
		m.weeks[wk] = w
	}
	m.feed = slices.DeleteFunc(m.feed, func(f Feedback) bool { return f.User == user })
	for k := range m.cache {
		if strings.HasPrefix(k, UserCachePrefix(user)) {
			delete(m.cache, k)
		}
	}
	return nil
}

// Close implements Store.
func (m *Mem) Close() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.closed = true
	return nil
}

// cloneConv copies the slices so callers cannot change stored state.
func cloneConv(c Conversation) Conversation {
	c.Profile = c.Profile.Clone()
	c.Inferred = slices.Clone(c.Inferred)
	c.Unverified = slices.Clone(c.Unverified)
	c.Asked = slices.Clone(c.Asked)
	c.Skipped = slices.Clone(c.Skipped)
	c.Turns = slices.Clone(c.Turns)
	c.Confirming = slices.Clone(c.Confirming)
	c.Evidence = maps.Clone(c.Evidence)
	return c
}

// cloneRec deep-copies r, so neither the caller's value nor a returned one
// shares memory with the stored record (as with a store that serialises).
func cloneRec(r Assessment) Assessment {
	r.Profile = r.Profile.Clone()
	res := &r.Result
	res.Ranking = slices.Clone(res.Ranking)
	res.Reasons = slices.Clone(res.Reasons)
	res.Risks = slices.Clone(res.Risks)
	res.NextSteps = slices.Clone(res.NextSteps)
	res.ROI = maps.Clone(res.ROI)
	res.NextQuestions = slices.Clone(res.NextQuestions)
	for i := range res.NextQuestions {
		res.NextQuestions[i].Options = slices.Clone(res.NextQuestions[i].Options)
	}
	res.AssumedFields = slices.Clone(res.AssumedFields)
	res.Assumptions = slices.Clone(res.Assumptions)
	return r
}
