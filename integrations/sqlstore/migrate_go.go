package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/pressly/goose/v3"

	"registrar/migrations"
	"registrar/workflows"
)

// provider is goose over the embedded SQL migrations plus those that need
// Go: 00043, whose triggers are written differently for each database,
// 00065, 00072 and 00073, which fill the search text that only Go can fold,
// and 00070, which changes a column's type (SQLite rebuilds the table).
func (d *DB) provider() (*goose.Provider, error) {
	gd := goose.DialectSQLite3
	if d.dialect == postgresDialect {
		gd = goose.DialectPostgres
	}
	counts := func(up bool) *goose.GoFunc {
		return &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			return runAll(ctx, tx, registrationCountsDDL(d.dialect, up))
		}}
	}
	// Numbers are handed out in ranges per line of work, so a database may
	// have 00050 applied before 00043 exists: apply the missing ones late.
	return goose.NewProvider(gd, d.db, migrations.FS, goose.WithAllowOutofOrder(true), goose.WithGoMigrations(
		goose.NewGoMigration(43, counts(true), counts(false)),
		goose.NewGoMigration(65, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			if err := backfillSearch(ctx, tx, d.dialect, searchText65); err != nil {
				return err
			}
			// A search scans this narrow index instead of the table's rows.
			_, err := tx.ExecContext(ctx, `CREATE INDEX registrations_event_search ON registrations (event_id, search)`)
			return err
		}}, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `DROP INDEX registrations_event_search`)
			return err
		}}),
		goose.NewGoMigration(70, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			return runAll(ctx, tx, tokensHashDDL(d.dialect, true))
		}}, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			return runAll(ctx, tx, tokensHashDDL(d.dialect, false))
		}}),
		goose.NewGoMigration(72, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			return backfillSearch(ctx, tx, d.dialect, searchText72)
		}}, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			return backfillSearch(ctx, tx, d.dialect, searchText65)
		}}),
		goose.NewGoMigration(73, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			if err := backfillSearch(ctx, tx, d.dialect, searchOf); err != nil {
				return err
			}
			return runAll(ctx, tx, personIndexDDL(d.dialect, true))
		}}, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			if err := runAll(ctx, tx, personIndexDDL(d.dialect, false)); err != nil {
				return err
			}
			return backfillSearch(ctx, tx, d.dialect, searchText72)
		}}),
		goose.NewGoMigration(74, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			return runAll(ctx, tx, countShardsDDL(d.dialect, true))
		}}, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			return runAll(ctx, tx, countShardsDDL(d.dialect, false))
		}}),
		// A sign-up email waits in the outbox as the data it is rendered
		// from (workflows.Email.Signup), a few hundred bytes, instead of its
		// 5 KB of bodies.
		goose.NewGoMigration(75, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			return runAll(ctx, tx, []string{`ALTER TABLE email_bodies ADD COLUMN signup_data TEXT`})
		}}, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
			var waiting int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM email_bodies WHERE signup_data IS NOT NULL`).Scan(&waiting); err != nil {
				return err
			}
			if waiting > 0 {
				// Before 00075 nothing could render them: they would go out empty.
				return fmt.Errorf("%d sign-up emails are still waiting to be sent; let the outbox send them, then migrate down", waiting)
			}
			return runAll(ctx, tx, []string{`ALTER TABLE email_bodies DROP COLUMN signup_data`})
		}}),
	))
}

func runAll(ctx context.Context, tx *sql.Tx, stmts []string) error {
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%.60s…: %w", s, err)
		}
	}
	return nil
}

// The search text as each migration left it: 00065 folded the name,
// address, company and projects; 00072 only the company and projects; 00073
// the address, company and projects (searchOf, today's).
func searchText65(name, email, company string, a workflows.Answers) string {
	return fold(strings.Join([]string{name, email, company, a.Project, a.Projects}, "\n"))
}

func searchText72(_, _, company string, a workflows.Answers) string {
	return fold(strings.Join([]string{company, a.Project, a.Projects}, "\n"))
}

// backfillSearch folds the search and sort text of every registration, the
// search text as text makes it.
func backfillSearch(ctx context.Context, sqlTx *sql.Tx, d dialect, text func(name, email, company string, a workflows.Answers) string) error {
	return (&tx{q: sqlTx, d: d}).foldSearch(ctx, text, "")
}
