package workflows

import (
	"context"
	"fmt"
	"time"
)

// MailEvent is what the mail provider reports about a message we sent.
type MailEvent struct {
	Token      string // unique per webhook call, for replay protection
	Kind       string // delivered, failed, complained, unsubscribed
	Permanent  bool   // for failed: a hard bounce
	ProviderID string
	EmailID    string // our email's ID, which every email carries as a provider variable
	SendID     string // a batch recipient's send row, from a per-recipient variable
}

// MailEvents records delivery reports.
type MailEvents struct {
	Store Store
	Clock Clock
}

// MailOutcome says what Record did, for the log.
type MailOutcome string

const (
	MailRecorded MailOutcome = "recorded"
	MailIgnored  MailOutcome = "ignored" // not ours, or nothing to change
)

// Record applies a delivery report to the email and its person. A token seen
// before is refused (Forbidden), so a captured webhook cannot be replayed.
func (m *MailEvents) Record(ctx context.Context, ev MailEvent) (MailOutcome, error) {
	now := m.Clock.Now()
	outcome := MailIgnored
	err := m.Store.InTx(ctx, func(tx Tx) error {
		if err := tx.Webhooks.RememberWebhookToken(ctx, "mailgun", ev.Token, now); err != nil {
			if KindOf(err) == Conflict {
				return Wrap(Forbidden, "This webhook was delivered before.", err)
			}
			return err
		}
		if ev.SendID != "" {
			var err error
			outcome, err = recordSendEvent(ctx, tx, ev, now)
			return err
		}
		email, err := tx.Emails.ReportedEmail(ctx, ev.EmailID, ev.ProviderID)
		if KindOf(err) == NotFound {
			return nil // another sender on the same domain
		}
		if err != nil {
			return err
		}
		status, person := mailStatus(ev)
		if status == "" {
			return nil
		}
		if err := tx.Emails.SetEmailStatus(ctx, email.ID, status); err != nil {
			return err
		}
		outcome = MailRecorded
		if email.PersonID == "" {
			return nil
		}
		return person(ctx, tx, email.PersonID)
	})
	if err != nil {
		return "", fmt.Errorf("record mail event: %w", err)
	}
	return outcome, nil
}

func noChange(context.Context, Tx, string) error { return nil }

// mailStatus maps a report to the email's status and what it means for the
// person; a temporary failure changes nothing (the provider retries).
func mailStatus(ev MailEvent) (EmailStatus, func(context.Context, Tx, string) error) {
	switch ev.Kind {
	case "delivered":
		return EmailDelivered, noChange
	case "failed":
		if !ev.Permanent {
			return "", nil
		}
		return EmailFailed, func(ctx context.Context, tx Tx, id string) error { return tx.People.MarkUndeliverable(ctx, id) }
	case "complained":
		return EmailComplained, func(ctx context.Context, tx Tx, id string) error { return tx.People.MarkComplained(ctx, id) }
	case "unsubscribed":
		return EmailUnsubscribed, func(ctx context.Context, tx Tx, id string) error { return tx.People.MarkUnsubscribed(ctx, id) }
	}
	return "", nil
}

// recordSendEvent applies a report about one recipient of a batch to their
// send row and, for a hard bounce, complaint or unsubscribe, to the person.
func recordSendEvent(ctx context.Context, tx Tx, ev MailEvent, now time.Time) (MailOutcome, error) {
	snd, err := tx.Sends.SendByID(ctx, ev.SendID)
	if KindOf(err) == NotFound {
		return MailIgnored, nil
	}
	if err != nil {
		return "", err
	}
	status, person := mailStatus(ev)
	if status == "" {
		return MailIgnored, nil
	}
	state := map[EmailStatus]SendState{EmailDelivered: SendDelivered, EmailFailed: SendFailed, EmailComplained: SendComplained}[status]
	if state != "" {
		if err := tx.Sends.SetSendState(ctx, []string{snd.ID}, state, now); err != nil {
			return "", err
		}
	}
	if status == EmailUnsubscribed && snd.BatchID != "" {
		// Mailgun's own unsubscribe link stops the batch's category, as ours does.
		b, err := tx.Sends.BatchByID(ctx, snd.BatchID)
		if err != nil {
			return "", err
		}
		return MailRecorded, tx.Preferences.SetPreference(ctx, snd.PersonID, b.Category, true, now)
	}
	return MailRecorded, person(ctx, tx, snd.PersonID)
}
