package workflows

import (
	"context"
	"time"
)

// prerendered is a sign-up's confirmation email rendered before the write
// transaction: rendering is a good part of a sign-up's CPU, and the write
// transaction is the one thing sign-ups do one at a time (SQLite has a
// single writer). The transaction uses it when what it then reads renders
// the same email, and renders again otherwise.
type prerendered struct {
	token, hash string
	data        SignupEmail // Link set
	content     EmailContent
	ok          bool
}

// eventFacts is what a confirmation email says about its event.
type eventFacts struct{ title, dates, location string }

func factsOf(ev Event) eventFacts {
	return eventFacts{title: ev.Title, dates: FormatDates(ev), location: ev.Location}
}

// noteEvent remembers what a transaction read of an event, for the next
// sign-up's prerender.
func (s *Signups) noteEvent(slug string, f eventFacts) {
	if old, ok := s.events.Load(slug); !ok || old.(eventFacts) != f {
		s.events.Store(slug, f)
	}
}

// SerialWriter is a Store whose write transactions run one at a time
// (SQLite's single writer). Only there is work moved out of them worth the
// extra read: with PostgreSQL's parallel writers it costs round trips and
// buys nothing.
type SerialWriter interface {
	SerialWrites() bool
}

// prerender renders the confirmation email the sign-up will most likely
// get: the event as the last sign-up to it read it (nothing is prerendered
// for an event's first), and the person read on a read-only snapshot for
// the greeting. A wrong guess (an event edited meanwhile) only costs a
// second render in the transaction; any failure leaves it to the
// transaction, which reports it.
func (s *Signups) prerender(ctx context.Context, in SignupInput) prerendered {
	p := prerendered{}
	p.token, p.hash = NewToken()
	if sw, ok := s.Store.(SerialWriter); !ok || !sw.SerialWrites() {
		return p
	}
	f, ok := s.events.Load(in.EventSlug)
	if !ok {
		return p
	}
	ev := f.(eventFacts)
	// The name as the transaction will greet them: none for someone new or
	// unconfirmed.
	name := ""
	err := s.Store.View(ctx, func(tx Tx) error {
		person, err := tx.People.PersonByEmail(ctx, in.Email)
		if KindOf(err) == NotFound {
			return nil
		} else if err != nil {
			return err
		}
		name, err = salutation(ctx, tx.Registrations, person)
		return err
	})
	if err != nil {
		return p
	}
	p.data = SignupEmail{Name: name, EventTitle: ev.title, EventDates: ev.dates, Location: ev.location, Role: in.Role,
		Link: s.Links.Confirm(p.token)}
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
