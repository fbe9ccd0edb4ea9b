package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

const checkInColumns = `c.id, c.pairing_id, c.week, c.met, c.state, c.notes, c.next_steps, c.needs_organizer,
	c.author_id, c.created_at, c.updated_at, c.organizer_notified_at`

// checkInRow receives a check-in's columns, like personRow.
type checkInRow struct {
	c                          workflows.CheckIn
	week, state                string
	created, updated, notified int64
}

func (r *checkInRow) dest() []any {
	c := &r.c
	return []any{&c.ID, &c.PairingID, &r.week, &c.Met, &r.state, &c.Notes, &c.NextSteps, &c.NeedsOrganizer,
		&c.AuthorID, &r.created, &r.updated, &r.notified}
}

func (r *checkInRow) checkIn() workflows.CheckIn {
	c := r.c
	c.Week, c.State = workflows.ISOWeek(r.week), workflows.CheckInState(r.state)
	c.Created, c.Updated, c.OrganizerNotified = fromMicros(r.created), fromMicros(r.updated), fromMicros(r.notified)
	return c
}

func scanCheckIn(s scanner) (workflows.CheckIn, error) {
	var r checkInRow
	err := s.Scan(r.dest()...)
	return r.checkIn(), err
}

// InsertCheckIn leans on ON CONFLICT rather than catching the unique
// violation: on PostgreSQL an error aborts the whole transaction.
func (t *tx) InsertCheckIn(ctx context.Context, c workflows.CheckIn) (bool, error) {
	res, err := t.exec(ctx, `INSERT INTO check_ins (id, pairing_id, week, met, state, notes, next_steps, needs_organizer,
		author_id, created_at, updated_at, organizer_notified_at) VALUES (`+placeholders(12)+`)
		ON CONFLICT (pairing_id, week) DO NOTHING`,
		c.ID, c.PairingID, string(c.Week), c.Met, string(c.State), c.Notes, c.NextSteps, c.NeedsOrganizer,
		c.AuthorID, toMicros(c.Created), toMicros(c.Updated), toMicros(c.OrganizerNotified))
	if err != nil {
		return false, fmt.Errorf("insert check-in: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("insert check-in: %w", err)
	}
	return n == 1, nil
}

func (t *tx) UpdateCheckIn(ctx context.Context, c workflows.CheckIn) error {
	res, err := t.exec(ctx, `UPDATE check_ins SET met = ?, state = ?, notes = ?, next_steps = ?, needs_organizer = ?,
		author_id = ?, updated_at = ? WHERE pairing_id = ? AND week = ?`,
		c.Met, string(c.State), c.Notes, c.NextSteps, c.NeedsOrganizer, c.AuthorID, toMicros(c.Updated), c.PairingID, string(c.Week))
	if err != nil {
		return fmt.Errorf("update check-in: %w", err)
	}
	return mustAffect(res, "update check-in")
}

func (t *tx) CheckInFor(ctx context.Context, pairingID string, week workflows.ISOWeek) (workflows.CheckIn, error) {
	c, err := scanCheckIn(t.queryRow(ctx, `SELECT `+checkInColumns+` FROM check_ins c WHERE c.pairing_id = ? AND c.week = ?`,
		pairingID, string(week)))
	if err != nil {
		return c, fmt.Errorf("check-in %s %s: %w", pairingID, week, classify(t.d, err))
	}
	return c, nil
}

func (t *tx) CheckInsOfPairing(ctx context.Context, pairingID string) ([]workflows.CheckIn, error) {
	return t.checkIns(ctx, `SELECT `+checkInColumns+` FROM check_ins c WHERE c.pairing_id = ? ORDER BY c.week DESC`, pairingID)
}

// MarkOrganizerNotified claims the check-in's alert: only the first claim
// changes the row, later ones (another post racing for the same week) are NotFound.
func (t *tx) MarkOrganizerNotified(ctx context.Context, id string, at time.Time) error {
	res, err := t.exec(ctx, `UPDATE check_ins SET organizer_notified_at = ? WHERE id = ? AND organizer_notified_at = 0`, toMicros(at), id)
	if err != nil {
		return fmt.Errorf("mark check-in %s notified: %w", id, err)
	}
	return mustAffect(res, "mark check-in notified")
}

func (t *tx) checkIns(ctx context.Context, query string, args ...any) ([]workflows.CheckIn, error) {
	rows, err := t.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list check-ins: %w", err)
	}
	defer rows.Close()
	var out []workflows.CheckIn
	for rows.Next() {
		c, err := scanCheckIn(rows)
		if err != nil {
			return nil, fmt.Errorf("scan check-in: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
