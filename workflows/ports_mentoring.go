package workflows

import (
	"context"
	"time"
)

// PairingStore holds pairings of students with mentors. Capacity decisions
// hold the event's lock (EventStore.LockEvent) while they count.
type PairingStore interface {
	// CreatePairing fails with Conflict when the student has an open pairing.
	CreatePairing(ctx context.Context, p Pairing) error
	// EndPairing ends an open pairing; NotFound when none is open with that ID.
	EndPairing(ctx context.Context, id string, at time.Time, reason string) error
	PairingByID(ctx context.Context, id string) (Pairing, error)
	// OpenPairingOfStudent returns NotFound when the student has no mentor.
	OpenPairingOfStudent(ctx context.Context, studentRegistrationID string) (Pairing, error)
	OpenPairingsOfMentor(ctx context.Context, mentorRegistrationID string) ([]Pairing, error)
	OpenPairingsOfEvent(ctx context.Context, eventID string) ([]Pairing, error)
	// PairingsOfPerson lists open and ended pairings where the person is the
	// student or the mentor, newest first.
	PairingsOfPerson(ctx context.Context, personID string) ([]Pairing, error)
}

// StepStore holds each event's checklist and the steps registrations have done.
type StepStore interface {
	CreateSteps(ctx context.Context, eventID string, steps []Step) error
	// StepsOfEvent returns the checklist in order.
	StepsOfEvent(ctx context.Context, eventID string) ([]Step, error)
	// PutStep inserts or updates one step of its event.
	PutStep(ctx context.Context, s Step) error
	DeleteStep(ctx context.Context, eventID, key string) error
	// MarkStep records a step as done, replacing an earlier record.
	MarkStep(ctx context.Context, p StepProgress) error
	// UnmarkStep undoes a step; NotFound when it was not done.
	UnmarkStep(ctx context.Context, registrationID, key string) error
	VerifyStep(ctx context.Context, registrationID, key, by string, at time.Time) error
	ProgressOf(ctx context.Context, registrationID string) ([]StepProgress, error)
}

// CheckInStore holds the weekly check-ins, one per pairing and ISO week.
type CheckInStore interface {
	// InsertCheckIn adds the week's check-in; false when the week has one
	// already (never an error, so a PostgreSQL transaction stays usable).
	InsertCheckIn(ctx context.Context, c CheckIn) (inserted bool, err error)
	// UpdateCheckIn rewrites the check-in of c's pairing and week.
	UpdateCheckIn(ctx context.Context, c CheckIn) error
	CheckInFor(ctx context.Context, pairingID string, week ISOWeek) (CheckIn, error)
	// CheckInsOfPairing returns newest week first.
	CheckInsOfPairing(ctx context.Context, pairingID string) ([]CheckIn, error)
	// MarkOrganizerNotified claims the check-in's organizer alert; NotFound
	// when it was claimed already, so concurrent posts email once.
	MarkOrganizerNotified(ctx context.Context, id string, at time.Time) error
}

// ActivityStore holds the log of students' progress.
type ActivityStore interface {
	RecordActivity(ctx context.Context, a Activity) error
	// LastActivity maps each student registration of the event with any
	// activity to the time of the latest.
	LastActivity(ctx context.Context, eventID string) (map[string]time.Time, error)
	// LastActivityOf is the latest activity of one registration; zero if none.
	LastActivityOf(ctx context.Context, registrationID string) (time.Time, error)
	// WeeklyActivity counts the event's activity by week and kind, oldest week first.
	WeeklyActivity(ctx context.Context, eventID string) ([]WeekActivity, error)
}
