package workflows

import (
	"context"
	"time"
)

// ConfirmOutcome is what a confirmation link did.
type ConfirmOutcome string

const (
	ConfirmedSeat  ConfirmOutcome = "confirmed"
	ConfirmedWait  ConfirmOutcome = "waitlisted"
	ConfirmedAgain ConfirmOutcome = "already" // the link was used before
	ConfirmInvalid ConfirmOutcome = "invalid" // unknown or expired
)

// ConfirmResult names the outcome and the event it concerned.
type ConfirmResult struct {
	Outcome ConfirmOutcome
	Event   Event
	Role    Role
	Status  Status // the registration's status after the link, when known
}

// Confirm follows a confirmation link once: the registration is confirmed
// when a seat is free for its role, else waitlisted. The event row is locked
// so two confirmations racing for the last seat cannot both take it.
func (s *Signups) Confirm(ctx context.Context, token string) (ConfirmResult, error) {
	now := s.Clock.Now()
	var res ConfirmResult
	err := s.Store.InTx(ctx, func(tx Tx) error {
		tk, reg, r, err := readConfirmLink(ctx, tx, token, now)
		if res = r; err != nil || r.Outcome != ConfirmReady {
			return err
		}
		if err := tx.Tokens.UseToken(ctx, tk.Hash, now); err != nil {
			return err
		}
		res.Outcome, err = s.seat(ctx, tx, reg.Registration, reg.Person, reg.Event, now)
		return err
	})
	return res, err
}

// seat settles a registration whose address is now proven: confirmed when a
// seat is free for its role, else waitlisted, under the event's lock; the
// person is told and the mirrors are queued.
func (s *Signups) seat(ctx context.Context, tx Tx, reg Registration, p Person, e Event, now time.Time) (ConfirmOutcome, error) {
	if err := tx.Events.LockEvent(ctx, reg.EventID); err != nil {
		return "", err
	}
	taken, err := tx.Registrations.CountSeats(ctx, reg.EventID, reg.Role)
	if err != nil {
		return "", err
	}
	status, kind, out := StatusConfirmed, EmailSeatConfirmed, ConfirmedSeat
	if taken >= e.Capacity(reg.Role) {
		status, kind, out = StatusWaitlisted, EmailWaitlisted, ConfirmedWait
	}
	if err := tx.Registrations.SetRegistrationStatus(ctx, reg.ID, status, now); err != nil {
		return "", err
	}
	content, err := tx.Contents.EventContent(ctx, e.ID)
	if err != nil {
		return "", err
	}
	mail := signupEmail(e, p.Name, reg.Role)
	mail.Link, mail.Contact = s.Links.Event(e.Slug), content.ContactEmail
	if err := s.queue(ctx, tx.Emails, p, kind, mail, now); err != nil {
		return "", err
	}
	return out, s.mirror(ctx, tx.Jobs, reg.ID, now)
}
