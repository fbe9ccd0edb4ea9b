package sqlstore

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"registrar/workflows"
)

// classify gives driver errors their domain kind: missing rows are NotFound,
// unique violations Conflict, a lost connection Unavailable.
func classify(d dialect, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return workflows.Wrap(workflows.NotFound, "Not found.", err)
	}
	if isUniqueViolation(d, err) {
		return workflows.Wrap(workflows.Conflict, "Already exists.", err)
	}
	if errors.Is(err, sql.ErrConnDone) {
		return workflows.Wrap(workflows.Unavailable, "The database is unavailable.", err)
	}
	return err
}

func isUniqueViolation(d dialect, err error) bool {
	if d == postgresDialect {
		pgErr, ok := errors.AsType[*pgconn.PgError](err)
		return ok && pgErr.Code == "23505"
	}
	sqlErr, ok := errors.AsType[*sqlite.Error](err)
	return ok && (sqlErr.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || sqlErr.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

// affected is how many rows res changed. Failing to tell is an error of its
// own, never "no row": callers give "no row" a meaning (Conflict, NotFound).
func affected(res sql.Result, what string) (int64, error) {
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("%s: rows affected: %w", what, err)
	}
	return n, nil
}
