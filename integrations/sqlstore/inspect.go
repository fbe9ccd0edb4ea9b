package sqlstore

import (
	"context"
	"fmt"

	"registrar/workflows"
)

// countable lists the tables CountRows may read, so the name is never taken
// from input.
func countable(table string) bool {
	switch table {
	case "events", "people", "registrations", "tokens", "outbound_emails", "jobs", "dev_mailbox",
		"sessions", "sign_ins", "audit_log", "erasures":
		return true
	}
	return false
}

// CountRows returns the number of rows in table; tests and operators use it
// to check that nothing was stored.
func (d *DB) CountRows(ctx context.Context, table string) (int, error) {
	if !countable(table) {
		return 0, fmt.Errorf("count rows: unknown table %q", table)
	}
	var n int
	err := d.inTx(ctx, func(t *tx) error {
		return t.queryRow(ctx, `SELECT COUNT(*) FROM `+table).Scan(&n)
	})
	return n, err
}

// EmailsTo lists the emails queued for an address, oldest first.
func (d *DB) EmailsTo(ctx context.Context, addr string) ([]workflows.Email, error) {
	var out []workflows.Email
	err := d.inTx(ctx, func(t *tx) error {
		rows, err := t.query(ctx, `SELECT id FROM outbound_emails WHERE to_addr = ? ORDER BY created_at, id`, workflows.NormalizeEmail(addr))
		if err != nil {
			return fmt.Errorf("list emails: %w", err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			e, err := t.EmailByID(ctx, id)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}
