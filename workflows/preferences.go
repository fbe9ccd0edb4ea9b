package workflows

import (
	"context"
	"fmt"
)

// Preferences are people's choices of which non-transactional emails they
// get. Transactional email (confirmation, sign-in, pairing introduction)
// always comes: it is the only way to act on one's own sign-up.
type Preferences struct {
	Store Store
	Clock Clock
}

// PreferenceItem is one category as its person sees it.
type PreferenceItem struct {
	Category    Category
	Description string
	On          bool
}

// List returns the signed-in person's categories with on or off.
func (p *Preferences) List(ctx context.Context, v Viewer) ([]PreferenceItem, error) {
	if !v.SignedIn() {
		return nil, E(Forbidden, "Sign in to see your email preferences.")
	}
	var off map[Category]bool
	err := p.Store.InTx(ctx, func(tx Tx) (err error) {
		off, err = tx.Preferences.Unsubscribed(ctx, v.PersonID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("preferences of %s: %w", v.PersonID, err)
	}
	out := make([]PreferenceItem, 0, len(Categories()))
	for _, c := range Categories() {
		out = append(out, PreferenceItem{Category: c, Description: c.Describe(), On: !off[c]})
	}
	return out, nil
}

// Set turns every category in on on and every other off, for every event.
func (p *Preferences) Set(ctx context.Context, v Viewer, on map[Category]bool) error {
	if !v.SignedIn() {
		return E(Forbidden, "Sign in to change your email preferences.")
	}
	now := p.Clock.Now()
	return p.Store.InTx(ctx, func(tx Tx) error {
		for _, c := range Categories() {
			if err := tx.Preferences.SetPreference(ctx, v.PersonID, c, !on[c], now); err != nil {
				return err
			}
		}
		return nil
	})
}

// UnsubscribeLink is what an unsubscribe link names.
type UnsubscribeLink struct {
	Category    Category
	Description string
}

// Link reads an unsubscribe token without acting on it (the GET page: mail
// scanners fetch links, and fetching must change nothing). An unknown or
// altered token is NotFound.
func (p *Preferences) Link(ctx context.Context, token string) (UnsubscribeLink, error) {
	var c Category
	err := p.Store.InTx(ctx, func(tx Tx) (err error) {
		_, c, err = tx.Preferences.UnsubscribeToken(ctx, HashToken(token))
		return err
	})
	if err != nil {
		return UnsubscribeLink{}, notFound(err, "This unsubscribe link is not valid.")
	}
	return UnsubscribeLink{Category: c, Description: c.Describe()}, nil
}

// Unsubscribe stops the token's category for its person, for every event
// (RFC 8058 one-click: no session needed, the token is the proof). Using a
// link twice is fine.
func (p *Preferences) Unsubscribe(ctx context.Context, token string) (UnsubscribeLink, error) {
	var c Category
	err := p.Store.InTx(ctx, func(tx Tx) error {
		person, cat, err := tx.Preferences.UnsubscribeToken(ctx, HashToken(token))
		if err != nil {
			return notFound(err, "This unsubscribe link is not valid.")
		}
		c = cat
		return tx.Preferences.SetPreference(ctx, person, cat, true, p.Clock.Now())
	})
	if err != nil {
		return UnsubscribeLink{}, err
	}
	return UnsubscribeLink{Category: c, Description: c.Describe()}, nil
}
