package workflows

import (
	"context"
	"time"
)

// prerendered is a sign-up's confirmation email rendered before the write
// transaction: rendering is about a third of a sign-up's CPU, and the write
// transaction is the one thing sign-ups do one at a time (SQLite has a
// single writer). The transaction uses it when what it then reads renders
// the same email, and renders again otherwise.
type prerendered struct {
	token, hash string
	data        SignupEmail // Link set
	content     EmailContent
	ok          bool
}

// SerialWriter is a Store whose write transactions run one at a time
// (SQLite's single writer). Only there is work moved out of them worth the
// extra read: with PostgreSQL's parallel writers it costs round trips and
// buys nothing.
type SerialWriter interface {
	SerialWrites() bool
}

// prerender reads the event and the person on a read-only snapshot and
// renders the confirmation email they would get. Any failure leaves it to
// the transaction, which reports it.
func (s *Signups) prerender(ctx context.Context, in SignupInput) prerendered {
	p := prerendered{}
	p.token, p.hash = NewToken()
	if sw, ok := s.Store.(SerialWriter); !ok || !sw.SerialWrites() {
		return p
	}
	err := s.Store.View(ctx, func(tx Tx) error {
		ev, err := tx.Events.EventBySlug(ctx, in.EventSlug)
		if err != nil {
			return err
		}
		// The name as the transaction will greet them: none for someone new
		// or unconfirmed.
		name := ""
		if person, err := tx.People.PersonByEmail(ctx, in.Email); err == nil {
			if name, err = salutation(ctx, tx.Registrations, person); err != nil {
				return err
			}
		} else if KindOf(err) != NotFound {
			return err
		}
		p.data = SignupEmail{Name: name, EventTitle: ev.Title, EventDates: FormatDates(ev), Location: ev.Location,
			Role: in.Role, Link: s.Links.Confirm(p.token)}
		return nil
	})
	if err != nil {
		return p
	}
	if p.content, err = s.Emails.ConfirmSignup(p.data); err == nil {
		p.ok = true
	}
	return p
}

// confirmEmail queues the confirmation email for data, reusing the
// prerendered one when it says the same.
func (s *Signups) confirmEmail(ctx context.Context, emails EmailStore, to Person, p prerendered, data SignupEmail, now time.Time) error {
	if p.ok && p.data == data {
		return emails.QueueEmail(ctx, Email{ID: NewID(), Kind: EmailConfirmSignup, PersonID: to.ID, To: to.Email,
			Subject: p.content.Subject, HTML: p.content.HTML, Text: p.content.Text, Status: EmailQueued, Created: now})
	}
	return s.queue(ctx, emails, to, EmailConfirmSignup, s.Emails.ConfirmSignup, data, now)
}
