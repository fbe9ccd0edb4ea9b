package workflows

import (
	"cmp"
	"context"
	"strings"
	"time"
)

// LoginTokenLifetime is how long a sign-in link works.
const LoginTokenLifetime = 15 * time.Minute

// Organizers manages who runs events.
type Organizers struct {
	Store Store
	Clock Clock
	Links Links
}

// Add makes the person with email an organizer, creating them if needed, and
// returns a one-time sign-in link for them.
func (o *Organizers) Add(ctx context.Context, email string) (link string, err error) {
	return o.AddNamed(ctx, email, "")
}

// AddNamed is Add with the person's display name: it names a new person, and
// renames a known one. Without a name a new person is called by the local
// part of their address until they set their name.
func (o *Organizers) AddNamed(ctx context.Context, email, name string) (link string, err error) {
	email = NormalizeEmail(email)
	if !validAddress(email) {
		return "", &Error{Kind: Invalid, Message: "Give an email address like ada@example.org.",
			Fields: map[string]string{"email": "Enter an email address like ada@example.org."}}
	}
	if name != "" {
		if name, err = CheckName(name); err != nil {
			return "", err
		}
	}
	now := o.Clock.Now()
	err = o.Store.InTx(ctx, func(tx Tx) error {
		p, err := tx.People.PersonByEmail(ctx, email)
		switch {
		case KindOf(err) == NotFound:
			p = Person{ID: NewID(), Email: email, Name: cmp.Or(name, email[:strings.LastIndexByte(email, '@')]),
				Timezone: "UTC", Organizer: true, Created: now}
			if err := tx.People.CreatePerson(ctx, p); err != nil {
				return err
			}
		case err != nil:
			return err
		case !p.Organizer:
			if err := tx.People.SetOrganizer(ctx, p.ID, true); err != nil {
				return err
			}
		}
		if name != "" && p.Name != name {
			if err := renamePerson(ctx, tx, p.ID, name, nil, now); err != nil {
				return err
			}
		}
		token, hash := NewToken()
		link = o.Links.Login(token)
		if err := tx.Tokens.CreateToken(ctx, Token{Hash: hash, Purpose: TokenLogin, PersonID: p.ID,
			Expires: now.Add(LoginTokenLifetime), Created: now}); err != nil {
			return err
		}
		return audit(ctx, tx.Audit, Viewer{}, now, AuditEntry{Action: AuditOrganizerAdd, PersonID: p.ID,
			Detail: "Made " + p.Email + " an organizer and printed a sign-in link."})
	})
	return link, err
}
