package workflows

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// A person's display name is what they call themselves: the sign-up form's
// name, the one given to `registrar admin add --name`, or what they set on
// their account page; never the local part of their address when a name is
// known.

// CheckName normalises a display name and checks the sign-up form's rules
// for it; a failure is an Invalid error for the "name" field.
func CheckName(name string) (string, error) {
	name = strings.TrimSpace(name)
	v := Violations{}
	v.Check(name != "", "name", "Enter your name.")
	v.Check(utf8.ValidString(name), "name", "Remove the characters that are not valid text.")
	v.Check(utf8.RuneCountInString(name) <= MaxName, "name", fmt.Sprintf("Use at most %d characters.", MaxName))
	v.Check(!hasControl(name, false), "name", "Remove the control characters.")
	v.Check(!hasFormat(name), "name", "Remove the invisible formatting characters (such as direction overrides).")
	return name, v.Err()
}

// SetName sets the signed-in person's display name. Their registrations are
// mirrored again, since the spreadsheet and the board show the name.
func (a *Accounts) SetName(ctx context.Context, v Viewer, name string) error {
	if !v.SignedIn() {
		return &Error{Kind: Forbidden, Message: "Sign in to change your name."}
	}
	name, err := CheckName(name)
	if err != nil {
		return err
	}
	now := a.Clock.Now()
	return a.Store.InTx(ctx, func(tx Tx) error {
		return renamePerson(ctx, tx, v.PersonID, name, a.Mirrors, now)
	})
}

// renamePerson stores a new name and queues the mirrors of every
// registration of the person.
func renamePerson(ctx context.Context, tx Tx, personID, name string, mirrors []JobKind, now time.Time) error {
	p, err := tx.People.PersonByID(ctx, personID)
	if err != nil {
		return err
	}
	if p.Name == name {
		return nil
	}
	p.Name = name
	if err := tx.People.UpdatePersonDetails(ctx, p); err != nil {
		return err
	}
	return mirrorPerson(ctx, tx, personID, mirrors, now)
}
