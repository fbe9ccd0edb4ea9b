package workflows_test

import (
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestCompletedOnTheBoardNeedsAMergedChange: a card dragged to Completed is
// refused (and put back) until first-change-merged is done.
func TestCompletedOnTheBoardNeedsAMergedChange(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCohort(t, db, "2027-03-20", "2027-03-21")
		ada := c.student(t, "Ada", "UTC", "nova")
		c.pair(t, ada, c.mentor(t, "Nina", "UTC", "nova", "1"))
		c.card(t, db, ada, "card-ada")

		out, err := c.svc.Reviews.MoveCard(t.Context(), "action-1", "card-ada", "Completed")
		if err != nil || out != workflows.BoardRefused {
			t.Fatalf("drag to Completed before the merge: %s, %v; want refused", out, err)
		}
		must(t, db.InTx(t.Context(), func(tx workflows.Tx) error {
			return tx.Steps.MarkStep(t.Context(), workflows.StepProgress{RegistrationID: ada, Key: workflows.StepFirstChangeMerged,
				Done: c.clock.Now(), Evidence: "https://review.opendev.org/c/openstack/nova/+/1"})
		}))
		out, err = c.svc.Reviews.MoveCard(t.Context(), "action-2", "card-ada", "Completed")
		if err != nil || out != workflows.BoardMoved {
			t.Fatalf("drag to Completed after the merge: %s, %v; want moved", out, err)
		}
	})
}

// TestWithdrawnOnTheBoardKeepsTheNoteForOrganizers: a card dragged to
// Withdrawn withdraws the registration and emails the person, without the
// note about the board, which stays in the registration for organizers.
func TestWithdrawnOnTheBoardKeepsTheNoteForOrganizers(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		c := newCohort(t, db, "2027-03-20", "2027-03-21")
		ada := c.student(t, "Ada", "UTC", "nova")
		c.card(t, db, ada, "card-ada")
		if out, err := c.svc.Reviews.MoveCard(t.Context(), "action-1", "card-ada", "Withdrawn"); err != nil || out != workflows.BoardMoved {
			t.Fatalf("drag to Withdrawn: %s, %v", out, err)
		}
		var reg workflows.RegistrationView
		must(t, db.View(t.Context(), func(tx workflows.Tx) (err error) {
			reg, err = tx.Registrations.RegistrationByID(t.Context(), ada)
			return err
		}))
		emails, err := sqlstoretest.EmailsTo(t.Context(), db, reg.Person.Email)
		if err != nil {
			t.Fatal(err)
		}
		var told *workflows.Email
		for i, e := range emails {
			if e.Kind == workflows.EmailWithdrawn {
				told = &emails[i]
			}
		}
		if reg.Status != workflows.StatusWithdrawn || told == nil {
			t.Fatalf("status %s, withdrawal email %v", reg.Status, told)
		}
		if strings.Contains(told.Text+told.HTML, "Trello") || strings.Contains(told.Text, "reason") {
			t.Errorf("the person is told about the board:\n%s", told.Text)
		}
	})
}

// card gives the registration a Trello card with that ID, as the runner
// records it when a trello.card job succeeds.
func (c *cohortFixture) card(t *testing.T, db *sqlstore.DB, registrationID, cardID string) {
	t.Helper()
	must(t, db.InTx(t.Context(), func(tx workflows.Tx) error {
		return tx.Jobs.Enqueue(t.Context(), workflows.JobTrelloCard, registrationID, c.clock.Now())
	}))
	claimed, err := db.Claim(t.Context(), workflows.JobTrelloCard, 10, c.clock.Now(), time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %d, %v", len(claimed), err)
	}
	must(t, sqlstoretest.CompleteJob(t.Context(), db, claimed[0], cardID, c.clock.Now()))
}
