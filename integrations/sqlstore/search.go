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
	if err := t.foldSearch(ctx, searchOf, "WHERE r.person_id = ?", personID); err != nil {
		return fmt.Errorf("refresh search of %s: %w", personID, err)
	}
	return nil
}

// searchOf is the search text of a registration as it is kept today.
func searchOf(_, email, company string, a workflows.Answers) string {
	return searchText(email, company, a)
}

// foldSearch writes the search text (as text makes it) and the sort name of
// the registrations clause selects: one person's, or every one (clause "")
// for a migration.
func (t *tx) foldSearch(ctx context.Context, text func(name, email, company string, a workflows.Answers) string, clause string, args ...any) error {
	rows, err := t.query(ctx, `SELECT r.id, r.answers, p.name, p.email, p.company
		FROM registrations r JOIN people p ON p.id = r.person_id `+clause, args...)
	if err != nil {
		return fmt.Errorf("read registrations: %w", err)
	}
	type update struct{ id, search, name string }
	var updates []update
	for rows.Next() {
		var id, answers, name, email, company string
		if err := rows.Scan(&id, &answers, &name, &email, &company); err != nil {
			rows.Close()
			return fmt.Errorf("scan registration: %w", err)
		}
		var a workflows.Answers
		_ = json.Unmarshal([]byte(answers), &a) // unreadable answers: found by the person alone
		updates = append(updates, update{id, text(name, email, company, a), fold(name)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, u := range updates {
		if _, err := t.exec(ctx, `UPDATE registrations SET search = ?, sort_name = ? WHERE id = ?`, u.search, u.name, u.id); err != nil {
			return fmt.Errorf("fold search of %s: %w", u.id, err)
		}
	}
	return nil
}
