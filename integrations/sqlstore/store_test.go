package sqlstore_test

import (
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestErrorKinds checks that each dialect's driver errors become the same
// domain kinds: missing rows NotFound, unique violations Conflict.
func TestErrorKinds(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		p := workflows.Person{ID: workflows.NewID(), Email: "ada@example.org", Name: "Ada", Timezone: "UTC", Created: now}
		e := workflows.Event{ID: workflows.NewID(), Slug: "spring", Title: "Spring", Timezone: "UTC", StudentCapacity: 1, Created: now}
		tests := []struct {
			name string
			fn   func(tx workflows.Tx) error
			want workflows.Kind
		}{
			{"person by unknown email", func(tx workflows.Tx) error {
				_, err := tx.People.PersonByEmail(t.Context(), "nobody@example.org")
				return err
			}, workflows.NotFound},
			{"event by unknown slug", func(tx workflows.Tx) error { _, err := tx.Events.EventBySlug(t.Context(), "nope"); return err }, workflows.NotFound},
			{"event for sign-up by unknown slug", func(tx workflows.Tx) error {
				_, _, err := tx.Events.EventForSignup(t.Context(), "nope")
				return err
			}, workflows.NotFound},
			{"registration by unknown ID", func(tx workflows.Tx) error {
				_, err := tx.Registrations.RegistrationByID(t.Context(), "nope")
				return err
			}, workflows.NotFound},
			{"second person with the same email", func(tx workflows.Tx) error {
				q := p
				q.ID, q.Email = workflows.NewID(), "ADA@example.org"
				return tx.People.CreatePerson(t.Context(), q)
			}, workflows.Conflict},
			{"second event with the same slug", func(tx workflows.Tx) error {
				f := e
				f.ID = workflows.NewID()
				return tx.Events.CreateEvent(t.Context(), f)
			}, workflows.Conflict},
			{"status of unknown registration", func(tx workflows.Tx) error {
				return tx.Registrations.SetRegistrationStatus(t.Context(), "nope", workflows.StatusConfirmed, now)
			}, workflows.NotFound},
		}
		err := db.InTx(t.Context(), func(tx workflows.Tx) error {
			if err := tx.People.CreatePerson(t.Context(), p); err != nil {
				return err
			}
			return tx.Events.CreateEvent(t.Context(), e)
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := db.InTx(t.Context(), tt.fn)
				if got := workflows.KindOf(err); got != tt.want {
					t.Fatalf("kind = %s (%v), want %s", got, err, tt.want)
				}
			})
		}
	})
}

