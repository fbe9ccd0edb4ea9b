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
		if err := tx.Registrations.CreateRegistration(t.Context(), r, p); err != nil {
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
			db := migratedTo(t, url(t), 19)
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
		var mine []workflows.StepProgress
		must(t, inTx(t, db, func(ctx context.Context, tx workflows.Tx) (err error) {
			mine, err = tx.Steps.ProgressOf(ctx, c.student.ID)
			return err
		}))
		want := done
		want.VerifiedBy, want.Verified = c.mentor.PersonID, now.Add(2*time.Hour)
		if len(mine) != 1 || mine[0] != want {
			t.Fatalf("progress = %+v, want [%+v]", mine, want)
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
