package sqlstore

import (
	"context"
	"fmt"

	"registrar/workflows"
)

const personColumns = `id, email, name, company, irc, timezone, organizer, undeliverable, created_at`

// personRow receives a person's columns, like eventRow.
type personRow struct {
	p       workflows.Person
	created int64
}

func (r *personRow) dest() []any {
	return []any{&r.p.ID, &r.p.Email, &r.p.Name, &r.p.Company, &r.p.IRC, &r.p.Timezone, &r.p.Organizer, &r.p.Undeliverable, &r.created}
}

func (r *personRow) person() workflows.Person {
	p := r.p
	p.Created = fromMicros(r.created)
	return p
}

func scanPerson(s scanner) (workflows.Person, error) {
	var r personRow
	err := s.Scan(r.dest()...)
	return r.person(), err
}

func (t *tx) personWhere(ctx context.Context, where string, arg any) (workflows.Person, error) {
	p, err := scanPerson(t.queryRow(ctx, `SELECT `+personColumns+` FROM people WHERE `+where, arg))
	if err != nil {
		return p, fmt.Errorf("person: %w", classify(t.d, err))
	}
	return p, nil
}

func (t *tx) PersonByEmail(ctx context.Context, email string) (workflows.Person, error) {
	return t.personWhere(ctx, "email = ?", workflows.NormalizeEmail(email))
}

func (t *tx) PersonByID(ctx context.Context, id string) (workflows.Person, error) {
	return t.personWhere(ctx, "id = ?", id)
}

func (t *tx) CreatePerson(ctx context.Context, p workflows.Person) error {
	_, err := t.exec(ctx, `INSERT INTO people (`+personColumns+`) VALUES (`+placeholders(9)+`)`,
		p.ID, workflows.NormalizeEmail(p.Email), p.Name, p.Company, p.IRC, p.Timezone, p.Organizer, p.Undeliverable, toMicros(p.Created))
	if err != nil {
		return fmt.Errorf("insert person: %w", err)
	}
	return nil
}

func (t *tx) CreatePersonIfNew(ctx context.Context, p workflows.Person) (bool, error) {
	res, err := t.exec(ctx, `INSERT INTO people (`+personColumns+`) VALUES (`+placeholders(9)+`) ON CONFLICT (email) DO NOTHING`,
		p.ID, workflows.NormalizeEmail(p.Email), p.Name, p.Company, p.IRC, p.Timezone, p.Organizer, p.Undeliverable, toMicros(p.Created))
	if err != nil {
		return false, fmt.Errorf("insert person: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("insert person: %w", err)
	}
	return n == 1, nil
}

func (t *tx) UpdatePersonDetails(ctx context.Context, p workflows.Person) error {
	res, err := t.exec(ctx, `UPDATE people SET name = ?, company = ?, irc = ?, timezone = ? WHERE id = ?`,
		p.Name, p.Company, p.IRC, p.Timezone, p.ID)
	if err != nil {
		return fmt.Errorf("update person %s: %w", p.ID, err)
	}
	if err := mustAffect(res, "update person"); err != nil {
		return err
	}
	return t.refreshSearch(ctx, p.ID)
}

func (t *tx) SetPersonEmail(ctx context.Context, personID, email string) error {
	res, err := t.exec(ctx, `UPDATE people SET email = ?, undeliverable = ? WHERE id = ?`,
		workflows.NormalizeEmail(email), false, personID)
	if err != nil {
		return fmt.Errorf("change address of %s: %w", personID, classify(t.d, err))
	}
	if err := mustAffect(res, "change address"); err != nil {
		return err
	}
	return t.refreshSearch(ctx, personID)
}

func (t *tx) SetOrganizer(ctx context.Context, personID string, organizer bool) error {
	res, err := t.exec(ctx, `UPDATE people SET organizer = ? WHERE id = ?`, organizer, personID)
	if err != nil {
		return fmt.Errorf("set organizer %s: %w", personID, err)
	}
	return mustAffect(res, "set organizer")
}