// TestCreatePersonIfNew checks that a known address, in any case, is left
// as it is, and the transaction goes on (PostgreSQL would end it on a
// unique violation).
func TestCreatePersonIfNew(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		ada := workflows.Person{ID: workflows.NewID(), Email: "ada@example.org", Name: "Ada", Timezone: "UTC", Created: now}
		other := workflows.Person{ID: workflows.NewID(), Email: " ADA@example.org", Name: "Someone else", Timezone: "UTC", Created: now}
		err := db.InTx(t.Context(), func(tx workflows.Tx) error {
			for _, c := range []struct {
				p    workflows.Person
				want bool
			}{{ada, true}, {other, false}} {
				if created, err := tx.People.CreatePersonIfNew(t.Context(), c.p); err != nil || created != c.want {
					t.Errorf("create %s: %v, %v; want created %v", c.p.Email, created, err, c.want)
				}
			}
			got, err := tx.People.PersonByEmail(t.Context(), "ada@example.org")
			if err != nil || got.ID != ada.ID || got.Name != "Ada" {
				t.Errorf("person = %+v, %v; want Ada as first created", got, err)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestEnqueueWhileRunningKeepsTheNewerVersion(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		enqueue := func() {
			t.Helper()
			if err := db.InTx(t.Context(), func(tx workflows.Tx) error {
				return tx.Jobs.Enqueue(t.Context(), workflows.JobSheetRow, "reg1", now)
			}); err != nil {
				t.Fatal(err)
			}
		}
		enqueue()
		jobs, err := db.Claim(t.Context(), workflows.JobSheetRow, 10, now, 30*time.Second)
		if err != nil || len(jobs) != 1 {
			t.Fatalf("claim: %v, %d jobs", err, len(jobs))
		}
		enqueue() // a status change while the worker writes the old state
		if err := sqlstoretest.CompleteJob(t.Context(), db, jobs[0], "", now); err != nil {
			t.Fatal(err)
		}
		again, err := db.Claim(t.Context(), workflows.JobSheetRow, 10, now, 30*time.Second)
		if err != nil || len(again) != 1 || again[0].Attempt != 2 {
			t.Fatalf("after completing an old version: %v, %+v; want the job due again", err, again)
		}
		if err := sqlstoretest.CompleteJob(t.Context(), db, again[0], "", now); err != nil {
			t.Fatal(err)
		}
		if left, _ := db.Claim(t.Context(), workflows.JobSheetRow, 10, now.Add(time.Hour), time.Second); len(left) != 0 {
			t.Fatalf("job still due after completing its latest version")
		}
	})
}

// TestClaimLeavesIndexedColumns checks that a claim changes no column an
// index of jobs holds: PostgreSQL then rewrites the row in its page (a HOT
// update) instead of adding an entry to every index of jobs for each email's
// claim. updated_at is jobs_problems' key, so it says when the job last
// changed state or failed, not when a worker last leased it.
func TestClaimLeavesIndexedColumns(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		queued := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		if err := db.InTx(t.Context(), func(tx workflows.Tx) error {
			return tx.Jobs.Enqueue(t.Context(), workflows.JobSheetRow, "reg1", queued)
		}); err != nil {
			t.Fatal(err)
		}
		claimed, err := db.Claim(t.Context(), workflows.JobSheetRow, 10, queued.Add(time.Minute), 30*time.Second)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim: %v, %d jobs", err, len(claimed))
		}
		var got []workflows.JobStatus
		if err := db.View(t.Context(), func(tx workflows.Tx) error {
			got, err = tx.Jobs.JobsFor(t.Context(), []string{"reg1"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !got[0].Updated.Equal(queued) || got[0].Attempts != 1 {
			t.Fatalf("claimed job = %+v; want attempt 1, updated when queued (%s)", got, queued)
		}
	})
}

// TestViewIsReadOnly checks that View sees committed data and refuses writes
// on both databases (SQLite reads on its read-only connections).
func TestViewIsReadOnly(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		p := workflows.Person{ID: workflows.NewID(), Email: "ada@example.org", Name: "Ada", Timezone: "UTC", Created: now}
		if err := db.InTx(t.Context(), func(tx workflows.Tx) error { return tx.People.CreatePerson(t.Context(), p) }); err != nil {
			t.Fatal(err)
		}
		err := db.View(t.Context(), func(tx workflows.Tx) error {
			got, err := tx.People.PersonByEmail(t.Context(), p.Email)
			if err != nil || got.ID != p.ID {
				t.Errorf("read in View: %v, %v", got, err)
			}
			q := p
			q.ID, q.Email = workflows.NewID(), "grace@example.org"
			return tx.People.CreatePerson(t.Context(), q)
		})
		if err == nil {
			t.Fatal("a write in View succeeded")
		}
		if err := db.View(t.Context(), func(tx workflows.Tx) error {
			_, err := tx.People.PersonByEmail(t.Context(), "grace@example.org")
			return err
		}); workflows.KindOf(err) != workflows.NotFound {
			t.Errorf("the refused write is visible: %v", err)
		}
	})
}

// migratedTo opens the database at dbURL migrated up to version, closed when
// the test ends: for the tests of a migration.
func migratedTo(t *testing.T, dbURL string, version int64) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.MigrateTo(t.Context(), dbURL, version)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
