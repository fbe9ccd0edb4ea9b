package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"

	"registrar/workflows"
)

// refreshSearch folds again the search and sort text of a person's
// registrations (fold.go). Whatever changes a person's name, address or
// company calls it in the same transaction, or the admin list finds them by
// the old.
func (t *tx) refreshSearch(ctx context.Context, personID string) error {
	rows, err := t.query(ctx, `SELECT r.id, r.answers, p.name, p.email, p.company
		FROM registrations r JOIN people p ON p.id = r.person_id WHERE r.person_id = ?`, personID)
	if err != nil {
		return fmt.Errorf("refresh search of %s: %w", personID, err)
	}
	type update struct{ id, search, name string }
	var updates []update
	for rows.Next() {
		var id, answers, name, email, company string
		if err := rows.Scan(&id, &answers, &name, &email, &company); err != nil {
			rows.Close()
			return fmt.Errorf("refresh search of %s: %w", personID, err)
		}
		var a workflows.Answers
		if err := json.Unmarshal([]byte(answers), &a); err != nil {
			rows.Close()
			return fmt.Errorf("decode answers of %s: %w", id, err)
		}
		updates = append(updates, update{id, searchText(email, company, a), fold(name)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("refresh search of %s: %w", personID, err)
	}
	for _, u := range updates {
		if _, err := t.exec(ctx, `UPDATE registrations SET search = ?, sort_name = ? WHERE id = ?`, u.search, u.name, u.id); err != nil {
			return fmt.Errorf("refresh search of %s: %w", u.id, err)
		}
	}
	return nil
}
