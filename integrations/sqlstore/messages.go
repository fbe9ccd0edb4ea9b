package sqlstore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"registrar/workflows"
)

const messageColumns = `id, event_id, author_id, roles, statuses, subject, body, audience_hash, recipients, created_at, sent_at`

func scanMessage(s scanner) (workflows.CohortMessage, error) {
	var (
		m               workflows.CohortMessage
		roles, statuses string
		created, sent   int64
	)
	err := s.Scan(&m.ID, &m.EventID, &m.AuthorID, &roles, &statuses, &m.Subject, &m.Body, &m.AudienceHash, &m.Recipients, &created, &sent)
	for _, r := range strings.Split(roles, ",") {
		if r != "" {
			m.Roles = append(m.Roles, workflows.Role(r))
		}
	}
	for _, st := range strings.Split(statuses, ",") {
		if st != "" {
			m.Statuses = append(m.Statuses, workflows.Status(st))
		}
	}
	m.Created, m.Sent = fromMicros(created), fromMicros(sent)
	return m, err
}

func joined[T ~string](xs []T) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = string(x)
	}
	return strings.Join(parts, ",")
}

func (t *tx) CreateMessage(ctx context.Context, m workflows.CohortMessage) error {
	_, err := t.exec(ctx, `INSERT INTO messages (`+messageColumns+`) VALUES (`+placeholders(11)+`)`,
		m.ID, m.EventID, m.AuthorID, joined(m.Roles), joined(m.Statuses), m.Subject, m.Body, m.AudienceHash, m.Recipients,
		toMicros(m.Created), toMicros(m.Sent))
	if err != nil {
		return fmt.Errorf("insert message: %w", err)
	}
	return nil
}

func (t *tx) MessageByID(ctx context.Context, id string) (workflows.CohortMessage, error) {
	m, err := scanMessage(t.queryRow(ctx, `SELECT `+messageColumns+` FROM messages WHERE id = ?`, id))
	if err != nil {
		return m, fmt.Errorf("message %s: %w", id, classify(t.d, err))
	}
	return m, nil
}

func (t *tx) MarkMessageSent(ctx context.Context, id string, recipients int, now time.Time) error {
	res, err := t.exec(ctx, `UPDATE messages SET sent_at = ?, recipients = ? WHERE id = ? AND sent_at = 0`, toMicros(now), recipients, id)
	if err != nil {
		return fmt.Errorf("mark message %s sent: %w", id, err)
	}
	return mustAffect(res, "mark message sent")
}

func (t *tx) MessagesOfEvent(ctx context.Context, eventID string) ([]workflows.CohortMessage, error) {
	rows, err := t.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE event_id = ? ORDER BY created_at DESC, id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	defer rows.Close()
	var out []workflows.CohortMessage
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("scan message: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Audience lists the reachable people of an event in roles and statuses.
func (t *tx) Audience(ctx context.Context, eventID string, roles []workflows.Role, statuses []workflows.Status, c workflows.Category) ([]workflows.AudienceMember, error) {
	if len(roles) == 0 || len(statuses) == 0 {
		return nil, nil
	}
	args := []any{eventID}
	for _, r := range roles {
		args = append(args, string(r))
	}
	for _, s := range statuses {
		args = append(args, string(s))
	}
	rows, err := t.query(ctx, `SELECT p.id, r.id, p.name, p.email, r.role, r.status
		FROM registrations r JOIN people p ON p.id = r.person_id
		WHERE r.event_id = ? AND r.role IN (`+placeholders(len(roles))+`) AND r.status IN (`+placeholders(len(statuses))+`)`+reachable+`
		ORDER BY p.name, p.email`, append(args, reachableArgs(c)...)...)
	if err != nil {
		return nil, fmt.Errorf("audience: %w", err)
	}
	defer rows.Close()
	var out []workflows.AudienceMember
	for rows.Next() {
		var (
			a            workflows.AudienceMember
			role, status string
		)
		if err := rows.Scan(&a.PersonID, &a.RegistrationID, &a.Name, &a.Email, &role, &status); err != nil {
			return nil, fmt.Errorf("scan audience: %w", err)
		}
		a.Role, a.Status = workflows.Role(role), workflows.Status(status)
		out = append(out, a)
	}
	return out, rows.Err()
}
