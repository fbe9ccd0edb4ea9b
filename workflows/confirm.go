package workflows

import "context"

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
		tk, err := tx.Tokens.TokenByHash(ctx, TokenConfirm, HashToken(token))
		if KindOf(err) == NotFound {
			res.Outcome = ConfirmInvalid
			return nil
		}
		if err != nil {
			return err
		}
		reg, err := tx.Registrations.RegistrationByID(ctx, tk.RegistrationID)
		if err != nil {
			return err
		}
		res.Event, res.Role = reg.Event, reg.Role
		switch {
		case !tk.Used.IsZero() || reg.Status != StatusPending:
			res.Outcome = ConfirmedAgain
			return nil
		case !now.Before(tk.Expires):
			res.Outcome = ConfirmInvalid
			return nil
		}
		if err := tx.Tokens.UseToken(ctx, tk.Hash, now); err != nil {
			return err
		}
		if err := tx.Events.LockEvent(ctx, reg.EventID); err != nil {
			return err
		}
		taken, err := tx.Registrations.CountSeats(ctx, reg.EventID, reg.Role)
		if err != nil {
			return err
		}
		status, kind, render := StatusConfirmed, EmailSeatConfirmed, s.Emails.SeatConfirmed
		res.Outcome = ConfirmedSeat
		if taken >= reg.Event.Capacity(reg.Role) {
			status, kind, render = StatusWaitlisted, EmailWaitlisted, s.Emails.Waitlisted
			res.Outcome = ConfirmedWait
		}
		if err := tx.Registrations.SetRegistrationStatus(ctx, reg.ID, status, now); err != nil {
			return err
		}
		mail := SignupEmail{Name: reg.Person.Name, EventTitle: reg.Event.Title, EventDates: FormatDates(reg.Event),
			Location: reg.Event.Location, Role: reg.Role, Link: s.Links.Event(reg.Event.Slug)}
		if err := s.queue(ctx, tx.Emails, reg.Person, kind, render, mail, now); err != nil {
			return err
		}
		return s.mirror(ctx, tx.Jobs, reg.ID, now)
	})
	return res, err
}
