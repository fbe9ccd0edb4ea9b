package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

func (t *tx) UnsubscribeToken(ctx context.Context, hash string) (string, workflows.Category, error) {
	var person, category string
	err := t.queryRow(ctx, `SELECT person_id, category FROM unsubscribe_tokens WHERE hash = ?`, hash).Scan(&person, &category)
	if err != nil {
		return "", "", fmt.Errorf("unsubscribe token: %w", classify(t.d, err))
	}
	return person, workflows.Category(category), nil
}

func (t *tx) SetPreference(ctx context.Context, personID string, c workflows.Category, unsubscribed bool, now time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO email_preferences (person_id, category, unsubscribed, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (person_id, category) DO UPDATE SET unsubscribed = excluded.unsubscribed, updated_at = excluded.updated_at`,
		personID, string(c), unsubscribed, toMicros(now))
	if err != nil {
		return fmt.Errorf("set preference: %w", err)
	}
	return nil
}

func (t *tx) Unsubscribed(ctx context.Context, personID string) (map[workflows.Category]bool, error) {
	cats, err := t.strings(ctx, `SELECT category FROM email_preferences WHERE person_id = ? AND unsubscribed = ?`, personID, true)
	if err != nil {
		return nil, fmt.Errorf("preferences: %w", err)
	}
	out := map[workflows.Category]bool{}
	for _, c := range cats {
		out[workflows.Category(c)] = true
	}
	return out, nil
}
