package sqlstore_test

import (
	"context"
	"errors"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestCancelledTransactionSaysSo: a transaction whose request was cancelled
// before it committed reports the cancellation (the web layer logs such a
// request as abandoned by its client, not as a failure), and its work is
// not kept.
func TestCancelledTransactionSaysSo(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx, cancel := context.WithCancel(t.Context())
		err := db.InTx(ctx, func(tx workflows.Tx) error {
			if err := tx.People.CreatePerson(ctx, workflows.Person{ID: "ada", Email: "ada@example.org", Timezone: "UTC"}); err != nil {
				return err
			}
			cancel()
			return nil
		})
		if db.Dialect() == "sqlite" {
			// The group writer commits what it started: the work is kept.
			if err != nil {
				t.Fatalf("sqlite: %v", err)
			}
			return
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want the cancellation", err)
		}
		must(t, db.View(t.Context(), func(tx workflows.Tx) error {
			if _, err := tx.People.PersonByEmail(t.Context(), "ada@example.org"); workflows.KindOf(err) != workflows.NotFound {
				t.Errorf("the cancelled transaction's person: %v, want not found", err)
			}
			return nil
		}))
	})
}
