package workflows

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// CanAccept reports whether an organizer may accept a registration in status s.
func CanAccept(s Status) bool { return s == StatusConfirmed || s == StatusWaitlisted }

// CanWaitlist reports whether an organizer may move a registration in status s to the waitlist.
func CanWaitlist(s Status) bool { return s == StatusConfirmed || s == StatusAccepted }

// CanWithdraw reports whether a registration in status s may be withdrawn.
func CanWithdraw(s Status) bool { return s != StatusWithdrawn && s != StatusCompleted }

// WaitlistOrder returns the waitlisted registrations of role in the order seats
// go to them: by when they confirmed their address, then by sign-up.
func WaitlistOrder(rows []RegistrationDetail, role Role) []RegistrationDetail {
	var out []RegistrationDetail
	for _, r := range rows {
		if r.Role == role && r.Status == StatusWaitlisted {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b RegistrationDetail) int {
		if c := a.queuedAt().Compare(b.queuedAt()); c != 0 {
			return c
		}
		return a.Created.Compare(b.Created)
	})
	return out
}

func (r RegistrationDetail) queuedAt() time.Time {
	if r.Confirmed.IsZero() {
		return r.Updated
	}
	return r.Confirmed
}

// SeatChange says what a status change did.
type SeatChange struct {
	Registration RegistrationView   // the registration changed, with its new status
	Promoted     []RegistrationView // waitlisted students given a freed seat, in order
}

// seating changes statuses together with what goes with each change: the
// sync jobs, the audit line and, when a student seat frees up, promotion
// from the waitlist. It works inside the caller's transaction.
type seating struct {
	emails  EmailRenderer
	links   Links
	mirrors []JobKind
	actor   Viewer
	now     time.Time
}

// set moves reg to status and records why.
func (s seating) set(ctx context.Context, tx Tx, reg *RegistrationView, to Status, action AuditAction, detail string) error {
	if err := tx.Registrations.SetRegistrationStatus(ctx, reg.ID, to, s.now); err != nil {
		return err
	}
	reg.Status, reg.Updated = to, s.now
	for _, kind := range s.mirrors {
		if err := tx.Jobs.Enqueue(ctx, kind, reg.ID, s.now); err != nil {
			return err
		}
	}
	return audit(ctx, tx.Audit, s.actor, s.now, AuditEntry{Action: action, EventID: reg.EventID, PersonID: reg.PersonID,
		RegistrationID: reg.ID, Detail: detail})
}

// accept accepts reg when it is confirmed or waitlisted; from the waitlist it
// needs a free seat, and the person is emailed.
func (s seating) accept(ctx context.Context, tx Tx, reg RegistrationView) (SeatChange, error) {
	if !CanAccept(reg.Status) {
		return SeatChange{}, E(Conflict, fmt.Sprintf("%s's registration is “%s”: only confirmed or waitlisted registrations can be accepted.", reg.Person.Name, reg.Status.Label()))
	}
	if err := tx.Events.LockEvent(ctx, reg.EventID); err != nil {
		return SeatChange{}, err
	}
	fromWaitlist := reg.Status == StatusWaitlisted
	if fromWaitlist {
		taken, err := tx.Registrations.CountSeats(ctx, reg.EventID, reg.Role)
		if err != nil {
			return SeatChange{}, err
		}
		if capacity := reg.Event.Capacity(reg.Role); taken >= capacity {
			return SeatChange{}, E(Conflict, fmt.Sprintf("Every %s seat in %s is taken (%d of %d). Withdraw someone or add seats first.",
				reg.Role, reg.Event.Title, taken, capacity))
		}
	}
	if err := s.set(ctx, tx, &reg, StatusAccepted, AuditAccept, fmt.Sprintf("Accepted %s (%s) for %s.", reg.Person.Name, reg.Role, reg.Event.Title)); err != nil {
		return SeatChange{}, err
	}
	if fromWaitlist {
		if err := s.email(ctx, tx, reg, EmailSeatConfirmed, s.emails.SeatConfirmed); err != nil {
			return SeatChange{}, err
		}
	}
	return SeatChange{Registration: reg}, nil
}

