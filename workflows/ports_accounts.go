package workflows

import (
	"context"
	"time"
)

// AccountsTx is what sign-in, the organizers' admin area and the people's own
// pages read and write inside a transaction. It is part of Tx.
type AccountsTx interface {
	// Sign-ins. A browser session names a sign-in, never a person, so that
	// deleting a person's sign-ins ends every session they had.
	CreateSignIn(ctx context.Context, s SignIn) error
	SignInByID(ctx context.Context, id string) (SignIn, error)
	DeleteSignIn(ctx context.Context, id string) error
	DeleteSignInsBefore(ctx context.Context, t time.Time) error
	// RolesOf reports whether the person has any student or mentor registration.
	RolesOf(ctx context.Context, personID string) (student, mentor bool, err error)

	// Events and registrations as organizers see them.
	ListEvents(ctx context.Context) ([]Event, error)
	UpdateEvent(ctx context.Context, e Event) error
	CountRegistrations(ctx context.Context) ([]RegistrationCount, error)
	// RegistrationsOfEvent and RegistrationsOfPerson return sign-up order.
	RegistrationsOfEvent(ctx context.Context, eventID string) ([]RegistrationDetail, error)
	RegistrationsOfPerson(ctx context.Context, personID string) ([]RegistrationDetail, error)
	SetWithdrawReason(ctx context.Context, registrationID, reason string) error
	EmailsOfPerson(ctx context.Context, personID string) ([]Email, error)

	// Outbox rows as organizers see them.
	JobsFor(ctx context.Context, keys []string) ([]JobStatus, error)
	// ProblemJobs lists parked jobs and jobs retrying after a failure, newest first.
	ProblemJobs(ctx context.Context, limit int) ([]JobStatus, error)
	// RetryJob makes a job that is not done due at now; NotFound otherwise.
	RetryJob(ctx context.Context, kind JobKind, key string, now time.Time) error

	// Audit log.
	RecordAudit(ctx context.Context, e AuditEntry) error
	AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, error)

	// Erasure. ErasePerson deletes the person and everything that names them:
	// registrations, tokens, emails, sign-ins and outbox rows keyed by them; it
	// strips them from the audit log.
	ErasePerson(ctx context.Context, personID string) error
	CreateErasure(ctx context.Context, e Erasure) error
	ErasureByRegistration(ctx context.Context, registrationID string) (Erasure, error)
}

// RegistrationCount is how many registrations of an event are in one role and status.
type RegistrationCount struct {
	EventID string
	Role    Role
	Status  Status
	N       int
}

// RegistrationDetail is a registration as organizers see it.
type RegistrationDetail struct {
	RegistrationView
	// Confirmed is when the address was confirmed (zero while pending): the
	// waitlist is served in this order.
	Confirmed      time.Time
	WithdrawReason string
}

// JobState is where an outbox job stands.
type JobState string

const (
	JobQueued JobState = "queued" // due, or waiting for its next try
	JobDone   JobState = "done"
	JobFailed JobState = "failed" // parked after a permanent failure
)

// JobStatus is one outbox row as organizers see it.
type JobStatus struct {
	Kind       JobKind
	Key        string
	State      JobState
	Attempts   int
	Failures   int // consecutive failures; above 0 while queued means retrying
	LastError  string
	ExternalID string
	RunAt      time.Time
	Updated    time.Time
	// PersonID and PersonName say whom the job concerns, when ProblemJobs can tell.
	PersonID   string
	PersonName string
}

// Retrying reports a queued job that has failed before.
func (j JobStatus) Retrying() bool { return j.State == JobQueued && j.Failures > 0 }
