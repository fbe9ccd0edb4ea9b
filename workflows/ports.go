package workflows

import (
	"context"
	"time"
)

// Store runs fn in one database transaction: everything fn writes, job rows
// included, commits together or not at all. View runs a use case that only
// reads: it sees one consistent snapshot, never waits behind writers (on
// SQLite it reads on connections of its own) and cannot write.
type Store interface {
	InTx(ctx context.Context, fn func(Tx) error) error
	View(ctx context.Context, fn func(Tx) error) error
}

// Tx is one transaction seen through small ports, one per kind of record, so
// a use case (or a helper) names only the ports it touches. Every field is
// backed by the same database transaction. Ports return NotFound errors for
// missing rows and Conflict for unique violations.
type Tx struct {
	Events        EventStore
	People        PersonStore
	Registrations RegistrationStore
	Tokens        TokenStore
	Emails        EmailStore
	Jobs          JobStore
	SignIns       SignInStore
	Audit         AuditStore
	Erasures      ErasureStore
	Webhooks      WebhookStore
	// Mentoring: ports_mentoring.go
	Pairings PairingStore
	Steps    StepStore
	CheckIns CheckInStore
	Activity ActivityStore
	Boards   BoardStore // the organizers' boards: ports_boards.go
	// Check-ins' alerts: ports_checkins.go
	Organizers OrganizerStore
	// Reminders, sends and email preferences: ports_reminders.go
	Reminders   ReminderStore
	Sends       SendStore
	Preferences PreferenceStore
	Messages    MessageStore // ports_messages.go
	Lists       ListStore    // pages of long lists: ports_lists.go
	Contents    ContentStore // event pages' content, code-of-conduct acceptances: event_content.go
}

// EventStore holds events (cohorts).
type EventStore interface {
	CreateEvent(ctx context.Context, e Event) error
	UpdateEvent(ctx context.Context, e Event) error
	EventBySlug(ctx context.Context, slug string) (Event, error)
	EventByID(ctx context.Context, id string) (Event, error)
	// EventForSignup is EventBySlug with the address of the event's code of
	// conduct ("" for none), read together: every sign-up needs both.
	EventForSignup(ctx context.Context, slug string) (Event, string, error)
	ListEvents(ctx context.Context) ([]Event, error)
	ListOpenEvents(ctx context.Context, now time.Time) ([]Event, error)
	// LockEvent serialises capacity decisions for one event (SELECT … FOR UPDATE).
	LockEvent(ctx context.Context, id string) error
}

// PersonStore holds people, one per email address.
type PersonStore interface {
	PersonByEmail(ctx context.Context, email string) (Person, error)
	PersonByID(ctx context.Context, id string) (Person, error)
	CreatePerson(ctx context.Context, p Person) error
	// CreatePersonIfNew is CreatePerson unless someone holds p's address
	// already, which it reports by created false (and changes nothing).
	CreatePersonIfNew(ctx context.Context, p Person) (created bool, err error)
	UpdatePersonDetails(ctx context.Context, p Person) error
	// SetPersonEmail moves the person to a new address and forgets a bounce
	// of the old one; Conflict when someone else holds it.
	SetPersonEmail(ctx context.Context, personID, email string) error
	SetOrganizer(ctx context.Context, personID string, organizer bool) error
	MarkUndeliverable(ctx context.Context, personID string) error
	MarkUnsubscribed(ctx context.Context, personID string) error
	// MarkComplained records a spam complaint (and unsubscribes); HasComplained reads it.
	MarkComplained(ctx context.Context, personID string) error
	HasComplained(ctx context.Context, personID string) (bool, error)
	// RolesOf reports whether the person has any student or mentor registration.
	RolesOf(ctx context.Context, personID string) (student, mentor bool, err error)
}

// RegistrationStore holds registrations: a person in an event in one role.
type RegistrationStore interface {
	// CreateRegistration stores r for p, its person as the transaction holds
	// it: p's name, address and company go into the registration's sort and search text.
	CreateRegistration(ctx context.Context, r Registration, p Person) error
	RegistrationByID(ctx context.Context, id string) (RegistrationView, error)
	RegistrationFor(ctx context.Context, eventID, personID string) (Registration, error)
	// RegistrationByCardID finds the registration a Trello card mirrors.
	RegistrationByCardID(ctx context.Context, cardID string) (RegistrationView, error)
	SetRegistrationStatus(ctx context.Context, id string, s Status, now time.Time) error
	SetWithdrawReason(ctx context.Context, registrationID, reason string) error
	CountSeats(ctx context.Context, eventID string, role Role) (int, error)
	CountRegistrations(ctx context.Context) ([]RegistrationCount, error)
	// RegistrationsOfEvent and RegistrationsOfPerson return sign-up order.
	RegistrationsOfEvent(ctx context.Context, eventID string) ([]RegistrationDetail, error)
	RegistrationsOfPerson(ctx context.Context, personID string) ([]RegistrationDetail, error)
}

