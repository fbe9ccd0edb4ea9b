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
		"sessions", "sign_ins", "audit_log", "erasures",
		"pairings", "event_steps", "step_progress", "check_ins", "activity",
		"reminder_rules", "sends", "send_batches", "email_preferences", "unsubscribe_tokens", "messages":
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
		var err error
		out, err = t.emailsWhere(ctx, `to_addr = ?`, `created_at, id`, workflows.NormalizeEmail(addr))
		return err
	})
	return out, err
}
