package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

func (t *tx) RevokeTokens(ctx context.Context, personID string, purpose workflows.TokenPurpose, now time.Time) error {
	_, err := t.exec(ctx, `UPDATE tokens SET used_at = ? WHERE person_id = ? AND purpose = ? AND used_at = 0`,
		toMicros(now), personID, string(purpose))
	if err != nil {
		return fmt.Errorf("revoke tokens of %s: %w", personID, err)
	}
	return nil
}

func (t *tx) DeleteOtherSignIns(ctx context.Context, personID, keep string) error {
	if _, err := t.exec(ctx, `DELETE FROM sign_ins WHERE person_id = ? AND id <> ?`, personID, keep); err != nil {
		return fmt.Errorf("end other sign-ins of %s: %w", personID, err)
	}
	return nil
}

func (t *tx) PendingBefore(ctx context.Context, before time.Time, limit int) ([]string, error) {
	ids, err := t.strings(ctx, `SELECT DISTINCT person_id FROM registrations WHERE status = ? AND created_at < ? ORDER BY person_id LIMIT ?`,
		string(workflows.StatusPending), toMicros(before), limit)
	if err != nil {
		return nil, fmt.Errorf("pending registrations: %w", err)
	}
	return ids, nil
}

// DeleteRegistration deletes a registration that never got past pending:
// its tokens and outbox rows first; mentoring rows cascade.
func (t *tx) DeleteRegistration(ctx context.Context, id string) error {
	for _, q := range []string{`DELETE FROM jobs WHERE job_key = ?`, `DELETE FROM tokens WHERE registration_id = ?`,
		`DELETE FROM sends WHERE registration_id = ?`, `DELETE FROM registrations WHERE id = ?`} {
		if _, err := t.exec(ctx, q, id); err != nil {
			return fmt.Errorf("delete registration %s: %w", id, err)
		}
	}
	return nil
}
