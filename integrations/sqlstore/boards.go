package sqlstore

import (
	"context"
	"fmt"

	"registrar/workflows"
)

// ProgressFacts reads one row per active student. The correlated
// subqueries are each one index probe per student (step_progress's and
// event_steps' keys, activity_registration, check_ins' unique key), so the
// board reads only its students' rows, never the event's whole log.
func (t *tx) ProgressFacts(ctx context.Context, eventID string) ([]workflows.ProgressFact, error) {
	ev, err := t.EventByID(ctx, eventID)
	if err != nil {
		return nil, err
	}
	rows, err := t.query(ctx, `SELECT `+registrationColumns+`,
		`+qualified("pe", personColumns)+`,
		COALESCE(p.id, ''), COALESCE(p.mentor_registration_id, ''), COALESCE(p.started_at, 0), COALESCE(p.created_by, ''),
		(SELECT COUNT(*) FROM step_progress sp JOIN event_steps s ON s.event_id = r.event_id AND s.step_key = sp.step_key
			WHERE sp.registration_id = r.id),
		COALESCE((SELECT MAX(a.at) FROM activity a WHERE a.registration_id = r.id), 0),
		COALESCE(c.id, ''), COALESCE(c.pairing_id, ''), COALESCE(c.week, ''), COALESCE(c.met, FALSE), COALESCE(c.state, ''), COALESCE(c.notes, ''),
		COALESCE(c.next_steps, ''), COALESCE(c.needs_organizer, FALSE), COALESCE(c.author_id, ''),
		COALESCE(c.created_at, 0), COALESCE(c.updated_at, 0), COALESCE(c.organizer_notified_at, 0)
		FROM registrations r
		JOIN people pe ON pe.id = r.person_id
		LEFT JOIN pairings p ON p.student_registration_id = r.id AND p.ended_at = 0
		LEFT JOIN check_ins c ON c.pairing_id = p.id AND c.week = (SELECT MAX(c2.week) FROM check_ins c2 WHERE c2.pairing_id = p.id)
		WHERE r.event_id = ? AND r.role = 'student' AND r.status = 'active'
		ORDER BY r.created_at, r.id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("progress facts: %w", err)
	}
	defer rows.Close()
	var out []workflows.ProgressFact
	for rows.Next() {
		var (
			f                 workflows.ProgressFact
			person            personRow
			started, activity int64
		)
		p := &f.Pairing
		dest := append(person.dest(), &p.ID, &p.MentorID, &started, &p.CreatedBy, &f.StepsDone, &activity)
		ci := checkInRow{}
		if f.Student.Registration, err = scanRegistration(rows, append(dest, ci.dest()...)...); err != nil {
			return nil, fmt.Errorf("scan progress fact: %w", err)
		}
		f.Student.Event, f.Student.Person = ev, person.person()
		if p.ID != "" {
			p.EventID, p.StudentID, p.Started = eventID, f.Student.ID, fromMicros(started)
		}
		f.LastActivity, f.LastCheckIn = fromMicros(activity), ci.checkIn()
		out = append(out, f)
	}
	return out, rows.Err()
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
	rows, err := t.query(ctx, `SELECT sp.step_key, COUNT(*) FROM step_progress sp
		JOIN registrations r ON r.id = sp.registration_id
		WHERE r.event_id = ? AND r.role = 'student' GROUP BY sp.step_key`, eventID)
	if err != nil {
		return nil, fmt.Errorf("step counts of %s: %w", eventID, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var (
			key string
			n   int
		)
		if err := rows.Scan(&key, &n); err != nil {
			return nil, fmt.Errorf("scan step count: %w", err)
		}
		out[key] = n
	}
	return out, rows.Err()
}
