package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"registrar/workflows"
)

// hashBytes is how a link's hash is stored: its 32 bytes (migration 00070).
// The hash comes from workflows.HashToken, so it is always hex; anything else
// matches no row.
func hashBytes(hash string) []byte {
	b, err := hex.DecodeString(hash)
	if err != nil {
		return []byte(hash)
	}
	return b
}

func (t *tx) CreateToken(ctx context.Context, tk workflows.Token) error {
	var reg sql.NullString
	if tk.RegistrationID != "" {
		reg = sql.NullString{String: tk.RegistrationID, Valid: true}
	}
	err := t.execLater(ctx, "insert token", `INSERT INTO tokens (hash, purpose, person_id, registration_id, expires_at, used_at, created_at)
		VALUES (`+placeholders(7)+`)`,
		hashBytes(tk.Hash), string(tk.Purpose), tk.PersonID, reg, toMicros(tk.Expires), toMicros(tk.Used), toMicros(tk.Created))
	if err != nil {
		return err
	}
	if !tk.Used.IsZero() {
		return t.noteConfirmed(ctx, tk.Hash, tk.Used)
	}
	return nil
}

func (t *tx) TokenByHash(ctx context.Context, purpose workflows.TokenPurpose, hash string) (workflows.Token, error) {
	var (
		tk                     workflows.Token
		raw                    []byte
		purp                   string
		reg                    sql.NullString
		expires, used, created int64
	)
	err := t.queryRow(ctx, `SELECT hash, purpose, person_id, registration_id, expires_at, used_at, created_at
		FROM tokens WHERE hash = ? AND purpose = ?`+t.d.forUpdate, hashBytes(hash), string(purpose)).
		Scan(&raw, &purp, &tk.PersonID, &reg, &expires, &used, &created)
	if err != nil {
		return tk, fmt.Errorf("token: %w", classify(t.d, err))
	}
	tk.Hash, tk.Purpose, tk.RegistrationID = hex.EncodeToString(raw), workflows.TokenPurpose(purp), reg.String
	tk.Expires, tk.Used, tk.Created = fromMicros(expires), fromMicros(used), fromMicros(created)
	return tk, nil
}

// UseToken marks the token used; it fails with Conflict when it was used
// already, so two clicks racing cannot both succeed.
func (t *tx) UseToken(ctx context.Context, hash string, now time.Time) error {
	res, err := t.exec(ctx, `UPDATE tokens SET used_at = ? WHERE hash = ? AND used_at = 0`, toMicros(now), hashBytes(hash))
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
		toMicros(used), hashBytes(hash), string(workflows.TokenConfirm), toMicros(used))
	if err != nil {
		return fmt.Errorf("note confirmation: %w", err)
	}
	return nil
}

// TokenGrace is how long an expired link is kept, so that it still answers
// "expired" (410) rather than "unknown" (404) for a while.
const TokenGrace = 30 * 24 * time.Hour

// pruneBatch bounds how many links one write transaction deletes.
const pruneBatch = 500

// PruneTokens deletes links expired for longer than TokenGrace. A used
// confirmation link stays: its use is when the registration was confirmed,
// which orders the waitlist. No index orders links by expiry (it would cost
// every sign-up): the scan runs on a read-only snapshot, which on SQLite
// holds up no writer, and only the deletes by key take the writer.
func (d *DB) PruneTokens(ctx context.Context, now time.Time) (int64, error) {
	var n int64
	for {
		var expired [][]byte
		err := d.view(ctx, func(t *tx) error {
			rows, err := t.query(ctx, `SELECT hash FROM tokens WHERE expires_at < ? AND (used_at = 0 OR purpose <> ?) LIMIT ?`,
				toMicros(now.Add(-TokenGrace)), string(workflows.TokenConfirm), pruneBatch)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var h []byte
				if err := rows.Scan(&h); err != nil {
					return err
				}
				expired = append(expired, h)
			}
			return rows.Err()
		})
		if err != nil || len(expired) == 0 {
			return n, wrapIf(err, "find expired links")
		}
		var deleted int64
		err = d.inTx(ctx, func(t *tx) error {
			hashes := padBatch(expired)
			args := make([]any, 0, len(hashes)+2)
			for _, h := range hashes {
				args = append(args, h)
			}
			// The expiry is checked again: the link may have been used since.
			res, err := t.exec(ctx, `DELETE FROM tokens WHERE hash IN (`+placeholders(len(hashes))+`)
				AND expires_at < ? AND (used_at = 0 OR purpose <> ?)`,
				append(args, toMicros(now.Add(-TokenGrace)), string(workflows.TokenConfirm))...)
			if err != nil {
				return err
			}
			deleted, err = res.RowsAffected()
			return err
		})
		n += deleted
		if err != nil || len(expired) < pruneBatch {
			return n, wrapIf(err, "prune expired links")
		}
	}
}

// wrapIf wraps err with what failed, and leaves nil alone.
func wrapIf(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
