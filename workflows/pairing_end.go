package workflows

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxEndReason is the longest reason for ending a pairing, in characters.
const MaxEndReason = 500

// End ends an open pairing for the reason given; the student stays active
// and appears among those waiting for a mentor. It returns the ended
// pairing's event slug.
func (s *Pairings) End(ctx context.Context, v Viewer, pairingID, reason string) (string, error) {
	if err := v.organizer(); err != nil {
		return "", err
	}
	reason = strings.TrimSpace(reason)
	viol := Violations{}
	viol.Check(reason != "", "reason", "Say why, in a few words: the audit log keeps it.")
	viol.Check(utf8.RuneCountInString(reason) <= MaxEndReason, "reason", fmt.Sprintf("Use at most %d characters.", MaxEndReason))
	viol.Check(!hasControl(reason, true), "reason", "Remove the control characters.")
	if err := viol.Err(); err != nil {
		return "", err
	}
	now := s.Clock.Now()
	var slug string
	err := s.Store.InTx(ctx, func(tx Tx) error {
		p, err := tx.Pairings.PairingByID(ctx, pairingID)
		if err != nil {
			return notFound(err, "There is no such pairing.")
		}
		student, err := tx.Registrations.RegistrationByID(ctx, p.StudentID)
		if err != nil {
			return err
		}
		mentor, err := tx.Registrations.RegistrationByID(ctx, p.MentorID)
		if err != nil {
			return err
		}
		slug = student.Event.Slug
		if !p.Open() {
			return E(Conflict, "This pairing has ended already.")
		}
		return s.mirror(ctx, tx, student.ID, func() error {
			if err := tx.Pairings.EndPairing(ctx, p.ID, now, reason); err != nil {
				return err
			}
			return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditPairEnd, EventID: p.EventID, PersonID: student.PersonID,
				RegistrationID: student.ID, Detail: fmt.Sprintf("Ended the pairing of %s with %s. Reason: %s", student.Person.Name, mentor.Person.Name, reason)})
		})
	})
	return slug, err
}

// EventOf returns the slug of a registration's event, so a refused pairing
// can show that event's pairings page again.
func (s *Pairings) EventOf(ctx context.Context, v Viewer, registrationID string) (string, error) {
	if err := v.organizer(); err != nil {
		return "", err
	}
	var slug string
	err := s.Store.View(ctx, func(tx Tx) error {
		reg, err := tx.Registrations.RegistrationByID(ctx, registrationID)
		if err != nil {
			return notFound(err, "There is no such registration.")
		}
		slug = reg.Event.Slug
		return nil
	})
	return slug, err
}
