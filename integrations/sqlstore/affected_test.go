package sqlstore

import (
	"errors"
	"testing"

	"registrar/workflows"
)

// uncountable is a statement result whose row count cannot be read, as a
// driver may answer after a lost connection.
type uncountable struct{}

func (uncountable) LastInsertId() (int64, error) { return 0, errors.New("no id") }
func (uncountable) RowsAffected() (int64, error) { return 0, errors.New("connection lost") }

type counted int64

func (counted) LastInsertId() (int64, error)   { return 0, errors.New("no id") }
func (c counted) RowsAffected() (int64, error) { return int64(c), nil }

// A row count that cannot be read is an error, never the "no row changed"
// that UseToken and RememberWebhookToken turn into Conflict ("link used
// already", "webhook seen before"), a refusal nobody would look into.
func TestUnreadableRowCountIsAnError(t *testing.T) {
	n, err := affected(uncountable{}, "use token")
	if err == nil || n != 0 || workflows.KindOf(err) == workflows.Conflict {
		t.Errorf("affected(uncountable) = %d, %v; want an internal error", n, err)
	}
	for _, want := range []int64{0, 1, 3} {
		if n, err := affected(counted(want), "x"); err != nil || n != want {
			t.Errorf("affected(%d rows) = %d, %v", want, n, err)
		}
	}
}
