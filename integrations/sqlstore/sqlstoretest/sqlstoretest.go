// Package sqlstoretest opens real, migrated databases for tests: SQLite in a
// temporary directory always, and PostgreSQL in a fresh schema when
// REGISTRAR_TEST_DATABASE_URL names a server.
package sqlstoretest

import (
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/workflows"
)

// EnvPostgres names the PostgreSQL server used by the tests when set.
const EnvPostgres = "REGISTRAR_TEST_DATABASE_URL"

// Open returns a migrated SQLite database under t.TempDir, closed by Cleanup.
func Open(tb testing.TB) *sqlstore.DB {
	tb.Helper()
	return open(tb, "sqlite:"+filepath.Join(tb.TempDir(), "registrar.db"))
}

// URL returns a database URL for a fresh SQLite file, for tests that start
// the whole application.
func URL(tb testing.TB) string {
	tb.Helper()
	return "sqlite:" + filepath.Join(tb.TempDir(), "registrar.db")
}

// OpenPostgres returns a migrated PostgreSQL database in a schema of its own,
// dropped by Cleanup, or skips when no server is configured.
func OpenPostgres(tb testing.TB) *sqlstore.DB {
	tb.Helper()
	return open(tb, PostgresURL(tb))
}

// PostgresURL creates a fresh schema and returns a URL whose connections use
// it, or skips the test when no server is configured.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		tb.Skipf("PostgreSQL not configured: set %s to run this on PostgreSQL", EnvPostgres)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("open %s: %v", EnvPostgres, err)
	}
	defer admin.Close()
	schema := "t_" + workflows.NewID()
	if _, err := admin.ExecContext(tb.Context(), `CREATE SCHEMA `+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("parse %s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(tb testing.TB, rawURL string) *sqlstore.DB {
	tb.Helper()
	db, err := sqlstore.Open(tb.Context(), rawURL)
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Migrate(tb.Context()); err != nil {
		tb.Fatalf("migrate test database: %v", err)
	}
	return db
}

// Each runs fn once per available database: SQLite always, PostgreSQL when
// configured (skipped with a message otherwise).
func Each(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, Open(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, OpenPostgres(t)) })
}

// EachURL runs fn with the URL of a fresh SQLite database and, when one is
// configured, of a fresh PostgreSQL schema, for tests that start the whole
// application or a command.
func EachURL(t *testing.T, fn func(t *testing.T, dbURL string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, URL(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, PostgresURL(t)) })
}
