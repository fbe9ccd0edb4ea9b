package sqlstore_test

import (
	"testing"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestSearchTextMigration: migration 00073 folds the address back into the
// search text of registrations made before it, keeps one registration per
// person and event (PostgreSQL turns the unique pair round), and rolls back.
func TestSearchTextMigration(t *testing.T) {
	sqlstoretest.EachURL(t, func(t *testing.T, dbURL string) {
		db := migratedTo(t, dbURL, 72)
		for _, q := range []string{
			`INSERT INTO events (id, slug, title, location, timezone, starts_on, ends_on, student_capacity, mentor_capacity, created_at)
				VALUES ('ev', 'spring', 'Spring', 'Berlin', 'UTC', 1, 2, 10, 2, 1)`,
			`INSERT INTO people (id, email, name, company, created_at) VALUES ('ada', 'ada.l@example.org', 'Ada Lovelace', 'Engines', 1)`,
			`INSERT INTO registrations (id, event_id, person_id, role, status, answers, created_at, updated_at, search, sort_name)
				VALUES ('r1', 'ev', 'ada', 'student', 'pending', '{"project":"nova"}', 1, 1, 'engines
nova', 'ada lovelace')`,
		} {
			if _, err := db.SQL().ExecContext(t.Context(), q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		found := func(when, query string, want int) {
			t.Helper()
			must(t, db.View(t.Context(), func(tx workflows.Tx) error {
				n, err := tx.Lists.CountMatching(t.Context(), "ev", workflows.RegistrationQuery{Search: query})
				if err != nil || n != want {
					t.Errorf("%s: search %q finds %d (%v), want %d", when, query, n, err, want)
				}
				return nil
			}))
		}
		found("before 00073", "ada.l@", 0)
		must(t, db.Migrate(t.Context()))
		for _, q := range []string{"ada.l@", "lovelace", "ENGINES", "nova"} {
			found("after 00073", q, 1)
		}
		_, err := db.SQL().ExecContext(t.Context(), `INSERT INTO registrations (id, event_id, person_id, role, status, answers, created_at, updated_at)
			VALUES ('r2', 'ev', 'ada', 'mentor', 'pending', '{}', 2, 2)`)
		if err == nil {
			t.Error("a second registration of one person in one event was stored")
		}
		must(t, db.MigrateDownTo(t.Context(), 72))
		found("rolled back", "ada.l@", 0)
		found("rolled back", "nova", 1)
		must(t, db.Migrate(t.Context()))
		found("after 00073 again", "ada.l@", 1)
	})
}
