package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

const eventColumns = `id, slug, title, location, timezone, starts_on, ends_on,
	student_capacity, mentor_capacity, opens_at, closes_at, closed, created_at`

type scanner interface{ Scan(dest ...any) error }

// eventRow receives an event's columns; its dest and event methods let one
// row of a join fill several of these.
type eventRow struct {
	e                      workflows.Event
	starts, ends           string
	opens, closes, created int64
}

func (r *eventRow) dest() []any {
	return []any{&r.e.ID, &r.e.Slug, &r.e.Title, &r.e.Location, &r.e.Timezone, &r.starts, &r.ends,
		&r.e.StudentCapacity, &r.e.MentorCapacity, &r.opens, &r.closes, &r.e.Closed, &r.created}
}

// event is the row as an event; a stored date that does not read is an
// error, not a zero date that would pass for "not set".
func (r *eventRow) event() (workflows.Event, error) {
	e := r.e
	var startsOK, endsOK bool
	e.StartsOn, startsOK = workflows.ParseDate(r.starts)
	e.EndsOn, endsOK = workflows.ParseDate(r.ends)
	if !startsOK || !endsOK {
		return e, fmt.Errorf("event %s: stored dates %q and %q: not YYYY-MM-DD", e.ID, r.starts, r.ends)
	}
	e.OpensAt, e.ClosesAt, e.Created = fromMicros(r.opens), fromMicros(r.closes), fromMicros(r.created)
	return e, nil
}

func scanEvent(s scanner) (workflows.Event, error) {
	var r eventRow
	if err := s.Scan(r.dest()...); err != nil {
		return workflows.Event{}, err
	}
	return r.event()
}

func (t *tx) CreateEvent(ctx context.Context, e workflows.Event) error {
	_, err := t.exec(ctx, `INSERT INTO events (`+eventColumns+`) VALUES (`+placeholders(13)+`)`,
		e.ID, e.Slug, e.Title, e.Location, e.Timezone, e.StartsOn.String(), e.EndsOn.String(),
		e.StudentCapacity, e.MentorCapacity, toMicros(e.OpensAt), toMicros(e.ClosesAt), e.Closed, toMicros(e.Created))
	if workflows.KindOf(err) == workflows.Conflict {
		return &workflows.Error{Kind: workflows.Conflict, Message: fmt.Sprintf("An event with the slug %q exists already.", e.Slug),
			Fields: map[string]string{"slug": "This slug is taken: choose another."}, Err: err}
	}
	if err != nil {
		return fmt.Errorf("insert event: %w", err)
	}
	return nil
}

func (t *tx) eventWhere(ctx context.Context, where string, arg any) (workflows.Event, error) {
	e, err := scanEvent(t.queryRow(ctx, `SELECT `+eventColumns+` FROM events WHERE `+where, arg))
	if err != nil {
		return e, fmt.Errorf("event %v: %w", arg, classify(t.d, err))
	}
	return e, nil
}

func (t *tx) EventBySlug(ctx context.Context, slug string) (workflows.Event, error) {
	return t.eventWhere(ctx, "slug = ?", slug)
}

func (t *tx) EventForSignup(ctx context.Context, slug string) (workflows.Event, string, error) {
	var (
		r   eventRow
		coc string
	)
	err := t.queryRowFirst(ctx, `SELECT `+eventColumns+`,
		COALESCE((SELECT code_of_conduct FROM event_contents WHERE event_id = events.id), '')
		FROM events WHERE slug = ?`, slug).Scan(append(r.dest(), &coc)...)
	if err != nil {
		return workflows.Event{}, "", fmt.Errorf("event %v: %w", slug, classify(t.d, err))
	}
	e, err := r.event()
	return e, coc, err
}

func (t *tx) EventByID(ctx context.Context, id string) (workflows.Event, error) {
	return t.eventWhere(ctx, "id = ?", id)
}

// ListOpenEvents returns events whose window may be open at now; the
// workflows rules make the final call, so this only trims the obvious.
func (t *tx) ListOpenEvents(ctx context.Context, now time.Time) ([]workflows.Event, error) {
	rows, err := t.query(ctx, `SELECT `+eventColumns+` FROM events
		WHERE closed = ? AND ends_on >= ? ORDER BY starts_on, title`,
		false, now.AddDate(0, 0, -1).Format(time.DateOnly))
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	defer rows.Close()
	var out []workflows.Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("scan event: %w", err)
		}
		if e.OpenAt(now) {
			out = append(out, e)
		}
	}
	return out, rows.Err()
}

func (t *tx) LockEvent(ctx context.Context, id string) error {
	return t.lockRow(ctx, "events", id)
}

// lockRow holds the row of table with id until the transaction ends (on
// SQLite the writer holds everything already); NotFound when it is gone.
func (t *tx) lockRow(ctx context.Context, table, id string) error {
	var got string
	err := t.queryRow(ctx, `SELECT id FROM `+table+` WHERE id = ?`+t.d.forUpdate, id).Scan(&got)
	if err != nil {
		return fmt.Errorf("lock %s %s: %w", table, id, classify(t.d, err))
	}
	return nil
}
