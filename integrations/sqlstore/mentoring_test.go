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

// cohort is one event with registrations to pair, made directly in the store.
type cohort struct {
	event             workflows.Event
	student, student2 workflows.Registration
	mentor            workflows.Registration
	mentorPerson      workflows.Person
}

func seedCohort(t *testing.T, db *sqlstore.DB, now time.Time) cohort {
	t.Helper()
	c := cohort{event: workflows.Event{ID: workflows.NewID(), Slug: "spring", Title: "Spring", Timezone: "Pacific/Auckland",
		StudentCapacity: 10, MentorCapacity: 5, Created: now}}
	reg := func(tx workflows.Tx, name string, role workflows.Role) (workflows.Registration, workflows.Person) {
		p := workflows.Person{ID: workflows.NewID(), Email: name + "@example.org", Name: name, Timezone: "UTC", Created: now}
		if err := tx.People.CreatePerson(t.Context(), p); err != nil {
			t.Fatal(err)
		}
		r := workflows.Registration{ID: workflows.NewID(), EventID: c.event.ID, PersonID: p.ID, Role: role,
			Status: workflows.StatusAccepted, Created: now, Updated: now}
		if err := tx.Registrations.CreateRegistration(t.Context(), r); err != nil {
			t.Fatal(err)
		}
		return r, p
	}
	err := db.InTx(t.Context(), func(tx workflows.Tx) error {
		if err := tx.Events.CreateEvent(t.Context(), c.event); err != nil {
			return err
		}
		c.student, _ = reg(tx, "ada", workflows.RoleStudent)
		c.student2, _ = reg(tx, "grace", workflows.RoleStudent)
		c.mentor, c.mentorPerson = reg(tx, "linus", workflows.RoleMentor)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func inTx(t *testing.T, db *sqlstore.DB, fn func(ctx context.Context, tx workflows.Tx) error) error {
	t.Helper()
	return db.InTx(t.Context(), func(tx workflows.Tx) error { return fn(t.Context(), tx) })
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigrationCopiesTheTemplate: events that existed before mentoring get
// the same checklist as events created after.
func TestMigrationCopiesTheTemplate(t *testing.T) {
	for name, url := range map[string]func(testing.TB) string{"sqlite": sqlstoretest.URL, "postgres": sqlstoretest.PostgresURL} {
		t.Run(name, func(t *testing.T) {
			db, err := sqlstore.MigrateTo(t.Context(), url(t), 19)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			e := workflows.Event{ID: workflows.NewID(), Slug: "old", Title: "Old", Timezone: "UTC", StudentCapacity: 1}
			must(t, db.InTx(t.Context(), func(tx workflows.Tx) error { return tx.Events.CreateEvent(t.Context(), e) }))
			must(t, db.Migrate(t.Context()))
			var got []workflows.Step
			must(t, db.InTx(t.Context(), func(tx workflows.Tx) (err error) {
				got, err = tx.Steps.StepsOfEvent(t.Context(), e.ID)
				return err
			}))
			want := workflows.OpenStackSteps()
			for i := range want {
				want[i].EventID = e.ID
			}
			if !slices.Equal(got, want) {
				t.Fatalf("migrated steps differ from OpenStackSteps:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestSteps(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)
		c := seedCohort(t, db, now)
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			if err := tx.Steps.CreateSteps(ctx, c.event.ID, workflows.OpenStackSteps()); err != nil {
				return err
			}
			icla := workflows.AgreementStep(workflows.AgreementICLA)
			icla.EventID = c.event.ID
			if err := tx.Steps.PutStep(ctx, icla); err != nil {
				return err
			}
			return tx.Steps.DeleteStep(ctx, c.event.ID, workflows.StepFoundationMember)
		}))
		var steps []workflows.Step
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) (err error) {
			steps, err = tx.Steps.StepsOfEvent(ctx, c.event.ID)
			return err
		}))
		if len(steps) != 9 || steps[0].Key != workflows.StepLaunchpadAccount || steps[8].Key != workflows.StepFirstChangeMerged {
			t.Fatalf("steps after edits: %+v", steps)
		}
		if i := slices.IndexFunc(steps, func(s workflows.Step) bool { return s.Key == workflows.StepContributionAgreement }); steps[i].Agreement != workflows.AgreementICLA {
			t.Fatalf("agreement step = %+v, want the ICLA", steps[i])
		}
		err := inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			return tx.Steps.DeleteStep(ctx, c.event.ID, "no-such-step")
		})
		if workflows.KindOf(err) != workflows.NotFound {
			t.Fatalf("delete unknown step: %v, want NotFound", err)
		}

		done := workflows.StepProgress{RegistrationID: c.student.ID, Key: workflows.StepGerritAccount, Done: now, Evidence: "ada", MarkedBy: c.student.PersonID}
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			if err := tx.Steps.MarkStep(ctx, done); err != nil {
				return err
			}
			done.Evidence, done.Done = "ada-l", now.Add(time.Hour) // marked again: replaced, not doubled
			if err := tx.Steps.MarkStep(ctx, done); err != nil {
				return err
			}
			if err := tx.Steps.MarkStep(ctx, workflows.StepProgress{RegistrationID: c.student2.ID, Key: workflows.StepIRCAndLists, Done: now}); err != nil {
				return err
			}
			return tx.Steps.VerifyStep(ctx, c.student.ID, workflows.StepGerritAccount, c.mentor.PersonID, now.Add(2*time.Hour))
		}))
		var mine, all []workflows.StepProgress
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) (err error) {
			if mine, err = tx.Steps.ProgressOf(ctx, c.student.ID); err != nil {
				return err
			}
			all, err = tx.Steps.ProgressOfEvent(ctx, c.event.ID)
			return err
		}))
		want := done
		want.VerifiedBy, want.Verified = c.mentor.PersonID, now.Add(2*time.Hour)
		if len(mine) != 1 || mine[0] != want {
			t.Fatalf("progress = %+v, want [%+v]", mine, want)
		}
		if len(all) != 2 {
			t.Fatalf("event progress = %+v, want 2 rows", all)
		}
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			return tx.Steps.UnmarkStep(ctx, c.student.ID, workflows.StepGerritAccount)
		}))
		err = inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			return tx.Steps.UnmarkStep(ctx, c.student.ID, workflows.StepGerritAccount)
		})
		if workflows.KindOf(err) != workflows.NotFound {
			t.Fatalf("unmark twice: %v, want NotFound", err)
		}
	})
}

