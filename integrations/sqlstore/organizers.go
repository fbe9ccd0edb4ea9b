package sqlstore

import (
	"context"
	"fmt"

	"registrar/workflows"
)

// Organizers lists the organizers by name, for emails that need one of them.
func (t *tx) Organizers(ctx context.Context) ([]workflows.Person, error) {
	rows, err := t.query(ctx, `SELECT `+personColumns+` FROM people WHERE organizer ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list organizers: %w", err)
	}
	defer rows.Close()
	var out []workflows.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, fmt.Errorf("scan organizer: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
