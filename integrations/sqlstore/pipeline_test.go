package sqlstore_test

import (
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestWaitingWrites: on PostgreSQL some writes wait to go with the next
// round trip. A read in the same transaction still sees them, and one that
// fails fails its transaction with its own error, leaving nothing behind.
func TestWaitingWrites(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := t.Context()
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		p := workflows.Person{ID: workflows.NewID(), Email: "ada@example.org", Name: "Ada", Timezone: "UTC", Created: now}
		e := workflows.Event{ID: workflows.NewID(), Slug: "spring", Title: "Spring", Timezone: "UTC", StudentCapacity: 1,
			StartsOn: workflows.Date{Year: 2026, Month: 5, Day: 4}, EndsOn: workflows.Date{Year: 2026, Month: 5, Day: 6}, Created: now}
		reg := workflows.Registration{ID: workflows.NewID(), EventID: e.ID, PersonID: p.ID, Role: workflows.RoleStudent,
			Status: workflows.StatusPending, Created: now, Updated: now}
		token := workflows.Token{Hash: "h1", Purpose: workflows.TokenConfirm, PersonID: p.ID, RegistrationID: reg.ID,
			Expires: now.Add(time.Hour), Created: now}
		err := db.InTx(ctx, func(tx workflows.Tx) error {
			if err := tx.People.CreatePerson(ctx, p); err != nil {
				return err
			}
			if err := tx.Events.CreateEvent(ctx, e); err != nil {
				return err
			}
			if err := tx.Registrations.CreateRegistration(ctx, reg, p); err != nil {
				return err
			}
			got, err := tx.Registrations.RegistrationByID(ctx, reg.ID)
			if err != nil || got.Person.ID != p.ID {
				t.Errorf("registration read back in its transaction: %+v, %v", got, err)
			}
			return tx.Tokens.CreateToken(ctx, token)
		})
		if err != nil {
			t.Fatal(err)
		}

		email := workflows.Email{ID: workflows.NewID(), Kind: workflows.EmailConfirmSignup, PersonID: p.ID, To: p.Email,
			Subject: "Confirm", Text: "Confirm", Status: workflows.EmailQueued, Created: now}
		err = db.InTx(ctx, func(tx workflows.Tx) error {
			if err := tx.Emails.QueueEmail(ctx, email); err != nil {
				return err
			}
			return tx.Tokens.CreateToken(ctx, token) // the same hash again
		})
		if workflows.KindOf(err) != workflows.Conflict || !strings.Contains(err.Error(), "insert token") {
			t.Fatalf("second token with the same hash: %v, want a Conflict saying insert token", err)
		}
		if n, err := sqlstoretest.CountRows(ctx, db, "outbound_emails"); err != nil || n != 0 {
			t.Errorf("emails after the failed transaction: %d, %v; want 0", n, err)
		}
	})
}