func TestPairings(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC)
		c := seedCohort(t, db, now)
		first := workflows.Pairing{ID: workflows.NewID(), EventID: c.event.ID, StudentID: c.student.ID, MentorID: c.mentor.ID, Started: now, CreatedBy: "org"}
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error { return tx.Pairings.CreatePairing(ctx, first) }))

		second := first
		second.ID = workflows.NewID()
		err := inTx(t, db, func(ctx context.Context, tx workflows.Tx) error { return tx.Pairings.CreatePairing(ctx, second) })
		if workflows.KindOf(err) != workflows.Conflict {
			t.Fatalf("second open pairing of a student: %v, want Conflict", err)
		}

		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			if err := tx.Pairings.EndPairing(ctx, first.ID, now.Add(time.Hour), "moved"); err != nil {
				return err
			}
			if err := tx.Pairings.CreatePairing(ctx, second); err != nil { // free again once the first ended
				return err
			}
			other := workflows.Pairing{ID: workflows.NewID(), EventID: c.event.ID, StudentID: c.student2.ID, MentorID: c.mentor.ID, Started: now.Add(2 * time.Hour)}
			return tx.Pairings.CreatePairing(ctx, other)
		}))
		err = inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			return tx.Pairings.EndPairing(ctx, first.ID, now, "again")
		})
		if workflows.KindOf(err) != workflows.NotFound {
			t.Fatalf("ending an ended pairing: %v, want NotFound", err)
		}

		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) error {
			open, err := tx.Pairings.OpenPairingOfStudent(ctx, c.student.ID)
			if err != nil || open.ID != second.ID {
				t.Errorf("open pairing of student = %+v, %v; want %s", open, err, second.ID)
			}
			ended, err := tx.Pairings.PairingByID(ctx, first.ID)
			if err != nil || ended.Open() || ended.EndReason != "moved" || !ended.Ended.Equal(now.Add(time.Hour)) {
				t.Errorf("ended pairing = %+v, %v", ended, err)
			}
			ofMentor, err := tx.Pairings.OpenPairingsOfMentor(ctx, c.mentor.ID)
			if err != nil || len(ofMentor) != 2 {
				t.Errorf("open pairings of mentor = %d, %v; want 2", len(ofMentor), err)
			}
			ofEvent, err := tx.Pairings.OpenPairingsOfEvent(ctx, c.event.ID)
			if err != nil || len(ofEvent) != 2 {
				t.Errorf("open pairings of event = %d, %v; want 2", len(ofEvent), err)
			}
			ofPerson, err := tx.Pairings.PairingsOfPerson(ctx, c.mentor.PersonID)
			if err != nil || len(ofPerson) != 3 {
				t.Errorf("pairings of the mentor, ended included = %d, %v; want 3", len(ofPerson), err)
			}
			if _, err := tx.Pairings.OpenPairingOfStudent(ctx, "nobody"); workflows.KindOf(err) != workflows.NotFound {
				t.Errorf("open pairing of unknown student: %v, want NotFound", err)
			}
			return nil
		}))
	})
}

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
			latest, err := tx.CheckIns.LatestCheckIns(ctx, c.event.ID)
			if err != nil || len(latest) != 1 || latest[0].Week != "2027-W05" {
				t.Errorf("latest check-ins = %+v, %v", latest, err)
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
