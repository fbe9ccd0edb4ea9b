package sqlstore

import (
	"context"
	"fmt"

	"registrar/workflows"
)

// ProgressFacts reads the active students with their open pairing, then
// three grouped queries (steps done, newest check-ins, latest activity) that
// read only those students' rows, and joins them here. Set-wise queries, not
// a subquery per student: PostgreSQL runs a correlated subplan per row at
// several times the cost, and SQLite is as fast either way.
func (t *tx) ProgressFacts(ctx context.Context, eventID string) ([]workflows.ProgressFact, error) {
	ev, err := t.EventByID(ctx, eventID)
	if err != nil {
		return nil, err
	}
	out, err := t.activeStudents(ctx, ev)
	if err != nil {
		return nil, err
	}
	byStudent, byPairing := make(map[string]*workflows.ProgressFact, len(out)), make(map[string]*workflows.ProgressFact, len(out))
	for i := range out {
		byStudent[out[i].Student.ID] = &out[i]
		if id := out[i].Pairing.ID; id != "" {
			byPairing[id] = &out[i]
		}
	}
	done, err := t.stepsDone(ctx, eventID)
	if err != nil {
		return nil, err
	}
	for id, n := range done {
		if f := byStudent[id]; f != nil {
			f.StepsDone = n
		}
	}
	last, err := t.LastActivity(ctx, eventID)
	if err != nil {
		return nil, err
	}
	for id, at := range last {
		if f := byStudent[id]; f != nil {
			f.LastActivity = at
		}
	}
	// Each open pairing's newest week (ISO week labels sort as text), found
	// by a grouped MAX that walks the (pairing, week) key in order, then the
	// rows fetched by that key. A correlated "week = (SELECT MAX …)" made
	// PostgreSQL compare every check-in with every pairing, and a window
	// over all check-ins made SQLite sort them all.
	latest, err := t.checkIns(ctx, `SELECT `+checkInColumns+` FROM check_ins c
		WHERE (c.pairing_id, c.week) IN (SELECT c2.pairing_id, MAX(c2.week)
			FROM check_ins c2 JOIN pairings p ON p.id = c2.pairing_id
			WHERE p.event_id = ? AND p.ended_at = 0 GROUP BY c2.pairing_id)`, eventID)
	if err != nil {
		return nil, err
	}
	for _, c := range latest {
		if f := byPairing[c.PairingID]; f != nil {
			f.LastCheckIn = c
		}
	}
	return out, nil
}

// activeStudents reads the event's active students, each with their person
// and open pairing, in sign-up order.
func (t *tx) activeStudents(ctx context.Context, ev workflows.Event) ([]workflows.ProgressFact, error) {
	rows, err := t.query(ctx, `SELECT `+registrationColumns+`, `+qualified("pe", personColumns)+`,
		COALESCE(p.id, ''), COALESCE(p.mentor_registration_id, ''), COALESCE(p.started_at, 0), COALESCE(p.created_by, '')
		FROM registrations r
		JOIN people pe ON pe.id = r.person_id
		LEFT JOIN pairings p ON p.student_registration_id = r.id AND p.ended_at = 0
		WHERE r.event_id = ? AND r.role = 'student' AND r.status = 'active'
		ORDER BY r.created_at, r.id`, ev.ID)
	if err != nil {
		return nil, fmt.Errorf("active students of %s: %w", ev.ID, err)
	}
	defer rows.Close()
	var out []workflows.ProgressFact
	for rows.Next() {
		var (
			f       workflows.ProgressFact
			person  personRow
			started int64
		)
		p := &f.Pairing
		if f.Student.Registration, err = scanRegistration(rows, append(person.dest(), &p.ID, &p.MentorID, &started, &p.CreatedBy)...); err != nil {
			return nil, fmt.Errorf("scan active student: %w", err)
		}
		f.Student.Event, f.Student.Person = ev, person.person()
		if p.ID != "" {
			p.EventID, p.StudentID, p.Started = ev.ID, f.Student.ID, fromMicros(started)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// stepsDone counts, per active student of the event, the done steps that
// are on the event's checklist.
func (t *tx) stepsDone(ctx context.Context, eventID string) (map[string]int, error) {
	return t.counts(ctx, `SELECT sp.registration_id, COUNT(*) FROM step_progress sp
		JOIN registrations r ON r.id = sp.registration_id
		JOIN event_steps s ON s.event_id = r.event_id AND s.step_key = sp.step_key
		WHERE r.event_id = ? AND r.role = 'student' AND r.status = 'active'
		GROUP BY sp.registration_id`, eventID)
}

func (t *tx) MentorsOfEvent(ctx context.Context, eventID string) ([]workflows.RegistrationView, error) {
	ev, err := t.EventByID(ctx, eventID)
	if err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+registrationColumns+`,
		`+qualified("pe", personColumns)+`
		FROM registrations r JOIN people pe ON pe.id = r.person_id
		WHERE r.event_id = ? AND r.role = 'mentor' ORDER BY r.created_at, r.id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("mentors of %s: %w", eventID, err)
	}
	defer rows.Close()
	var out []workflows.RegistrationView
	for rows.Next() {
		var (
			v      workflows.RegistrationView
			person personRow
		)
		if v.Registration, err = scanRegistration(rows, person.dest()...); err != nil {
			return nil, fmt.Errorf("scan mentor: %w", err)
		}
		v.Event, v.Person = ev, person.person()
		out = append(out, v)
	}
	return out, rows.Err()
}

func (t *tx) StudentStepCounts(ctx context.Context, eventID string) (map[string]int, error) {
	return t.counts(ctx, `SELECT sp.step_key, COUNT(*) FROM step_progress sp
		JOIN registrations r ON r.id = sp.registration_id
		WHERE r.event_id = ? AND r.role = 'student' GROUP BY sp.step_key`, eventID)
}

// counts runs a query of (key, count) rows into a map.
func (t *tx) counts(ctx context.Context, query string, args ...any) (map[string]int, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("count: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var (
			key string
			n   int
		)
		if err := rows.Scan(&key, &n); err != nil {
			return nil, fmt.Errorf("scan count: %w", err)
		}
		out[key] = n
	}
	return out, rows.Err()
}
