package mailgun

import (
	"context"
	"fmt"
	"strings"
	"time"

	mailgunapi "github.com/mailgun/mailgun-go/v4"
	mailgunevents "github.com/mailgun/mailgun-go/v4/events"

	"registrar/workflows"
)

// User variables of a batch: VariableBatchID carries the batch ID, the same
// for every recipient, so a lost response can be looked up; VariableSendID
// is the recipient's own send ID (Mailgun fills %recipient.send_id% per
// recipient, in user variables too), so each delivery event names its send.
const (
	VariableBatchID = "registrar_batch_id"
	VariableSendID  = "registrar_send_id"
)

var _ workflows.BatchMailer = (*Mailer)(nil)

// SendBatch sends one message to up to 1,000 recipients in one API call,
// with recipient-variables: each recipient is sent their own copy, seeing
// only their own address, and every %recipient.KEY% of the subject, the
// bodies and the headers is replaced with that recipient's value.
//
// When b.MaybeSent says an earlier call's outcome is unknown, SendBatch
// first looks in the events API for an "accepted" event to the batch's first
// recipient carrying the batch ID, as Send does for single emails.
func (m *Mailer) SendBatch(ctx context.Context, b workflows.BatchMessage) (string, error) {
	if n := len(b.Recipients); n == 0 || n > mailgunapi.MaxNumberOfRecipients {
		return "", workflows.Errorf(workflows.Invalid, "batch %s: %d recipients, want 1 to %d", b.ID, n, mailgunapi.MaxNumberOfRecipients)
	}
	if b.MaybeSent {
		id, err := m.findBatch(ctx, b)
		if err != nil {
			return "", fmt.Errorf("look for batch %s at Mailgun: %w", b.ID, err)
		}
		if id != "" {
			return id, nil
		}
	}
	mm := mailgunapi.NewMessage(m.from, b.Subject, b.Text)
	if b.HTML != "" {
		mm.SetHTML(b.HTML)
	}
	if b.Tag != "" {
		if err := mm.AddTag(b.Tag); err != nil {
			return "", workflows.Errorf(workflows.Invalid, "batch %s tag: %w", b.ID, err)
		}
	}
	for k, v := range b.Headers {
		mm.AddHeader(k, v)
	}
	if err := mm.AddVariable(VariableBatchID, b.ID); err != nil {
		return "", fmt.Errorf("batch %s: %w", b.ID, err)
	}
	if err := mm.AddVariable(VariableSendID, "%recipient.send_id%"); err != nil {
		return "", fmt.Errorf("batch %s: %w", b.ID, err)
	}
	seen := map[string]bool{}
	for _, r := range b.Recipients {
		// Mailgun merges the variables of a repeated address: send it once.
		if key := strings.ToLower(address(r.To)); !seen[key] {
			seen[key] = true
			vars := make(map[string]any, len(r.Vars))
			for k, v := range r.Vars {
				vars[k] = v
			}
			if err := mm.AddRecipientAndVariables(r.To, vars); err != nil {
				return "", workflows.Errorf(workflows.Invalid, "batch %s: %w", b.ID, err)
			}
		}
	}
	ctx, n := withNote(ctx)
	_, id, err := m.api.Send(ctx, mm)
	if err != nil {
		return "", fmt.Errorf("send batch %s: %w", b.ID, classify("messages.send", n.wrap(err)))
	}
	return strings.Trim(id, "<>"), nil
}

// findBatch returns the message ID of an accepted batch carrying b.ID, or "".
func (m *Mailer) findBatch(ctx context.Context, b workflows.BatchMessage) (string, error) {
	ctx, n := withNote(ctx)
	it := m.api.ListEvents(&mailgunapi.ListEventOptions{
		Begin:           time.Now(),
		ForceDescending: true,
		Limit:           300,
		Filter:          map[string]string{"event": "accepted", "recipient": address(b.Recipients[0].To)},
	})
	var page []mailgunapi.Event
	for range lookupPages {
		if !it.Next(ctx, &page) {
			break
		}
		for _, e := range page {
			accepted, ok := e.(*mailgunevents.Accepted)
			if ok && userVariable(accepted.UserVariables, VariableBatchID) == b.ID {
				return strings.Trim(accepted.Message.Headers.MessageID, "<>"), nil
			}
		}
	}
	if err := it.Err(); err != nil {
		return "", classify("events.list", n.wrap(err))
	}
	return "", nil
}
