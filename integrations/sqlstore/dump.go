package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// Dump returns every row of every table as text, keyed by table name. Tests
// use it to prove that data is gone from the whole database (erasure), not
// only from the tables they thought of.
func (d *DB) Dump(ctx context.Context) (map[string][][]string, error) {
	out := map[string][][]string{}
	err := d.inTx(ctx, func(t *tx) error {
		catalog := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
		if t.d == postgresDialect {
			catalog = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
		}
		tables, err := t.strings(ctx, catalog)
		if err != nil {
			return fmt.Errorf("list tables: %w", err)
		}
		for _, table := range tables {
			if out[table], err = t.dumpTable(ctx, table); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

func (t *tx) dumpTable(ctx context.Context, table string) ([][]string, error) {
	rows, err := t.query(ctx, `SELECT * FROM "`+table+`"`) // the name comes from the catalog
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
