package workflows

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// AuditResendConfirm is an organizer sending someone a new confirmation link.
const AuditResendConfirm AuditAction = "registration.resend_confirmation"

// ConfirmEmailsPerHour caps the confirmation emails one address gets in an
// hour, counting the sign-up's own and every resend, from /me or from an
// organizer: the same hourly cap per address as sign-in links. It is kept
// in the database, so it holds across instances and restarts.
const ConfirmEmailsPerHour = 5

// Resending a confirmation link makes a new link and leaves the earlier ones
// alone: tokens are stored hashed, so an old link cannot be sent again, and
// revoking it would break the link a person finds in their inbox a minute
// after asking for another. Every link names the same registration and
// works once; after the first is followed the registration is no longer
// pending and the others only say so.

// ResendConfirmation emails the viewer a new confirmation link for one of
// their own registrations still awaiting confirmation. Anyone else's
// registration is NotFound, as if it did not exist.
func (h *Homes) ResendConfirmation(ctx context.Context, v Viewer, registrationID string) (RegistrationView, error) {
	if !v.SignedIn() {
		return RegistrationView{}, E(Forbidden, "Sign in first.")
	}
	now := h.Clock.Now()
	var reg RegistrationView
	err := h.Store.InTx(ctx, func(tx Tx) error {
		var err error
		reg, err = tx.Registrations.RegistrationByID(ctx, registrationID)
		if KindOf(err) == NotFound || err == nil && reg.PersonID != v.PersonID {
			return E(NotFound, "You have no such registration.")
		}
		if err != nil {
			return err
		}
		return resendConfirmation(ctx, tx, h.Emails, h.Links, reg, now)
	})
	return reg, err
}

// ResendConfirmation emails the person a new confirmation link for a
// registration still awaiting confirmation, on an organizer's behalf.
// Audited.
func (a *PeopleAdmin) ResendConfirmation(ctx context.Context, v Viewer, registrationID string) (RegistrationView, error) {
	if err := v.organizer(); err != nil {
		return RegistrationView{}, err
	}
	now := a.Clock.Now()
	var reg RegistrationView
	err := a.Store.InTx(ctx, func(tx Tx) error {
		var err error
		if reg, err = tx.Registrations.RegistrationByID(ctx, registrationID); err != nil {
			return notFound(err, "There is no such registration. It may have been erased.")
		}
		if err := resendConfirmation(ctx, tx, a.Emails, a.Links, reg, now); err != nil {
			return err
		}
		return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditResendConfirm, EventID: reg.EventID,
			PersonID: reg.PersonID, RegistrationID: reg.ID,
			Detail: fmt.Sprintf("Sent %s a new confirmation link for %s.", reg.Person.Name, reg.Event.Title)})
	})
	return reg, err
}

// resendConfirmation queues a confirmation email with a new link for reg,
// within the hourly cap of its address.
func resendConfirmation(ctx context.Context, tx Tx, emails EmailRenderer, links Links, reg RegistrationView, now time.Time) error {
	if reg.Status != StatusPending {
		return E(Conflict, fmt.Sprintf("The registration for %s is confirmed already: there is nothing to confirm.", reg.Event.Title))
	}
	if reg.Person.Undeliverable {
		return E(Conflict, "Email to this address bounced, so no more is sent to it. Check the address first.")
	}
	wait, err := confirmCapWait(ctx, tx.Emails, reg.PersonID, now)
	if err != nil {
		return err
	}
	if wait > 0 {
		return &Error{Kind: TooMany, RetryAfter: wait, Message: fmt.Sprintf(
			"%d confirmation links went to this address in the last hour, the most we send. Look for them in the inbox (and its spam folder), or ask again in %d minutes.",
			ConfirmEmailsPerHour, int(wait.Minutes())+1)}
	}
	token, hash := NewToken()
	if err := tx.Tokens.CreateToken(ctx, Token{Hash: hash, Purpose: TokenConfirm, PersonID: reg.PersonID,
		RegistrationID: reg.ID, Expires: now.Add(ConfirmTokenLifetime), Created: now}); err != nil {
		return err
	}
	name, err := salutation(ctx, tx.Registrations, reg.Person)
	if err != nil {
		return err
	}
	s := &Signups{Emails: emails, Links: links}
	mail := signupEmail(reg.Event, name, reg.Role)
	mail.Link = links.Confirm(token)
	return s.queue(ctx, tx.Emails, reg.Person, EmailConfirmSignup, mail, now)
}

// confirmCapWait is how long until the person may get another confirmation
// email: 0 while fewer than ConfirmEmailsPerHour went out in the last hour,
// else until the oldest of the newest ConfirmEmailsPerHour is an hour old.
func confirmCapWait(ctx context.Context, emails EmailStore, personID string, now time.Time) (time.Duration, error) {
	sent, err := emails.EmailsOfPerson(ctx, personID)
	if err != nil {
		return 0, err
	}
	var recent []time.Time
	for _, e := range sent {
		if e.Kind == EmailConfirmSignup && e.Created.After(now.Add(-time.Hour)) {
			recent = append(recent, e.Created)
		}
	}
	if len(recent) < ConfirmEmailsPerHour {
		return 0, nil
	}
	slices.SortFunc(recent, func(a, b time.Time) int { return b.Compare(a) }) // newest first
	return recent[ConfirmEmailsPerHour-1].Add(time.Hour).Sub(now), nil
}
