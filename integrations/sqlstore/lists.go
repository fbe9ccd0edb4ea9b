package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"registrar/workflows"
)

// matching is the WHERE clause of a registration query, without paging.
func matching(eventID string, q workflows.RegistrationQuery) (string, []any) {
	where, args := []string{"r.event_id = ?"}, []any{eventID}
	if q.Role != "" {
		where, args = append(where, "r.role = ?"), append(args, string(q.Role))
	}
	if q.Status != "" {
		where, args = append(where, "r.status = ?"), append(args, string(q.Status))
	}
	if q.Search != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(q.Search) + "%"
		where = append(where, `(LOWER(p.name) LIKE ? ESCAPE '\' OR p.email LIKE ? ESCAPE '\')`)
		args = append(args, like, like)
	}
	return strings.Join(where, " AND "), args
}

// RegistrationPage reads one page by keyset on (created_at, id), which
// registrations_event_created serves in order.
func (t *tx) RegistrationPage(ctx context.Context, eventID string, q workflows.RegistrationQuery) ([]workflows.RegistrationDetail, error) {
	where, args := matching(eventID, q)
	if q.After != "" {
		where += " AND (r.created_at, r.id) > (SELECT a.created_at, a.id FROM registrations a WHERE a.id = ?)"
		args = append(args, q.After)
	}
	args = append(args, q.Limit)
	rows, err := t.query(ctx, `SELECT `+registrationColumns+`, r.withdraw_reason, r.confirmed_at, r.waitlisted_at,
		`+qualified("e", eventColumns)+`, `+qualified("p", personColumns)+`
		FROM registrations r JOIN events e ON e.id = r.event_id JOIN people p ON p.id = r.person_id
		WHERE `+where+` ORDER BY r.created_at, r.id LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("registration page: %w", err)
	}
	defer rows.Close()
	var out []workflows.RegistrationDetail
	for rows.Next() {
		var (
			d         workflows.RegistrationDetail
			confirmed int64
			waited    int64
			er        eventRow
			pr        personRow
		)
		dest := append([]any{&d.WithdrawReason, &confirmed, &waited}, append(er.dest(), pr.dest()...)...)
		if d.Registration, err = scanRegistration(rows, dest...); err != nil {
			return nil, fmt.Errorf("scan registration: %w", err)
		}
		if d.Event, err = er.event(); err != nil {
			return nil, err
		}
		d.Confirmed, d.Waitlisted, d.Person = fromMicros(confirmed), fromMicros(waited), pr.person()
		out = append(out, d)
	}
	return out, rows.Err()
}

func (t *tx) CountMatching(ctx context.Context, eventID string, q workflows.RegistrationQuery) (int, error) {
	where, args := matching(eventID, q)
	var n int
	err := t.queryRow(ctx, `SELECT COUNT(*) FROM registrations r JOIN people p ON p.id = r.person_id WHERE `+where, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count registrations: %w", classify(t.d, err))
	}
	return n, nil
}

// WaitlistIDs orders as workflows.WaitlistOrder does: by the time the
// registration joined the waitlist, then sign-up order.
func (t *tx) WaitlistIDs(ctx context.Context, eventID string, role workflows.Role) ([]string, error) {
	ids, err := t.strings(ctx, `SELECT r.id FROM registrations r
		WHERE r.event_id = ? AND r.role = ? AND r.status = ?
		ORDER BY r.waitlisted_at, r.created_at, r.id`,
		eventID, string(role), string(workflows.StatusWaitlisted))
	if err != nil {
		return nil, fmt.Errorf("waitlist: %w", err)
	}
	return ids, nil
}

// EventCounts counts an event's registrations by role and status from the
// index registrations_event_role_status alone.
func (t *tx) EventCounts(ctx context.Context, eventID string) ([]workflows.RegistrationCount, error) {
	return t.registrationCounts(ctx, `SELECT event_id, role, status, COUNT(*) FROM registrations WHERE event_id = ? GROUP BY event_id, role, status`, eventID)
}
