package web_test

import (
	"testing"

	"registrar/workflows"
)

// pairIn gives two people who signed up already a student and a mentor
// registration in slug (as signing up and accepting would) and pairs them,
// as the pairing use case does: an open pairing and the student active. It
// returns the pairing's and the student registration's IDs.
func (a *testApp) pairIn(t testing.TB, slug, studentAddr, mentorAddr string) (pairingID, studentRegID string) {
	t.Helper()
	ctx, now := t.Context(), a.clock.Now()
	pairingID, studentRegID = workflows.NewID(), workflows.NewID()
	err := a.db.InTx(ctx, func(tx workflows.Tx) error {
		e, err := tx.Events.EventBySlug(ctx, slug)
		if err != nil {
			return err
		}
		student, err := tx.People.PersonByEmail(ctx, studentAddr)
		if err != nil {
			return err
		}
		mentor, err := tx.People.PersonByEmail(ctx, mentorAddr)
		if err != nil {
			return err
		}
		mentorRegID := workflows.NewID()
		for _, pr := range []workflows.RegistrationView{
			{Person: student, Registration: workflows.Registration{ID: studentRegID, EventID: e.ID, PersonID: student.ID, Role: workflows.RoleStudent,
				Status: workflows.StatusActive, Answers: workflows.Answers{Project: "nova"}, Created: now, Updated: now}},
			{Person: mentor, Registration: workflows.Registration{ID: mentorRegID, EventID: e.ID, PersonID: mentor.ID, Role: workflows.RoleMentor,
				Status: workflows.StatusConfirmed, Answers: workflows.Answers{Projects: "nova", MaxMentees: 3}, Created: now, Updated: now}},
		} {
			if err := tx.Registrations.CreateRegistration(ctx, pr.Registration, pr.Person); err != nil {
				return err
			}
		}
		return tx.Pairings.CreatePairing(ctx, workflows.Pairing{ID: pairingID, EventID: e.ID, StudentID: studentRegID,
			MentorID: mentorRegID, Started: now})
	})
	if err != nil {
		t.Fatalf("pair %s with %s in %s: %v", studentAddr, mentorAddr, slug, err)
	}
	return pairingID, studentRegID
}
