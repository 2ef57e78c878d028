package store

import (
	"context"
	"net/url"
	"slices"
	"strings"
)

// SavePlace implements Store.
func (m *Mem) SavePlace(_ context.Context, p Place) error {
	if err := p.Validate(); err != nil {
		return err
	}
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	defer unlock()
	if p.SavedAt.IsZero() {
		p.SavedAt = m.now().UTC()
	}
	m.places[[2]string{p.Platform, p.ID}] = p
	return nil
}

// Places implements Store; ordered as the Badger store orders them, by
// id escaped as its keys escape it (url.PathEscape).
func (m *Mem) Places(_ context.Context, platform string) ([]Place, error) {
	unlock, err := m.lock()
	if err != nil {
		return nil, err
	}
	defer unlock()
	var out []Place
	for k, p := range m.places {
		if k[0] == platform {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b Place) int { return strings.Compare(url.PathEscape(a.ID), url.PathEscape(b.ID)) })
	return out, nil
}

// DeletePlace implements Store.
func (m *Mem) DeletePlace(_ context.Context, platform, id string) error {
	unlock, err := m.lockWrite()
	if err != nil {
		return err
	}
	defer unlock()
	delete(m.places, [2]string{platform, id})
	return nil
}
