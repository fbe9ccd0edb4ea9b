package sqlstore

import (
	"context"
	"fmt"

	"registrar/workflows"
)

func (t *tx) RecordAudit(ctx context.Context, e workflows.AuditEntry) error {
	var seq int64
	if err := t.queryRow(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log`).Scan(&seq); err != nil {
		return fmt.Errorf("record audit %s: next seq: %w", e.Action, classify(t.d, err))
	}
	_, err := t.exec(ctx, `INSERT INTO audit_log (id, created_at, actor_id, action, event_id, person_id, registration_id, detail, seq)
		VALUES (`+placeholders(9)+`)`,
		e.ID, toMicros(e.At), e.ActorID, string(e.Action), e.EventID, e.PersonID, e.RegistrationID, e.Detail, seq)
	if err != nil {
		return fmt.Errorf("record audit %s: %w", e.Action, err)
	}
	return nil
}

// AuditEntries returns the newest entries first (seq orders the lines of
// one transaction), with the actor's and the event's names as they are now.
func (t *tx) AuditEntries(ctx context.Context, f workflows.AuditFilter) ([]workflows.AuditEntry, error) {
	where, args := "1 = 1", []any{}
	if f.PersonID != "" {
		where, args = "a.person_id = ?", append(args, f.PersonID)
	}
	rows, err := t.query(ctx, `SELECT a.id, a.created_at, a.actor_id, a.action, a.event_id, a.person_id, a.registration_id, a.detail,
			COALESCE(p.name, ''), COALESCE(p.email, ''), COALESCE(e.slug, ''), COALESCE(e.title, '')
		FROM audit_log a
		LEFT JOIN people p ON p.id = a.actor_id
		LEFT JOIN events e ON e.id = a.event_id
		WHERE `+where+` ORDER BY a.created_at DESC, a.seq DESC LIMIT ?`, append(args, f.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []workflows.AuditEntry
	for rows.Next() {
		var (
			e      workflows.AuditEntry
			at     int64
			action string
		)
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &action, &e.EventID, &e.PersonID, &e.RegistrationID, &e.Detail,
			&e.ActorName, &e.ActorEmail, &e.EventSlug, &e.EventTitle); err != nil {
			return nil, fmt.Errorf("scan audit entry: %w", err)
		}
		e.At, e.Action = fromMicros(at), workflows.AuditAction(action)
		out = append(out, e)
	}
	return out, rows.Err()
}
