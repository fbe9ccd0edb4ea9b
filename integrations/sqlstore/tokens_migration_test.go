package sqlstore_test

import (
	"strconv"
	"testing"
	"time"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestLinksSurviveTheHashMigration: a link made while hashes were stored as
// hex still opens after migration 00070 stores them as bytes, and again
// after rolling it back.
func TestLinksSurviveTheHashMigration(t *testing.T) {
	sqlstoretest.EachURL(t, func(t *testing.T, dbURL string) {
		db := migratedTo(t, dbURL, 69)
		token, hash := workflows.NewToken()
		expires := time.Now().Add(time.Hour).UnixMicro()
		for _, q := range []string{
			`INSERT INTO people (id, email, created_at) VALUES ('ada', 'ada@example.org', 1)`,
			`INSERT INTO tokens (hash, purpose, person_id, expires_at, created_at) VALUES ('` + hash + `', 'login', 'ada', ` + strconv.FormatInt(expires, 10) + `, 1)`,
		} {
			if _, err := db.SQL().ExecContext(t.Context(), q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		opens := func(when string) {
			t.Helper()
			must(t, db.InTx(t.Context(), func(tx workflows.Tx) error {
				tk, err := tx.Tokens.TokenByHash(t.Context(), workflows.TokenLogin, workflows.HashToken(token))
				if err != nil {
					t.Fatalf("%s: the link does not open: %v", when, err)
				}
				if tk.Hash != hash || tk.PersonID != "ada" {
					t.Errorf("%s: token %+v, want hash %s of ada", when, tk, hash)
				}
				return nil
			}))
		}
		must(t, db.Migrate(t.Context()))
		opens("after 00070")
		must(t, db.MigrateDownTo(t.Context(), 69))
		var stored string
		must(t, db.SQL().QueryRowContext(t.Context(), `SELECT hash FROM tokens`).Scan(&stored))
		if stored != hash {
			t.Errorf("rolled back: stored hash %q, want the hex %q", stored, hash)
		}
		must(t, db.Migrate(t.Context()))
		opens("after 00070 again")
	})
}
