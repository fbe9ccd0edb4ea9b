package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

const stepColumns = `event_id, step_key, position, title, description, doc_url, optional, evidence, agreement`

func (t *tx) CreateSteps(ctx context.Context, eventID string, steps []workflows.Step) error {
	for _, s := range steps {
		s.EventID = eventID
		if _, err := t.exec(ctx, `INSERT INTO event_steps (`+stepColumns+`) VALUES (`+placeholders(9)+`)`, stepArgs(s)...); err != nil {
			return fmt.Errorf("insert step %s: %w", s.Key, err)
		}
	}
	return nil
}

func stepArgs(s workflows.Step) []any {
	return []any{s.EventID, s.Key, s.Position, s.Title, s.Description, s.DocURL, s.Optional, string(s.Evidence), string(s.Agreement)}
}

func (t *tx) StepsOfEvent(ctx context.Context, eventID string) ([]workflows.Step, error) {
	rows, err := t.query(ctx, `SELECT `+stepColumns+` FROM event_steps WHERE event_id = ? ORDER BY position, step_key`, eventID)
	if err != nil {
		return nil, fmt.Errorf("list steps: %w", err)
	}
	defer rows.Close()
	var out []workflows.Step
	for rows.Next() {
		var (
			s                   workflows.Step
			evidence, agreement string
		)
		if err := rows.Scan(&s.EventID, &s.Key, &s.Position, &s.Title, &s.Description, &s.DocURL, &s.Optional, &evidence, &agreement); err != nil {
			return nil, fmt.Errorf("scan step: %w", err)
		}
		s.Evidence, s.Agreement = workflows.EvidenceKind(evidence), workflows.Agreement(agreement)
		out = append(out, s)
	}
	return out, rows.Err()
}

func (t *tx) PutStep(ctx context.Context, s workflows.Step) error {
	_, err := t.exec(ctx, `INSERT INTO event_steps (`+stepColumns+`) VALUES (`+placeholders(9)+`)
		ON CONFLICT (event_id, step_key) DO UPDATE SET position = excluded.position, title = excluded.title,
		description = excluded.description, doc_url = excluded.doc_url, optional = excluded.optional,
		evidence = excluded.evidence, agreement = excluded.agreement`, stepArgs(s)...)
	if err != nil {
		return fmt.Errorf("put step %s: %w", s.Key, err)
	}
	return nil
}

func (t *tx) DeleteStep(ctx context.Context, eventID, key string) error {
	res, err := t.exec(ctx, `DELETE FROM event_steps WHERE event_id = ? AND step_key = ?`, eventID, key)
	if err != nil {
		return fmt.Errorf("delete step %s: %w", key, err)
	}
	return mustAffect(res, "delete step")
}

func (t *tx) MarkStep(ctx context.Context, p workflows.StepProgress) error {
	_, err := t.exec(ctx, `INSERT INTO step_progress (registration_id, step_key, done_at, evidence, marked_by, verified_by, verified_at)
		VALUES (`+placeholders(7)+`)
		ON CONFLICT (registration_id, step_key) DO UPDATE SET done_at = excluded.done_at, evidence = excluded.evidence,
		marked_by = excluded.marked_by, verified_by = excluded.verified_by, verified_at = excluded.verified_at`,
		p.RegistrationID, p.Key, toMicros(p.Done), p.Evidence, p.MarkedBy, p.VerifiedBy, toMicros(p.Verified))
	if err != nil {
		return fmt.Errorf("mark step %s of %s: %w", p.Key, p.RegistrationID, err)
	}
	return nil
}

func (t *tx) UnmarkStep(ctx context.Context, registrationID, key string) error {
	res, err := t.exec(ctx, `DELETE FROM step_progress WHERE registration_id = ? AND step_key = ?`, registrationID, key)
	if err != nil {
		return fmt.Errorf("unmark step %s of %s: %w", key, registrationID, err)
	}
	return mustAffect(res, "unmark step")
}

func (t *tx) VerifyStep(ctx context.Context, registrationID, key, by string, at time.Time) error {
	res, err := t.exec(ctx, `UPDATE step_progress SET verified_by = ?, verified_at = ? WHERE registration_id = ? AND step_key = ?`,
		by, toMicros(at), registrationID, key)
	if err != nil {
		return fmt.Errorf("verify step %s of %s: %w", key, registrationID, err)
	}
	return mustAffect(res, "verify step")
}

const progressColumns = `sp.registration_id, sp.step_key, sp.done_at, sp.evidence, sp.marked_by, sp.verified_by, sp.verified_at`

func (t *tx) ProgressOf(ctx context.Context, registrationID string) ([]workflows.StepProgress, error) {
	return t.progress(ctx, `SELECT `+progressColumns+` FROM step_progress sp WHERE sp.registration_id = ? ORDER BY sp.done_at, sp.step_key`, registrationID)
}

func (t *tx) progress(ctx context.Context, query string, args ...any) ([]workflows.StepProgress, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list step progress: %w", err)
	}
	defer rows.Close()
	var out []workflows.StepProgress
	for rows.Next() {
		var (
			p              workflows.StepProgress
			done, verified int64
		)
		if err := rows.Scan(&p.RegistrationID, &p.Key, &done, &p.Evidence, &p.MarkedBy, &p.VerifiedBy, &verified); err != nil {
			return nil, fmt.Errorf("scan step progress: %w", err)
		}
		p.Done, p.Verified = fromMicros(done), fromMicros(verified)
		out = append(out, p)
	}
	return out, rows.Err()
}
