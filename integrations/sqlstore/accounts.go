package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

func (t *tx) CreateSignIn(ctx context.Context, s workflows.SignIn) error {
	_, err := t.exec(ctx, `INSERT INTO sign_ins (id, person_id, created_at) VALUES (?, ?, ?)`,
		s.ID, s.PersonID, toMicros(s.Created))
	if err != nil {
		return fmt.Errorf("insert sign-in: %w", err)
	}
	return nil
}

func (t *tx) SignInByID(ctx context.Context, id string) (workflows.SignIn, error) {
	s := workflows.SignIn{ID: id}
	var created int64
	err := t.queryRow(ctx, `SELECT person_id, created_at FROM sign_ins WHERE id = ?`, id).Scan(&s.PersonID, &created)
	if err != nil {
		return s, fmt.Errorf("sign-in: %w", classify(t.d, err))
	}
	s.Created = fromMicros(created)
	return s, nil
}

func (t *tx) DeleteSignIn(ctx context.Context, id string) error {
	res, err := t.exec(ctx, `DELETE FROM sign_ins WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete sign-in: %w", err)
	}
	return mustAffect(res, "delete sign-in")
}

func (t *tx) DeleteSignInsBefore(ctx context.Context, before time.Time) error {
	if _, err := t.exec(ctx, `DELETE FROM sign_ins WHERE created_at < ?`, toMicros(before)); err != nil {
		return fmt.Errorf("delete old sign-ins: %w", err)
	}
	return nil
}

func (t *tx) RolesOf(ctx context.Context, personID string) (student, mentor bool, err error) {
	rows, err := t.query(ctx, `SELECT DISTINCT role FROM registrations WHERE person_id = ?`, personID)
	if err != nil {
		return false, false, fmt.Errorf("roles of %s: %w", personID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var role string
		if err := rows.Scan(&role); err != nil {
			return false, false, fmt.Errorf("scan role: %w", err)
		}
		student = student || workflows.Role(role) == workflows.RoleStudent
		mentor = mentor || workflows.Role(role) == workflows.RoleMentor
	}
	return student, mentor, rows.Err()
}
