package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"registrar/workflows"
)

// EventContent reads an event's content; an event without a row has none.
func (t *tx) EventContent(ctx context.Context, eventID string) (workflows.EventContent, error) {
	var c workflows.EventContent
	err := t.queryRow(ctx, `SELECT description, agenda, venue, prerequisites, contact_email, code_of_conduct
		FROM event_contents WHERE event_id = ?`, eventID).
		Scan(&c.Description, &c.Agenda, &c.Venue, &c.Prerequisites, &c.ContactEmail, &c.CodeOfConduct)
	if errors.Is(err, sql.ErrNoRows) {
		return workflows.EventContent{}, nil
	}
	if err != nil {
		return c, fmt.Errorf("content of event %s: %w", eventID, err)
	}
	return c, nil
}

func (t *tx) SaveEventContent(ctx context.Context, eventID string, c workflows.EventContent, now time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO event_contents (event_id, description, agenda, venue, prerequisites,
			contact_email, code_of_conduct, updated_at) VALUES (`+placeholders(8)+`)
		ON CONFLICT (event_id) DO UPDATE SET description = excluded.description, agenda = excluded.agenda,
			venue = excluded.venue, prerequisites = excluded.prerequisites, contact_email = excluded.contact_email,
			code_of_conduct = excluded.code_of_conduct, updated_at = excluded.updated_at`,
		eventID, c.Description, c.Agenda, c.Venue, c.Prerequisites, c.ContactEmail, c.CodeOfConduct, toMicros(now))
	if err != nil {
		return fmt.Errorf("save content of event %s: %w", eventID, err)
	}
	return nil
}

func (t *tx) AcceptCodeOfConduct(ctx context.Context, registrationID string, a workflows.CoCAcceptance) error {
	return t.execLater(ctx, "record code-of-conduct acceptance of "+registrationID,
		`INSERT INTO coc_acceptances (registration_id, url, accepted_at) VALUES (?, ?, ?)`,
		registrationID, a.URL, toMicros(a.Accepted))
}

func (t *tx) CoCAcceptances(ctx context.Context, personID string) (map[string]workflows.CoCAcceptance, error) {
	rows, err := t.query(ctx, `SELECT a.registration_id, a.url, a.accepted_at FROM coc_acceptances a
		JOIN registrations r ON r.id = a.registration_id WHERE r.person_id = ?`, personID)
	if err != nil {
		return nil, fmt.Errorf("code-of-conduct acceptances of %s: %w", personID, err)
	}
	defer rows.Close()
	out := map[string]workflows.CoCAcceptance{}
	for rows.Next() {
		var (
			id string
			a  workflows.CoCAcceptance
			at int64
		)
		if err := rows.Scan(&id, &a.URL, &at); err != nil {
			return nil, fmt.Errorf("scan acceptance: %w", err)
		}
		a.Accepted = fromMicros(at)
		out[id] = a
	}
	return out, rows.Err()
}
