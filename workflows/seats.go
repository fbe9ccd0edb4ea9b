package workflows

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// CanAccept reports whether an organizer may accept a registration in status s.
func CanAccept(s Status) bool { return s == StatusConfirmed || s == StatusWaitlisted }

// CanWaitlist reports whether an organizer may move a registration in status s to the waitlist.
func CanWaitlist(s Status) bool { return s == StatusConfirmed || s == StatusAccepted }

// CanWithdraw reports whether a registration in status s may be withdrawn.
func CanWithdraw(s Status) bool { return s != StatusWithdrawn && s != StatusCompleted }

// WaitlistOrder returns the waitlisted registrations of role in the order seats
// go to them: by when they joined the waitlist, then by sign-up. Someone an
// organizer moves to the waitlist joins it at the end.
func WaitlistOrder(rows []RegistrationDetail, role Role) []RegistrationDetail {
	var out []RegistrationDetail
	for _, r := range rows {
		if r.Role == role && r.Status == StatusWaitlisted {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b RegistrationDetail) int {
		if c := a.Waitlisted.Compare(b.Waitlisted); c != 0 {
			return c
		}
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// SeatChange says what a status change did.
type SeatChange struct {
	Registration RegistrationView   // the registration changed, with its new status
	Promoted     []RegistrationView // waitlisted students given a freed seat, in order
	Open         int                // seats free while people wait, for the organizer to hand out
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

// fresh locks reg's event and reads reg again under the lock: what the
// caller read before may have been changed by another organizer since.
func (s seating) fresh(ctx context.Context, tx Tx, reg RegistrationView) (RegistrationView, error) {
	if err := tx.Events.LockEvent(ctx, reg.EventID); err != nil {
		return reg, err
	}
	return tx.Registrations.RegistrationByID(ctx, reg.ID)
}

// accept accepts reg when it is confirmed or waitlisted. From the waitlist
// it is an organizer's promotion of this person, ahead of the line, and needs
// a free seat, counted under the event's lock so two organizers promoting
// into the last seat cannot both have it. The person is emailed.
func (s seating) accept(ctx context.Context, tx Tx, reg RegistrationView) (SeatChange, error) {
	reg, err := s.fresh(ctx, tx, reg)
	if err != nil {
		return SeatChange{}, err
	}
	if !CanAccept(reg.Status) {
		return SeatChange{}, E(Conflict, fmt.Sprintf("%s's registration is “%s”: only confirmed or waitlisted registrations can be accepted.", reg.Person.Name, reg.Status.Label()))
	}
	fromWaitlist := reg.Status == StatusWaitlisted
	if fromWaitlist {
		taken, err := tx.Registrations.CountSeats(ctx, reg.EventID, reg.Role)
		if err != nil {
			return SeatChange{}, err
		}
		if capacity := reg.Event.Capacity(reg.Role); taken >= capacity {
			return SeatChange{}, E(Conflict, noSeatReason(reg, taken, capacity))
		}
	}
	detail, kind := fmt.Sprintf("Accepted %s (%s) for %s.", reg.Person.Name, reg.Role, reg.Event.Title), EmailAccepted
	if fromWaitlist {
		detail, kind = fmt.Sprintf("Accepted %s (%s) for %s from the waitlist.", reg.Person.Name, reg.Role, reg.Event.Title), EmailPromoted
	}
	if err := s.set(ctx, tx, &reg, StatusAccepted, AuditAccept, detail); err != nil {
		return SeatChange{}, err
	}
	return SeatChange{Registration: reg}, s.statusEmail(ctx, tx, reg, kind, 0, "")
}

// waitlist moves a confirmed or accepted registration to the end of the
// waitlist. The seat it held goes at once to the first in line (never back
// to this person); each person who moves is emailed.
func (s seating) waitlist(ctx context.Context, tx Tx, reg RegistrationView) (SeatChange, error) {
	reg, err := s.fresh(ctx, tx, reg)
	if err != nil {
		return SeatChange{}, err
	}
	if !CanWaitlist(reg.Status) {
		return SeatChange{}, E(Conflict, fmt.Sprintf("%s's registration is “%s”: only confirmed or accepted registrations can be waitlisted.", reg.Person.Name, reg.Status.Label()))
	}
	err = s.set(ctx, tx, &reg, StatusWaitlisted, AuditWaitlist, fmt.Sprintf("Moved %s (%s) to the end of the waitlist of %s.", reg.Person.Name, reg.Role, reg.Event.Title))
	if err != nil {
		return SeatChange{}, err
	}
	change := SeatChange{Registration: reg}
	if change.Promoted, err = s.fillStudentSeats(ctx, tx, reg, reg.ID); err != nil {
		return SeatChange{}, err
	}
	place, err := placeOf(ctx, tx, reg.Registration)
	if err != nil {
		return SeatChange{}, err
	}
	return change, s.statusEmail(ctx, tx, reg, EmailMovedToWaitlist, place, "")
}

// withdraw withdraws reg and, when it held a seat, fills the seat from the
// waitlist. The person is emailed: with the organizer's reason when
// tellReason (a note the system wrote, such as a board move's, is for
// organizers), or a short confirmation when they withdrew themselves.
func (s seating) withdraw(ctx context.Context, tx Tx, reg RegistrationView, reason string, action AuditAction, tellReason bool) (SeatChange, error) {
	reg, err := s.fresh(ctx, tx, reg)
	if err != nil {
		return SeatChange{}, err
	}
	if !CanWithdraw(reg.Status) {
		return SeatChange{}, E(Conflict, fmt.Sprintf("%s's registration is “%s”: it cannot be withdrawn.", reg.Person.Name, reg.Status.Label()))
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
	if heldSeat {
		var err error
		if change.Promoted, err = s.fillStudentSeats(ctx, tx, reg, reg.ID); err != nil {
			return SeatChange{}, err
		}
	}
	if action == AuditWithdrawOwn {
		return change, s.statusEmail(ctx, tx, reg, EmailWithdrawnOwn, 0, "")
	}
	if !tellReason {
		reason = ""
	}
	return change, s.statusEmail(ctx, tx, reg, EmailWithdrawn, 0, reason)
}

// fillStudentSeats fills the student seats of left's event when left (a
// registration that just left its seat) is a student's; organizers pick
// mentors by hand.
func (s seating) fillStudentSeats(ctx context.Context, tx Tx, left RegistrationView, skip string) ([]RegistrationView, error) {
	if left.Role != RoleStudent {
		return nil, nil
	}
	return s.fillSeats(ctx, tx, left.Event, RoleStudent, skip)
}

// fillSeats gives every free seat of role in ev to the first in line, in
// order, skipping the registration that just left its seat (skip, or ""),
// and emails each person promoted. The caller holds the event lock.
func (s seating) fillSeats(ctx context.Context, tx Tx, ev Event, role Role, skip string) ([]RegistrationView, error) {
	taken, err := tx.Registrations.CountSeats(ctx, ev.ID, role)
	if err != nil {
		return nil, err
	}
	free := ev.Capacity(role) - taken
	if free <= 0 {
		return nil, nil
	}
	line, err := tx.Lists.WaitlistIDs(ctx, ev.ID, role)
	if err != nil {
		return nil, err
	}
	var promoted []RegistrationView
	s.actor = systemActor() // the rule gives the seat, whoever freed it
	for _, id := range line {
		if len(promoted) == free {
			break
		}
		if id == skip {
			continue
		}
		reg, err := tx.Registrations.RegistrationByID(ctx, id)
		if err != nil {
			return nil, err
		}
		detail := fmt.Sprintf("Gave %s a freed %s seat in %s (first on the waitlist).", reg.Person.Name, role, ev.Title)
		if err := s.set(ctx, tx, &reg, StatusConfirmed, AuditPromote, detail); err != nil {
			return nil, err
		}
		if err := s.statusEmail(ctx, tx, reg, EmailPromoted, 0, ""); err != nil {
			return nil, err
		}
		promoted = append(promoted, reg)
	}
	return promoted, nil
}

// noSeatReason says why a waitlisted registration cannot be accepted now.
func noSeatReason(reg RegistrationView, taken, capacity int) string {
	if reg.Role == RoleStudent {
		return fmt.Sprintf("Every student seat in %s is taken (%d of %d), so %s stays on the waitlist. A seat that frees up goes to the first in line at once.",
			reg.Event.Title, taken, capacity, reg.Person.Name)
	}
	return fmt.Sprintf("Every mentor seat in %s is taken (%d of %d), so %s stays on the waitlist. Withdraw a mentor or add mentor seats first.",
		reg.Event.Title, taken, capacity, reg.Person.Name)
}
