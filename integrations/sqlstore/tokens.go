package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"registrar/workflows"
)

func (t *tx) CreateToken(ctx context.Context, tk workflows.Token) error {
	var reg sql.NullString
	if tk.RegistrationID != "" {
		reg = sql.NullString{String: tk.RegistrationID, Valid: true}
	}
	_, err := t.exec(ctx, `INSERT INTO tokens (hash, purpose, person_id, registration_id, expires_at, used_at, created_at)
		VALUES (`+placeholders(7)+`)`,
		tk.Hash, string(tk.Purpose), tk.PersonID, reg, toMicros(tk.Expires), toMicros(tk.Used), toMicros(tk.Created))
	if err != nil {
		return fmt.Errorf("insert token: %w", err)
	}
	if !tk.Used.IsZero() {
		return t.noteConfirmed(ctx, tk.Hash, tk.Used)
	}
	return nil
}

func (t *tx) TokenByHash(ctx context.Context, purpose workflows.TokenPurpose, hash string) (workflows.Token, error) {
	var (
		tk                     workflows.Token
		purp                   string
		reg                    sql.NullString
		expires, used, created int64
	)
	err := t.queryRow(ctx, `SELECT hash, purpose, person_id, registration_id, expires_at, used_at, created_at
		FROM tokens WHERE hash = ? AND purpose = ?`+t.d.forUpdate, hash, string(purpose)).
		Scan(&tk.Hash, &purp, &tk.PersonID, &reg, &expires, &used, &created)
	if err != nil {
		return tk, fmt.Errorf("token: %w", classify(t.d, err))
	}
	tk.Purpose, tk.RegistrationID = workflows.TokenPurpose(purp), reg.String
	tk.Expires, tk.Used, tk.Created = fromMicros(expires), fromMicros(used), fromMicros(created)
	return tk, nil
}

// UseToken marks the token used; it fails with Conflict when it was used
// already, so two clicks racing cannot both succeed.
func (t *tx) UseToken(ctx context.Context, hash string, now time.Time) error {
	res, err := t.exec(ctx, `UPDATE tokens SET used_at = ? WHERE hash = ? AND used_at = 0`, toMicros(now), hash)
	if err != nil {
		return fmt.Errorf("use token: %w", err)
	}
	n, err := affected(res, "use token")
	if err != nil {
		return err
	}
	if n == 0 {
		return workflows.E(workflows.Conflict, "This link has been used already.")
	}
	return t.noteConfirmed(ctx, hash, now)
}

// noteConfirmed keeps on the registration the latest use of its confirmation
// links: the waitlist's order, read without going through tokens.
func (t *tx) noteConfirmed(ctx context.Context, hash string, used time.Time) error {
	_, err := t.exec(ctx, `UPDATE registrations SET confirmed_at = ?
		WHERE id = (SELECT registration_id FROM tokens WHERE hash = ? AND purpose = ?) AND confirmed_at < ?`,
		toMicros(used), hash, string(workflows.TokenConfirm), toMicros(used))
	if err != nil {
		return fmt.Errorf("note confirmation: %w", err)
	}
	return nil
}

// TokenGrace is how long an expired link is kept, so that it still answers
// "expired" (410) rather than "unknown" (404) for a while.
const TokenGrace = 30 * 24 * time.Hour

// PruneTokens deletes links expired for longer than TokenGrace. A used
// confirmation link stays: its use is when the registration was confirmed,
// which orders the waitlist.
func (d *DB) PruneTokens(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	err := d.inTx(ctx, func(t *tx) error {
		res, err := t.exec(ctx, `DELETE FROM tokens WHERE expires_at < ? AND (used_at = 0 OR purpose <> ?)`,
			toMicros(now.Add(-TokenGrace)), string(workflows.TokenConfirm))
		if err != nil {
			return fmt.Errorf("prune tokens: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}
