package sqlstore_test

import (
	"fmt"
	"maps"
	"sync"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestRegistrationCountsFollowEveryChange: the counts kept by migration
// 00043's triggers equal a count of the registrations after sign-ups,
// status changes, a deletion and an erasure, on both databases (on
// PostgreSQL across its shards).
func TestRegistrationCountsFollowEveryChange(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		e := workflows.Event{ID: workflows.NewID(), Slug: "spring", Title: "Spring", Timezone: "UTC", StudentCapacity: 5, Created: now}
		var regs, people []string
		err := db.InTx(ctx, func(tx workflows.Tx) error {
			if err := tx.Events.CreateEvent(ctx, e); err != nil {
				return err
			}
			for i := range 40 {
				p := workflows.Person{ID: workflows.NewID(), Email: fmt.Sprintf("p%d@example.org", i), Name: "P", Timezone: "UTC", Created: now}
				r := workflows.Registration{ID: workflows.NewID(), EventID: e.ID, PersonID: p.ID, Role: workflows.RoleStudent,
					Status: workflows.StatusPending, Created: now, Updated: now}
				if i%4 == 0 {
					r.Role = workflows.RoleMentor
				}
				if err := tx.People.CreatePerson(ctx, p); err != nil {
					return err
				}
				if err := tx.Registrations.CreateRegistration(ctx, r, p); err != nil {
					return err
				}
				regs, people = append(regs, r.ID), append(people, p.ID)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		check := func(when string) {
			t.Helper()
			var kept, all []workflows.RegistrationCount
			err := db.View(ctx, func(tx workflows.Tx) error {
				var err error
				if kept, err = tx.Lists.EventCounts(ctx, e.ID); err != nil {
					return err
				}
				all, err = tx.Registrations.CountRegistrations(ctx) // the dashboard's, every event
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			got, gotAll := map[string]int{}, map[string]int{}
			for _, c := range kept {
				got[string(c.Role)+"/"+string(c.Status)] = c.N
			}
			for _, c := range all {
				if c.EventID == e.ID {
					gotAll[string(c.Role)+"/"+string(c.Status)] = c.N
				}
			}
			want := map[string]int{}
			rows, err := db.SQL().QueryContext(ctx, `SELECT role, status, COUNT(*) FROM registrations GROUP BY role, status`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var role, status string
				var n int
				if err := rows.Scan(&role, &status, &n); err != nil {
					t.Fatal(err)
				}
				want[role+"/"+status] = n
			}
			if !maps.Equal(got, want) {
				t.Errorf("%s: kept counts %v, counted %v", when, got, want)
			}
			if !maps.Equal(gotAll, want) {
				t.Errorf("%s: the dashboard's counts %v, counted %v", when, gotAll, want)
			}
		}
		check("after sign-ups")
		err = db.InTx(ctx, func(tx workflows.Tx) error {
			for i, id := range regs[:30] {
				to := []workflows.Status{workflows.StatusConfirmed, workflows.StatusWaitlisted, workflows.StatusAccepted}[i%3]
				if err := tx.Registrations.SetRegistrationStatus(ctx, id, to, now.Add(time.Minute)); err != nil {
					return err
				}
			}
			// The same status again changes no count.
			return tx.Registrations.SetRegistrationStatus(ctx, regs[0], workflows.StatusConfirmed, now.Add(2*time.Minute))
		})
		if err != nil {
			t.Fatal(err)
		}
		check("after status changes")
		err = db.InTx(ctx, func(tx workflows.Tx) error {
			if err := tx.Erasures.ErasePerson(ctx, people[1]); err != nil {
				return err
			}
			return tx.Erasures.ErasePerson(ctx, people[35])
		})
		if err != nil {
			t.Fatal(err)
		}
		check("after erasures")

		// Changes from several connections at once (on PostgreSQL each
		// counts in its own connection's shard): the sums still agree.
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for w := range 8 {
			wg.Go(func() {
				errs <- db.InTx(ctx, func(tx workflows.Tx) error {
					for i := w; i < 30; i += 8 {
						if i == 1 {
							continue // erased
						}
						to := []workflows.Status{workflows.StatusWithdrawn, workflows.StatusActive}[w%2]
						if err := tx.Registrations.SetRegistrationStatus(ctx, regs[i], to, now.Add(3*time.Minute)); err != nil {
							return err
						}
					}
					p := workflows.Person{ID: workflows.NewID(), Email: fmt.Sprintf("w%d@example.org", w), Name: "W", Timezone: "UTC", Created: now}
					if err := tx.People.CreatePerson(ctx, p); err != nil {
						return err
					}
					return tx.Registrations.CreateRegistration(ctx, workflows.Registration{ID: workflows.NewID(), EventID: e.ID, PersonID: p.ID,
						Role: workflows.RoleStudent, Status: workflows.StatusPending, Created: now, Updated: now}, p)
				})
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		check("after changes from several connections")
	})
}
