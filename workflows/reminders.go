package workflows

import (
	"context"
	"fmt"
	"time"
)

// ReminderRenderer renders a reminder, a digest or an organizer's message.
type ReminderRenderer interface {
	Reminder(ReminderEmail) (EmailContent, error)
}

// ReminderEmail is what a reminder says. Its strings may hold
// %recipient.KEY% placeholders, which the provider fills per recipient:
// HTMLBody is plain text (the renderer escapes it) whose person-specific
// placeholders name pre-escaped values, TextBody names the raw ones.
type ReminderEmail struct {
	Kind    string
	Subject string
	// HTMLSubject is Subject for the HTML part's title: its placeholders
	// name the pre-escaped values, as HTMLBody's do.
	HTMLSubject string
	HTMLBody    string
	TextBody    string
	Lines       []string // facts listed under the body, e.g. a digest's counts
	LinkLabel   string
	Link        string // a placeholder, filled per recipient
	Why         string // why the person gets it: the category's description
	// Unsubscribe is the placeholder of the recipient's one-click link.
	Unsubscribe string
}

// Reminders plans scheduled reminders and sends them in batches.
type Reminders struct {
	Store  Store
	Clock  Clock
	Emails ReminderRenderer
	Links  Links
	Mailer BatchMailer
}

// RulePass is what one pass did (or, dry, would do) for one rule.
type RulePass struct {
	Event   Event
	Rule    Rule
	Sent    int // sends queued in this pass (dry run: that would be)
	Missed  int // sends recorded as missed
	Batches int // provider calls they make
}