// TokenStore holds one-time tokens (confirmation and login links), stored hashed.
type TokenStore interface {
	CreateToken(ctx context.Context, t Token) error
	TokenByHash(ctx context.Context, purpose TokenPurpose, hash string) (Token, error)
	UseToken(ctx context.Context, hash string, now time.Time) error
	// RevokeTokens marks the person's unused tokens of purpose used at now.
	RevokeTokens(ctx context.Context, personID string, purpose TokenPurpose, now time.Time) error
}

// EmailStore holds outbound emails and their delivery state.
type EmailStore interface {
	// QueueEmail stores the email and enqueues the job that sends it.
	QueueEmail(ctx context.Context, e Email) error
	EmailByID(ctx context.Context, id string) (Email, error)
	// ReportedEmail is the email a delivery report is about: ours by ID,
	// sent with that provider ID; NotFound for another sender's.
	ReportedEmail(ctx context.Context, emailID, providerID string) (Email, error)
	EmailsOfPerson(ctx context.Context, personID string) ([]Email, error)
	// EmailsToSend reads the emails with these IDs for sending, in any order;
	// an ID without an email is left out.
	EmailsToSend(ctx context.Context, ids []string) ([]Outgoing, error)
	// MarkEmailsSent records the provider's IDs and drops the bodies;
	// NotFound when an email is gone.
	MarkEmailsSent(ctx context.Context, sent []SentEmail, now time.Time) error
	// CountEmailsSince counts the person's emails of kind queued at or after since.
	CountEmailsSince(ctx context.Context, personID string, kind EmailKind, since time.Time) (int, error)
	SetEmailStatus(ctx context.Context, id string, s EmailStatus) error
}

// JobStore is the outbox: job rows written with the change that causes them.
type JobStore interface {
	Enqueue(ctx context.Context, kind JobKind, key string, runAt time.Time) error
	JobsFor(ctx context.Context, keys []string) ([]JobStatus, error)
	// ProblemJobs lists parked jobs and jobs retrying after a failure, newest first.
	ProblemJobs(ctx context.Context, limit int) ([]JobStatus, error)
	// RetryJob makes a job that is not done due at now; NotFound otherwise.
	RetryJob(ctx context.Context, kind JobKind, key string, now time.Time) error
}

// SignInStore holds sign-ins. A browser session names a sign-in, never a
// person, so that deleting a person's sign-ins ends every session they had.
type SignInStore interface {
	CreateSignIn(ctx context.Context, s SignIn) error
	SignInByID(ctx context.Context, id string) (SignIn, error)
	DeleteSignIn(ctx context.Context, id string) error
	DeleteSignInsBefore(ctx context.Context, t time.Time) error
	// DeleteOtherSignIns ends every sign-in of the person but keep.
	DeleteOtherSignIns(ctx context.Context, personID, keep string) error
}

// AuditStore is the log of organizer actions.
type AuditStore interface {
	RecordAudit(ctx context.Context, e AuditEntry) error
	AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}

// ErasureStore deletes a person on request and remembers what the mirrors
// still have to delete.
type ErasureStore interface {
	// ErasePerson deletes the person and everything that names them:
	// registrations, tokens, emails, sign-ins and outbox rows keyed by them; it
	// strips them from the audit log.
	ErasePerson(ctx context.Context, personID string) error
	CreateErasure(ctx context.Context, e Erasure) error
	ErasureByRegistration(ctx context.Context, registrationID string) (Erasure, error)
	// PendingBefore lists the people with a registration still pending that
	// was made before t, at most limit of them.
	PendingBefore(ctx context.Context, t time.Time, limit int) ([]string, error)
	// DeleteRegistration deletes one registration with its tokens and the
	// outbox rows keyed by it.
	DeleteRegistration(ctx context.Context, registrationID string) error
	// LockPerson holds the person until the transaction ends, so two passes
	// over the same person take turns; NotFound when they are gone.
	LockPerson(ctx context.Context, personID string) error
}

// WebhookStore protects inbound webhooks from replays.
type WebhookStore interface {
	// RememberWebhookToken records a webhook's token; Conflict when seen before.
	RememberWebhookToken(ctx context.Context, source, token string, now time.Time) error
}
