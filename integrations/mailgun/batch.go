package mailgun

import (
	"context"
	"fmt"
	"strings"

	mailgunapi "github.com/mailgun/mailgun-go/v4"

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
		id, err := m.findAccepted(ctx, b.Recipients[0].To, VariableBatchID, b.ID)
		if err != nil {
			return "", fmt.Errorf("look for batch %s at Mailgun: %w", b.ID, err)
		}
		if id != "" {
			return id, nil
		}
	}
	mm, err := m.compose(b.Subject, b.Text, b.HTML, b.Tag, b.Headers)
	if err == nil {
		err = mm.AddVariable(VariableBatchID, b.ID)
	}
	if err == nil {
		// Mailgun fills the placeholder per recipient in the reports too.
		perRecipient := VariableSendID
		if b.OfEmails {
			perRecipient = VariableEmailID
		}
		err = mm.AddVariable(perRecipient, "%recipient.send_id%")
	}
	if err != nil {
		return "", fmt.Errorf("batch %s: %w", b.ID, err)
	}
	seen := map[string]bool{}
	for _, r := range b.Recipients {
		// Mailgun merges the variables of a repeated address: send it once.
		// Its recipient-variables are keyed by the bare address.
		if key := strings.ToLower(address(r.To)); !seen[key] {
			seen[key] = true
			vars := make(map[string]any, len(r.Vars))
			for k, v := range r.Vars {
				vars[k] = v
			}
			if err := mm.AddRecipientAndVariables(address(r.To), vars); err != nil {
				return "", workflows.Errorf(workflows.Invalid, "batch %s: %w", b.ID, err)
			}
		}
	}
	id, err := m.send(ctx, mm)
	if err != nil {
		return "", fmt.Errorf("send batch %s: %w", b.ID, err)
	}
	return id, nil
}
