package workflows

import (
	"context"
	"fmt"
)

// Delivery sends queued emails: the handler of JobSendEmail.
type Delivery struct {
	Store  Store
	Mailer Mailer
	Clock  Clock
}

// Send delivers one queued email. An email already marked sent is done; a
// retry after an unknown outcome tells the mailer to look before sending.
func (d *Delivery) Send(ctx context.Context, job JobRef) (string, error) {
	var (
		e          Email
		suppressed bool
	)
	err := d.Store.InTx(ctx, func(tx Tx) error {
		var err error
		if e, err = tx.Emails.EmailByID(ctx, job.Key); err != nil || e.Status != EmailQueued || e.PersonID == "" {
			return err
		}
		p, err := tx.People.PersonByID(ctx, e.PersonID)
		if err != nil {
			return err
		}
		// A hard bounce stopped mail to this address: sending again would
		// only hurt the domain's reputation.
		if suppressed = p.Undeliverable; suppressed {
			return tx.Emails.SetEmailStatus(ctx, e.ID, EmailFailed)
		}
		// A spam complaint stops all but what the person asks for.
		if e.Kind.Asked() {
			return nil
		}
		if suppressed, err = tx.People.HasComplained(ctx, p.ID); err != nil || !suppressed {
			return err
		}
		return tx.Emails.SetEmailStatus(ctx, e.ID, EmailSuppressed)
	})
	if err != nil {
		return "", fmt.Errorf("load email %s: %w", job.Key, err)
	}
	if e.Status != EmailQueued || suppressed {
		return e.ProviderID, nil
	}
	providerID, err := d.Mailer.Send(ctx, Message{ID: e.ID, To: e.To, Subject: e.Subject, HTML: e.HTML, Text: e.Text,
		Tag: string(e.Kind), MaybeSent: job.Attempt > 1})
	if err != nil {
		return "", fmt.Errorf("send email %s: %w", e.ID, err)
	}
	err = d.Store.InTx(ctx, func(tx Tx) error { return tx.Emails.MarkEmailSent(ctx, e.ID, providerID, d.Clock.Now()) })
	if err != nil {
		return "", fmt.Errorf("record email %s sent: %w", e.ID, err)
	}
	return providerID, nil
}
