package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"registrar/workflows"
)

// QueueEmail stores the message and its send job in the caller's transaction.
func (t *tx) QueueEmail(ctx context.Context, e workflows.Email) error {
	var person sql.NullString
	if e.PersonID != "" {
		person = sql.NullString{String: e.PersonID, Valid: true}
	}
	_, err := t.exec(ctx, `INSERT INTO outbound_emails (id, kind, person_id, to_addr, subject, status, created_at)
		VALUES (`+placeholders(7)+`)`,
		e.ID, string(e.Kind), person, e.To, e.Subject, string(workflows.EmailQueued), toMicros(e.Created))
	if err != nil {
		return fmt.Errorf("insert email: %w", err)
	}
	// The bodies wait in a table of their own until the provider takes them.
	if _, err := t.exec(ctx, `INSERT INTO email_bodies (email_id, html_body, text_body) VALUES (?, ?, ?)`, e.ID, e.HTML, e.Text); err != nil {
		return fmt.Errorf("insert email bodies: %w", err)
	}
	return t.Enqueue(ctx, workflows.JobSendEmail, e.ID, e.Created)
}

// emailColumns read an email with its bodies while it has them.
const emailColumns = `id, kind, person_id, to_addr, subject, COALESCE(b.html_body, ''), COALESCE(b.text_body, ''),
	status, provider_id, created_at, sent_at`

const emailsWithBodies = `outbound_emails LEFT JOIN email_bodies b ON b.email_id = id`

func scanEmail(s scanner) (workflows.Email, error) {
	var (
		e             workflows.Email
		kind, status  string
		person        sql.NullString
		created, sent int64
	)
	err := s.Scan(&e.ID, &kind, &person, &e.To, &e.Subject, &e.HTML, &e.Text, &status, &e.ProviderID, &created, &sent)
	e.Kind, e.Status, e.PersonID = workflows.EmailKind(kind), workflows.EmailStatus(status), person.String
	e.Created, e.Sent = fromMicros(created), fromMicros(sent)
	return e, err
}

func (t *tx) EmailByID(ctx context.Context, id string) (workflows.Email, error) {
	e, err := scanEmail(t.queryRow(ctx, `SELECT `+emailColumns+` FROM `+emailsWithBodies+` WHERE id = ?`, id))
	if err != nil {
		return e, fmt.Errorf("email %s: %w", id, classify(t.d, err))
	}
	return e, nil
}

// emailsWhere lists the emails matching where, in order.
func (t *tx) emailsWhere(ctx context.Context, where, order string, args ...any) ([]workflows.Email, error) {
	rows, err := t.query(ctx, `SELECT `+emailColumns+` FROM `+emailsWithBodies+` WHERE `+where+` ORDER BY `+order, args...)
	if err != nil {
		return nil, fmt.Errorf("list emails: %w", err)
	}
	defer rows.Close()
	var out []workflows.Email
	for rows.Next() {
		e, err := scanEmail(rows)
		if err != nil {
			return nil, fmt.Errorf("scan email: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// MarkEmailSent records the provider's ID and drops the bodies: they may
// hold live links (sign-in, confirmation), which must not outlive the
// hand-over in the database or its backups; who, kind, subject, when and
// delivery state stay.
func (t *tx) MarkEmailSent(ctx context.Context, id, providerID string, now time.Time) error {
	res, err := t.exec(ctx, `UPDATE outbound_emails SET status = ?, provider_id = ?, sent_at = ? WHERE id = ?`,
		string(workflows.EmailSent), providerID, toMicros(now), id)
	if err != nil {
		return fmt.Errorf("mark email %s sent: %w", id, err)
	}
	if err := mustAffect(res, "mark email sent"); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM email_bodies WHERE email_id = ?`, id); err != nil {
		return fmt.Errorf("drop bodies of email %s: %w", id, err)
	}
	return nil
}

func (t *tx) CountEmailsSince(ctx context.Context, personID string, kind workflows.EmailKind, since time.Time) (int, error) {
	var n int
	err := t.queryRow(ctx, `SELECT COUNT(*) FROM outbound_emails WHERE person_id = ? AND kind = ? AND created_at >= ?`,
		personID, string(kind), toMicros(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count emails of %s: %w", personID, err)
	}
	return n, nil
}