// waitlist moves a confirmed or accepted registration to the waitlist.
func (s seating) waitlist(ctx context.Context, tx Tx, reg RegistrationView) (SeatChange, error) {
	if !CanWaitlist(reg.Status) {
		return SeatChange{}, E(Conflict, fmt.Sprintf("%s's registration is “%s”: only confirmed or accepted registrations can be waitlisted.", reg.Person.Name, reg.Status.Label()))
	}
	err := s.set(ctx, tx, &reg, StatusWaitlisted, AuditWaitlist, fmt.Sprintf("Moved %s (%s) to the waitlist of %s.", reg.Person.Name, reg.Role, reg.Event.Title))
	return SeatChange{Registration: reg}, err
}

// withdraw withdraws reg and, when it held a student seat, fills the seat
// from the waitlist.
func (s seating) withdraw(ctx context.Context, tx Tx, reg RegistrationView, reason string, action AuditAction) (SeatChange, error) {
	if !CanWithdraw(reg.Status) {
		return SeatChange{}, E(Conflict, fmt.Sprintf("%s's registration is “%s”: it cannot be withdrawn.", reg.Person.Name, reg.Status.Label()))
	}
	if err := tx.Events.LockEvent(ctx, reg.EventID); err != nil {
		return SeatChange{}, err
	}
	heldSeat := reg.Status.HoldsSeat()
	detail := fmt.Sprintf("Withdrew %s (%s) from %s. Reason: %s", reg.Person.Name, reg.Role, reg.Event.Title, reason)
	if err := s.set(ctx, tx, &reg, StatusWithdrawn, action, detail); err != nil {
		return SeatChange{}, err
	}
	if err := tx.Registrations.SetWithdrawReason(ctx, reg.ID, reason); err != nil {
		return SeatChange{}, err
	}
	change := SeatChange{Registration: reg}
	if reg.Role == RoleStudent && heldSeat {
		var err error
		if change.Promoted, err = s.fillStudentSeats(ctx, tx, reg.Event); err != nil {
			return SeatChange{}, err
		}
	}
	return change, nil
}

// fillStudentSeats gives every free student seat of ev to the next student on
// the waitlist and emails each of them. The caller holds the event lock.
func (s seating) fillStudentSeats(ctx context.Context, tx Tx, ev Event) ([]RegistrationView, error) {
	taken, err := tx.Registrations.CountSeats(ctx, ev.ID, RoleStudent)
	if err != nil {
		return nil, err
	}
	free := ev.StudentCapacity - taken
	if free <= 0 {
		return nil, nil
	}
	rows, err := tx.Registrations.RegistrationsOfEvent(ctx, ev.ID)
	if err != nil {
		return nil, err
	}
	var promoted []RegistrationView
	s.actor = systemActor() // the rule gives the seat, whoever freed it
	queue := WaitlistOrder(rows, RoleStudent)
	for _, next := range queue[:min(free, len(queue))] {
		reg := next.RegistrationView
		detail := fmt.Sprintf("Gave %s a freed student seat in %s (first on the waitlist).", reg.Person.Name, ev.Title)
		if err := s.set(ctx, tx, &reg, StatusConfirmed, AuditPromote, detail); err != nil {
			return nil, err
		}
		if err := s.email(ctx, tx, reg, EmailSeatConfirmed, s.emails.SeatConfirmed); err != nil {
			return nil, err
		}
		promoted = append(promoted, reg)
	}
	return promoted, nil
}

// email queues a message about reg to its person.
func (s seating) email(ctx context.Context, tx Tx, reg RegistrationView, kind EmailKind, render func(SignupEmail) (EmailContent, error)) error {
	c, err := render(SignupEmail{Name: reg.Person.Name, EventTitle: reg.Event.Title, EventDates: FormatDates(reg.Event),
		Location: reg.Event.Location, Role: reg.Role, Link: s.links.Event(reg.Event.Slug)})
	if err != nil {
		return fmt.Errorf("render %s email: %w", kind, err)
	}
	return tx.Emails.QueueEmail(ctx, Email{ID: NewID(), Kind: kind, PersonID: reg.PersonID, To: reg.Person.Email,
		Subject: c.Subject, HTML: c.HTML, Text: c.Text, Status: EmailQueued, Created: s.now})
}