// Run is one scheduler pass as of now: for every rule of every live event it
// inserts one send row per due (rule, person, period) whose period is free,
// grouped into batches of at most MaxBatch with one outbox job each, in one
// transaction per rule. A dry run writes nothing. Any number of passes, on
// any number of instances, send each (rule, person, period) once.
func (s *Reminders) Run(ctx context.Context, now time.Time, dryRun bool) ([]RulePass, error) {
	var rules []EventRule
	err := s.Store.InTx(ctx, func(tx Tx) error {
		if !dryRun {
			if err := ensureRules(ctx, tx, now); err != nil {
				return err
			}
		}
		var err error
		rules, err = tx.Reminders.LiveRules(ctx, now)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reminder rules: %w", err)
	}
	zones := Zones{}
	out := make([]RulePass, 0, len(rules))
	for _, er := range rules {
		var p RulePass
		err := s.Store.InTx(ctx, func(tx Tx) error {
			var err error
			p, err = s.passRule(ctx, tx, er, now, zones, dryRun)
			return err
		})
		if err != nil {
			return out, fmt.Errorf("rule %s of %s: %w", er.Kind, er.Event.Slug, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// ensureRules gives events created before reminders existed their rules.
func ensureRules(ctx context.Context, tx Tx, now time.Time) error {
	events, err := tx.Reminders.EventsWithoutRules(ctx)
	if err != nil {
		return err
	}
	for _, e := range events {
		if err := tx.Reminders.CreateRules(ctx, DefaultRules(e.ID, now)); err != nil {
			return err
		}
	}
	return nil
}

// Plan returns the sends of one rule due at now that are still free, and
// those to record as missed.
func Plan(ctx context.Context, st ReminderStore, er EventRule, now time.Time, zones Zones) (due, missed []Send, err error) {
	if er.Paused {
		return nil, nil, nil
	}
	cands, err := st.Candidates(ctx, er, now)
	if err != nil {
		return nil, nil, err
	}
	evLoc := zones.Load(er.Event.Timezone)
	type planned struct {
		c Candidate
		o Occurrence
		d Decision
	}
	var items []planned
	periods := map[string]bool{}
	for _, c := range cands {
		c.Loc = zones.Load(c.Timezone)
		o, ok := er.Rule.Next(er.Event, evLoc, c, now)
		if !ok {
			continue
		}
		if d := er.Rule.Decide(o, now); d != NotDue {
			items = append(items, planned{c, o, d})
			periods[o.Period] = true
		}
	}
	if len(items) == 0 {
		return nil, nil, nil
	}
	list := make([]string, 0, len(periods))
	for p := range periods {
		list = append(list, p)
	}
	taken, err := st.TakenPeriods(ctx, er.ID, list)
	if err != nil {
		return nil, nil, err
	}
	for _, it := range items {
		if taken[it.c.PersonID+"|"+it.o.Period] {
			continue
		}
		snd := Send{SourceID: er.ID, EventID: er.EventID, PersonID: it.c.PersonID, RegistrationID: it.c.RegistrationID,
			Period: it.o.Period, State: SendQueued, Due: it.o.Due, Created: now, Updated: now}
		if it.d == Miss {
			snd.State = SendMissed
			missed = append(missed, snd)
			continue
		}
		due = append(due, snd)
	}
	return due, missed, nil
}

func (s *Reminders) passRule(ctx context.Context, tx Tx, er EventRule, now time.Time, zones Zones, dryRun bool) (RulePass, error) {
	p := RulePass{Event: er.Event, Rule: er.Rule}
	st := tx.Reminders
	due, missed, err := Plan(ctx, st, er, now, zones)
	if err != nil || dryRun {
		p.Sent, p.Missed, p.Batches = len(due), len(missed), (len(due)+MaxBatch-1)/MaxBatch
		return p, err
	}
	for i := range missed {
		missed[i].ID = NewID()
	}
	if p.Missed, err = st.InsertSends(ctx, missed); err != nil {
		return p, err
	}
	if len(due) == 0 {
		return p, nil
	}
	content, err := renderRule(ctx, tx, s.Emails, er, now)
	if err != nil {
		return p, err
	}
	p.Sent, p.Batches, err = queueBatches(ctx, tx, due, Batch{EventID: er.EventID, SourceID: er.ID, Kind: string(er.Kind),
		Category: er.Kind.Category(), Subject: content.Subject, HTML: content.HTML, Text: content.Text, Created: now})
	return p, err
}

// queueBatches inserts sends in batches of at most MaxBatch, each batch with
// its outbox job; sends whose period was taken meanwhile (another instance)
// are left out, and a batch left empty is not created.
func queueBatches(ctx context.Context, tx Tx, sends []Send, tmpl Batch) (sent, batches int, err error) {
	for start := 0; start < len(sends); start += MaxBatch {
		chunk := sends[start:min(start+MaxBatch, len(sends))]
		b := tmpl
		b.ID, b.State = NewID(), SendQueued
		for i := range chunk {
			chunk[i].ID, chunk[i].BatchID = NewID(), b.ID
		}
		n, err := tx.Reminders.InsertSends(ctx, chunk)
		if err != nil {
			return sent, batches, err
		}
		if n == 0 {
			continue
		}
		if err := tx.Reminders.CreateBatch(ctx, b); err != nil {
			return sent, batches, err
		}
		if err := tx.Jobs.Enqueue(ctx, JobSendBatch, b.ID, tmpl.Created); err != nil {
			return sent, batches, err
		}
		sent, batches = sent+n, batches+1
	}
	return sent, batches, nil
}

// eventValues are the placeholders filled in when a batch is planned.
func eventValues(e Event) map[string]string {
	return map[string]string{"event_title": e.Title, "event_location": e.Location,
		"event_start": e.StartsOn.In(time.UTC).Format("Monday 2 January 2006"),
		"event_end":   e.EndsOn.In(time.UTC).Format("Monday 2 January 2006")}
}

// personValues maps person-specific placeholders to recipient variables;
// html picks the pre-escaped variants.
func personValues(vals map[string]string, html bool) map[string]string {
	out := make(map[string]string, len(vals)+len(personPlaceholders))
	for k, v := range vals {
		out[k] = v
	}
	for _, k := range personPlaceholders {
		if html && k != "link" {
			out[k] = recipientVar(k + "_html")
			continue
		}
		out[k] = recipientVar(k)
	}
	return out
}

// Wording fills subject and body for a batch: event values now, person
// values as recipient variables.
func Wording(e Event, subject, body string) ReminderEmail {
	vals := eventValues(e)
	return ReminderEmail{
		Subject:     Fill(subject, personValues(vals, false)),
		HTMLSubject: Fill(subject, personValues(vals, true)),
		HTMLBody:    Fill(body, personValues(vals, true)),
		TextBody:    Fill(body, personValues(vals, false)),
		Link:        recipientVar("link"),
		Unsubscribe: recipientVar("unsubscribe_url"),
	}
}

// renderRule renders a rule's mail with %recipient.…% placeholders.
func renderRule(ctx context.Context, tx Tx, emails ReminderRenderer, er EventRule, now time.Time) (EmailContent, error) {
	m := Wording(er.Event, er.Subject, er.Body)
	m.Kind, m.Why = string(er.Kind), er.Kind.Category().Describe()
	m.LinkLabel = map[RuleKind]string{RuleEventSoon: "See the event", RuleUnconfirmed: "Confirm my place",
		RuleCheckInDue: "Record check-ins", RuleStudentNudge: "Open my page", RuleOrganizerDigest: "Open the event"}[er.Kind]
	if er.Kind == RuleOrganizerDigest {
		d, err := tx.Reminders.DigestFacts(ctx, er.EventID, now.Add(-7*24*time.Hour))
		if err != nil {
			return EmailContent{}, err
		}
		m.Lines = d.Lines()
	}
	return emails.Reminder(m)
}
