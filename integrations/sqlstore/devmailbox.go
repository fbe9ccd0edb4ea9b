package sqlstore

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

// DevMessage is an email kept in the dev mailbox instead of being sent.
type DevMessage struct {
	EmailID string
	To      string
	Subject string
	Kind    string
	HTML    string
	Text    string
	Created time.Time
}

// PutDevMessage keeps msg in the dev mailbox as sent at, once: a retry with
// the same ID is a no-op, so the dev mailbox is as idempotent as a real
// provider should be. It implements devmail.Store.
func (d *DB) PutDevMessage(ctx context.Context, msg workflows.Message, at time.Time) error {
	return d.inTx(ctx, func(t *tx) error {
		_, err := t.exec(ctx, `INSERT INTO dev_mailbox (email_id, to_addr, subject, kind, html_body, text_body, created_at)
			VALUES (`+placeholders(7)+`) ON CONFLICT (email_id) DO NOTHING`,
			msg.ID, msg.To, msg.Subject, msg.Tag, msg.HTML, msg.Text, toMicros(at))
		if err != nil {
			return fmt.Errorf("insert dev message: %w", err)
		}
		return nil
	})
}

// DevMessages lists the newest dev mailbox messages first.
func (d *DB) DevMessages(ctx context.Context, limit int) ([]DevMessage, error) {
	var out []DevMessage
	err := d.view(ctx, func(t *tx) error {
		rows, err := t.query(ctx, `SELECT email_id, to_addr, subject, kind, html_body, text_body, created_at
			FROM dev_mailbox ORDER BY created_at DESC, email_id LIMIT ?`, limit)
		if err != nil {
			return fmt.Errorf("list dev messages: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			m, err := scanDevMessage(rows)
			if err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// DevMessage returns one dev mailbox message.
func (d *DB) DevMessage(ctx context.Context, emailID string) (DevMessage, error) {
	var m DevMessage
	err := d.view(ctx, func(t *tx) error {
		var err error
		m, err = scanDevMessage(t.queryRow(ctx, `SELECT email_id, to_addr, subject, kind, html_body, text_body, created_at
			FROM dev_mailbox WHERE email_id = ?`, emailID))
		if err != nil {
			return fmt.Errorf("dev message %s: %w", emailID, classify(t.d, err))
		}
		return nil
	})
	return m, err
}

func scanDevMessage(s scanner) (DevMessage, error) {
	var (
		m       DevMessage
		created int64
	)
	err := s.Scan(&m.EmailID, &m.To, &m.Subject, &m.Kind, &m.HTML, &m.Text, &created)
	m.Created = fromMicros(created)
	return m, err
}
