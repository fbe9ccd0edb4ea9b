package workflows_test

import (
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
		// The card's ID is what the runner records when trello.card succeeds.
		must(t, db.InTx(t.Context(), func(tx workflows.Tx) error {
			return tx.Jobs.Enqueue(t.Context(), workflows.JobTrelloCard, ada, c.clock.Now())
		}))
		claimed, err := db.Claim(t.Context(), workflows.JobTrelloCard, 10, c.clock.Now(), time.Minute)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %d, %v", len(claimed), err)
		}
		must(t, db.Complete(t.Context(), claimed[0], "card-ada", c.clock.Now()))

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
