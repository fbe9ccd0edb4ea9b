package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

func (t *tx) RecordActivity(ctx context.Context, a workflows.Activity) error {
	_, err := t.exec(ctx, `INSERT INTO activity (id, event_id, registration_id, kind, step_key, week, at)
		VALUES (`+placeholders(7)+`)`, a.ID, a.EventID, a.RegistrationID, string(a.Kind), a.StepKey, string(a.Week), toMicros(a.At))
	if err != nil {
		return fmt.Errorf("record activity: %w", err)
	}
	return nil
}

func (t *tx) LastActivity(ctx context.Context, eventID string) (map[string]time.Time, error) {
	rows, err := t.query(ctx, `SELECT registration_id, MAX(at) FROM activity WHERE event_id = ? GROUP BY registration_id`, eventID)
	if err != nil {
		return nil, fmt.Errorf("last activity: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Time{}
	for rows.Next() {
		var (
			id string
			at int64
		)
		if err := rows.Scan(&id, &at); err != nil {
			return nil, fmt.Errorf("scan last activity: %w", err)
		}
		out[id] = fromMicros(at)
	}
	return out, rows.Err()
}

func (t *tx) LastActivityOf(ctx context.Context, registrationID string) (time.Time, error) {
	var at int64
	err := t.queryRow(ctx, `SELECT COALESCE(MAX(at), 0) FROM activity WHERE registration_id = ?`, registrationID).Scan(&at)
	if err != nil {
		return time.Time{}, fmt.Errorf("last activity of %s: %w", registrationID, classify(t.d, err))
	}
	return fromMicros(at), nil
}

func (t *tx) WeeklyActivity(ctx context.Context, eventID string) ([]workflows.WeekActivity, error) {
	rows, err := t.query(ctx, `SELECT week, kind, COUNT(*) FROM activity WHERE event_id = ?
		GROUP BY week, kind ORDER BY week, kind`, eventID)
	if err != nil {
		return nil, fmt.Errorf("weekly activity: %w", err)
	}
	defer rows.Close()
	var out []workflows.WeekActivity
	for rows.Next() {
		var (
			w          workflows.WeekActivity
			week, kind string
		)
		if err := rows.Scan(&week, &kind, &w.N); err != nil {
			return nil, fmt.Errorf("scan weekly activity: %w", err)
		}
		w.Week, w.Kind = workflows.ISOWeek(week), workflows.ActivityKind(kind)
		out = append(out, w)
	}
	return out, rows.Err()
}
