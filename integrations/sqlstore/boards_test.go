package sqlstore_test

import (
	"context"
	"maps"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestProgressFacts: one fact per active student, with only the open
// pairing, its newest week, the done steps on the checklist and the latest
// activity; an ended pairing's check-ins do not count.
func TestProgressFacts(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)
		c := seedCohort(t, db, now)
		open := workflows.Pairing{ID: workflows.NewID(), EventID: c.event.ID, StudentID: c.student.ID, MentorID: c.mentor.ID, Started: now}
		ended := workflows.Pairing{ID: workflows.NewID(), EventID: c.event.ID, StudentID: c.student2.ID, MentorID: c.mentor.ID, Started: now}
		c.event.StartsOn, _ = workflows.ParseDate("2027-02-01")
		c.event.EndsOn = c.event.StartsOn
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			if err := tx.Events.UpdateEvent(ctx, c.event); err != nil {
				return err
			}
			if err := tx.Steps.CreateSteps(ctx, c.event.ID, workflows.OpenStackSteps()); err != nil {
				return err
			}
			for _, id := range []string{c.student.ID, c.student2.ID} {
				if err := tx.Registrations.SetRegistrationStatus(ctx, id, workflows.StatusActive, now); err != nil {
					return err
				}
			}
			for _, p := range []workflows.Pairing{open, ended} {
				if err := tx.Pairings.CreatePairing(ctx, p); err != nil {
					return err
				}
			}
			for _, ci := range []workflows.CheckIn{
				{PairingID: open.ID, Week: "2027-W05", State: workflows.CheckInBlocked},
				{PairingID: open.ID, Week: "2027-W04", State: workflows.CheckInOnTrack},
				{PairingID: ended.ID, Week: "2027-W05", State: workflows.CheckInOnTrack},
			} {
				ci.ID, ci.Created, ci.Updated = workflows.NewID(), now, now
				if _, err := tx.CheckIns.InsertCheckIn(ctx, ci); err != nil {
					return err
				}
			}
			if err := tx.Pairings.EndPairing(ctx, ended.ID, now.Add(time.Hour), "moved"); err != nil {
				return err
			}
			for _, key := range []string{workflows.StepGerritAccount, workflows.StepIRCAndLists, "a-step-since-removed"} {
				if err := tx.Steps.MarkStep(ctx, workflows.StepProgress{RegistrationID: c.student.ID, Key: key, Done: now}); err != nil {
					return err
				}
			}
			return tx.Activity.RecordActivity(ctx, workflows.Activity{ID: workflows.NewID(), EventID: c.event.ID,
				RegistrationID: c.student.ID, Kind: workflows.ActivityStep, Week: "2027-W05", At: now.Add(2 * time.Hour)})
		}))
		must(t, db.View(t.Context(), func(tx workflows.Tx) error {
			ctx := t.Context()
			facts, err := tx.Boards.ProgressFacts(ctx, c.event.ID)
			if err != nil {
				return err
			}
			if len(facts) != 2 {
				t.Fatalf("facts = %+v, want Ada and Grace", facts)
			}
			byName := map[string]workflows.ProgressFact{}
			for _, f := range facts {
				byName[f.Student.Person.Name] = f
			}
			ada, grace := byName["ada"], byName["grace"]
			if ada.Pairing.ID != open.ID || ada.Pairing.MentorID != c.mentor.ID || !ada.Pairing.Started.Equal(now) ||
				ada.Student.Event.ID != c.event.ID || ada.Student.Status != workflows.StatusActive {
				t.Errorf("Ada = %+v", ada)
			}
			if ada.StepsDone != 2 || ada.LastCheckIn.Week != "2027-W05" || ada.LastCheckIn.State != workflows.CheckInBlocked ||
				!ada.LastActivity.Equal(now.Add(2*time.Hour)) {
				t.Errorf("Ada: %d steps, check-in %+v, activity %v; want 2, W05 blocked, %v", ada.StepsDone, ada.LastCheckIn, ada.LastActivity, now.Add(2*time.Hour))
			}
			if grace.Pairing != (workflows.Pairing{}) || grace.LastCheckIn != (workflows.CheckIn{}) || grace.StepsDone != 0 || !grace.LastActivity.IsZero() {
				t.Errorf("Grace (pairing ended, nothing done) = %+v", grace)
			}
			mentors, err := tx.Boards.MentorsOfEvent(ctx, c.event.ID)
			if err != nil || len(mentors) != 1 || mentors[0].ID != c.mentor.ID || mentors[0].Person.Name != "linus" {
				t.Errorf("mentors = %+v, %v", mentors, err)
			}
			counts, err := tx.Boards.StudentStepCounts(ctx, c.event.ID)
			want := map[string]int{workflows.StepGerritAccount: 1, workflows.StepIRCAndLists: 1, "a-step-since-removed": 1}
			if err != nil || !maps.Equal(counts, want) {
				t.Errorf("step counts = %v, %v; want %v", counts, err, want)
			}
			return nil
		}))
	})
}
