package workflows

import (
	"context"
	"fmt"
	"time"
)

// PersonRecord is everything organizers see about one person.
type PersonRecord struct {
	Person        Person
	Registrations []RegistrationDetail
	Emails        []Email     // newest first
	Jobs          []JobStatus // outbox rows keyed by their registrations and emails
	History       []AuditEntry
	Place         map[string]int           // each waitlisted registration's place in line
	CoC           map[string]CoCAcceptance // code-of-conduct acceptances, by registration ID
}

// PeopleAdmin is how organizers look after people: their record, their
// data as JSON, their sync jobs and erasure on request.
type PeopleAdmin struct{ Deps }

// Person returns what the database holds about a person and where its
// copies in other systems stand.
func (a *PeopleAdmin) Person(ctx context.Context, v Viewer, personID string) (PersonRecord, error) {
	if err := v.organizer(); err != nil {
		return PersonRecord{}, err
	}
	var rec PersonRecord
	err := a.Store.View(ctx, func(tx Tx) error {
		var err error
		if rec, err = personRecord(ctx, tx, personID); err != nil {
			return err
		}
		rec.Place = map[string]int{}
		for _, r := range rec.Registrations {
			if r.Status == StatusWaitlisted {
				if rec.Place[r.ID], err = placeOf(ctx, tx, r.Registration); err != nil {
					return err
				}
			}
		}
		rec.History, err = tx.Audit.AuditEntries(ctx, AuditFilter{PersonID: personID, Limit: 50})
		return err
	})
	return rec, err
}

func personRecord(ctx context.Context, tx Tx, personID string) (PersonRecord, error) {
	var rec PersonRecord
	var err error
	if rec.Person, err = tx.People.PersonByID(ctx, personID); err != nil {
		return rec, notFound(err, "There is no such person. They may have been erased.")
	}
	if rec.Registrations, err = tx.Registrations.RegistrationsOfPerson(ctx, personID); err != nil {
		return rec, err
	}
	if rec.Emails, err = tx.Emails.EmailsOfPerson(ctx, personID); err != nil {
		return rec, err
	}
	if rec.CoC, err = tx.Contents.CoCAcceptances(ctx, personID); err != nil {
		return rec, err
	}
	var keys []string
	for _, r := range rec.Registrations {
		keys = append(keys, r.ID)
	}
	for _, e := range rec.Emails {
		keys = append(keys, e.ID)
	}
	rec.Jobs, err = tx.Jobs.JobsFor(ctx, keys)
	return rec, err
}

// PersonExport is a person's data as they may ask for it (the right of
// access): everything the database holds that names them.
type PersonExport struct {
	ExportedAt    time.Time              `json:"exported_at"`
	Person        ExportedPerson         `json:"person"`
	Registrations []ExportedRegistration `json:"registrations"`
	Emails        []ExportedEmail        `json:"emails"`
}

// ExportedPerson is the person's own details.
type ExportedPerson struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Company   string    `json:"company"`
	IRC       string    `json:"irc"`
	Timezone  string    `json:"timezone"`
	Organizer bool      `json:"organizer"`
	Created   time.Time `json:"created_at"`
}

// ExportedRegistration is one registration with its answers.
type ExportedRegistration struct {
	ID             string    `json:"id"`
	Event          string    `json:"event"`
	EventTitle     string    `json:"event_title"`
	Role           Role      `json:"role"`
	Status         Status    `json:"status"`
	Answers        Answers   `json:"answers"`
	WithdrawReason string    `json:"withdraw_reason,omitempty"`
	Created        time.Time `json:"created_at"`
	Confirmed      time.Time `json:"confirmed_at,omitzero"`
	Updated        time.Time `json:"updated_at"`
	// CodeOfConduct is the acceptance given at sign-up, if the event asked.
	CodeOfConduct *CoCAcceptance `json:"code_of_conduct,omitempty"`
}

// ExportedEmail is one message sent, or to be sent, to the person: its
// record, not its body, which may hold a live sign-in or confirmation link
// (and is dropped once sent).
type ExportedEmail struct {
	ID      string      `json:"id"`
	Kind    EmailKind   `json:"kind"`
	Subject string      `json:"subject"`
	Status  EmailStatus `json:"status"`
	Created time.Time   `json:"created_at"`
	Sent    time.Time   `json:"sent_at,omitzero"`
}

// ExportPerson returns a person's data for a subject access request and
// records that it was exported.
func (a *PeopleAdmin) ExportPerson(ctx context.Context, v Viewer, personID string) (PersonExport, error) {
	if err := v.organizer(); err != nil {
		return PersonExport{}, err
	}
	now := a.Clock.Now()
	if err := v.recentSignIn(now); err != nil {
		return PersonExport{}, err
	}
	var out PersonExport
	err := a.Store.InTx(ctx, func(tx Tx) error {
		rec, err := personRecord(ctx, tx, personID)
		if err != nil {
			return err
		}
		p := rec.Person
		out = PersonExport{ExportedAt: now, Person: ExportedPerson{ID: p.ID, Email: p.Email, Name: p.Name, Company: p.Company,
			IRC: p.IRC, Timezone: p.Timezone, Organizer: p.Organizer, Created: p.Created},
			Registrations: []ExportedRegistration{}, Emails: []ExportedEmail{}}
		for _, r := range rec.Registrations {
			er := ExportedRegistration{ID: r.ID, Event: r.Event.Slug, EventTitle: r.Event.Title,
				Role: r.Role, Status: r.Status, Answers: r.Answers, WithdrawReason: r.WithdrawReason,
				Created: r.Created, Confirmed: r.Confirmed, Updated: r.Updated}
			if a, ok := rec.CoC[r.ID]; ok {
				er.CodeOfConduct = &a
			}
			out.Registrations = append(out.Registrations, er)
		}
		for _, e := range rec.Emails {
			out.Emails = append(out.Emails, ExportedEmail{ID: e.ID, Kind: e.Kind, Subject: e.Subject,
				Status: e.Status, Created: e.Created, Sent: e.Sent})
		}
		return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditPersonExport, PersonID: p.ID,
			Detail: fmt.Sprintf("Exported the data of %s as JSON.", p.Name)})
	})
	return out, err
}

// RetryJob makes a waiting or parked outbox job due now (the "retry now"
// button) and returns the ID of the person it concerns, when it can tell.
func (a *PeopleAdmin) RetryJob(ctx context.Context, v Viewer, kind JobKind, key string) (personID string, err error) {
	if err := v.organizer(); err != nil {
		return "", err
	}
	now := a.Clock.Now()
	err = a.Store.InTx(ctx, func(tx Tx) error {
		if err := tx.Jobs.RetryJob(ctx, kind, key, now); err != nil {
			return notFound(err, "There is no such job waiting: it may have finished meanwhile.")
		}
		e := AuditEntry{Action: AuditJobRetry, Detail: fmt.Sprintf("Asked for %s %s to run again now.", kind, key)}
		if reg, err := tx.Registrations.RegistrationByID(ctx, key); err == nil {
			e.EventID, e.PersonID, e.RegistrationID = reg.EventID, reg.PersonID, reg.ID
			e.Detail = fmt.Sprintf("Asked for %s of %s's registration for %s to run again now.", kind, reg.Person.Name, reg.Event.Title)
		} else if mail, err := tx.Emails.EmailByID(ctx, key); err == nil {
			e.PersonID = mail.PersonID
			e.Detail = fmt.Sprintf("Asked for the email %q to be sent again now.", mail.Subject)
		}
		personID = e.PersonID
		return audit(ctx, tx.Audit, v, now, e)
	})
	return personID, err
}
