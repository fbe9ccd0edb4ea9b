package sqlstore

import (
	"context"
	"encoding/base64"
	"fmt"
	"time"

	"registrar/workflows"
)

// Sessions keeps browser sessions in the database, so they survive restarts
// and are shared by every instance. It satisfies scs.Store and scs.CtxStore
// (github.com/alexedwards/scs/v2) without importing it. The session manager
// hashes tokens before they reach the store, so a leaked table opens no
// session.
type Sessions struct {
	db    *DB
	clock workflows.Clock
}

// Sessions returns the session store; clock decides when a session has expired.
func (d *DB) Sessions(clock workflows.Clock) *Sessions {
	return &Sessions{db: d, clock: clock}
}

// FindCtx returns a live session's data; an unknown or expired token is not
// found, without an error.
func (s *Sessions) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data string
	err := s.db.view(ctx, func(t *tx) error {
		return t.queryRow(ctx, `SELECT data FROM sessions WHERE token = ? AND expires_at > ?`,
			token, toMicros(s.clock.Now())).Scan(&data)
	})
	if workflows.KindOf(classify(s.db.dialect, err)) == workflows.NotFound {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("find session: %w", err)
	}
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return nil, false, nil // tampered with: treat as no session
	}
	return b, true, nil
}

// CommitCtx stores a session until expiry, replacing what the token held,
// and clears out expired sessions on the way.
func (s *Sessions) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return s.db.inTx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, toMicros(s.clock.Now())); err != nil {
			return fmt.Errorf("delete expired sessions: %w", err)
		}
		_, err := t.exec(ctx, `INSERT INTO sessions (token, data, expires_at) VALUES (?, ?, ?)
			ON CONFLICT (token) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
			token, base64.StdEncoding.EncodeToString(b), toMicros(expiry))
		if err != nil {
			return fmt.Errorf("commit session: %w", err)
		}
		return nil
	})
}

// DeleteCtx removes a session; an unknown token is fine.
func (s *Sessions) DeleteCtx(ctx context.Context, token string) error {
	return s.db.inTx(ctx, func(t *tx) error {
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE token = ?`, token); err != nil {
			return fmt.Errorf("delete session: %w", err)
		}
		return nil
	})
}

// Find, Commit and Delete are the context-free scs.Store methods; the
// session manager calls the Ctx versions.
func (s *Sessions) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s *Sessions) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

func (s *Sessions) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }
