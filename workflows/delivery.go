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
	e, stop, err := d.load(ctx, job.Key)
	if err != nil {
		return "", fmt.Errorf("load email %s: %w", job.Key, err)
	}
	if e.Status != EmailQueued || stop != "" {
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

// load reads the email and whether it may go out on a read-only snapshot:
// only a suppression writes (the status it ends with), so sending mostly
// keeps off SQLite's single writer, which sign-ups wait for.
func (d *Delivery) load(ctx context.Context, id string) (e Email, stop EmailStatus, err error) {
	err = d.Store.View(ctx, func(tx Tx) error {
		var err error
		if e, err = tx.Emails.EmailByID(ctx, id); err != nil || e.Status != EmailQueued || e.PersonID == "" {
			return err
		}
		p, err := tx.People.PersonByID(ctx, e.PersonID)
		if err != nil {
			return err
		}
		// A hard bounce stopped mail to this address: sending again would
		// only hurt the domain's reputation.
		if p.Undeliverable {
			stop = EmailFailed
			return nil
		}
		// A spam complaint stops all but what the person asks for.
		if e.Kind.Asked() {
			return nil
		}
		if complained, err := tx.People.HasComplained(ctx, p.ID); err != nil || !complained {
			return err
		}
		stop = EmailSuppressed
		return nil
	})
	if err != nil || stop == "" {
		return e, stop, err
	}
	return e, stop, d.Store.InTx(ctx, func(tx Tx) error { return tx.Emails.SetEmailStatus(ctx, e.ID, stop) })
}
