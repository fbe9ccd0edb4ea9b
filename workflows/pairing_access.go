package workflows

import "context"

// Audit actions of the checklist and the check-ins.
const (
	AuditComplete      AuditAction = "registration.complete"
	AuditReopen        AuditAction = "registration.reopen"
	AuditCheckInUpdate AuditAction = "check_in.update"
	AuditStepsEdit     AuditAction = "event.steps"
)

// pairingRecord is a pairing with both registrations it joins.
type pairingRecord struct {
	Pairing Pairing
	Student RegistrationView
	Mentor  RegistrationView
}

// pairingFor loads a pairing the viewer may see and act on: its mentor's,
// or any for an organizer. Someone who is neither a mentor nor an organizer
// is Forbidden; another mentor's pairing is NotFound, as if it did not exist.
func pairingFor(ctx context.Context, tx Tx, v Viewer, id string) (pairingRecord, error) {
	if !v.SignedIn() || !v.Mentor && !v.Organizer {
		return pairingRecord{}, E(Forbidden, "Only mentors and organizers can do this.")
	}
	notFound := E(NotFound, "You have no such mentee.")
	p, err := tx.Pairings.PairingByID(ctx, id)
	if KindOf(err) == NotFound {
		return pairingRecord{}, notFound
	}
	if err != nil {
		return pairingRecord{}, err
	}
	mentor, err := tx.Registrations.RegistrationByID(ctx, p.MentorID)
	if err != nil {
		return pairingRecord{}, err
	}
	if mentor.PersonID != v.PersonID && !v.Organizer {
		return pairingRecord{}, notFound
	}
	student, err := tx.Registrations.RegistrationByID(ctx, p.StudentID)
	if err != nil {
		return pairingRecord{}, err
	}
	return pairingRecord{Pairing: p, Student: student, Mentor: mentor}, nil
}
