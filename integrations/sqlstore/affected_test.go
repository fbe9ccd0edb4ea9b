package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"testing"
	"time"

	"registrar/workflows"
)

// uncountable is a statement result whose row count cannot be read, as a
// driver may answer after a lost connection.
type uncountable struct{}

func (uncountable) LastInsertId() (int64, error) { return 0, errors.New("no id") }
func (uncountable) RowsAffected() (int64, error) { return 0, errors.New("connection lost") }

// uncounted runs every statement "successfully" with an uncountable result.
type uncounted struct{}

func (uncounted) ExecContext(context.Context, string, ...any) (sql.Result, error) {
	return uncountable{}, nil
}
func (uncounted) QueryContext(context.Context, string, ...any) (*sql.Rows, error) {
	return nil, errors.New("not in this test")
}
func (uncounted) QueryRowContext(context.Context, string, ...any) *sql.Row { return nil }

// A row count that cannot be read is an error, not the Conflict that "no
// row changed" means ("link used already", "webhook seen before"), which
// would turn a failure into a refusal nobody looks into.
func TestUnreadableRowCountIsNoConflict(t *testing.T) {
	tx := &tx{q: uncounted{}, d: postgresDialect}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for name, err := range map[string]error{
		"UseToken":             tx.UseToken(t.Context(), "hash", now),
		"RememberWebhookToken": tx.RememberWebhookToken(t.Context(), "mailgun", "token", now),
	} {
		if err == nil || workflows.KindOf(err) == workflows.Conflict {
			t.Errorf("%s = %v (%v), want an internal error", name, err, workflows.KindOf(err))
		}
	}
}
