package sqlstoretest

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/web/emails"
	"registrar/workflows"
)

// CountRows returns the number of rows in table, to check that nothing was
// stored. The name must be a table of the schema.
func CountRows(ctx context.Context, db *sqlstore.DB, table string) (int, error) {
	tables, err := tableNames(ctx, db)
	if err != nil {
		return 0, err
	}
	if !slices.Contains(tables, table) {
		return 0, fmt.Errorf("count rows: unknown table %q", table)
	}
	var n int
	err = db.SQL().QueryRowContext(ctx, `SELECT COUNT(*) FROM "`+table+`"`).Scan(&n)
	return n, err
}

// EmailsTo lists the emails queued for an address, oldest first, with their
// bodies as they go out: a sign-up email queued as its data is rendered as
// the test apps render it (web/emails, base URL http://registrar.test).
func EmailsTo(ctx context.Context, db *sqlstore.DB, addr string) ([]workflows.Email, error) {
	query := `SELECT id FROM outbound_emails WHERE to_addr = ? ORDER BY created_at, id`
	if db.Dialect() == "postgres" {
		query = `SELECT id FROM outbound_emails WHERE to_addr = $1 ORDER BY created_at, id`
	}
	rows, err := db.SQL().QueryContext(ctx, query, workflows.NormalizeEmail(addr))
	if err != nil {
		return nil, fmt.Errorf("emails to %s: %w", addr, err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]workflows.Email, len(ids))
	testEmails := emails.New("http://registrar.test")
	err = db.InTx(ctx, func(tx workflows.Tx) error {
		for i, id := range ids {
			if out[i], err = tx.Emails.EmailByID(ctx, id); err != nil {
				return err
			}
			if e := &out[i]; e.Signup != nil {
				c, err := workflows.RenderSignup(testEmails, e.Kind, *e.Signup)
				if err != nil {
					return err
				}
				e.HTML, e.Text = c.HTML, c.Text
			}
		}
		return nil
	})
	return out, err
}

// RetryNow makes a parked or waiting job due at now, as the organizer's
// button does.
func RetryNow(ctx context.Context, db *sqlstore.DB, kind workflows.JobKind, key string, now time.Time) error {
	return db.InTx(ctx, func(tx workflows.Tx) error { return tx.Jobs.RetryJob(ctx, kind, key, now) })
}

// Dump returns every row of every table as text, keyed by table name, to
// prove that data is gone from the whole database (erasure), not only from
// the tables a test thought of.
func Dump(ctx context.Context, db *sqlstore.DB) (map[string][][]string, error) {
	tables, err := tableNames(ctx, db)
	if err != nil {
		return nil, err
	}
	out := map[string][][]string{}
	for _, table := range tables {
		if out[table], err = dumpTable(ctx, db.SQL(), table); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func tableNames(ctx context.Context, db *sqlstore.DB) ([]string, error) {
	catalog := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if db.Dialect() == "postgres" {
		catalog = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	rows, err := db.SQL().QueryContext(ctx, catalog)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func dumpTable(ctx context.Context, db *sql.DB, table string) ([][]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT * FROM "`+table+`"`) // the name comes from the catalog
	if err != nil {
		return nil, fmt.Errorf("dump %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		dest := make([]any, len(cols))
		for i := range vals {
			dest[i] = &vals[i]
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("dump %s: %w", table, err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = v.String
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
