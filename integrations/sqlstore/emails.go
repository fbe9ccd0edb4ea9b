package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"registrar/workflows"
)

// QueueEmail stores the message and its send job in the caller's transaction.
// The bodies, or a sign-up email's data, wait in a table of their own until
// the provider takes the email.
func (t *tx) QueueEmail(ctx context.Context, e workflows.Email) error {
	var person sql.NullString
	if e.PersonID != "" {
		person = sql.NullString{String: e.PersonID, Valid: true}
	}
	data, err := encodeSignup(e.Signup)
	if err != nil {
		return fmt.Errorf("queue email: %w", err)
	}
	email := []any{e.ID, string(e.Kind), person, e.To, e.Subject, string(workflows.EmailQueued), toMicros(e.Created)}
	bodies := []any{e.ID, e.HTML, e.Text, data}
	job := enqueueArgs(workflows.JobSendEmail, e.ID, e.Created)
	if t.d.writableCTEs {
		// One statement, one round trip instead of three: every sign-up queues an email.
		return t.execLater(ctx, "queue email", `WITH email AS (`+insertEmailSQL+`), bodies AS (`+insertBodiesSQL+`) `+enqueueSQL,
			slices.Concat(email, bodies, job)...)
	}
	if _, err := t.exec(ctx, insertEmailSQL, email...); err != nil {
		return fmt.Errorf("insert email: %w", err)
	}
	if _, err := t.exec(ctx, insertBodiesSQL, bodies...); err != nil {
		return fmt.Errorf("insert email bodies: %w", err)
	}
	if _, err := t.exec(ctx, enqueueSQL, job...); err != nil {
		return fmt.Errorf("enqueue %s %s: %w", workflows.JobSendEmail, e.ID, err)
	}
	return nil
}

const (
	insertEmailSQL = `INSERT INTO outbound_emails (id, kind, person_id, to_addr, subject, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`
	insertBodiesSQL = `INSERT INTO email_bodies (email_id, html_body, text_body, signup_data) VALUES (?, ?, ?, ?)`
)

// signupData is a sign-up email's data as stored (JSON): its own names, so
// renaming a Go field does not lose the emails waiting at an upgrade.
type signupData struct {
	Name       string `json:"name,omitempty"`
	EventTitle string `json:"event_title"`
	EventDates string `json:"event_dates,omitempty"`
	Location   string `json:"location,omitempty"`
	Role       string `json:"role"`
	Link       string `json:"link"`
	Contact    string `json:"contact,omitempty"`
}

