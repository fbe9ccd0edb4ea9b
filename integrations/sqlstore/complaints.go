package sqlstore

import (
	"context"
	"fmt"
)

func (t *tx) MarkComplained(ctx context.Context, personID string) error {
	res, err := t.exec(ctx, `UPDATE people SET complained = ?, unsubscribed = ? WHERE id = ?`, true, true, personID)
	if err != nil {
		return fmt.Errorf("mark %s complained: %w", personID, err)
	}
	return mustAffect(res, "mark complained")
}

func (t *tx) HasComplained(ctx context.Context, personID string) (bool, error) {
	var c bool
	if err := t.queryRow(ctx, `SELECT complained FROM people WHERE id = ?`, personID).Scan(&c); err != nil {
		return false, fmt.Errorf("complaint of %s: %w", personID, classify(t.d, err))
	}
	return c, nil
}
