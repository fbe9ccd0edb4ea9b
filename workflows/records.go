package workflows

import "time"

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
	// Confirmed is when the address was confirmed (zero while pending).
	Confirmed time.Time
	// Waitlisted is when it last joined the waitlist: the line is served in
	// this order.
	Waitlisted     time.Time
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