func encodeSignup(d *workflows.SignupEmail) (sql.NullString, error) {
	if d == nil {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(signupData{Name: d.Name, EventTitle: d.EventTitle, EventDates: d.EventDates,
		Location: d.Location, Role: string(d.Role), Link: d.Link, Contact: d.Contact})
	if err != nil {
		return sql.NullString{}, fmt.Errorf("encode sign-up email: %w", err)
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

func decodeSignup(s sql.NullString) (*workflows.SignupEmail, error) {
	if !s.Valid {
		return nil, nil
	}
	var d signupData
	if err := json.Unmarshal([]byte(s.String), &d); err != nil {
		return nil, fmt.Errorf("decode sign-up email: %w", err)
	}
	return &workflows.SignupEmail{Name: d.Name, EventTitle: d.EventTitle, EventDates: d.EventDates,
		Location: d.Location, Role: workflows.Role(d.Role), Link: d.Link, Contact: d.Contact}, nil
}

// emailColumns read an email with its bodies while it has them.
const emailColumns = `id, kind, person_id, to_addr, subject, COALESCE(b.html_body, ''), COALESCE(b.text_body, ''),
	b.signup_data, status, provider_id, created_at, sent_at`

const emailsWithBodies = `outbound_emails LEFT JOIN email_bodies b ON b.email_id = id`

// scanEmail reads emailColumns, then the query's extra columns into extra.
func scanEmail(s scanner, extra ...any) (workflows.Email, error) {
	var (
		e             workflows.Email
		kind, status  string
		person, data  sql.NullString
		created, sent int64
	)
	dest := append([]any{&e.ID, &kind, &person, &e.To, &e.Subject, &e.HTML, &e.Text, &data, &status, &e.ProviderID, &created, &sent}, extra...)
	if err := s.Scan(dest...); err != nil {
		return e, err
	}
	e.Kind, e.Status, e.PersonID = workflows.EmailKind(kind), workflows.EmailStatus(status), person.String
	e.Created, e.Sent = fromMicros(created), fromMicros(sent)
	var err error
	e.Signup, err = decodeSignup(data)
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

// EmailsToSend reads the emails with these IDs with their bodies and what
// decides whether they may go (their person's bounce and complaint), in one
// query for the batch.
func (t *tx) EmailsToSend(ctx context.Context, ids []string) ([]workflows.Outgoing, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	ids = padBatch(ids)
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := t.query(ctx, emailsToSendSQL(len(ids)), args...)
	if err != nil {
		return nil, fmt.Errorf("emails to send: %w", err)
	}
	defer rows.Close()
	out := make([]workflows.Outgoing, 0, len(ids))
	for rows.Next() {
		var o workflows.Outgoing
		if o.Email, err = scanEmail(rows, &o.Undeliverable, &o.Complained); err != nil {
			return nil, fmt.Errorf("scan email to send: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// emailsToSendSQL reads n emails by ID (emailColumns) with their person's
// bounce and complaint, each table searched by its primary key.
func emailsToSendSQL(n int) string {
	return `SELECT e.id, e.kind, e.person_id, e.to_addr, e.subject,
			COALESCE(b.html_body, ''), COALESCE(b.text_body, ''), b.signup_data, e.status, e.provider_id, e.created_at, e.sent_at,
			COALESCE(p.undeliverable, FALSE), COALESCE(p.complained, FALSE)
		FROM outbound_emails e LEFT JOIN email_bodies b ON b.email_id = e.id LEFT JOIN people p ON p.id = e.person_id
		WHERE e.id IN (` + placeholders(n) + `)`
}

// markSentSQL sets n emails sent with each its provider ID: args are the
// status, the time, n pairs of ID and provider ID, then the n IDs.
func markSentSQL(n int) string {
	return `UPDATE outbound_emails SET status = ?, sent_at = ?, subject = '',
		provider_id = CASE id` + strings.Repeat(` WHEN ? THEN ?`, n) + ` END
		WHERE id IN (` + placeholders(n) + `)`
}

// MarkEmailsSent records the provider's IDs and drops the bodies (or a
// sign-up email's data), in two statements for the batch: both may hold live links (sign-in,
// confirmation), which must not outlive the hand-over in the database or its
// backups. Who, kind, when, provider ID and delivery state stay; the subject
// goes too (the kind says what the email was), about 40 bytes a sign-up.
func (t *tx) MarkEmailsSent(ctx context.Context, sent []workflows.SentEmail, now time.Time) error {
	if len(sent) == 0 {
		return nil
	}
	distinct := map[string]bool{}
	for _, s := range sent {
		distinct[s.ID] = true
	}
	sent = padBatch(sent)
	args := make([]any, 0, 2+3*len(sent))
	args = append(args, string(workflows.EmailSent), toMicros(now))
	for _, s := range sent {
		args = append(args, s.ID, s.ProviderID)
	}
	ids := make([]any, len(sent))
	for i, s := range sent {
		ids[i] = s.ID
	}
	res, err := t.exec(ctx, markSentSQL(len(sent)), append(args, ids...)...)
	if err != nil {
		return fmt.Errorf("mark %d emails sent: %w", len(distinct), err)
	}
	if n, err := res.RowsAffected(); err != nil || n < int64(len(distinct)) {
		if err != nil {
			return fmt.Errorf("mark emails sent: %w", err)
		}
		return workflows.Errorf(workflows.NotFound, "mark emails sent: %d of %d gone", int64(len(distinct))-n, len(distinct))
	}
	if _, err := t.exec(ctx, `DELETE FROM email_bodies WHERE email_id IN (`+placeholders(len(sent))+`)`, ids...); err != nil {
		return fmt.Errorf("drop bodies of %d emails: %w", len(distinct), err)
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
