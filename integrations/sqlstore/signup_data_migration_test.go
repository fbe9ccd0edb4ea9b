package sqlstore_test

import (
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestSignupDataMigration: migration 00075 keeps a sign-up email waiting as
// its data; rolling it back while such an email waits would send it empty,
// so the rollback refuses and says why, and goes through once it is sent.
func TestSignupDataMigration(t *testing.T) {
	sqlstoretest.EachURL(t, func(t *testing.T, dbURL string) {
		db := migratedTo(t, dbURL, 75)
		now := time.Now()
		email := workflows.Email{ID: workflows.NewID(), Kind: workflows.EmailConfirmSignup, To: "ada@example.org",
			Subject: "Confirm", Status: workflows.EmailQueued, Created: now,
			Signup: &workflows.SignupEmail{EventTitle: "Spring", Role: workflows.RoleStudent, Link: "https://registrar.test/confirm/abc"}}
		must(t, db.InTx(t.Context(), func(tx workflows.Tx) error { return tx.Emails.QueueEmail(t.Context(), email) }))
		err := db.MigrateDownTo(t.Context(), 74)
		if err == nil || !strings.Contains(err.Error(), "1 sign-up emails are still waiting to be sent") {
			t.Fatalf("rollback with an email waiting: %v, want a refusal saying why", err)
		}
		must(t, db.InTx(t.Context(), func(tx workflows.Tx) error {
			got, err := tx.Emails.EmailByID(t.Context(), email.ID)
			if err != nil || got.Signup == nil || *got.Signup != *email.Signup {
				t.Errorf("after the refused rollback: %+v, %v; want the data kept", got.Signup, err)
			}
			return tx.Emails.MarkEmailsSent(t.Context(), []workflows.SentEmail{{ID: email.ID, ProviderID: "<p1@mg>"}}, now)
		}))
		must(t, db.MigrateDownTo(t.Context(), 74))
		must(t, db.Migrate(t.Context()))
	})
}
