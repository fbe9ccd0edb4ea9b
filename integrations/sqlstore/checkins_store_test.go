package sqlstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

func TestCheckInsAndActivity(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)
		c := seedCohort(t, db, now)
		p := workflows.Pairing{ID: workflows.NewID(), EventID: c.event.ID, StudentID: c.student.ID, MentorID: c.mentor.ID, Started: now}
		ci := workflows.CheckIn{ID: workflows.NewID(), PairingID: p.ID, Week: "2027-W05", Met: true, State: workflows.CheckInOnTrack,
			Notes: "fine", AuthorID: c.mentor.PersonID, Created: now, Updated: now}
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			if err := tx.Pairings.CreatePairing(ctx, p); err != nil {
				return err
			}
			if ok, err := tx.CheckIns.InsertCheckIn(ctx, ci); err != nil || !ok {
				t.Fatalf("first insert: %v, %v", ok, err)
			}
			again := ci
			again.ID = workflows.NewID()
			if ok, err := tx.CheckIns.InsertCheckIn(ctx, again); err != nil || ok {
				t.Fatalf("second insert for the week: inserted=%v, %v; want false, nil", ok, err)
			}
			// The transaction is still usable after the refused insert (PostgreSQL aborts on errors).
			ci.State, ci.Notes, ci.Updated = workflows.CheckInBlocked, "stuck on gerrit", now.Add(time.Hour)
			if err := tx.CheckIns.UpdateCheckIn(ctx, ci); err != nil {
				return err
			}
			older := workflows.CheckIn{ID: workflows.NewID(), PairingID: p.ID, Week: "2027-W04", State: workflows.CheckInNoResponse, Created: now, Updated: now}
			if _, err := tx.CheckIns.InsertCheckIn(ctx, older); err != nil {
				return err
			}
			return tx.CheckIns.MarkOrganizerNotified(ctx, ci.ID, now.Add(2*time.Hour))
		}))
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			got, err := tx.CheckIns.CheckInFor(ctx, p.ID, "2027-W05")
			if err != nil || got.State != workflows.CheckInBlocked || got.Notes != "stuck on gerrit" || got.ID != ci.ID ||
				!got.OrganizerNotified.Equal(now.Add(2*time.Hour)) || !got.Created.Equal(now) {
				t.Errorf("check-in = %+v, %v", got, err)
			}
			list, err := tx.CheckIns.CheckInsOfPairing(ctx, p.ID)
			if err != nil || len(list) != 2 || list[0].Week != "2027-W05" {
				t.Errorf("check-ins of pairing = %+v, %v; want W05 then W04", list, err)
			}
			if _, err := tx.CheckIns.CheckInFor(ctx, p.ID, "2027-W06"); workflows.KindOf(err) != workflows.NotFound {
				t.Errorf("missing week: %v, want NotFound", err)
			}
			return nil
		}))

		acts := []workflows.Activity{
			{EventID: c.event.ID, RegistrationID: c.student.ID, Kind: workflows.ActivityStep, StepKey: workflows.StepGitConfigured, Week: "2027-W05", At: now},
			{EventID: c.event.ID, RegistrationID: c.student.ID, Kind: workflows.ActivityCheckIn, Week: "2027-W05", At: now.Add(time.Hour)},
			{EventID: c.event.ID, RegistrationID: c.student2.ID, Kind: workflows.ActivityStep, StepKey: workflows.StepGitConfigured, Week: "2027-W06", At: now.Add(7 * 24 * time.Hour)},
		}
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			for _, a := range acts {
				a.ID = workflows.NewID()
				if err := tx.Activity.RecordActivity(ctx, a); err != nil {
					return err
				}
			}
			return nil
		}))
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			last, err := tx.Activity.LastActivity(ctx, c.event.ID)
			if err != nil || len(last) != 2 || !last[c.student.ID].Equal(now.Add(time.Hour)) {
				t.Errorf("last activity = %v, %v", last, err)
			}
			one, err := tx.Activity.LastActivityOf(ctx, c.student2.ID)
			if err != nil || !one.Equal(now.Add(7*24*time.Hour)) {
				t.Errorf("last activity of student2 = %v, %v", one, err)
			}
			none, err := tx.Activity.LastActivityOf(ctx, c.mentor.ID)
			if err != nil || !none.IsZero() {
				t.Errorf("last activity of the mentor = %v, %v; want zero", none, err)
			}
			weekly, err := tx.Activity.WeeklyActivity(ctx, c.event.ID)
			want := []workflows.WeekActivity{{Week: "2027-W05", Kind: workflows.ActivityCheckIn, N: 1}, {Week: "2027-W05", Kind: workflows.ActivityStep, N: 1}, {Week: "2027-W06", Kind: workflows.ActivityStep, N: 1}}
			if err != nil || !slices.Equal(weekly, want) {
				t.Errorf("weekly activity = %+v, %v; want %+v", weekly, err, want)
			}
			return nil
		}))

		// Erasing the mentor takes the pairing and its check-ins along, and
		// leaves the student's own progress.
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			return tx.Erasures.ErasePerson(ctx, c.mentor.PersonID)
		}))
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			if _, err := tx.Pairings.PairingByID(ctx, p.ID); workflows.KindOf(err) != workflows.NotFound {
				t.Errorf("pairing after the mentor's erasure: %v, want NotFound", err)
			}
			if list, err := tx.CheckIns.CheckInsOfPairing(ctx, p.ID); err != nil || len(list) != 0 {
				t.Errorf("check-ins after the mentor's erasure: %d, %v", len(list), err)
			}
			if last, err := tx.Activity.LastActivity(ctx, c.event.ID); err != nil || len(last) != 2 {
				t.Errorf("students' activity after the mentor's erasure: %v, %v", last, err)
			}
			return nil
		}))
	})
}
