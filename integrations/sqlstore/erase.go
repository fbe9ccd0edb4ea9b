package sqlstore

import (
	"context"
	"fmt"

	"registrar/workflows"
)

// ErasePerson deletes a person and every row that names them, children
// first. Outbox rows keyed by their registrations or emails go too, so no
// queued sync writes the data back; the audit log keeps its lines about them
// without saying who. A table added later that refers to people or
// registrations makes this fail on its foreign key until it is added here.
func (t *tx) ErasePerson(ctx context.Context, personID string) error {
	p, err := t.PersonByID(ctx, personID)
	if err != nil {
		return err
	}
	regIDs, err := t.strings(ctx, `SELECT id FROM registrations WHERE person_id = ?`, personID)
	if err != nil {
		return fmt.Errorf("erase: list registrations: %w", err)
	}
	emailIDs, err := t.strings(ctx, `SELECT id FROM outbound_emails WHERE person_id = ? OR to_addr = ?`, personID, p.Email)
	if err != nil {
		return fmt.Errorf("erase: list emails: %w", err)
	}
	for _, key := range append(regIDs, emailIDs...) {
		if _, err := t.exec(ctx, `DELETE FROM jobs WHERE job_key = ?`, key); err != nil {
			return fmt.Errorf("erase: delete jobs: %w", err)
		}
		if _, err := t.exec(ctx, `DELETE FROM dev_mailbox WHERE email_id = ?`, key); err != nil {
			return fmt.Errorf("erase: delete dev mailbox: %w", err)
		}
	}
	steps := []struct {
		what, query string
		args        []any
	}{
		{"dev mailbox", `DELETE FROM dev_mailbox WHERE to_addr = ?`, []any{p.Email}},
		{"emails", `DELETE FROM outbound_emails WHERE person_id = ? OR to_addr = ?`, []any{personID, p.Email}},
		{"tokens", `DELETE FROM tokens WHERE person_id = ?`, []any{personID}},
		{"sends", `DELETE FROM sends WHERE person_id = ?`, []any{personID}},
		{"email preferences", `DELETE FROM email_preferences WHERE person_id = ?`, []any{personID}},
		{"unsubscribe tokens", `DELETE FROM unsubscribe_tokens WHERE person_id = ?`, []any{personID}},
		{"sign-ins", `DELETE FROM sign_ins WHERE person_id = ?`, []any{personID}},
		{"audit subject", `UPDATE audit_log SET person_id = '', detail = '' WHERE person_id = ?`, []any{personID}},
		{"audit actor", `UPDATE audit_log SET actor_id = '' WHERE actor_id = ?`, []any{personID}},
		// Mentoring rows about their registrations go with them (ON DELETE
		// CASCADE); rows they wrote about others keep the row, not the name.
		{"steps marked", `UPDATE step_progress SET marked_by = '' WHERE marked_by = ?`, []any{personID}},
		{"steps verified", `UPDATE step_progress SET verified_by = '' WHERE verified_by = ?`, []any{personID}},
		{"pairings made", `UPDATE pairings SET created_by = '' WHERE created_by = ?`, []any{personID}},
		{"check-ins written", `UPDATE check_ins SET author_id = '' WHERE author_id = ?`, []any{personID}},
		{"registrations", `DELETE FROM registrations WHERE person_id = ?`, []any{personID}},
		{"person", `DELETE FROM people WHERE id = ?`, []any{personID}},
	}
	for _, s := range steps {
		if _, err := t.exec(ctx, s.query, s.args...); err != nil {
			return fmt.Errorf("erase %s: %w", s.what, err)
		}
	}
	return nil
}

func (t *tx) LockPerson(ctx context.Context, personID string) error {
	return t.lockRow(ctx, "people", personID)
}

func (t *tx) CreateErasure(ctx context.Context, e workflows.Erasure) error {
	_, err := t.exec(ctx, `INSERT INTO erasures (registration_id, event_id, role, card_id, created_at) VALUES (?, ?, ?, ?, ?)`,
		e.RegistrationID, e.EventID, string(e.Role), e.CardID, toMicros(e.Requested))
	if err != nil {
		return fmt.Errorf("insert erasure: %w", err)
	}
	return nil
}

func (t *tx) ErasureByRegistration(ctx context.Context, registrationID string) (workflows.Erasure, error) {
	e := workflows.Erasure{RegistrationID: registrationID}
	var (
		role      string
		requested int64
	)
	err := t.queryRow(ctx, `SELECT event_id, role, card_id, created_at FROM erasures WHERE registration_id = ?`, registrationID).
		Scan(&e.EventID, &role, &e.CardID, &requested)
	if err != nil {
		return e, fmt.Errorf("erasure %s: %w", registrationID, classify(t.d, err))
	}
	e.Role, e.Requested = workflows.Role(role), fromMicros(requested)
	return e, nil
}
