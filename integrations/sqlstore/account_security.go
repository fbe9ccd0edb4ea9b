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
