package workflows

import (
	"context"
	"time"
)

// ProgressFact is what the progress board needs of one active student: the
// student, their open pairing, the steps of the event's checklist they have
// done, the pairing's newest check-in and their latest activity.
type ProgressFact struct {
	Student      RegistrationView
	Pairing      Pairing   // zero when the student has no mentor now
	StepsDone    int       // done steps that are on the event's checklist
	LastCheckIn  CheckIn   // the open pairing's newest week; zero when none
	LastActivity time.Time // zero when none
}

// BoardStore reads the organizers' mentoring boards in a few grouped
// queries, so a board of 500 students costs about what one of 5 does.
type BoardStore interface {
	// ProgressFacts returns every active student of the event, in sign-up order.
	ProgressFacts(ctx context.Context, eventID string) ([]ProgressFact, error)
	// MentorsOfEvent returns the event's mentor registrations, in sign-up order.
	MentorsOfEvent(ctx context.Context, eventID string) ([]RegistrationView, error)
	// StudentStepCounts counts, per step key, the event's students who did it.
	StudentStepCounts(ctx context.Context, eventID string) (map[string]int, error)
}
