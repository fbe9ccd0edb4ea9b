package workflows

import "time"

// Deps is what the services are built from: the store, the clock, the email
// renderer, the links that go into emails and the sync jobs each change
// enqueues (one per enabled integration).
type Deps struct {
	Store   Store
	Clock   Clock
	Emails  EmailRenderer
	Links   Links
	Mirrors []JobKind
}

// seating is the organizers' capacity rules acting for v at now.
func (d Deps) seating(v Viewer, now time.Time) seating {
	return seating{emails: d.Emails, links: d.Links, mirrors: d.Mirrors, actor: v, now: now}
}

// Services are the use cases the web serves. The organizers' services are
// one per task of theirs; each of their methods takes the viewer and refuses
// anyone who is not an organizer, whatever route led there.
type Services struct {
	Events      *Events
	Signups     *Signups
	Accounts    *Accounts
	Homes       *Homes
	Overview    *Overview
	EventAdmin  *EventAdmin
	Reviews     *Reviews
	PeopleAdmin *PeopleAdmin
	AuditTrail  *AuditTrail
	MailEvents  *MailEvents
	Checklists  *Checklists
	CheckIns    *CheckIns
	Pairings    *Pairings
	Watch       *Watch
	Preferences *Preferences
	Messages    *Messages
}

// NewServices builds every service from d: the one place the app and the
// tests wire them.
func NewServices(d Deps) Services {
	return Services{
		Events:      &Events{Store: d.Store, Clock: d.Clock},
		Signups:     &Signups{Store: d.Store, Emails: d.Emails, Clock: d.Clock, Links: d.Links, Mirrors: d.Mirrors},
		Accounts:    &Accounts{Store: d.Store, Emails: d.Emails, Clock: d.Clock, Links: d.Links, Mirrors: d.Mirrors},
		Homes:       &Homes{Store: d.Store, Clock: d.Clock, Emails: d.Emails, Links: d.Links, Mirrors: d.Mirrors},
		Overview:    &Overview{d},
		EventAdmin:  &EventAdmin{d},
		Reviews:     &Reviews{d},
		PeopleAdmin: &PeopleAdmin{d},
		AuditTrail:  &AuditTrail{d},
		MailEvents:  &MailEvents{Store: d.Store, Clock: d.Clock},
		Checklists:  &Checklists{Store: d.Store, Clock: d.Clock, Emails: d.Emails, Mirrors: d.Mirrors},
		CheckIns:    &CheckIns{Store: d.Store, Clock: d.Clock, Emails: d.Emails, Mirrors: d.Mirrors},
		Pairings:    &Pairings{d},
		Watch:       &Watch{d},
		Preferences: &Preferences{Store: d.Store, Clock: d.Clock},
		Messages:    &Messages{d},
	}
}
