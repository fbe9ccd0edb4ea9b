package workflows

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// AuditPersonEdit is an organizer changing a person's details.
const AuditPersonEdit AuditAction = "person.edit"

// PersonEdit is the admin form of a person's details, as typed.
type PersonEdit struct {
	Name     string
	Email    string
	Company  string
	IRC      string
	Timezone string
}

// PersonEditOf fills the form from what the person holds now.
func PersonEditOf(p Person) PersonEdit {
	return PersonEdit{Name: p.Name, Email: p.Email, Company: p.Company, IRC: p.IRC, Timezone: p.Timezone}
}

func (in *PersonEdit) normalize() {
	for _, f := range []*string{&in.Name, &in.Company, &in.IRC, &in.Timezone} {
		*f = strings.TrimSpace(*f)
	}
	in.Email = NormalizeEmail(in.Email)
}

// Validate checks the sign-up form's rules for these fields.
func (in PersonEdit) Validate() error {
	v := Violations{}
	text := func(field, value string, max int) {
		v.Check(utf8.ValidString(value), field, "Remove the characters that are not valid text.")
		v.Check(utf8.RuneCountInString(value) <= max, field, fmt.Sprintf("Use at most %d characters.", max))
		v.Check(!hasControl(value, false), field, "Remove the control characters.")
		v.Check(!hasFormat(value), field, "Remove the invisible formatting characters (such as direction overrides).")
	}
	v.Check(in.Name != "", "name", "Enter their name.")
	text("name", in.Name, MaxName)
	v.Check(in.Email != "", "email", "Enter their email address.")
	v.Check(in.Email == "" || validAddress(in.Email), "email", "Enter an email address like ada@example.org.")
	text("company", in.Company, MaxCompany)
	text("irc", in.IRC, MaxIRC)
	v.Check(in.Timezone != "", "timezone", "Choose their time zone.")
	v.Check(in.Timezone == "" || ValidTimezone(in.Timezone), "timezone", "Choose a time zone from the list.")
	return v.Err()
}

// EditPerson changes a person's details on an organizer's behalf: one audit
// line names each change (old → new), and the person's rows and cards are
// mirrored again. A new address must not be anyone else's (Invalid for the
// "email" field); since the links already emailed went to the old address,
// its unused sign-in and confirmation links stop working (an organizer can
// send a new confirmation link to the new one), and a bounce recorded for
// the old address no longer stops mail. Nothing changed is no write.
func (a *PeopleAdmin) EditPerson(ctx context.Context, v Viewer, personID string, in PersonEdit) (changes []string, err error) {
	if err := v.organizer(); err != nil {
		return nil, err
	}
	in.normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	now := a.Clock.Now()
	err = a.Store.InTx(ctx, func(tx Tx) error {
		p, err := tx.People.PersonByID(ctx, personID)
		if err != nil {
			return notFound(err, "There is no such person. They may have been erased.")
		}
		if changes = personChanges(p, in); len(changes) == 0 {
			return nil
		}
		if in.Email != p.Email {
			if err := changeEmail(ctx, tx, p.ID, in.Email, now); err != nil {
				return err
			}
		}
		before := p.Name
		p.Name, p.Company, p.IRC, p.Timezone = in.Name, in.Company, in.IRC, in.Timezone
		if err := tx.People.UpdatePersonDetails(ctx, p); err != nil {
			return err
		}
		if err := mirrorPerson(ctx, tx, p.ID, a.Mirrors, now); err != nil {
			return err
		}
		return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditPersonEdit, PersonID: p.ID,
			Detail: fmt.Sprintf("Edited the details of %s: %s.", before, strings.Join(changes, "; "))})
	})
	return changes, err
}

// personChanges lists what in changes about p, as "name “Ada” → “Ada L.”".
func personChanges(p Person, in PersonEdit) []string {
	var out []string
	for _, f := range []struct{ label, was, is string }{
		{"name", p.Name, in.Name}, {"email", p.Email, in.Email}, {"company", p.Company, in.Company},
		{"IRC nick", p.IRC, in.IRC}, {"time zone", p.Timezone, in.Timezone},
	} {
		if f.was != f.is {
			out = append(out, fmt.Sprintf("%s “%s” → “%s”", f.label, f.was, f.is))
		}
	}
	return out
}

// changeEmail moves the person to a new address that nobody else holds.
func changeEmail(ctx context.Context, tx Tx, personID, email string, now time.Time) error {
	taken := E(Invalid, "Some answers need fixing.")
	taken.Fields = map[string]string{"email": "Another person has this address. Open their page instead, or choose another address."}
	if other, err := tx.People.PersonByEmail(ctx, email); err == nil && other.ID != personID {
		return taken
	} else if err != nil && KindOf(err) != NotFound {
		return err
	}
	if err := tx.People.SetPersonEmail(ctx, personID, email); err != nil {
		if KindOf(err) == Conflict { // taken meanwhile
			return taken
		}
		return err
	}
	for _, purpose := range []TokenPurpose{TokenLogin, TokenConfirm} {
		if err := tx.Tokens.RevokeTokens(ctx, personID, purpose, now); err != nil {
			return err
		}
	}
	return nil
}

// mirrorPerson queues the mirrors of every registration of the person: the
// spreadsheet and the board show their details.
func mirrorPerson(ctx context.Context, tx Tx, personID string, mirrors []JobKind, now time.Time) error {
	regs, err := tx.Registrations.RegistrationsOfPerson(ctx, personID)
	if err != nil {
		return err
	}
	for _, r := range regs {
		for _, kind := range mirrors {
			if err := tx.Jobs.Enqueue(ctx, kind, r.ID, now); err != nil {
				return err
			}
		}
	}
	return nil
}
