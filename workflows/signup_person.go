package workflows

import (
	"context"
	"time"
)

// signer is the person a sign-up is for, as the transaction found them.
type signer struct {
	Person
	created   bool // by this sign-up
	confirmed bool // they have shown they hold the address (see confirmed)
}

// salutation is what salutation(…) says for them, without asking again.
func (w signer) salutation() string {
	if w.confirmed {
		return w.Name
	}
	return ""
}

func (w signer) registrationFor(ctx context.Context, regs RegistrationStore, eventID string) (Registration, error) {
	if w.created {
		return Registration{}, &Error{Kind: NotFound, Message: "No such registration."}
	}
	return regs.RegistrationFor(ctx, eventID, w.ID)
}

// findOrCreatePerson inserts the person unless their address is known
// already, and only then reads them: one statement for someone new, the
// common case, and a concurrent sign-up with the same new address waits for
// the first and finds its person rather than failing on the address.
func (s *Signups) findOrCreatePerson(ctx context.Context, tx Tx, in SignupInput, now time.Time) (signer, error) {
	people := tx.People
	p := Person{ID: NewID(), Email: NormalizeEmail(in.Email), Name: in.Name, Company: in.Company,
		IRC: in.IRC, Timezone: in.Timezone, Created: now}
	if created, err := people.CreatePersonIfNew(ctx, p); err != nil || created {
		return signer{Person: p, created: created}, err
	}
	p, err := people.PersonByEmail(ctx, in.Email)
	if err != nil {
		return signer{}, err
	}
	// Until someone confirms the address, its details are only what was
	// last typed next to it: a new sign-up replaces them, so the owner's
	// own sign-up, once confirmed, is what the person holds, not a
	// stranger's first one. Once confirmed, only the owner changes them.
	ok, err := confirmed(ctx, tx.Registrations, p)
	if err != nil || ok {
		return signer{Person: p, confirmed: ok}, err
	}
	p.Name, p.Company, p.IRC, p.Timezone = in.Name, in.Company, in.IRC, in.Timezone
	return signer{Person: p}, people.UpdatePersonDetails(ctx, p)
}
