// Package devmail is the Mailer used while Mailgun is not configured: every
// message lands in the database, readable at /dev/mailbox.
package devmail

import (
	"context"
	"fmt"

	"registrar/integrations/sqlstore"
	"registrar/workflows"
)

// Store keeps dev messages; a second put of the same email ID is a no-op.
type Store interface {
	PutDevMessage(ctx context.Context, m sqlstore.DevMessage) error
}

// Mailer writes messages to the dev mailbox.
type Mailer struct {
	Store Store
	Clock workflows.Clock
}

// Send stores m, keyed by its ID so a retry never shows it twice.
func (m *Mailer) Send(ctx context.Context, msg workflows.Message) (string, error) {
	err := m.Store.PutDevMessage(ctx, sqlstore.DevMessage{EmailID: msg.ID, To: msg.To, Subject: msg.Subject,
		Kind: msg.Tag, HTML: msg.HTML, Text: msg.Text, Created: m.Clock.Now()})
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
		err := m.Store.PutDevMessage(ctx, sqlstore.DevMessage{EmailID: r.Vars["send_id"], To: r.To,
			Subject: workflows.Expand(b.Subject, r.Vars), Kind: b.Tag, HTML: workflows.Expand(b.HTML, r.Vars),
			Text: workflows.Expand(b.Text, r.Vars), Created: m.Clock.Now()})
		if err != nil {
			return "", fmt.Errorf("dev mailbox: %w", err)
		}
	}
	return "dev:" + b.ID, nil
}
