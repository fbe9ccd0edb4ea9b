package workflows

import (
	"context"
	"fmt"
	"sync"
)

// Delivery sends queued emails: the handler of JobSendEmail.
type Delivery struct {
	Store  Store
	Mailer Mailer
	Clock  Clock
	Emails EmailRenderer // renders the sign-up emails queued as data
	// Batch, when set, sends the first try of sign-up emails that differ
	// only in recipient and link in one provider call (delivery_batch.go).
	Batch BatchMailer
	// Parallel is how many sends of a batch run at once (default 8): a
	// request hanging until its timeout then holds up only its own email.
	Parallel int
}

// Outgoing is a queued email with what decides whether it may still go:
// its person's hard bounce and spam complaint.
type Outgoing struct {
	Email
	Undeliverable bool
	Complained    bool
}

// SentEmail is an email the provider took, with the provider's ID for it.
type SentEmail struct {
	ID         string
	ProviderID string
}

func (d *Delivery) parallel() int {
	if d.Parallel > 0 {
		return d.Parallel
	}
	return 8
}

// render puts in the bodies of a sign-up email queued as its data.
func (d *Delivery) render(o *Outgoing) error {
	if o.Signup == nil {
		return nil
	}
	if d.Emails == nil {
		return fmt.Errorf("%s email queued as data, and no renderer to send it", o.Kind)
	}
	c, err := RenderSignup(d.Emails, o.Kind, *o.Signup)
	if err != nil {
		return err
	}
	o.HTML, o.Text = c.HTML, c.Text
	return nil
}

// sendOne sends o on its own; maybeSent asks the mailer to look for an
// earlier try at the provider first.
func (d *Delivery) sendOne(ctx context.Context, o Outgoing, maybeSent bool) JobResult {
	if err := d.render(&o); err != nil {
		return JobResult{Err: fmt.Errorf("send email %s: %w", o.ID, err)}
	}
	id, err := d.Mailer.Send(ctx, Message{ID: o.ID, To: o.To, Subject: o.Subject, HTML: o.HTML, Text: o.Text,
		Tag: string(o.Kind), MaybeSent: maybeSent})
	if err != nil {
		return JobResult{Err: fmt.Errorf("send email %s: %w", o.ID, err)}
	}
	return JobResult{ExternalID: id}
}

// suppressed says why the email must not go out, or "".
func (o Outgoing) suppressed() EmailStatus {
	switch {
	case o.Undeliverable:
		// A hard bounce stopped mail to this address: sending again would
		// only hurt the domain's reputation.
		return EmailFailed
	case o.Complained && !o.Kind.Asked():
		// A spam complaint stops all but what the person asks for.
		return EmailSuppressed
	}
	return ""
}

// SendAll delivers a batch of queued emails: it reads them and their people
// in one read-only snapshot (off SQLite's single writer, which sign-ups wait
// for), sends them at once, at most Parallel calls in flight (sign-up
// emails that may, together: delivery_batch.go), and leaves the writes
// (sent, or suppressed) to the transaction that records the jobs. An
// email already past the outbox is done; a retry after an unknown outcome
// tells the mailer to look before sending.
func (d *Delivery) SendAll(ctx context.Context, jobs []JobRef) JobBatch {
	res := make([]JobResult, len(jobs))
	ids := make([]string, len(jobs))
	for i, j := range jobs {
		ids[i] = j.Key
	}
	var out []Outgoing
	err := d.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = tx.Emails.EmailsToSend(ctx, ids)
		return err
	})
	if err != nil {
		for i := range res {
			res[i].Err = fmt.Errorf("load email %s: %w", jobs[i].Key, err)
		}
		return JobBatch{Results: res}
	}
	byID := make(map[string]Outgoing, len(out))
	for _, o := range out {
		byID[o.ID] = o
	}
	stops := make([]EmailStatus, len(jobs))
	sent := make([]bool, len(jobs))
	outs := make([]Outgoing, len(jobs))
	var todo []int
	for i, j := range jobs {
		o, ok := byID[j.Key]
		switch {
		case !ok:
			res[i].Err = Errorf(NotFound, "load email %s: no such email", j.Key)
		case o.Status != EmailQueued:
			res[i].ExternalID = o.ProviderID
		case o.suppressed() != "":
			stops[i], res[i].ExternalID = o.suppressed(), o.ProviderID
		default:
			outs[i] = o
			todo = append(todo, i)
		}
	}
	groups, alone := d.together(jobs, outs, todo)
	slots := make(chan struct{}, d.parallel())
	var wg sync.WaitGroup
	for _, g := range groups {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			members := make([]Outgoing, len(g))
			for k, i := range g {
				members[k] = outs[i]
			}
			for k, r := range d.sendTogether(ctx, members) {
				res[g[k]], sent[g[k]] = r, r.Err == nil
			}
		})
	}
	for _, i := range alone {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			res[i] = d.sendOne(ctx, outs[i], jobs[i].Attempt > 1)
			sent[i] = res[i].Err == nil
		})
	}
	wg.Wait()
	return JobBatch{Results: res, Commit: func(ctx context.Context, tx Tx, done []int) error {
		var batch []SentEmail
		for _, i := range done {
			switch {
			case sent[i]:
				batch = append(batch, SentEmail{ID: jobs[i].Key, ProviderID: res[i].ExternalID})
			case stops[i] != "":
				if err := tx.Emails.SetEmailStatus(ctx, jobs[i].Key, stops[i]); err != nil {
					return fmt.Errorf("suppress email %s: %w", jobs[i].Key, err)
				}
			}
		}
		if len(batch) == 0 {
			return nil
		}
		return tx.Emails.MarkEmailsSent(ctx, batch, d.Clock.Now())
	}}
}
