package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

const pairingColumns = `p.id, p.event_id, p.student_registration_id, p.mentor_registration_id,
	p.started_at, p.ended_at, p.end_reason, p.created_by`

func scanPairing(s scanner) (workflows.Pairing, error) {
	var (
		p              workflows.Pairing
		started, ended int64
	)
	err := s.Scan(&p.ID, &p.EventID, &p.StudentID, &p.MentorID, &started, &ended, &p.EndReason, &p.CreatedBy)
	p.Started, p.Ended = fromMicros(started), fromMicros(ended)
	return p, err
}

func (t *tx) CreatePairing(ctx context.Context, p workflows.Pairing) error {
	_, err := t.exec(ctx, `INSERT INTO pairings (id, event_id, student_registration_id, mentor_registration_id,
		started_at, ended_at, end_reason, created_by) VALUES (`+placeholders(8)+`)`,
		p.ID, p.EventID, p.StudentID, p.MentorID, toMicros(p.Started), toMicros(p.Ended), p.EndReason, p.CreatedBy)
	if workflows.KindOf(err) == workflows.Conflict {
		return workflows.Wrap(workflows.Conflict, "This student has a mentor already.", err)
	}
	if err != nil {
		return fmt.Errorf("insert pairing: %w", err)
	}
	return nil
}

func (t *tx) EndPairing(ctx context.Context, id string, at time.Time, reason string) error {
	res, err := t.exec(ctx, `UPDATE pairings SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at = 0`,
		toMicros(at), reason, id)
	if err != nil {
		return fmt.Errorf("end pairing %s: %w", id, err)
	}
	return mustAffect(res, "end pairing")
}

func (t *tx) PairingByID(ctx context.Context, id string) (workflows.Pairing, error) {
	p, err := scanPairing(t.queryRow(ctx, `SELECT `+pairingColumns+` FROM pairings p WHERE p.id = ?`, id))
	if err != nil {
		return p, fmt.Errorf("pairing %s: %w", id, classify(t.d, err))
	}
	return p, nil
}

func (t *tx) OpenPairingOfStudent(ctx context.Context, studentRegistrationID string) (workflows.Pairing, error) {
	p, err := scanPairing(t.queryRow(ctx, `SELECT `+pairingColumns+` FROM pairings p
		WHERE p.student_registration_id = ? AND p.ended_at = 0`, studentRegistrationID))
	if err != nil {
		return p, fmt.Errorf("open pairing of %s: %w", studentRegistrationID, classify(t.d, err))
	}
	return p, nil
}

func (t *tx) OpenPairingsOfMentor(ctx context.Context, mentorRegistrationID string) ([]workflows.Pairing, error) {
	return t.pairings(ctx, `p.mentor_registration_id = ? AND p.ended_at = 0 ORDER BY p.started_at, p.id`, mentorRegistrationID)
}

func (t *tx) OpenPairingsOfEvent(ctx context.Context, eventID string) ([]workflows.Pairing, error) {
	return t.pairings(ctx, `p.event_id = ? AND p.ended_at = 0 ORDER BY p.started_at, p.id`, eventID)
}

func (t *tx) PairingsOfPerson(ctx context.Context, personID string) ([]workflows.Pairing, error) {
	return t.pairings(ctx, `p.student_registration_id IN (SELECT id FROM registrations WHERE person_id = ?)
		OR p.mentor_registration_id IN (SELECT id FROM registrations WHERE person_id = ?)
		ORDER BY p.started_at DESC, p.id`, personID, personID)
}

func (t *tx) pairings(ctx context.Context, where string, args ...any) ([]workflows.Pairing, error) {
	rows, err := t.query(ctx, `SELECT `+pairingColumns+` FROM pairings p WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("list pairings: %w", err)
	}
	defer rows.Close()
	var out []workflows.Pairing
	for rows.Next() {
		p, err := scanPairing(rows)
		if err != nil {
			return nil, fmt.Errorf("scan pairing: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
