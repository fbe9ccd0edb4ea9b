package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"registrar/workflows"
)

func (t *tx) RecordAudit(ctx context.Context, e workflows.AuditEntry) error {
	var seq int64
	if err := t.queryRow(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM audit_log`).Scan(&seq); err != nil {
		return fmt.Errorf("record audit %s: next seq: %w", e.Action, classify(t.d, err))
	}
	_, err := t.exec(ctx, `INSERT INTO audit_log (id, created_at, actor_kind, actor_id, action, event_id, person_id, registration_id, detail, seq)
		VALUES (`+placeholders(10)+`)`,
		e.ID, toMicros(e.At), string(e.ActorKind), e.ActorID, string(e.Action), e.EventID, e.PersonID, e.RegistrationID, e.Detail, seq)
	if err != nil {
		return fmt.Errorf("record audit %s: %w", e.Action, err)
	}
	return nil
}

// auditMatching is the WHERE clause of an audit query, paging aside. Each
// equality has an index ending in the paging key (migration 00063).
func auditMatching(f workflows.AuditFilter) (string, []any) {
	where, args := []string{"1 = 1"}, []any{}
	for _, c := range []struct{ column, value string }{{"a.person_id", f.PersonID}, {"a.event_id", f.EventID},
		{"a.actor_id", f.ActorID}, {"a.actor_kind", string(f.ActorKind)}, {"a.action", string(f.Action)}} {
		if c.value != "" {
			where, args = append(where, c.column+" = ?"), append(args, c.value)
		}
	}
	if f.HideSignIns {
		where, args = append(where, "a.action <> ?"), append(args, string(workflows.AuditSignIn))
	}
	return strings.Join(where, " AND "), args
}

// AuditEntries returns the newest entries first (seq orders the lines of
// one transaction, id breaks ties), with the actor's, the subject's and the
// event's names as they are now. Paging is by keyset on (created_at, seq,
// id): After reads on down from an entry; Before reads up from one, nearest
// first, and turns the page around.
func (t *tx) AuditEntries(ctx context.Context, f workflows.AuditFilter) ([]workflows.AuditEntry, error) {
	where, args := auditMatching(f)
	order := "DESC"
	switch {
	case f.Before != "":
		where += " AND (a.created_at, a.seq, a.id) > (SELECT c.created_at, c.seq, c.id FROM audit_log c WHERE c.id = ?)"
		args, order = append(args, f.Before), "ASC"
	case f.After != "":
		where += " AND (a.created_at, a.seq, a.id) < (SELECT c.created_at, c.seq, c.id FROM audit_log c WHERE c.id = ?)"
		args = append(args, f.After)
	}
	rows, err := t.query(ctx, `SELECT a.id, a.created_at, a.actor_kind, a.actor_id, a.action, a.event_id, a.person_id,
			a.registration_id, a.detail, COALESCE(p.name, ''), COALESCE(p.email, ''), COALESCE(s.name, ''), COALESCE(s.email, ''),
			COALESCE(r.role, ''), COALESCE(e.slug, ''), COALESCE(e.title, '')
		FROM audit_log a
		LEFT JOIN people p ON p.id = a.actor_id
		LEFT JOIN people s ON s.id = a.person_id
		LEFT JOIN registrations r ON r.id = a.registration_id
		LEFT JOIN events e ON e.id = a.event_id
		WHERE `+where+` ORDER BY a.created_at `+order+`, a.seq `+order+`, a.id `+order+` LIMIT ?`, append(args, f.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []workflows.AuditEntry
	for rows.Next() {
		var (
			e                  workflows.AuditEntry
			at                 int64
			kind, action, role string
		)
		if err := rows.Scan(&e.ID, &at, &kind, &e.ActorID, &action, &e.EventID, &e.PersonID, &e.RegistrationID, &e.Detail,
			&e.ActorName, &e.ActorEmail, &e.SubjectName, &e.SubjectEmail, &role, &e.EventSlug, &e.EventTitle); err != nil {
			return nil, fmt.Errorf("scan audit entry: %w", err)
		}
		e.At, e.ActorKind, e.Action, e.Role = fromMicros(at), workflows.AuditActorKind(kind), workflows.AuditAction(action), workflows.Role(role)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	if f.Before != "" {
		slices.Reverse(out)
	}
	return out, nil
}
