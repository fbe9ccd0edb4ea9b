package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

const batchColumns = `id, event_id, source_id, kind, category, subject, html_body, text_body, state, provider_id, created_at, sent_at`

func scanBatch(s scanner) (workflows.Batch, error) {
	var bs batchScan
	err := s.Scan(bs.dest()...)
	return bs.batch(), err
}

func (t *tx) BatchByID(ctx context.Context, id string) (workflows.Batch, error) {
	b, err := scanBatch(t.queryRow(ctx, `SELECT `+batchColumns+` FROM send_batches WHERE id = ?`, id))
	if err != nil {
		return b, fmt.Errorf("batch %s: %w", id, classify(t.d, err))
	}
	return b, nil
}

// BatchMembers lists a batch's queued sends with their people; Stopped is
// worked out with the same rule the planner used.
func (t *tx) BatchMembers(ctx context.Context, batchID string) ([]workflows.BatchMember, error) {
	rows, err := t.query(ctx, `SELECT s.id, p.id, s.registration_id, p.email, p.name,
		CASE WHEN p.undeliverable = ? OR p.unsubscribed = ? OR EXISTS (SELECT 1 FROM email_preferences ep
			WHERE ep.person_id = p.id AND ep.category = b.category AND ep.unsubscribed = ?) THEN 1 ELSE 0 END
		FROM sends s JOIN send_batches b ON b.id = s.batch_id JOIN people p ON p.id = s.person_id
		WHERE s.batch_id = ? AND s.state = ? ORDER BY s.id`, true, true, true, batchID, string(workflows.SendQueued))
	if err != nil {
		return nil, fmt.Errorf("batch members: %w", err)
	}
	defer rows.Close()
	var out []workflows.BatchMember
	for rows.Next() {
		var (
			m       workflows.BatchMember
			stopped int
		)
		if err := rows.Scan(&m.SendID, &m.PersonID, &m.RegistrationID, &m.Email, &m.Name, &stopped); err != nil {
			return nil, fmt.Errorf("scan batch member: %w", err)
		}
		m.Stopped = stopped == 1
		out = append(out, m)
	}
	return out, rows.Err()
}

func (t *tx) MarkBatchSent(ctx context.Context, id, providerID string, now time.Time) error {
	// The bodies go once the provider has the batch, as MarkEmailsSent does.
	res, err := t.exec(ctx, `UPDATE send_batches SET state = ?, provider_id = ?, sent_at = ?, html_body = '', text_body = ''
		WHERE id = ?`, string(workflows.SendSent), providerID, toMicros(now), id)
	if err != nil {
		return fmt.Errorf("mark batch %s sent: %w", id, err)
	}
	if err := mustAffect(res, "mark batch sent"); err != nil {
		return err
	}
	_, err = t.exec(ctx, `UPDATE sends SET state = ?, updated_at = ? WHERE batch_id = ? AND state = ?`,
		string(workflows.SendSent), toMicros(now), id, string(workflows.SendQueued))
	if err != nil {
		return fmt.Errorf("mark sends of batch %s sent: %w", id, err)
	}
	return nil
}

func (t *tx) SetSendState(ctx context.Context, ids []string, s workflows.SendState, now time.Time) error {
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := []any{string(s), toMicros(now)}
		for _, id := range chunk {
			args = append(args, id)
		}
		if _, err := t.exec(ctx, `UPDATE sends SET state = ?, updated_at = ? WHERE id IN (`+placeholders(len(chunk))+`)`, args...); err != nil {
			return fmt.Errorf("set send state: %w", err)
		}
	}
	return nil
}

func (t *tx) SendByID(ctx context.Context, id string) (workflows.Send, error) {
	var (
		s                     workflows.Send
		state                 string
		due, created, updated int64
	)
	err := t.queryRow(ctx, `SELECT id, source_id, event_id, person_id, registration_id, period, state, due_at, batch_id, created_at, updated_at
		FROM sends WHERE id = ?`, id).Scan(&s.ID, &s.SourceID, &s.EventID, &s.PersonID, &s.RegistrationID, &s.Period, &state,
		&due, &s.BatchID, &created, &updated)
	if err != nil {
		return s, fmt.Errorf("send %s: %w", id, classify(t.d, err))
	}
	s.State, s.Due, s.Created, s.Updated = workflows.SendState(state), fromMicros(due), fromMicros(created), fromMicros(updated)
	return s, nil
}

func (t *tx) CreateUnsubscribeToken(ctx context.Context, hash, personID string, c workflows.Category, now time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO unsubscribe_tokens (hash, person_id, category, created_at) VALUES (?, ?, ?, ?)`,
		hash, personID, string(c), toMicros(now))
	if err != nil {
		return fmt.Errorf("insert unsubscribe token: %w", err)
	}
	return nil
}

// SendHistory lists an event's batches, newest first, with how their sends
// stand, and its missed sends as one line per rule.
func (t *tx) SendHistory(ctx context.Context, eventID string, limit int) ([]workflows.SendSummary, error) {
	rows, err := t.query(ctx, `SELECT `+qualified("b", batchColumns)+`, s.state, COUNT(s.id)
		FROM send_batches b LEFT JOIN sends s ON s.batch_id = b.id
		WHERE b.id IN (SELECT id FROM send_batches WHERE event_id = ? ORDER BY created_at DESC, id LIMIT ?)
		GROUP BY `+qualified("b", batchColumns)+`, s.state ORDER BY b.created_at DESC, b.id`, eventID, limit)
	if err != nil {
		return nil, fmt.Errorf("send history: %w", err)
	}
	defer rows.Close()
	var out []workflows.SendSummary
	for rows.Next() {
		var (
			bs    batchScan
			state *string
			n     int
		)
		if err := rows.Scan(append(bs.dest(), &state, &n)...); err != nil {
			return nil, fmt.Errorf("scan send history: %w", err)
		}
		b := bs.batch()
		if len(out) == 0 || out[len(out)-1].ID != b.ID {
			out = append(out, workflows.SendSummary{Batch: b, Counts: map[workflows.SendState]int{}})
		}
		if state != nil {
			out[len(out)-1].Counts[workflows.SendState(*state)] += n
		}
	}
	return out, rows.Err()
}

// batchScan receives a batch's columns in a wider row.
type batchScan struct {
	b               workflows.Batch
	category, state string
	created, sent   int64
}

func (s *batchScan) dest() []any {
	return []any{&s.b.ID, &s.b.EventID, &s.b.SourceID, &s.b.Kind, &s.category, &s.b.Subject, &s.b.HTML, &s.b.Text,
		&s.state, &s.b.ProviderID, &s.created, &s.sent}
}

func (s *batchScan) batch() workflows.Batch {
	b := s.b
	b.Category, b.State, b.Created, b.Sent = workflows.Category(s.category), workflows.SendState(s.state), fromMicros(s.created), fromMicros(s.sent)
	return b
}

func (t *tx) SendCounts(ctx context.Context, sourceID string) (map[workflows.SendState]int, error) {
	rows, err := t.query(ctx, `SELECT state, COUNT(*) FROM sends WHERE source_id = ? GROUP BY state`, sourceID)
	if err != nil {
		return nil, fmt.Errorf("send counts: %w", err)
	}
	defer rows.Close()
	out := map[workflows.SendState]int{}
	for rows.Next() {
		var (
			state string
			n     int
		)
		if err := rows.Scan(&state, &n); err != nil {
			return nil, fmt.Errorf("scan send counts: %w", err)
		}
		out[workflows.SendState(state)] = n
	}
	return out, rows.Err()
}
