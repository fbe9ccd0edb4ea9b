package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"registrar/workflows"
)

const registrationColumns = `r.id, r.event_id, r.person_id, r.role, r.status, r.answers, r.created_at, r.updated_at`

func scanRegistration(s scanner, extra ...any) (workflows.Registration, error) {
	var (
		r                workflows.Registration
		role, status     string
		answers          string
		created, updated int64
	)
	dest := append([]any{&r.ID, &r.EventID, &r.PersonID, &role, &status, &answers, &created, &updated}, extra...)
	if err := s.Scan(dest...); err != nil {
		return r, err
	}
	r.Role, r.Status = workflows.Role(role), workflows.Status(status)
	r.Created, r.Updated = fromMicros(created), fromMicros(updated)
	if err := json.Unmarshal([]byte(answers), &r.Answers); err != nil {
		return r, fmt.Errorf("decode answers of %s: %w", r.ID, err)
	}
	return r, nil
}

func (t *tx) CreateRegistration(ctx context.Context, r workflows.Registration, p workflows.Person) error {
	if p.ID != r.PersonID {
		return fmt.Errorf("insert registration %s: person %s given for %s", r.ID, p.ID, r.PersonID)
	}
	answers, err := json.Marshal(r.Answers)
	if err != nil {
		return fmt.Errorf("encode answers: %w", err)
	}
	// The caller's copy of the person, not a read of it: every sign-up
	// creates or reads the person just before.
	name, email, company := p.Name, workflows.NormalizeEmail(p.Email), p.Company
	return t.execLater(ctx, "insert registration", `INSERT INTO registrations (id, event_id, person_id, role, status, answers, created_at, updated_at, search, sort_name)
		VALUES (`+placeholders(10)+`)`,
		r.ID, r.EventID, r.PersonID, string(r.Role), string(r.Status), string(answers), toMicros(r.Created), toMicros(r.Updated),
		searchText(email, company, r.Answers), fold(name))
}

func (t *tx) RegistrationFor(ctx context.Context, eventID, personID string) (workflows.Registration, error) {
	r, err := scanRegistration(t.queryRow(ctx, `SELECT `+registrationColumns+` FROM registrations r
		WHERE r.event_id = ? AND r.person_id = ?`, eventID, personID))
	if err != nil {
		return r, fmt.Errorf("registration: %w", classify(t.d, err))
	}
	return r, nil
}

// RegistrationByID loads a registration with its event and person in one
// query: sync batches and confirmations call it for every registration.
func (t *tx) RegistrationByID(ctx context.Context, id string) (workflows.RegistrationView, error) {
	var (
		er eventRow
		pr personRow
	)
	r, err := scanRegistration(t.queryRow(ctx, `SELECT `+registrationColumns+`, `+qualified("e", eventColumns)+`, `+qualified("p", personColumns)+`
		FROM registrations r JOIN events e ON e.id = r.event_id JOIN people p ON p.id = r.person_id
		WHERE r.id = ?`, id), append(er.dest(), pr.dest()...)...)
	if err != nil {
		return workflows.RegistrationView{}, fmt.Errorf("registration %s: %w", id, classify(t.d, err))
	}
	e, err := er.event()
	if err != nil {
		return workflows.RegistrationView{}, fmt.Errorf("registration %s: %w", id, err)
	}
	return workflows.RegistrationView{Registration: r, Event: e, Person: pr.person()}, nil
}

// SetRegistrationStatus sets the status; a registration joining the
// waitlist is stamped with now, which puts it at the end of the line (one
// already waiting keeps its place).
func (t *tx) SetRegistrationStatus(ctx context.Context, id string, s workflows.Status, now time.Time) error {
	q, args := `UPDATE registrations SET status = ?, updated_at = ? WHERE id = ?`, []any{string(s), toMicros(now), id}
	if s == workflows.StatusWaitlisted {
		q = `UPDATE registrations SET status = ?, updated_at = ?,
			waitlisted_at = CASE WHEN status = ? THEN waitlisted_at ELSE ? END WHERE id = ?`
		args = []any{string(s), toMicros(now), string(s), toMicros(now), id}
	}
	res, err := t.exec(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("set status of %s: %w", id, err)
	}
	return mustAffect(res, "set registration status")
}

func (t *tx) CountSeats(ctx context.Context, eventID string, role workflows.Role) (int, error) {
	seats := workflows.SeatStatuses()
	args := []any{eventID, string(role)}
	for _, s := range seats {
		args = append(args, string(s))
	}
	var n int
	// From the counts the triggers keep (see registration_counts.go), not by
	// walking the event's registrations: this runs on every sign-up.
	err := t.queryRow(ctx, `SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM registration_counts
		WHERE event_id = ? AND role = ? AND status IN (`+placeholders(len(seats))+`)`, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count seats: %w", classify(t.d, err))
	}
	return n, nil
}
