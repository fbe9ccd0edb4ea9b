// Package devmail is the Mailer used while Mailgun is not configured: every
// message lands in the database, readable at /dev/mailbox.
package devmail

import (
	"context"
	"fmt"
	"time"

	"registrar/workflows"
)

// Store keeps dev messages; a second put of the same message ID is a no-op.
type Store interface {
	PutDevMessage(ctx context.Context, msg workflows.Message, at time.Time) error
}

// Mailer writes messages to the dev mailbox.
type Mailer struct {
	Store Store
	Clock workflows.Clock
}

// Send stores m, keyed by its ID so a retry never shows it twice.
func (m *Mailer) Send(ctx context.Context, msg workflows.Message) (string, error) {
	err := m.Store.PutDevMessage(ctx, msg, m.Clock.Now())
	if err != nil {
		return "", fmt.Errorf("dev mailbox: %w", err)
	}
	return "dev:" + msg.ID, nil
}

var _ workflows.BatchMailer = (*Mailer)(nil)

// SendBatch stores each recipient's own copy, with their values filled in
// as Mailgun would, keyed by their send ID.
func (m *Mailer) SendBatch(ctx context.Context, b workflows.BatchMessage) (string, error) {
	for _, r := range b.Recipients {
		err := m.Store.PutDevMessage(ctx, workflows.Message{ID: r.Vars["send_id"], To: r.To,
			Subject: workflows.Expand(b.Subject, r.Vars), Tag: b.Tag, HTML: workflows.Expand(b.HTML, r.Vars),
			Text: workflows.Expand(b.Text, r.Vars)}, m.Clock.Now())
		if err != nil {
			return "", fmt.Errorf("dev mailbox: %w", err)
		}
	}
	return "dev:" + b.ID, nil
}
